from django.urls import path

from rehab.views import dashboard, evaluations, reports

app_name = "rehab"

urlpatterns: list = [
    # Evaluations, dashboard and reports (feature/reports)
    path("evaluasi/", evaluations.evaluation_list, name="evaluation_list"),
    path(
        "evaluasi/baru/<int:enrollment_pk>/",
        evaluations.evaluation_create,
        name="evaluation_create",
    ),
    path("evaluasi/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("evaluasi/<int:pk>/ubah/", evaluations.evaluation_edit, name="evaluation_edit"),
    path("evaluasi/<int:pk>/ajukan/", evaluations.evaluation_submit, name="evaluation_submit"),
    path("evaluasi/<int:pk>/setujui/", evaluations.evaluation_approve, name="evaluation_approve"),
    path("evaluasi/<int:pk>/kembalikan/", evaluations.evaluation_return, name="evaluation_return"),
    path(
        "evaluasi-program/baru/",
        evaluations.programme_evaluation_create,
        name="programme_evaluation_create",
    ),
    path(
        "evaluasi-program/<int:pk>/",
        evaluations.programme_evaluation_detail,
        name="programme_evaluation_detail",
    ),
    path(
        "evaluasi-program/<int:pk>/ubah/",
        evaluations.programme_evaluation_edit,
        name="programme_evaluation_edit",
    ),
    path(
        "evaluasi-program/<int:pk>/ajukan/",
        evaluations.programme_evaluation_submit,
        name="programme_evaluation_submit",
    ),
    path(
        "evaluasi-program/<int:pk>/setujui/",
        evaluations.programme_evaluation_approve,
        name="programme_evaluation_approve",
    ),
    path(
        "evaluasi-program/<int:pk>/kembalikan/",
        evaluations.programme_evaluation_return,
        name="programme_evaluation_return",
    ),
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("laporan/", reports.report_index, name="report_index"),
    path(
        "laporan/bulanan/<slug:facility_code>/<int:year>-<int:month>/",
        reports.report_monthly,
        name="report_monthly",
    ),
    path(
        "laporan/bulanan/<slug:facility_code>/<int:year>-<int:month>.pdf",
        reports.report_monthly_pdf,
        name="report_monthly_pdf",
    ),
    path(
        "laporan/bulanan/<slug:facility_code>/<int:year>-<int:month>.xlsx",
        reports.report_monthly_xlsx,
        name="report_monthly_xlsx",
    ),
    path(
        "laporan/sidang-tpp/<int:pk>.pdf",
        reports.dossier_pdf,
        name="dossier_pdf",
    ),
]
