from django.urls import path

from rehab.views import cohorts

app_name = "rehab"

urlpatterns = [
    # Cohorts and the module library (sessions feature).
    path("angkatan/", cohorts.cohort_list, name="cohort_list"),
    path("angkatan/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("modul/", cohorts.module_list, name="module_list"),
]
