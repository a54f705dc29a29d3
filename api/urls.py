from django.urls import include
from django.urls import path
from django.urls import re_path
from drf_spectacular.views import SpectacularAPIView
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views

router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("facilities", views.FacilityViewSet, basename="facility")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("participants", views.ParticipantRecordViewSet, basename="participant")

app_name = "api"
urlpatterns = [
    path("recap/", views.RecapView.as_view(), name="recap"),
    path(
        "participants/export/",
        views.ParticipantRecordExportView.as_view(),
        name="participant_export",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from a URL: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Anything else under /api/v1/ answers a JSON 404, like an object out of scope.
    re_path(r"^", views.not_found),
]
