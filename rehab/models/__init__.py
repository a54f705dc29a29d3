from rehab.models.agreements import Addendum, Agreement, AgreementScopeItem
from rehab.models.partners import Partner
from rehab.models.programmes import Cohort, Module, Programme

__all__ = [
    "Addendum",
    "Agreement",
    "AgreementScopeItem",
    "Cohort",
    "Module",
    "Partner",
    "Programme",
]
