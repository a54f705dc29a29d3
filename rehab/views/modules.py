"""The module library: everyone with a role reads it; the administrator and the kepala edit it."""

from django.contrib import messages
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from rehab.documents import document_response
from rehab.forms.programmes import ModuleForm
from rehab.models import Module
from rehab.permissions import MODULE_EDITORS
from rehab.services.programmes import module_save
from rutan.permissions import role_required
from rutan.roles import ALL_ROLES
from rutan.submissions import saved_once


@role_required(*MODULE_EDITORS)
@require_http_methods(["GET", "POST"])
@saved_once
def module_create(request: HttpRequest) -> HttpResponse:
    return _module_form(request, Module())


@role_required(*MODULE_EDITORS)
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _module_form(request, get_object_or_404(Module, pk=pk))


def _module_form(request: HttpRequest, module: Module) -> HttpResponse:
    form = ModuleForm(request.POST or None, request.FILES or None, instance=module)
    if request.method == "POST" and form.is_valid():
        module = module_save(
            module=form.save(commit=False),
            materials=form.cleaned_data.get("materials_upload"),
            materials_info=form.materials_info,
        )
        messages.success(request, _("Modul %(code)s tersimpan.") % {"code": module.code})
        return redirect(f"{reverse('rehab:module_list')}#modul-{module.pk}")
    return render(
        request, "rehab/module_form.html", {"form": form, "module": module if module.pk else None}
    )


@role_required(*ALL_ROLES)
@require_GET
def module_material(request: HttpRequest, pk: int) -> HttpResponse:
    """The module's PDF, only through this view (no media URL), for anyone holding a role."""
    module = get_object_or_404(Module, pk=pk)
    return document_response(module.materials, filename=module.materials_download_name)
