from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from rutan.forms import LoginForm
from rutan.home import home_context


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


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
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
