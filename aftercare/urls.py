from django.urls import path

from aftercare import hearing_views, views

app_name = "aftercare"

urlpatterns = [
    path("", views.handover_list, name="list"),
    path("serah-terima/baru/<int:pk>/", views.handover_create_view, name="create"),
    path("serah-terima/<int:pk>/", views.handover_detail, name="detail"),
    path("serah-terima/<int:pk>.pdf", views.handover_pdf, name="pdf"),
    path("serah-terima/<int:pk>/kontak/", views.follow_up_create, name="follow_up_create"),
    path("sidang/impor/", hearing_views.hearing_import, name="hearing_import"),
    path("sidang/impor/simpan/", hearing_views.hearing_import_commit, name="hearing_import_commit"),
    path("pindah/baru/<int:pk>/", views.transfer_create, name="transfer_create"),
    path("pindah/<int:pk>/batal/", views.transfer_cancel, name="transfer_cancel"),
]
