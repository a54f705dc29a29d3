from rehab.models.agreements import Addendum
from rehab.models.agreements import Agreement
from rehab.models.agreements import AgreementScopeItem
from rehab.models.evaluations import Evaluation
from rehab.models.evaluations import ProgrammeEvaluation
from rehab.models.evaluations import RelapseRisk
from rehab.models.evaluations import ReviewError
from rehab.models.evaluations import ReviewStatus
from rehab.models.partners import Partner
from rehab.models.programmes import Cohort
from rehab.models.programmes import Module
from rehab.models.programmes import Programme
from rehab.models.report_jobs import ReportJob
from rehab.models.summaries import FacilityActivity
from rehab.models.summaries import FacilityMonth
from rehab.models.summaries import SummaryMonth

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
