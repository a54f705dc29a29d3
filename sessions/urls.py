from django.urls import path

from sessions.views import attendance, calendar, notes, paper, schedule

app_name = "sessions"

urlpatterns = [
    path("", calendar.session_list, name="list"),
    path("bulan/", calendar.session_month, name="month"),
    path("sw.js", calendar.service_worker, name="service_worker"),
    path("baru/", schedule.session_create, name="create"),
    path("<int:pk>/", calendar.session_detail, name="detail"),
    path("<int:pk>/batal/", schedule.session_cancel_view, name="cancel"),
    path("<int:pk>/jadwal-ulang/", schedule.session_reschedule_view, name="reschedule"),
    path("<int:pk>/susulan/", schedule.session_catch_up, name="catch_up"),
    path("<int:pk>/kehadiran/", attendance.attendance_sheet_view, name="attendance"),
    path(
        "<int:pk>/kehadiran/riwayat/", attendance.attendance_history_view, name="attendance_history"
    ),
    path("<int:pk>/daftar-hadir.pdf", attendance.attendance_pdf, name="attendance_pdf"),
    path("<int:pk>/kehadiran/kertas/", paper.sheet_scan_upload, name="sheet_scan_upload"),
    path("<int:pk>/kehadiran/kertas/<int:scan_pk>/", paper.sheet_scan_review, name="sheet_scan"),
    path(
        "<int:pk>/kehadiran/kertas/<int:scan_pk>/baris-<int:index>.png",
        paper.sheet_scan_row_image,
        name="sheet_scan_row",
    ),
    path("<int:pk>/catatan/", notes.session_notes, name="notes"),
]
