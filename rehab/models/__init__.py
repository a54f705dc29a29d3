from rehab.models.agreements import Agreement
from rehab.models.evaluations import (
    Evaluation,
    ProgrammeEvaluation,
    RelapseRisk,
    ReviewError,
    ReviewStatus,
)
from rehab.models.partners import Partner
from rehab.models.programmes import Cohort, Module, Programme

__all__ = [
    "Agreement",
    "Cohort",
    "Evaluation",
    "Module",
    "Partner",
    "Programme",
    "ProgrammeEvaluation",
    "RelapseRisk",
    "ReviewError",
    "ReviewStatus",
]
