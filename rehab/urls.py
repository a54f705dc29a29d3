from django.urls import include
from django.urls import path

from rehab.views import agreements
from rehab.views import cohorts
from rehab.views import dashboard
from rehab.views import evaluations
from rehab.views import modules
from rehab.views import oversight
from rehab.views import partners
from rehab.views import programmes
from rehab.views import report_jobs
from rehab.views import reports

app_name = "rehab"

# Programmes, cohorts and the module library, kept from the pages (kepala, administrator); the
# cohort pages and the module list also serve the sessions feature.
programme_urls = [
    path("", programmes.programme_list, name="programme_list"),
    path("baru/", programmes.programme_create, name="programme_create"),
    path("<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("<int:pk>/ubah/", programmes.programme_edit, name="programme_edit"),
]

cohort_urls = [
    path("", cohorts.cohort_list, name="cohort_list"),
    path("baru/", programmes.cohort_create, name="cohort_create"),
    path("<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("<int:pk>/ubah/", programmes.cohort_edit, name="cohort_edit"),
    path("<int:pk>/jadwal/", programmes.cohort_schedule, name="cohort_schedule"),
]

module_urls = [
    path("", cohorts.module_list, name="module_list"),
    path("baru/", modules.module_create, name="module_create"),
    path("<int:pk>/ubah/", modules.module_edit, name="module_edit"),
    path("<int:pk>/materi.pdf", modules.module_material, name="module_material"),
]

# Partners and cooperation agreements (PKS).
partner_urls = [
    path("", partners.partner_list, name="partner_list"),
    path("baru/", partners.partner_create, name="partner_create"),
    path("<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("<int:pk>/ubah/", partners.partner_edit, name="partner_edit"),
]

agreement_detail_urls = [
    path("", agreements.agreement_detail, name="agreement_detail"),
    path("ubah/", agreements.agreement_edit, name="agreement_edit"),
    path("dokumen/", agreements.agreement_document, name="agreement_document"),
    path("adendum/baru/", agreements.agreement_addendum_create, name="agreement_addendum_create"),
]

# An agreement's status changes: approved into force, or ended early.
agreement_step_urls = [
    path("setujui/", agreements.agreement_activate, name="agreement_activate"),
    path("akhiri/", agreements.agreement_terminate, name="agreement_terminate"),
]

agreement_urls = [
    path("", agreements.agreement_list, name="agreement_list"),
    path("baru/", agreements.agreement_create, name="agreement_create"),
    path("<int:pk>/", include(agreement_detail_urls)),
    path("<int:pk>/", include(agreement_step_urls)),
]


def review_urls(kind: str, name: str) -> list:
    """One review view for both kinds of evaluation; the URL names the kind and the step."""
    steps = (("submit", "ajukan"), ("approve", "setujui"), ("return", "kembalikan"))
    return [
        path(
            f"{word}/",
            evaluations.evaluation_review,
            {"kind": kind, "step": step},
            name=f"{name}_{step}",
        )
        for step, word in steps
    ]


# Evaluations of one participant, with the approval queue.
evaluation_detail_urls = [
    path("", evaluations.evaluation_detail, name="evaluation_detail"),
    path("ubah/", evaluations.evaluation_edit, name="evaluation_edit"),
    *review_urls("evaluation", "evaluation"),
]

evaluation_urls = [
    path("", evaluations.evaluation_list, name="evaluation_list"),
    path("antrean/", evaluations.approval_queue, name="approval_queue"),
    path("antrean/setujui/", evaluations.approval_queue_approve, name="approval_queue_approve"),
    path("baru/<int:enrollment_pk>/", evaluations.evaluation_create, name="evaluation_create"),
    path("<int:pk>/", include(evaluation_detail_urls)),
]

# Evaluations of a whole programme.
programme_evaluation_detail_urls = [
    path("", evaluations.programme_evaluation_detail, name="programme_evaluation_detail"),
    path("ubah/", evaluations.programme_evaluation_edit, name="programme_evaluation_edit"),
    *review_urls("programme", "programme_evaluation"),
]

programme_evaluation_urls = [
    path("baru/", evaluations.programme_evaluation_create, name="programme_evaluation_create"),
    path("<int:pk>/", include(programme_evaluation_detail_urls)),
]

# The dashboard, the regional oversight pages and the reports.
recap_urls = [
    path("<str:period>/", oversight.recap, name="recap"),
    path("<str:period>.pdf", oversight.recap_pdf, name="recap_pdf"),
    path("<str:period>.xlsx", oversight.recap_xlsx, name="recap_xlsx"),
]

monthly_report_urls = [
    path("<int:year>-<int:month>/", reports.report_monthly, name="report_monthly"),
    path("<int:year>-<int:month>.pdf", reports.report_monthly_pdf, name="report_monthly_pdf"),
    path("<int:year>-<int:month>.xlsx", reports.report_monthly_xlsx, name="report_monthly_xlsx"),
]

report_job_urls = [
    path("", report_jobs.report_job, name="report_job"),
    path("unduh/", report_jobs.report_job_download, name="report_job_download"),
]

report_urls = [
    path("", reports.report_index, name="report_index"),
    path("bulanan/<slug:facility_code>/", include(monthly_report_urls)),
    path("sidang-tpp/<int:pk>.pdf", reports.dossier_pdf, name="dossier_pdf"),
    path("berkas/<uuid:pk>/", include(report_job_urls)),
]

urlpatterns = [
    path("program/", include(programme_urls)),
    path("angkatan/", include(cohort_urls)),
    path("modul/", include(module_urls)),
    path("mitra/", include(partner_urls)),
    path("pks/", include(agreement_urls)),
    path("evaluasi/", include(evaluation_urls)),
    path("evaluasi-program/", include(programme_evaluation_urls)),
    path("dasbor/", dashboard.dashboard, name="dashboard"),
    path("wilayah/", oversight.oversight_dashboard, name="oversight"),
    path("wilayah/rekap/<slug:scope>/", include(recap_urls)),
    path("laporan/", include(report_urls)),
]
