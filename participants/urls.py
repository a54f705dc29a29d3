from django.urls import include
from django.urls import path

from participants.views import certificates
from participants.views import enrolment
from participants.views import imports
from participants.views import integration
from participants.views import privacy
from participants.views import registry
from participants.views import release
from participants.views import screening

app_name = "participants"

# One participant's record, as the registry keeps it.
participant_urls = [
    path("", registry.participant_detail, name="detail"),
    path("ubah/", registry.participant_edit, name="edit"),
    path("data-sensitif/", registry.participant_reveal, name="reveal"),
    path("register/", registry.participant_change_register_view, name="change_register"),
    path("data-subjek.<str:fmt>", privacy.subject_access_export, name="subject_access"),
]

# What is added to one participant along the way, each from its own form.
participant_step_urls = [
    path("skrining/baru/", screening.screening_create, name="screening_create"),
    path("persetujuan/baru/", enrolment.consent_create, name="consent_create"),
    path("angkatan/", enrolment.enrollment_create, name="enrollment_create"),
    path("integrasi/baru/", integration.integration_create, name="integration_create"),
    path("sidang/baru/", integration.court_hearing_create, name="court_hearing_create"),
]

certificate_urls = [
    path("terbitkan/<int:pk>/", certificates.certificate_create, name="certificate_create"),
    path("<int:pk>.pdf", certificates.certificate_pdf, name="certificate_pdf"),
]

# The spreadsheet import: upload, preview, then commit or cancel (see participants.importing).
import_urls = [
    path("", imports.import_start, name="import"),
    path("pratinjau/", imports.import_preview, name="import_preview"),
    path("simpan/", imports.import_commit, name="import_commit"),
    path("batal/", imports.import_cancel, name="import_cancel"),
    path("<uuid:pk>/", imports.import_job, name="import_job"),
]

urlpatterns = [
    path("", registry.participant_list, name="list"),
    path("ekspor.xlsx", registry.participant_export, name="export"),
    path("baru/", registry.participant_create, name="create"),
    path("rencana-keluar/", release.release_plan, name="release_plan"),
    path("tinjau-rekap/", registry.recap_review, name="recap_review"),
    path("<int:pk>/", include(participant_urls)),
    path("<int:pk>/", include(participant_step_urls)),
    path("skrining/<int:pk>/", screening.screening_detail, name="screening_detail"),
    path("persetujuan/<int:pk>/cabut/", enrolment.consent_withdraw, name="consent_withdraw"),
    path("pendaftaran/", enrolment.enrollment_bulk, name="enrollment_bulk"),
    path(
        "keikutsertaan/<int:pk>/<slug:action>/",
        enrolment.enrollment_transition,
        name="enrollment_transition",
    ),
    path("integrasi/<int:pk>/ubah/", integration.integration_edit, name="integration_edit"),
    path("sertifikat/", include(certificate_urls)),
    path("impor/", include(import_urls)),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
]
