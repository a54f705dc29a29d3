"""A draft breach notice (UU PDP Pasal 46) from the audit trail: for a window and a set of
accounts, what data was touched, whose, when and from where; the controller completes what
was done and sends it within 3 x 24 hours."""

import datetime as dt
from collections import Counter

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rutan.audit import AuditAction
from rutan.audit_trail import EARLIEST
from rutan.audit_trail import LATEST
from rutan.audit_trail import audit_events_for
from rutan.audit_trail import participant_labels
from rutan.models import User


class BreachNoticeForm(forms.Form):
    akun = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Akun yang diduga disalahgunakan"), queryset=User.objects.none()
    )
    dari = forms.DateField(
        label=gettext_lazy("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=gettext_lazy("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["akun"].queryset = User.objects.filter(pk__in=events.values("user")).order_by(
            "username"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("dari"), data.get("sampai")
        for name, value in (("dari", start), ("sampai", end)):
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Tanggal di luar rentang 2000–2100."))
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


def breach_events(user, *, accounts, start: dt.date, end: dt.date):
    zone = timezone.get_current_timezone()
    return (
        audit_events_for(user)
        .filter(
            user__in=accounts,
            at__gte=dt.datetime.combine(start, dt.time.min, zone),
            at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, zone),
        )
        .select_related("user", "facility")
        .order_by("at", "pk")
    )


def breach_notice_text(user, *, accounts, start: dt.date, end: dt.date) -> str:
    """The draft notice, as plain text (Markdown) for the controller to edit and send."""
    events = list(breach_events(user, accounts=accounts, start=start, end=end))
    actions = dict(AuditAction.choices)
    labels = participant_labels(user, {e.participant_pk for e in events if e.participant_pk})
    return render_to_string(
        "rutan/breach_notice.txt",
        {
            "accounts": accounts,
            "start": start,
            "end": end,
            "events": events,
            "first": events[0].at if events else None,
            "last": events[-1].at if events else None,
            "by_action": [
                (str(actions.get(action, action)), n)
                for action, n in Counter(e.action for e in events).most_common()
            ],
            "by_kind": Counter(e.object_type for e in events).most_common(),
            "people": sorted(labels.values()),
            "addresses": sorted({e.address for e in events if e.address}),
            "facilities": sorted({e.facility.name for e in events if e.facility}),
            "drafted_at": timezone.localtime(),
            "drafted_by": user,
        },
    )
