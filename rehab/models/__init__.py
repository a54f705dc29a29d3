from rehab.models.partners import Partner
from rehab.models.programmes import Cohort, Module, Programme

__all__ = ["Cohort", "Module", "Partner", "Programme"]
