"""What the API answers: plain read-only serializers, typed for the OpenAPI schema."""

from rest_framework import serializers

from api.pseudonyms import participant_pseudonym
from participants.models import Enrollment
from participants.models import Participant
from rehab.models import Agreement
from rehab.selectors.agreements import agreement_deliverables
from rutan.models import Facility
from rutan.models import Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "abbreviation", "timezone"]


class FacilitySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Facility
        fields = ["code", "name", "kind", "city", "region", "timezone"]


class CountRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class Pp25Serializer(serializers.Serializer):
    handled = serializers.IntegerField(help_text="1. People handled (distinct participants).")
    sex = CountRowSerializer(many=True)
    age_bands = CountRowSerializer(many=True)
    substances = CountRowSerializer(many=True)
    durations = CountRowSerializer(many=True)
    routes = CountRowSerializer(many=True)
    diagnoses = CountRowSerializer(many=True)
    treatment_history = CountRowSerializer(many=True)


class FacilityCountSerializer(serializers.Serializer):
    facility = serializers.CharField(help_text="Facility code.")
    handled = serializers.IntegerField()


class RecapSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text='"nasional", a province code, or a facility code.')
    period = serializers.CharField(help_text="2025-11, 2025-Q4 or 2025.")
    start = serializers.DateField()
    end = serializers.DateField()
    facilities = FacilityCountSerializer(many=True)
    pp25 = Pp25Serializer()


class DeliverablesSerializer(serializers.Serializer):
    sessions_scheduled = serializers.IntegerField()
    sessions_held = serializers.IntegerField()
    sessions_cancelled = serializers.IntegerField()
    participants_served = serializers.IntegerField()
    attendance_recorded = serializers.IntegerField()
    attendance_attended = serializers.IntegerField()
    attendance_rate = serializers.FloatField(allow_null=True)
    evaluations_done = serializers.IntegerField()
    evaluations_approved = serializers.IntegerField()
    programme_evaluations = serializers.IntegerField()
    programme_evaluations_approved = serializers.IntegerField()


class AgreementSerializer(serializers.ModelSerializer):
    facility = serializers.SlugRelatedField(slug_field="code", read_only=True)
    partner = serializers.CharField(source="partner.name", read_only=True)
    status = serializers.SerializerMethodField()
    deliverables = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "facility",
            "partner",
            "facility_number",
            "partner_number",
            "title",
            "signed_on",
            "valid_from",
            "valid_until",
            "status",
            "deliverables",
        ]

    def get_status(self, agreement) -> str:
        return agreement.current_status

    def get_deliverables(self, agreement) -> DeliverablesSerializer:
        return DeliverablesSerializer(agreement_deliverables(agreement)).data


class EnrollmentRecordSerializer(serializers.ModelSerializer):
    cohort_start = serializers.DateField(source="cohort.start_date", read_only=True)

    class Meta:
        model = Enrollment
        fields = ["status", "cohort_start", "enrolled_on", "activated_on", "ended_on"]


class ParticipantRecordSerializer(serializers.ModelSerializer):
    """A de-identified programme record: no name, NIK, birth date or registration number."""

    id = serializers.SerializerMethodField(help_text="Stable pseudonymous id (HMAC of the record).")
    facility = serializers.SlugRelatedField(slug_field="code", read_only=True)
    birth_year = serializers.SerializerMethodField()
    enrollments = EnrollmentRecordSerializer(many=True, read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "facility",
            "sex",
            "birth_year",
            "primary_substance",
            "use_duration_months",
            "use_route",
            "diagnosis",
            "treatment_history",
            "enrollments",
        ]

    def get_id(self, participant) -> str:
        return participant_pseudonym(participant.pk)

    def get_birth_year(self, participant) -> int | None:
        return participant.birth_date.year if participant.birth_date else None
