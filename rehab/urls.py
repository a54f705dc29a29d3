from django.urls import path

from rehab.views import agreements, cohorts, partners

app_name = "rehab"

urlpatterns = [
    # Cohorts and the module library (sessions feature).
    path("angkatan/", cohorts.cohort_list, name="cohort_list"),
    path("angkatan/<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("modul/", cohorts.module_list, name="module_list"),
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
