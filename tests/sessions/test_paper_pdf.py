"""The printed daftar hadir carries what a photo needs to be read back."""

import datetime as dt

import pytest
import zxingcpp

from sessions import paper
from sessions.pdf import attendance_sheet_pdf
from sessions.selectors import attendance_sheet
from sessions.services import AttendanceEntry
from sessions.services import attendance_record
from tests.sessions.paper_fill import PX_PER_MM
from tests.sessions.paper_fill import render_page

pytestmark = pytest.mark.django_db


def test_it_prints_a_signed_qr_code_and_status_boxes_on_every_page(session_on, enrol, petugas):
    session = session_on(dt.date(2025, 11, 19))
    people = enrol(paper.ROWS_PER_PAGE + 3)
    attendance_record(
        session=session,
        entries={people[0].pk: AttendanceEntry("present")},
        version=0,
        by=petugas,
    )
    session.refresh_from_db()
    pdf = attendance_sheet_pdf(session=session, rows=attendance_sheet(session))

    for number, chunk in ((1, people[: paper.ROWS_PER_PAGE]), (2, people[paper.ROWS_PER_PAGE :])):
        image = render_page(pdf, page=number)
        (barcode,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        code = paper.sheet_code_parse(barcode.text)
        assert (code.session_id, code.version, code.page, code.pages) == (session.pk, 1, number, 2)
        assert code.is_valid_for([p.pk for p in chunk])
        assert not code.is_valid_for([p.pk for p in reversed(chunk)])
        # Corner marks are solid black where the layout puts them; box insides are white.
        for x, y in paper.MARK_CENTRES:
            assert image[round(y * PX_PER_MM), round(x * PX_PER_MM)] < 60
        for row in range(len(chunk)):
            for box in range(len(paper.BOX_STATUSES)):
                x, y = paper.box_centre(row, box)
                assert image[round(y * PX_PER_MM), round(x * PX_PER_MM)] > 200
                # The box's left edge is printed.
                edge = image[round(y * PX_PER_MM), round((x - 3) * PX_PER_MM) - 2 :][:5]
                assert edge.min() < 120


def test_a_forged_or_foreign_code_does_not_parse():
    assert paper.sheet_code_parse("https://example.com") is None
    assert paper.sheet_code_parse("PULIH-DH:1:0:3:2:abcdefabcdef") is None
    code = paper.sheet_code(session_id=5, version=2, page=1, pages=1, participant_ids=[1, 2])
    forged = code.replace(":5:2:", ":5:3:")
    assert not paper.sheet_code_parse(forged).is_valid_for([1, 2])
