"""How a person appears to the oversight roles (Kanwil, Ditjenpas): initials at most."""

from django import template

register = template.Library()


@register.filter
def initials(name: str) -> str:
    """'Budi Santoso' → 'B.S.'; what a Kanwil or Ditjenpas reader may see of a name."""
    return "".join(f"{part[0].upper()}." for part in str(name or "").split() if part[:1].isalpha())
