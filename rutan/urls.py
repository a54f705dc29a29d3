from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include
from django.urls import path
from django.utils.translation import gettext_lazy as _

from rutan import two_factor_views
from rutan import views

admin.site.site_header = _("Administrasi Pulih")
admin.site.site_title = _("Pulih")
admin.site.index_title = _("Data induk dan pengguna")

# Signing in with a second step: a code from an authenticator app, or a one-off backup code.
two_factor_urls = [
    path("", two_factor_views.two_factor_account, name="two_factor_account"),
    path("siapkan/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("verifikasi/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("kode-cadangan/", two_factor_views.two_factor_new_codes, name="two_factor_new_codes"),
    path("matikan/", two_factor_views.two_factor_disable, name="two_factor_disable"),
]

# Django's own password views: change it when signed in, or reset it by e-mail.
password_change_urls = [
    path("", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

password_reset_urls = [
    path("", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
]

# The link the reset e-mail carries, and the page once the new password is set.
password_reset_confirm_urls = [
    path(
        "<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]

account_urls = [
    path("tetap-masuk/", views.session_keepalive, name="session_keepalive"),
    path("dua-langkah/", include(two_factor_urls)),
    path("kata-sandi/", include(password_change_urls)),
    path("lupa-kata-sandi/", include(password_reset_urls)),
    path("atur-ulang/", include(password_reset_confirm_urls)),
]

audit_urls = [
    path("", views.audit_trail_view, name="audit_trail"),
    path("pemberitahuan-kebocoran/", views.breach_notice, name="breach_notice"),
    path("ekspor.<str:fmt>", views.audit_trail_export, name="audit_trail_export"),
]

notification_urls = [
    path("", views.notifications, name="notifications"),
    path("jumlah/", views.notifications_count, name="notifications_count"),
    path("<int:pk>/baca/", views.notification_read, name="notification_read"),
    path("baca-semua/", views.notifications_read_all, name="notifications_read_all"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include(account_urls)),
    path("jejak-audit/", include(audit_urls)),
    path("notifikasi/", include(notification_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("peserta/", include("participants.urls")),
    # The API's de-identified records as a file, for the oversight pages (a token: /api/v1/).
    path("program/wilayah/", include("api.download_urls")),
    path("program/", include("rehab.urls")),
    path("sesi/", include("sessions.urls")),
    path("api/v1/", include("api.urls")),
    path("bapas/", include("aftercare.urls")),
]
