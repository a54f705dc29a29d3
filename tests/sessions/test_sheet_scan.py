"""A filled paper daftar hadir, photographed, read back and confirmed into attendance."""

import datetime as dt
import io
import random

import cv2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sessions import paper
from sessions.models import Attendance
from sessions.models import SheetScan
from sessions.pdf import attendance_sheet_pdf
from sessions.selectors import attendance_sheet
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.sessions.paper_fill import PX_PER_MM
from tests.sessions.paper_fill import fill
from tests.sessions.paper_fill import photograph
from tests.sessions.paper_fill import render_page
from tests.sessions.paper_fill import stroke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def jpeg(image, name="lembar.jpg") -> SimpleUploadedFile:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return SimpleUploadedFile(name, data.tobytes(), content_type="image/jpeg")


@pytest.fixture
def sheet(session_on, enrol, today):
    """Today's session with 6 participants, and its printed page as an image."""
    session = session_on(today)
    people = enrol(6)

    def printed():
        session.refresh_from_db()
        pdf = attendance_sheet_pdf(session=session, rows=attendance_sheet(session))
        return render_page(pdf)

    return session, people, printed


def upload(client, session, *files):
    return client.post(
        reverse("sessions:sheet_scan_upload", args=[session.pk]), {"files": list(files)}
    )


def filled_with_a_double_mark(image, people):
    """The sheet filled in, row 5 with a second mark (the reader must not guess it), and a
    slightly blurred, noisy photograph of it."""
    filled = fill(image, len(people), random.Random(3), blank_rate=0, double_rate=0)
    filled.truth[4] = "double"
    for box in (0, 5):
        x, y = paper.box_centre(4, box)
        stroke(filled.image, random.Random(box), x * PX_PER_MM, y * PX_PER_MM, 30)
    return filled, photograph(filled.image, random.Random(4), blur=0.8, noise=4)


def check_review_page(client, url, session, scan):
    """The review page flags only the double-marked row, and its row crop is private."""
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-unsure="1"') == 1
    assert 'data-participant="Peserta 004" data-unsure="1"' in html
    crop = client.get(reverse("sessions:sheet_scan_row", args=[session.pk, scan.pk, 0]))
    assert crop.status_code == 200 and crop["Content-Type"] == "image/png"
    assert crop["Cache-Control"] == "private, no-store"


def test_it_reads_a_photographed_sheet_and_saves_what_a_person_confirms(
    client, petugas, petugas_other, sheet, media
):
    session, people, printed = sheet
    filled, photo = filled_with_a_double_mark(printed(), people)

    client.force_login(petugas)
    response = upload(client, session, jpeg(photo))
    assert response.status_code == 302, response.content.decode()[:2000]
    scan = SheetScan.objects.get(session=session)
    assert len(stored_files(media)) == 2  # the photo as sent, and the page straightened
    check_review_page(client, response["Location"], session, scan)

    # Nothing is saved while the unclear row is undecided.
    form = {}
    for person, truth in zip(people, filled.truth, strict=True):
        if truth != "double":
            form[f"status_{person.pk}"] = truth
        form[f"reason_{person.pk}"] = "Demam"
    undecided = client.post(response["Location"], form)
    assert undecided.status_code == 400
    assert "Baris ini tidak jelas: pilih statusnya." in undecided.content.decode()
    assert not Attendance.objects.filter(session=session).exists()

    form[f"status_{people[4].pk}"] = "present"
    done = client.post(response["Location"], form)
    assert done.status_code == 302
    saved = dict(Attendance.objects.filter(session=session).values_list("participant", "status"))
    expected = {p.pk: t for p, t in zip(people, filled.truth, strict=True)}
    expected[people[4].pk] = "present"
    assert saved == expected
    session.refresh_from_db()
    assert session.attendance_version == 1
    assert Attendance.history.filter(session_id=session.pk, history_user=petugas).count() == 6
    scan.refresh_from_db()
    assert scan.confirmed_by == petugas

    # The same paper again is already saved: refused, nothing stored.
    again = upload(client, session, jpeg(photo))
    assert again.status_code == 400
    assert "Halaman 1 lembar ini sudah disimpan" in again.content.decode()
    assert SheetScan.objects.count() == 1 and len(stored_files(media)) == 2

    # Evidence is behind the same scope as the sheet.
    client.force_login(petugas_other)
    crop = client.get(reverse("sessions:sheet_scan_row", args=[session.pk, scan.pk, 0]))
    assert crop.status_code == 404


def test_it_refuses_another_sessions_sheet(client, petugas, sheet, session_on, today, media):
    session, people, printed = sheet
    other = session_on(today - dt.timedelta(days=1))
    other_pdf = attendance_sheet_pdf(session=other, rows=attendance_sheet(other))
    photo = photograph(render_page(other_pdf), random.Random(1))
    client.force_login(petugas)
    response = upload(client, session, jpeg(photo))
    assert response.status_code == 400
    assert "daftar hadir sesi lain" in response.content.decode()
    assert not SheetScan.objects.exists() and not stored_files(media)


