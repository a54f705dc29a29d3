"""The read-only reporting API. Every object through the pages' scoping rule; every call audited."""

from django.http import JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework import mixins
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from api.exports import FORMATS
from api.exports import XLSX
from api.exports import records_export
from api.records import participant_records
from api.serializers import AgreementSerializer
from api.serializers import FacilitySerializer
from api.serializers import ParticipantRecordSerializer
from api.serializers import RecapSerializer
from api.serializers import RegionSerializer
from rehab.reports.periods import period_parse
from rehab.reports.recap import recap_figures
from rehab.selectors.agreements import agreements_visible_to
from rutan.audit import audit_record
from rutan.models import Facility
from rutan.models import Region

# What rehab.reports.periods.period_parse accepts, for the schema (years 2000–2100).
PERIOD_PATTERN = r"^(20[0-9][0-9]|2100)(-(0?[1-9]|1[0-2]|[Qq][1-4]))?$"
# Codes as the schema states them, so that a conforming client never sends what is refused
# (a NUL byte, say): a facility code is a slug, a region a two-digit province code.
FACILITY_CODE = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}
REGION_CODE = {"type": "string", "pattern": r"^[0-9]{2}$"}
# A list that narrows to one facility with ?facility=<code>.
facility_filtered = extend_schema(
    parameters=[OpenApiParameter("facility", FACILITY_CODE, description="Facility code.")]
)


class Pages(PageNumberPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"


class SmallPages(Pages):
    page_size = 20
    max_page_size = 100


class AuditedMixin:
    """Writes one audit line per call made with a token (the answer's status included)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL in a string: say so plainly instead of failing on the query.
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in values):
                raise ValidationError({name: "Karakter NUL tidak diterima."})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "auth", None)
        if token is not None and getattr(request, "user", None) is not None:
            audit_record(
                user=request.user,
                action="api_read",
                obj=token,
                detail=f"{response.status_code} {request.get_full_path()}",
            )
        response["Cache-Control"] = "no-store"
        return response


def _facilities(user):
    return Facility.objects.select_related("region").visible_to(user)


class PlaceViewSet(AuditedMixin, viewsets.ReadOnlyModelViewSet):
    """Places (regions, facilities) are addressed by their code, never by a database id."""

    lookup_field = "code"
    pagination_class = Pages


class RegionViewSet(PlaceViewSet):
    """Regions (Kanwil, one per province) whose facilities the token may read."""

    serializer_class = RegionSerializer

    def get_queryset(self):
        reachable = _facilities(self.request.user).values("region_id")
        return Region.objects.filter(pk__in=reachable).order_by("code")


@extend_schema(
    parameters=[
        OpenApiParameter("region", REGION_CODE, description="Province code, e.g. 64."),
        OpenApiParameter("kind", str, enum=Facility.Kind.values),
    ]
)
class FacilityViewSet(PlaceViewSet):
    """Facilities (UPT) in the token's scope."""

    serializer_class = FacilitySerializer

    def get_queryset(self):
        facilities = _facilities(self.request.user).order_by("code")
        if region := self.request.query_params.get("region"):
            facilities = facilities.filter(region__code=region)
        if kind := self.request.query_params.get("kind"):
            facilities = facilities.filter(kind=kind)
        return facilities


class RecapView(AuditedMixin, generics.GenericAPIView):
    """The PP 25/2011 recap of a facility, a region or the whole scope, for a period."""

    serializer_class = RecapSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period",
                {"type": "string", "pattern": PERIOD_PATTERN},
                required=True,
                description="A month (2025-11), a quarter (2025-Q4) or a year (2025).",
            ),
            OpenApiParameter(
                "region", REGION_CODE, description="Province code; default: whole scope."
            ),
            OpenApiParameter(
                "facility", FACILITY_CODE, description="Facility code: that facility only."
            ),
        ]
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        period = period_parse(params.get("period"))
        if period is None:
            raise ValidationError({"period": "Use 2025-11 (month), 2025-Q4 (quarter) or 2025."})
        facilities = _facilities(request.user)
        region, scope = None, "nasional" if request.auth.region_id is None else ""
        if code := params.get("facility"):
            facilities = facilities.filter(code=code)
            if not facilities.exists():
                raise NotFound
            scope = code
        elif code := params.get("region") or (
            request.auth.region.code if request.auth.region_id else ""
        ):
            region = Region.objects.filter(code=code, facilities__in=facilities).first()
            if region is None:
                raise NotFound
            facilities = facilities.filter(region=region)
            scope = code
        recap = recap_figures(facilities=facilities, region=region, period=period)
        pp25 = recap.pp25
        data = {
            "scope": scope,
            "period": period.slug,
            "start": period.start,
            "end": period.end,
            "facilities": [{"facility": c, "handled": n} for c, _name, n in recap.per_facility],
            "pp25": {
                "handled": pp25.handled,
                **{
                    name: [{"label": r.label, "count": r.count} for r in getattr(pp25, name)]
                    for name in (
                        "sex",
                        "age_bands",
                        "substances",
                        "durations",
                        "routes",
                        "diagnoses",
                        "treatment_history",
                    )
                },
            },
        }
        return Response(RecapSerializer(data).data)


@facility_filtered
class AgreementViewSet(AuditedMixin, viewsets.ReadOnlyModelViewSet):
    """Agreements (PKS) in scope, each with what was delivered under it."""

    serializer_class = AgreementSerializer
    pagination_class = SmallPages

    def get_queryset(self):
        agreements = (
            agreements_visible_to(self.request.user)
            .with_status()
            .select_related("facility", "partner")
            .order_by("-valid_from", "id")
        )
        if code := self.request.query_params.get("facility"):
            agreements = agreements.filter(facility__code=code)
        return agreements


@facility_filtered
class ParticipantRecordViewSet(AuditedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """De-identified programme records (for BNN/SIRENA): a pseudonymous id, never a name."""

    serializer_class = ParticipantRecordSerializer
    pagination_class = Pages

    def get_queryset(self):
        return participant_records(
            self.request.user, facility_code=self.request.query_params.get("facility", "")
        )


class ParticipantRecordExportView(AuditedMixin, generics.GenericAPIView):
    """The same de-identified records as one file: a row per enrolment (columns: README)."""

    def perform_content_negotiation(self, request, force=False):
        # The file is no rendered answer: any Accept gets it, and an error is JSON as elsewhere.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("file", str, enum=FORMATS, description="csv (default) or xlsx."),
            OpenApiParameter("facility", FACILITY_CODE, description="Facility code."),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8."),
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Excel workbook."),
        },
    )
    def get(self, request: Request):
        fmt = request.query_params.get("file") or "csv"
        if fmt not in FORMATS:
            raise ValidationError({"file": "Use csv or xlsx."})
        return records_export(
            request.user,
            fmt=fmt,
            facility_code=request.query_params.get("facility", ""),
            via=request.auth.organisation,
        )


def not_found(request, *args, **kwargs) -> JsonResponse:
    """No such API path: JSON, as every other answer of the API."""
    return JsonResponse({"detail": "Tidak ditemukan."}, status=404)
