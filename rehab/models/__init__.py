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
from rehab.models.summaries import FacilityActivity, FacilityMonth, SummaryMonth

__all__ = [
    "Addendum",
    "Agreement",
    "AgreementScopeItem",
    "Cohort",
    "Evaluation",
    "FacilityActivity",
    "FacilityMonth",
    "Module",
    "Partner",
    "Programme",
    "ProgrammeEvaluation",
    "RelapseRisk",
    "ReportJob",
    "ReviewError",
    "ReviewStatus",
    "SummaryMonth",
]
