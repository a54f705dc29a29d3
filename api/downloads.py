"""The de-identified programme records as a download for signed-in Kanwil and Ditjenpas readers."""

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from api.exports import FORMATS
from api.exports import records_export
from rehab.permissions import OVERSIGHT_READERS
from rutan.permissions import role_required


@role_required(*OVERSIGHT_READERS)
def records_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    return records_export(request.user, fmt=fmt, facility_code=request.GET.get("upt", ""))
