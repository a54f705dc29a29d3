from django import forms
from django.contrib import admin
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from api.services import api_token_issue


class ApiTokenIssueForm(forms.ModelForm):
    days = forms.IntegerField(label=_("Berlaku (hari)"), min_value=1, max_value=730, initial=365)

    class Meta:
        model = ApiToken
        fields = ["organisation", "region"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "scope_label",
        "key_hint",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["region"]
    search_fields = ["organisation", "key_hint"]
    list_select_related = ["region"]
    actions = ["revoke"]
    readonly_fields = [
        "organisation",
        "region",
        "user",
        "key_hint",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "issued_by",
        "created_at",
    ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenIssueForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fields(self, request, obj=None):
        return ["organisation", "region", "days"] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        issued = api_token_issue(
            organisation=form.cleaned_data["organisation"],
            region=form.cleaned_data["region"],
            days=form.cleaned_data["days"],
            issued_by=request.user,
        )
        # The admin's "added" message links to this object: point it at the new token.
        obj.pk = issued.token.pk
        messages.warning(
            request,
            _("Token baru (salin sekarang; tidak akan ditampilkan lagi): %(token)s")
            % {"token": issued.raw},
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cabut token terpilih"))
    def revoke(self, request, queryset):
        for token in queryset:
            token.revoke()
        self.message_user(request, _("%(n)s token dicabut.") % {"n": queryset.count()})
