from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from rutan import two_factor_views, views

admin.site.site_header = _("Administrasi Pulih")
admin.site.site_title = _("Pulih")
admin.site.index_title = _("Data induk dan pengguna")

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/tetap-masuk/", views.session_keepalive, name="session_keepalive"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("jejak-audit/", views.audit_trail_view, name="audit_trail"),
    path("jejak-audit/pemberitahuan-kebocoran/", views.breach_notice, name="breach_notice"),
    path("jejak-audit/ekspor.<str:fmt>", views.audit_trail_export, name="audit_trail_export"),
    path("akun/dua-langkah/", two_factor_views.two_factor_account, name="two_factor_account"),
    path("akun/dua-langkah/siapkan/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path(
        "akun/dua-langkah/verifikasi/",
        two_factor_views.two_factor_verify,
        name="two_factor_verify",
    ),
    path(
        "akun/dua-langkah/kode-cadangan/",
        two_factor_views.two_factor_new_codes,
        name="two_factor_new_codes",
    ),
    path(
        "akun/dua-langkah/matikan/", two_factor_views.two_factor_disable, name="two_factor_disable"
    ),
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/jumlah/", views.notifications_count, name="notifications_count"),
    path("notifikasi/<int:pk>/baca/", views.notification_read, name="notification_read"),
    path("notifikasi/baca-semua/", views.notifications_read_all, name="notifications_read_all"),
    path(
        "akun/lupa-kata-sandi/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "akun/lupa-kata-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
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
