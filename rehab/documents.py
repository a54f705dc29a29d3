"""Signed documents: accept only real PDFs, store them under random names, serve them as downloads.

Uploads are judged by their content, never by their name or the browser's content type: a file
renamed to .pdf is refused. Files live in Django's default storage (MEDIA_ROOT, or a private S3
bucket with S3_* settings), which no URL maps; the only way out is
`document_response`, called by views that have already checked the user's access.
"""

import hashlib
import os
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType
from pypdf import PdfReader

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
PDF_TRAILER = b"%%EOF"
# The end-of-file marker may be followed by a little whitespace or junk from some scanners.
TRAILER_WINDOW = 2048
HASH_CHUNK = 64 * 1024


@dataclass(frozen=True)
class PdfInfo:
    """What the checks learnt about an accepted PDF."""

    name: str
    size: int
    sha256: str
    pages: int


def inspect_pdf(upload: UploadedFile) -> PdfInfo:
    """Accept `upload` only if it is a readable PDF of at most 10 MB; else raise ValidationError."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            _("Berkas kosong. Pilih berkas PDF dokumen PKS yang sudah ditandatangani."),
            code="empty",
        )
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Ukuran maksimum %(max)s."),
            code="too_large",
            params={
                "size": filesizeformat(size),
                "max": filesizeformat(MAX_DOCUMENT_BYTES),
            },
        )
    not_pdf = ValidationError(
        _(
            "Berkas ini bukan PDF yang sah (isinya diperiksa, bukan namanya). "
            "Unggah hasil pindaian atau ekspor PDF dari dokumen PKS."
        ),
        code="not_pdf",
    )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise not_pdf
    upload.seek(max(0, size - TRAILER_WINDOW))
    if PDF_TRAILER not in upload.read():
        raise not_pdf
    pages = _count_pages(upload, not_pdf)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks(HASH_CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return PdfInfo(
        name=_display_name(upload.name or ""),
        size=size,
        sha256=digest.hexdigest(),
        pages=pages,
    )


def _count_pages(upload: UploadedFile, not_pdf: ValidationError) -> int:
    """Parse the file with pypdf: a header and a trailer alone do not make a document."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                _("PDF ini dilindungi kata sandi. Unggah salinan tanpa kata sandi."),
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    # A malformed file can make the parser fail in many ways; each one means "not a PDF".
    except Exception:  # noqa: BLE001
        raise not_pdf
    if pages < 1:
        raise not_pdf
    return pages


def _display_name(name: str) -> str:
    """The uploaded name, kept only to show people; never used on disk or in a header."""
    base = os.path.basename(name.replace("\\", "/"))
    try:
        return get_valid_filename(base)[:200]
    except SuspiciousFileOperation:
        return ""


def document_response(document: FieldFile, *, filename: str) -> FileResponse:
    """The stored file as a download that the browser will not render or sniff."""
    if not document:
        raise Http404
    try:
        handle = document.open("rb")
    # A missing file: FileNotFoundError on disk, the S3 client's "no such key" in a bucket.
    except Exception:  # noqa: BLE001
        if document.storage.exists(document.name):
            raise
        raise Http404
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
