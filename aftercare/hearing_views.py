"""Court days imported from a sheet: upload, preview with row errors, save all or nothing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from aftercare import hearing_import as importer
from participants import selectors as participant_selectors
from participants.permissions import can_write

SESSION_KEY = "aftercare_hearing_import"


class HearingUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas jadwal sidang (.csv atau .xlsx)"),
        help_text=gettext_lazy(
            "Kolom: No. Registrasi, Tanggal Sidang (HH-BB-TTTT), Pengadilan, Agenda (boleh kosong)."
        ),
    )


@can_write
@require_http_methods(["GET", "POST"])
def hearing_import(request: HttpRequest) -> HttpResponse:
    form = HearingUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        scope = participant_selectors.participants_for(request.user)
        try:
            raw = importer.read_upload(form.cleaned_data["file"])
            rows = importer.check_rows(raw, scope)
        except importer.HearingFileError as error:
            form.add_error("file", str(error))
        else:
            errors = [r for r in rows if r.errors]
            # All or nothing: a sheet with any wrong row leaves nothing to save.
            request.session[SESSION_KEY] = [] if errors else importer.to_session(rows)
            context.update(
                rows=rows,
                errors=errors,
                new=[r for r in rows if not r.errors and not r.known],
                known=[r for r in rows if not r.errors and r.known],
            )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "aftercare/hearing_import.html", context, status=status)


@can_write
@require_POST
def hearing_import_commit(request: HttpRequest) -> HttpResponse:
    saved = request.session.pop(SESSION_KEY, None)
    if not saved:
        messages.error(request, _("Tidak ada pratinjau untuk disimpan. Unggah berkasnya lagi."))
        return redirect("aftercare:hearing_import")
    scope = participant_selectors.participants_for(request.user)
    try:
        created = importer.commit(saved, scope, request.user)
    except (ValidationError, IntegrityError) as error:
        detail = error.messages[0] if isinstance(error, ValidationError) else ""
        messages.error(request, _("Tidak ada yang disimpan. %(detail)s") % {"detail": detail})
        return redirect("aftercare:hearing_import")
    messages.success(request, _("%(n)s jadwal sidang disimpan.") % {"n": created})
    return redirect("participants:list")
