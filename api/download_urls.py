"""The de-identified records as a file for signed-in oversight readers, beside their dashboard."""

from django.urls import path

from api.downloads import records_download

urlpatterns = [
    path("data-program.<str:fmt>", records_download, name="records_download"),
]
