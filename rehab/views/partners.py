"""Partner organisations: the administrator keeps them; a kepala views those they work with."""

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from rehab.forms.agreements import PartnerForm
from rehab.permissions import AGREEMENT_EDITORS
from rehab.permissions import PARTNER_READERS
from rehab.selectors import partners as selectors
from rutan.permissions import role_required
from rutan.roles import Role
from rutan.submissions import saved_once


@role_required(*PARTNER_READERS)
def partner_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rehab/partner_list.html",
        {
            "partners": selectors.partner_list(request.user).order_by("name"),
            "can_edit": request.user.has_role(Role.ADMIN),
        },
    )


@role_required(*PARTNER_READERS)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "rehab/partner_detail.html",
        {
            "partner": selectors.get_partner_for(request.user, pk),
            "can_edit": request.user.has_role(Role.ADMIN),
            "can_register_agreement": request.user.has_role(*AGREEMENT_EDITORS),
        },
    )


@role_required(Role.ADMIN)
@saved_once
def partner_create(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, _("Mitra %(name)s tersimpan.") % {"name": partner.name})
        return redirect("rehab:partner_detail", pk=partner.pk)
    return render(request, "rehab/partner_form.html", {"form": form, "partner": None})


@role_required(Role.ADMIN)
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(selectors.partners_visible_to(request.user), pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Perubahan data mitra tersimpan."))
        return redirect("rehab:partner_detail", pk=partner.pk)
    return render(request, "rehab/partner_form.html", {"form": form, "partner": partner})
