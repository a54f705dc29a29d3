from rehab.models.agreements import Agreement
from rehab.models.partners import Partner
from rehab.models.programmes import Cohort, Module, Programme

__all__ = ["Agreement", "Cohort", "Module", "Partner", "Programme"]
