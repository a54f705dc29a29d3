"""Optimistic locking for records two people can edit at once (DESIGN.md: "every form two
people can edit carries a version: a stale save shows what changed and overwrites nothing").

A versioned model has a `version` integer (`version_field()`); its edit form carries it in a
hidden field (`VersionedForm`). Saving goes through `versioned_save`, which locks the row,
compares the version the form was opened at with the stored one and increments it, all in
one transaction. A stale save raises `StaleVersion` listing which fields someone else changed
(value the form was opened with → value saved since), read from the model's history, and
writes nothing. The page then shows the user's own input again with the newer version, so a
second save is a deliberate choice (as the attendance sheet does, see sessions.services).
"""

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from django import forms
from django.db import models
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

T = TypeVar("T")

# Fields that change with every save and say nothing to the person comparing.
NOT_SHOWN = {"id", "version", "created_at", "updated_at"}


def version_field() -> models.PositiveIntegerField:
    """The version column of a model whose edit form two people can open at once."""
    return models.PositiveIntegerField(
        gettext_lazy("versi"),
        default=0,
        editable=False,
        help_text=gettext_lazy("Naik setiap kali disimpan; formulir yang membawa versi lama basi."),
    )


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed after the form was opened: shown as `old` → `new`; `seen`
    and `stored` are the raw values (attnames), to take theirs into a form left as opened."""

    label: str
    old: str
    new: str
    name: str = ""
    seen: Any = None
    stored: Any = None


class StaleVersion(Exception):
    """The record was saved by someone else after the form was opened; nothing was written."""

    def __init__(self, *, version: int, changes: list[FieldChange], by=None, at=None):
        super().__init__(f"stale: now at version {version}")
        self.version = version
        self.changes = changes
        self.by = by
        self.at = at


def versioned_save(
    instance: models.Model,
    *,
    expected_version: int | None,
    save: Callable[[], T],
    fields: Iterable[str] | None = None,
) -> T:
    """Compare-and-increment: lock `instance`'s row, refuse a stale save, bump, run `save()`.

    `expected_version` is the version the form was opened at; None (a client that sent no
    version) skips the comparison but still increments. `save` must write `instance` with
    its `version` (a full save, or update_fields including "version"). `fields` limits the
    fields listed in a conflict to those the form shows.
    """
    with transaction.atomic():
        stored = _locked(instance)
        if expected_version is not None and stored.version != expected_version:
            raise stale_version(stored, expected_version, fields)
        instance.version = stored.version + 1
        return save()


def _locked(instance: models.Model, *only: str) -> models.Model:
    """`instance`'s row as stored, locked until the end of the transaction."""
    rows = type(instance)._default_manager.select_for_update()
    return (rows.only("pk", *only) if only else rows).get(pk=instance.pk)


def locked_version(instance: models.Model, field: str = "version") -> int:
    """Lock `instance`'s row (serialising two savers of the same form) and read its `field`.

    For a record with more than one form, each with its own version (a session's attendance
    sheet and its notes); `versioned_save` does the whole compare-and-increment for `version`.
    """
    return getattr(_locked(instance, field), field)


def stale_version(
    stored: models.Model, seen_version: int, fields: Iterable[str] | None = None
) -> StaleVersion:
    """What changed in `stored` since `seen_version`, from its history (simple_history)."""
    history = getattr(stored, "history", None)
    seen = latest = None
    if history is not None:
        seen = history.filter(version=seen_version).order_by("-history_date", "-pk").first()
        latest = history.select_related("history_user").order_by("-history_date", "-pk").first()
    changes = []
    if seen is not None:
        editable = _editable_fields(stored)
        names = [n for n in fields if n in editable] if fields is not None else editable
        for name in names:
            field = stored._meta.get_field(name)
            old, new = _value(seen, field), _value(stored, field)
            if old != new:
                changes.append(
                    FieldChange(
                        str(capfirst(field.verbose_name)),
                        _shown(old),
                        _shown(new),
                        name=name,
                        seen=getattr(seen, field.attname),
                        stored=getattr(stored, field.attname),
                    )
                )
    return StaleVersion(
        version=stored.version,
        changes=changes,
        by=latest.history_user if latest is not None else None,
        at=latest.history_date if latest is not None else None,
    )


def _editable_fields(instance: models.Model) -> list[str]:
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.editable and f.name not in NOT_SHOWN and not isinstance(f, models.FileField)
    ]


def _value(instance: models.Model, field: models.Field) -> Any:
    if field.choices:
        value = getattr(instance, field.attname)
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else ""
    if field.is_relation:
        return str(getattr(instance, field.name) or "")
    return getattr(instance, field.attname)


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, dt.datetime):
        return date_format(value, "j F Y H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def form_status(form, *, invalid: int = 200) -> int:
    """The status of a form page: 409 after a stale save, `invalid` with errors, else 200."""
    if getattr(form, "stale", None) is not None:
        return 409
    return invalid if form.is_bound and form.errors else 200


class VersionedForm(forms.Form):
    """Carries the version the form was opened at, in a hidden field named `version`.

    Mix it in before the form class: `class ParticipantForm(VersionedForm, forms.ModelForm)`.
    A model form takes the version from its instance; other forms get it as `initial`.
    """

    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and "version" not in self.initial:
            self.initial["version"] = instance.version

    @property
    def seen_version(self) -> int | None:
        """The version the user's form was built from (None when the client sent none)."""
        return self.cleaned_data.get("version")

    def save_versioned(self, instance: models.Model, save: Callable[[], Any]) -> bool:
        """`save` the edit of `instance` through `versioned_save`; False when the form was stale,
        which then shows what changed since it was opened."""
        try:
            versioned_save(
                instance, expected_version=self.seen_version, save=save, fields=self.fields
            )
        except StaleVersion as stale:
            self.show_stale(stale)
            return False
        return True

    def show_stale(self, stale: StaleVersion) -> None:
        """Keep everything typed, now carrying the stored version: saving again is deliberate.

        A field the other person changed and this user left as it was when the form opened
        takes their value: saving again then overwrites only what this user changed, not a
        colleague's change to a field this user never touched."""
        self.data = self.data.copy()
        self.data["version"] = str(stale.version)
        self.taken = set()
        for change in stale.changes:
            if self._left_as_opened(change):
                self.data[change.name] = change.stored
                self.taken.add(change.name)
        self.stale = stale

    def _left_as_opened(self, change: FieldChange) -> bool:
        if change.name not in self.fields or change.name not in self.cleaned_data:
            return False
        typed = self.cleaned_data[change.name]
        return getattr(typed, "pk", typed) == change.seen


class VersionedAdmin:
    """For a ModelAdmin of a versioned model: an admin save is an edit like any other, so it
    increments the version (under the row lock) and forms opened elsewhere become stale."""

    def save_model(self, request, obj, form, change):
        parent = super()
        if not change:
            return parent.save_model(request, obj, form, change)
        return versioned_save(
            obj,
            expected_version=None,
            save=lambda: parent.save_model(request, obj, form, change),
        )
