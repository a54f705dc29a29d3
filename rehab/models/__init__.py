from rehab.models.agreements import Addendum, Agreement, AgreementScopeItem
from rehab.models.evaluations import (
    Evaluation,
    ProgrammeEvaluation,
    RelapseRisk,
    ReviewError,
    ReviewStatus,
)
from rehab.models.partners import Partner
from rehab.models.programmes import Cohort, Module, Programme
from rehab.models.report_jobs import ReportJob

__all__ = [
    "Addendum",
    "Agreement",
    "AgreementScopeItem",
    "Cohort",
    "Evaluation",
    "Module",
    "Partner",
    "Programme",
    "ProgrammeEvaluation",
    "RelapseRisk",
    "ReportJob",
    "ReviewError",
    "ReviewStatus",
]
