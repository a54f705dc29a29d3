"""The token scheme, as the OpenAPI schema describes it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued by the administrator (manage.py api_token).",
        }


ERROR_RESPONSES = {
    "400": "Invalid parameters (e.g. a period that names none); the body names the parameter.",
    "401": "No token, or a token unknown, revoked or expired.",
    "404": "Outside the token's scope, or no such page or object.",
    "429": "Too many calls: the token's rate limit (Retry-After says when to try again).",
}


def add_error_responses(result, generator, request, public):
    """Every operation documents the errors every operation can answer."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
        "type": "object",
        "additionalProperties": True,
        "description": 'E.g. {"detail": "…"} or {"period": "…"}.',
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