def test_a_row_a_colleague_changed_since_the_print_is_a_conflict_shown_to_the_person(
    client, petugas, kepala, sheet, media
):
    session, people, printed = sheet
    filled = fill(printed(), len(people), random.Random(2), blank_rate=0, double_rate=0)
    photo = photograph(filled.image, random.Random(2))
    other = next(s for s in ("present", "late", "absent") if s != filled.truth[0])
    attendance_record(
        session=session, entries={people[0].pk: AttendanceEntry(other)}, version=0, by=kepala
    )
    client.force_login(petugas)
    response = upload(client, session, jpeg(photo))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    assert page.count('data-changed="1"') == 1
    assert f'data-participant="{people[0].name}" data-unsure="0" data-changed="1"' in page

    # Saving what the paper says over the colleague's row: nothing saved, the row named.
    form = {f"status_{p.pk}": t for p, t in zip(people, filled.truth, strict=True)}
    form.update({f"reason_{p.pk}": "Demam" for p in people})
    conflict = client.post(response["Location"], form)
    assert conflict.status_code == 409
    assert 'data-testid="conflict"' in conflict.content.decode()
    assert Attendance.objects.filter(session=session).count() == 1

    # Keeping the colleague's status for that row saves the others.
    form[f"status_{people[0].pk}"] = other
    assert client.post(response["Location"], form).status_code == 302
    saved = dict(Attendance.objects.filter(session=session).values_list("participant", "status"))
    assert saved == {
        **{p.pk: t for p, t in zip(people, filled.truth, strict=True)},
        people[0].pk: other,
    }


def test_page_two_of_a_printed_sheet_is_read_after_page_one_was_saved(
    client, petugas, session_on, enrol, today, media
):
    session = session_on(today)
    people = enrol(paper.ROWS_PER_PAGE + 4)
    pdf = attendance_sheet_pdf(session=session, rows=attendance_sheet(session))
    rng = random.Random(11)
    client.force_login(petugas)
    expected = {}
    for number, on_page in ((1, people[: paper.ROWS_PER_PAGE]), (2, people[paper.ROWS_PER_PAGE :])):
        filled = fill(render_page(pdf, page=number), len(on_page), rng, blank_rate=0, double_rate=0)
        response = upload(client, session, jpeg(photograph(filled.image, rng, tilt=2)))
        assert response.status_code == 302, response.content.decode()[:2000]
        form = {f"status_{p.pk}": t for p, t in zip(on_page, filled.truth, strict=True)}
        form.update({f"reason_{p.pk}": "Demam" for p in on_page})
        assert client.post(response["Location"], form).status_code == 302
        expected.update({p.pk: t for p, t in zip(on_page, filled.truth, strict=True)})

    saved = dict(Attendance.objects.filter(session=session).values_list("participant", "status"))
    assert saved == expected and len(saved) == len(people)
    session.refresh_from_db()
    assert session.attendance_version == 2
    assert SheetScan.objects.filter(session=session, confirmed_at__isnull=False).count() == 2


@pytest.mark.parametrize(
    "damage, message",
    [
        ("blur", "Kode QR lembar tidak terbaca"),
        ("cut", "Lembar terpotong atau tertutup"),
        ("not_an_image", "bukan foto (JPG/PNG) atau PDF"),
    ],
)
def test_it_refuses_a_photo_it_cannot_read_safely(client, petugas, sheet, media, damage, message):
    session, people, printed = sheet
    photo = photograph(fill(printed(), len(people), random.Random(5)).image, random.Random(5))
    if damage == "blur":
        upload_file = jpeg(cv2.GaussianBlur(photo, (0, 0), 6))
    elif damage == "cut":
        upload_file = jpeg(photo[: int(photo.shape[0] * 0.7)])
    else:
        upload_file = SimpleUploadedFile("lembar.jpg", b"not a picture", "image/jpeg")
    client.force_login(petugas)
    response = upload(client, session, upload_file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SheetScan.objects.exists() and not stored_files(media)


def test_only_those_who_may_save_the_sheet_may_upload(client, fasilitator, petugas_other, sheet):
    session, people, printed = sheet
    url = reverse("sessions:sheet_scan_upload", args=[session.pk])
    client.force_login(petugas_other)
    assert client.get(url).status_code == 404
    client.force_login(fasilitator)
    assert client.get(url).status_code == 403


def test_it_reads_a_two_page_scan_sent_as_one_pdf(client, petugas, session_on, enrol, today):
    session = session_on(today)
    people = enrol(paper.ROWS_PER_PAGE + 4)
    pdf = attendance_sheet_pdf(session=session, rows=attendance_sheet(session))
    rng = random.Random(8)
    truths, scans = [], []
    for number, rows in ((1, paper.ROWS_PER_PAGE), (2, 4)):
        filled = fill(render_page(pdf, page=number), rows, rng, blank_rate=0, double_rate=0)
        truths += filled.truth
        scans.append(Image.fromarray(photograph(filled.image, rng, tilt=2, warp=0.01)))
    buffer = io.BytesIO()
    # Pages in the wrong order, as a feeder sometimes gives them.
    scans[1].save(buffer, format="PDF", save_all=True, append_images=[scans[0]], resolution=150)
    client.force_login(petugas)
    response = upload(
        client, session, SimpleUploadedFile("pindaian.pdf", buffer.getvalue(), "application/pdf")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scan = SheetScan.objects.get()
    read = {r["participant"]: r["status"] for r in scan.readings}
    assert read == {p.pk: t for p, t in zip(people, truths, strict=True)}
