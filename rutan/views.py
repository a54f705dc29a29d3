from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from rutan import audit_trail
from rutan import breach
from rutan import two_factor
from rutan.audit import AuditAction
from rutan.audit import audit_own_scope
from rutan.forms import LoginForm
from rutan.forms import NotificationPreferenceForm
from rutan.health import health_body
from rutan.health import health_run
from rutan.home import home_context
from rutan.middleware import leaves_session_idle
from rutan.models import Notification
from rutan.notifications import preference_for
from rutan.notifications import unread_count
from rutan.pagination import paginate
from rutan.permissions import AUDIT_ROLES
from rutan.permissions import role_required
from rutan.roles import Role


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        two_factor.remember_device_state(self.request)
        return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose security token no longer matches (opened before a sign-in or sign-out, or
    in a second tab): in Indonesian, and the sign-in form simply opens again with a fresh token."""
    if request.path == reverse("login"):
        messages.warning(request, _("Halaman masuk sudah kedaluwarsa. Silakan masuk lagi."))
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")
        return redirect("login")
    return render(request, "403_csrf.html", status=403)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "rutan/home.html", home_context(request.user))


@require_POST
@never_cache
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """Keep an idle session alive ("Tetap masuk", or typing in a form); 401 once it has ended.

    The session is marked modified, so its expiry moves on even without
    SESSION_SAVE_EVERY_REQUEST. Answers JSON, never a redirect to the sign-in page.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"authenticated": False}, status=401)
    request.session["last_keepalive"] = timezone.now().isoformat()
    request.session.modified = True
    return JsonResponse({"authenticated": True, "expires_in": request.session.get_expiry_age()})


@require_GET
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """200 when every configured part answers, 503 otherwise; within a second either way.

    Everyone sees which parts are up; administrators also see timings and errors."""
    results = health_run()
    status, body = health_body(results)
    user = getattr(request, "user", None)
    try:
        is_admin = bool(user and user.is_authenticated and user.has_role(Role.ADMIN))
    except DatabaseError:  # the session or user lives in the database that is down
        is_admin = False
    if is_admin:
        body["detail"] = results
    return JsonResponse(body, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The inbox, newest first, and the person's e-mail and language settings."""
    preference = preference_for(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("notifications")
    items = Notification.objects.filter(user=request.user)[:100]
    return render(
        request,
        "rutan/notifications.html",
        {"items": items, "form": form, "unread_notifications": unread_count(request.user)},
    )


@leaves_session_idle
@login_required
@require_GET
@never_cache
def notifications_count(request: HttpRequest) -> HttpResponse:
    """The bell's badge, loaded by htmx after the page: no query added to every page. (Not polled:
    a request every minute would keep an idle session alive.)"""
    return render(request, "rutan/_notification_count.html", {"count": unread_count(request.user)})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notification.mark_read(timezone.now())
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts=None
    ):
        return redirect(notification.link)
    return redirect("notifications")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("notifications")


AUDIT_PAGE_SIZE = 50


@role_required(*AUDIT_ROLES)
def audit_trail_view(request: HttpRequest) -> HttpResponse:
    """Jejak audit: who opened or did what, filterable and exportable."""
    filterset, events = audit_trail.filtered_events(request.user, request.GET)
    page = paginate(request, events, AUDIT_PAGE_SIZE)
    labels = audit_trail.participant_labels(
        request.user, {e.participant_pk for e in page.object_list if e.participant_pk}
    )
    actions = dict(AuditAction.choices)
    rows = [
        {
            "event": event,
            "action": actions.get(event.action, event.action),
            "participant": labels.get(event.participant_pk, event.participant_pk),
        }
        for event in page.object_list
    ]
    return render(
        request,
        "rutan/audit_trail.html",
        {
            "form": filterset.form,
            "page": page,
            "rows": rows,
        },
        status=400 if filterset.is_bound and filterset.errors else 200,
    )


@role_required(*AUDIT_ROLES)
def audit_trail_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _filterset, events = audit_trail.filtered_events(request.user, request.GET)
    if fmt == "csv":
        body, content_type = audit_trail.audit_csv(request.user, events), "text/csv; charset=utf-8"
    else:
        body = audit_trail.audit_xlsx(request.user, events)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit_own_scope(
        request.user, AuditAction.AUDIT_EXPORT, f"{fmt}; filter: {request.GET.urlencode()}"
    )
    response = HttpResponse(body, content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"jejak-audit-{stamp}.{fmt}"
    )
    return response


@role_required(*AUDIT_ROLES)
def breach_notice(request: HttpRequest) -> HttpResponse:
    """Draft the UU PDP Pasal 46 notice from the trail of chosen accounts in a window."""
    events = audit_trail.audit_events_for(request.user)
    form = breach.BreachNoticeForm(request.GET or None, events=events)
    draft = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        draft = breach.breach_notice_text(
            request.user, accounts=list(data["akun"]), start=data["dari"], end=data["sampai"]
        )
        audit_own_scope(
            request.user,
            AuditAction.AUDIT_BREACH_NOTICE,
            f"{data['dari']}–{data['sampai']}: " + ", ".join(u.username for u in data["akun"]),
        )
        if request.GET.get("unduh"):
            response = HttpResponse(draft, content_type="text/markdown; charset=utf-8")
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True,
                filename=f"draf-pemberitahuan-{data['dari']}-{data['sampai']}.md",
            )
            return response
    return render(
        request,
        "rutan/breach_notice.html",
        {"form": form, "draft": draft, "querystring": request.GET.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )
