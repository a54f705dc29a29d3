from django.urls import path

from participants.views import (
    certificates,
    enrolment,
    imports,
    integration,
    privacy,
    registry,
    release,
    screening,
)

app_name = "participants"

urlpatterns = [
    path("", registry.participant_list, name="list"),
    path("ekspor.xlsx", registry.participant_export, name="export"),
    path("baru/", registry.participant_create, name="create"),
    path("rencana-keluar/", release.release_plan, name="release_plan"),
    path("tinjau-rekap/", registry.recap_review, name="recap_review"),
    path("<int:pk>/", registry.participant_detail, name="detail"),
    path("<int:pk>/ubah/", registry.participant_edit, name="edit"),
    path("<int:pk>/data-sensitif/", registry.participant_reveal, name="reveal"),
    path("<int:pk>/register/", registry.participant_change_register_view, name="change_register"),
    path("<int:pk>/skrining/baru/", screening.screening_create, name="screening_create"),
    path("<int:pk>/data-subjek.<str:fmt>", privacy.subject_access_export, name="subject_access"),
    path("skrining/<int:pk>/", screening.screening_detail, name="screening_detail"),
    path("<int:pk>/persetujuan/baru/", enrolment.consent_create, name="consent_create"),
    path("persetujuan/<int:pk>/cabut/", enrolment.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/angkatan/", enrolment.enrollment_create, name="enrollment_create"),
    path("pendaftaran/", enrolment.enrollment_bulk, name="enrollment_bulk"),
    path(
        "keikutsertaan/<int:pk>/<slug:action>/",
        enrolment.enrollment_transition,
        name="enrollment_transition",
    ),
    path("<int:pk>/integrasi/baru/", integration.integration_create, name="integration_create"),
    path("integrasi/<int:pk>/ubah/", integration.integration_edit, name="integration_edit"),
    path("<int:pk>/sidang/baru/", integration.court_hearing_create, name="court_hearing_create"),
    path(
        "sertifikat/terbitkan/<int:pk>/", certificates.certificate_create, name="certificate_create"
    ),
    path("sertifikat/<int:pk>.pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path("impor/", imports.import_start, name="import"),
    path("impor/pratinjau/", imports.import_preview, name="import_preview"),
    path("impor/simpan/", imports.import_commit, name="import_commit"),
    path("impor/batal/", imports.import_cancel, name="import_cancel"),
    path("impor/<uuid:pk>/", imports.import_job, name="import_job"),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
]
