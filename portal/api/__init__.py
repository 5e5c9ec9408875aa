"""The portal's JSON API under /api/v1: the OpenAPI document every capability adds its paths to.

Capabilities keep their endpoints in their own packages and describe them with
`add_paths(app, paths, schemas)`; `/api/v1/openapi.json` serves the combined document.
"""

from collections.abc import Callable

from flask import Blueprint, Flask, current_app, jsonify

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def public_read(reason: str) -> Callable[[Callable], Callable]:
    """Mark an API route as open to anyone (published information), with the reason why."""
    try:
        from portal.staff.auth import public_route
    except ImportError:  # a deployment without the staff area has no access rules to declare
        return lambda view: view
    return public_route(reason)


BASE_DOCUMENT = {
    "openapi": "3.0.3",
    "info": {
        "title": "Family voice API",
        "version": "1.0.0",
        "description": (
            "JSON API of Worcestershire Children First's family voice service. "
            'Errors are returned as {"error": {"code": "...", "message": "..."}}.'
        ),
    },
    "servers": [{"url": "/"}],
}


def add_paths(app: Flask, paths: dict, schemas: dict | None = None) -> None:
    """Add a capability's paths (and component schemas) to the OpenAPI document."""
    document = app.extensions.setdefault("openapi", {"paths": {}, "schemas": {}})
    document["paths"].update(paths)
    document["schemas"].update(schemas or {})


def openapi_document(app: Flask) -> dict:
    """The whole OpenAPI 3 document for this app."""
    parts = app.extensions.get("openapi", {"paths": {}, "schemas": {}})
    return {
        **BASE_DOCUMENT,
        "paths": dict(sorted(parts["paths"].items())),
        "components": {"schemas": parts["schemas"]},
    }


@bp.get("/openapi.json")
@public_read("the API description is public")
def openapi():
    """The OpenAPI 3 description of the API."""
    return jsonify(openapi_document(current_app))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
