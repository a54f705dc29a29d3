from django.urls import include
from django.urls import path

from aftercare import hearing_views
from aftercare import views

app_name = "aftercare"

handover_urls = [
    path("baru/<int:pk>/", views.handover_create_view, name="create"),
    path("<int:pk>/", views.handover_detail, name="detail"),
    path("<int:pk>.pdf", views.handover_pdf, name="pdf"),
    path("<int:pk>/kontak/", views.follow_up_create, name="follow_up_create"),
]

hearing_import_urls = [
    path("", hearing_views.hearing_import, name="hearing_import"),
    path("simpan/", hearing_views.hearing_import_commit, name="hearing_import_commit"),
]

transfer_urls = [
    path("baru/<int:pk>/", views.transfer_create, name="transfer_create"),
    path("<int:pk>/batal/", views.transfer_cancel, name="transfer_cancel"),
]

urlpatterns = [
    path("", views.handover_list, name="list"),
    path("serah-terima/", include(handover_urls)),
    path("sidang/impor/", include(hearing_import_urls)),
    path("pindah/", include(transfer_urls)),
]
