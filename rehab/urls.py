from django.urls import path

from rehab.views import (
    agreements,
    cohorts,
    dashboard,
    evaluations,
    modules,
    oversight,
    partners,
    programmes,
    reports,
)

app_name = "rehab"

urlpatterns = [
    # Cohorts and the module library (sessions feature).
    path("angkatan/", cohorts.cohort_list, name="cohort_list"),
    path("angkatan/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("modul/", cohorts.module_list, name="module_list"),
]

# Programmes, cohorts and the module library, kept from the pages (kepala, administrator).
urlpatterns += [
    path("program/", programmes.programme_list, name="programme_list"),
    path("program/baru/", programmes.programme_create, name="programme_create"),
    path("program/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("program/<int:pk>/ubah/", programmes.programme_edit, name="programme_edit"),
    path("angkatan/baru/", programmes.cohort_create, name="cohort_create"),
    path("angkatan/<int:pk>/ubah/", programmes.cohort_edit, name="cohort_edit"),
    path("angkatan/<int:pk>/jadwal/", programmes.cohort_schedule, name="cohort_schedule"),
    path("modul/baru/", modules.module_create, name="module_create"),
    path("modul/<int:pk>/ubah/", modules.module_edit, name="module_edit"),
    path("modul/<int:pk>/materi.pdf", modules.module_material, name="module_material"),
]

# Partners and cooperation agreements (PKS).
urlpatterns += [
    path("mitra/", partners.partner_list, name="partner_list"),
    path("mitra/baru/", partners.partner_create, name="partner_create"),
    path("mitra/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("mitra/<int:pk>/ubah/", partners.partner_edit, name="partner_edit"),
    path("pks/", agreements.agreement_list, name="agreement_list"),
    path("pks/baru/", agreements.agreement_create, name="agreement_create"),
    path("pks/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("pks/<int:pk>/ubah/", agreements.agreement_edit, name="agreement_edit"),
    path("pks/<int:pk>/dokumen/", agreements.agreement_document, name="agreement_document"),
    path("pks/<int:pk>/setujui/", agreements.agreement_activate, name="agreement_activate"),
    path("pks/<int:pk>/akhiri/", agreements.agreement_terminate, name="agreement_terminate"),
    path(
        "pks/<int:pk>/adendum/baru/",
        agreements.agreement_addendum_create,
        name="agreement_addendum_create",
    ),
]

# Evaluations, dashboard and reports.
urlpatterns += [
    path("evaluasi/", evaluations.evaluation_list, name="evaluation_list"),
    path("evaluasi/antrean/", evaluations.approval_queue, name="approval_queue"),
    path(
        "evaluasi/antrean/setujui/",
        evaluations.approval_queue_approve,
        name="approval_queue_approve",
    ),
    path(
        "evaluasi/baru/<int:enrollment_pk>/",
        evaluations.evaluation_create,
        name="evaluation_create",
    ),
    path("evaluasi/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("evaluasi/<int:pk>/ubah/", evaluations.evaluation_edit, name="evaluation_edit"),
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
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("wilayah/", oversight.oversight_dashboard, name="oversight"),
    path("wilayah/rekap/<slug:scope>/<str:period>/", oversight.recap, name="recap"),
    path("wilayah/rekap/<slug:scope>/<str:period>.pdf", oversight.recap_pdf, name="recap_pdf"),
    path("wilayah/rekap/<slug:scope>/<str:period>.xlsx", oversight.recap_xlsx, name="recap_xlsx"),
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

# One review view for both kinds of evaluation; the URL names the kind and the step.
REVIEW_STEPS = (("submit", "ajukan"), ("approve", "setujui"), ("return", "kembalikan"))
urlpatterns += [
    path(
        f"{prefix}/<int:pk>/{word}/",
        evaluations.evaluation_review,
        {"kind": kind, "step": step},
        name=f"{name}_{step}",
    )
    for prefix, kind, name in (
        ("evaluasi", "evaluation", "evaluation"),
        ("evaluasi-program", "programme", "programme_evaluation"),
    )
    for step, word in REVIEW_STEPS
]
