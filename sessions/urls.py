from django.urls import include
from django.urls import path

from sessions.views import attendance
from sessions.views import calendar
from sessions.views import notes
from sessions.views import paper
from sessions.views import schedule

app_name = "sessions"

# A paper attendance sheet, photographed and read back row by row.
paper_sheet_urls = [
    path("", paper.sheet_scan_upload, name="sheet_scan_upload"),
    path("<int:scan_pk>/", paper.sheet_scan_review, name="sheet_scan"),
    path("<int:scan_pk>/baris-<int:index>.png", paper.sheet_scan_row_image, name="sheet_scan_row"),
]

attendance_urls = [
    path("", attendance.attendance_sheet_view, name="attendance"),
    path("riwayat/", attendance.attendance_history_view, name="attendance_history"),
    path("kertas/", include(paper_sheet_urls)),
]

session_urls = [
    path("", calendar.session_detail, name="detail"),
    path("batal/", schedule.session_cancel_view, name="cancel"),
    path("jadwal-ulang/", schedule.session_reschedule_view, name="reschedule"),
    path("susulan/", schedule.session_catch_up, name="catch_up"),
    path("kehadiran/", include(attendance_urls)),
    path("daftar-hadir.pdf", attendance.attendance_pdf, name="attendance_pdf"),
    path("catatan/", notes.session_notes, name="notes"),
]

urlpatterns = [
    path("", calendar.session_list, name="list"),
    path("bulan/", calendar.session_month, name="month"),
    path("sw.js", calendar.service_worker, name="service_worker"),
    path("baru/", schedule.session_create, name="create"),
    path("<int:pk>/", include(session_urls)),
]
