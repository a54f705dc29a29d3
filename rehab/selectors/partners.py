"""What the partner pages read."""

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from rehab.models import Partner
from rehab.selectors.agreements import agreements_visible_to
from rutan.models import User
from rutan.roles import Role


def partners_visible_to(user) -> QuerySet[Partner]:
    """The administrator sees every partner; a kepala those with an agreement at their facility.

    Partners belong to no facility, so the scope comes from the agreements the user may see.
    """
    if user.has_role(Role.ADMIN):
        return Partner.objects.all()
    return Partner.objects.filter(pk__in=agreements_visible_to(user).values("partner_id"))


def partner_list(user) -> QuerySet[Partner]:
    agreements = agreements_visible_to(user)
    return partners_visible_to(user).annotate(
        agreement_count=Count("agreements", filter=Q(agreements__in=agreements), distinct=True),
        facilitator_count=Count(
            "users", filter=Q(users__groups__name=Role.FASILITATOR), distinct=True
        ),
    )


def get_partner_for(user, pk: int) -> Partner:
    """One partner with its agreements (as far as the user may see them) and facilitators."""
    agreements = (
        agreements_visible_to(user).with_status().select_related("facility").order_by("-valid_from")
    )
    facilitators = User.objects.filter(groups__name=Role.FASILITATOR).order_by(
        "first_name", "last_name", "username"
    )
    queryset = partners_visible_to(user).prefetch_related(
        Prefetch("agreements", queryset=agreements, to_attr="visible_agreements"),
        Prefetch("users", queryset=facilitators, to_attr="facilitators"),
    )
    return get_object_or_404(queryset, pk=pk)
