"""Compare, then save only what changed, with a history entry for every row written.

After HackSoft's `model_update`: one helper decides which fields differ, so a service never
writes (or records in history) a row whose values are the same as the stored ones.
"""

from collections.abc import Callable
from collections.abc import Hashable
from dataclasses import dataclass
from dataclasses import field

from django.db import models
from simple_history.utils import bulk_create_with_history
from simple_history.utils import bulk_update_with_history


def model_update(instance: models.Model, data: dict) -> list[str]:
    """Set on `instance` the fields of `data` whose value differs; returns their names."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    return changed


def _set(instance: models.Model, data: dict) -> None:
    for name, value in data.items():
        setattr(instance, name, value)


@dataclass
class BulkSaved:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated)


def bulk_save_with_history(
    model: type[models.Model],
    *,
    existing: dict[Hashable, models.Model],
    wanted: dict[Hashable, dict],
    new: Callable[[Hashable], models.Model],
    stamp: dict,
    by,
    reason: str | None = None,
) -> BulkSaved:
    """Create the rows of `wanted` missing from `existing` (built by `new(key)`), update those
    whose values differ, and stamp both with `stamp` (author, version, updated_at).
    Rows whose values are unchanged are left alone, stamp and all."""
    saved = BulkSaved()
    fields: set[str] = set(stamp)
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            row = new(key)
            _set(row, values)  # nothing to compare with (and an unset relation raises)
            saved.created.append(row)
        elif model_update(row, values):
            saved.updated.append(row)
        else:
            continue
        _set(row, stamp)  # not compared: reading a stamped relation would cost a query a row
        fields.update(values)
    if saved.created:
        bulk_create_with_history(
            saved.created, model, default_user=by, default_change_reason=reason
        )
    if saved.updated:
        bulk_update_with_history(
            saved.updated, model, sorted(fields), default_user=by, default_change_reason=reason
        )
    return saved
