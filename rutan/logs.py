"""Structured logs: one JSON object per line, and one line per request.

A request's line carries its id (X-Request-ID from the proxy, or a new one), the user's id, the
facility's id, method, route, status and duration. Never a name, a NIK or a query string: search
terms are often names.
"""

import json
import logging
import re
import time
import uuid

request_logger = logging.getLogger("pulih.request")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


JsonFormatter.converter = time.gmtime


class RequestLogMiddleware:
    """First in the chain: times the whole request and writes its one log line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            self._log(request, status, time.perf_counter() - started)

    @staticmethod
    def _log(request, status: int, seconds: float) -> None:
        user_id = facility_id = None
        user = getattr(request, "_cached_user", None) or getattr(request, "user", None)
        try:
            if user is not None and user.is_authenticated:
                user_id, facility_id = user.pk, user.facility_id
        except Exception:  # noqa: BLE001, S110 (the database holding the session may be down)
            pass
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "request",
            extra={
                "request_id": request.request_id,
                "method": request.method,
                "route": match.route if match else "",
                "view": match.view_name if match else "",
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": user_id,
                "facility_id": facility_id,
            },
        )
