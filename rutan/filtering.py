"""What every list page shares on top of django-filter: sortable column headers."""

from django_filters import FilterSet


def accepted(filterset: FilterSet) -> dict:
    """The filter values the filterset accepted (a bad value in one field leaves the others)."""
    form = filterset.form
    if form.is_bound:
        form.is_valid()
    return getattr(form, "cleaned_data", {})


def sort_links(filterset: FilterSet, columns, *, param: str = "o") -> list[dict]:
    """Column headers that sort by themselves and flip direction when clicked again.

    The current order is the one the filterset's OrderingFilter (named `param`) accepted;
    each link's `target` goes in the query string as `param`.
    """
    chosen = accepted(filterset).get(param)
    current = chosen[0] if chosen else ""
    links = []
    for field, label in columns:
        direction = "asc" if current == field else "desc" if current == f"-{field}" else ""
        target = f"-{field}" if current == field else field
        links.append({"label": label, "direction": direction, "target": target})
    return links
