"""Facilitator notes: what a session covered and how each participant engaged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rutan.permissions import role_required
from sessions.forms import SessionNotesForm
from sessions.permissions import NOTES_READERS
from sessions.permissions import NOTES_WRITERS
from sessions.permissions import notes_writable
from sessions.selectors import get_session_for
from sessions.selectors import notes_sheet
from sessions.services import NotesConflict
from sessions.services import ObservationRefused
from sessions.services import session_notes_record


@role_required(*NOTES_READERS)
@require_http_methods(["GET", "POST"])
def session_notes(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for(request.user, pk)
    writable = notes_writable(request.user, session, session.facility_today())
    rows = notes_sheet(session)
    participants = [row.participant for row in rows]
    status = 200
    conflict = None
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        form = SessionNotesForm(request.POST, participants=participants)
        if form.is_valid():
            refused = _notes_record(request, session, form, participants)
            if refused is None:
                messages.success(request, _("Catatan sesi dan observasi tersimpan."))
                return redirect("sessions:detail", pk=session.pk)
            status, form, conflict = refused
        else:
            status = 400
    else:
        form = SessionNotesForm(
            initial=SessionNotesForm.initial_for(session, rows), participants=participants
        )
    conflict_ids = {row.participant.pk for row in conflict.rows} if conflict else set()
    context = {
        "session": session,
        "form": form,
        "writable": writable,
        # A writer told why the notes cannot be written (yet) on this session.
        "writes_notes": request.user.has_role(*NOTES_WRITERS),
        "rows": form.rows(rows),
        "conflict": conflict,
        "conflict_ids": conflict_ids,
        # "–" first: no score, which also clears an earlier one.
        "engagement_choices": [("", "–"), *SessionNotesForm.ENGAGEMENT],
    }
    return render(request, "sessions/notes.html", context, status=status)


def _notes_record(
    request: HttpRequest, session, form: SessionNotesForm, participants: list
) -> tuple[int, SessionNotesForm, NotesConflict | None] | None:
    """Save a valid notes form: None when saved, else the status, form and conflict to show."""
    data = form.cleaned_data
    try:
        session_notes_record(
            session=session,
            module=data["module"],
            methods=data["methods"],
            summary=data["summary"],
            follow_ups=data["follow_ups"],
            observations=form.observations(),
            version=data["version"],
            by=request.user,
        )
    except ObservationRefused as error:
        form.add_error(None, str(error))
        for participant, _status in error.participants:
            form.add_error(
                f"engagement_{participant.pk}",
                _("Tidak hadir: tanpa nilai keterlibatan dan catatan."),
            )
        return 400, form, None
    except NotesConflict as error:
        # Nothing saved; everything typed stays, and a second save applies it deliberately.
        data = request.POST.copy()
        data["version"] = str(error.version)
        form = SessionNotesForm(data, participants=participants)
        form.is_valid()
        return 409, form, error
    return None
