"""Who may use which staff page or API call, declared on every route.

Each view in ``/staff`` or ``/api`` declares its rule with one of these decorators, and the
rule is recorded on the view (``view.access_rule``, ``view.required_roles``) so that a test can
walk ``app.url_map`` and fail on any route without one:

- ``@role_required("officer")``: signed-in staff with one of the roles (admins too, unless
  ``allow_admin=False``). Also works as a blueprint ``before_request`` function.
- ``@signed_in_required``: any signed-in member of staff.
- ``@public_route("why")``: deliberately open (the sign-in page, public API reads).
- ``@api_token_required``: the assistant's calls, with ``Authorization: Bearer`` (see portal.api.bot_auth).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user

from portal.staff.models import ROLES


@dataclass(frozen=True)
class AccessRule:
    """How a route is protected: ``roles`` (with the roles allowed), ``public`` or ``token``."""

    kind: str
    roles: frozenset[str] = field(default_factory=frozenset)
    reason: str = ""


def _is_api() -> bool:
    return request.path.startswith("/api/")


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after sign-in, or None (never another site)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def refuse_unless_allowed(allowed: Iterable[str]):
    """None when the signed-in person has an allowed role, otherwise the refusal to send."""
    from portal.errors import api_error

    if not current_user.is_authenticated:
        if _is_api():
            return api_error(401, "Sign in to use this.", code="unauthorised")
        target = request.full_path if request.query_string else request.path
        return redirect(url_for("staff.sign_in", next=target))
    if current_user.role not in allowed:
        if _is_api():
            return api_error(403, "Your role does not allow this.", code="forbidden")
        abort(403)
    return None


def _mark(function: Callable, rule: AccessRule) -> Callable:
    function.access_rule = rule
    function.required_roles = rule.roles
    return function


def role_required(*roles: str, allow_admin: bool = True) -> Callable[[Callable], Callable]:
    """Only staff with one of ``roles`` (and admins, unless ``allow_admin=False``) may use the view."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    allowed = frozenset(roles) | ({"admin"} if allow_admin else frozenset())

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            refusal = refuse_unless_allowed(allowed)
            if refusal is not None:
                return refusal
            return view(*args, **kwargs)

        return _mark(guarded, AccessRule("roles", allowed))

    return decorator


signed_in_required = role_required(*ROLES)


def public_route(reason: str) -> Callable[[Callable], Callable]:
    """Declare a route open to anyone, saying why."""

    def decorator(view: Callable) -> Callable:
        return _mark(view, AccessRule("public", reason=reason))

    return decorator


def api_token_required(view: Callable) -> Callable:
    """The assistant's calls: ``Authorization: Bearer`` with the bot API token, else a JSON 401."""
    from portal.api.bot_auth import bot_token_required

    return _mark(bot_token_required(view), AccessRule("token", reason="assistant bearer token"))


def declare_access(app: Flask, endpoint: str, rule: AccessRule) -> None:
    """Declare the rule of a route whose view cannot carry a decorator (e.g. a library's)."""
    app.extensions.setdefault("access_rules", {})[endpoint] = rule


def access_rule_for(app: Flask, endpoint: str) -> AccessRule | None:
    """The rule a route declares: on its view, on its blueprint's before_request, or by declare_access."""
    declared = app.extensions.get("access_rules", {}).get(endpoint)
    if declared is not None:
        return declared
    view = app.view_functions.get(endpoint)
    rule = getattr(view, "access_rule", None)
    if rule is not None:
        return rule
    names = endpoint.split(".")[:-1]
    for depth in range(len(names), 0, -1):
        blueprint = ".".join(names[:depth])
        for function in app.before_request_funcs.get(blueprint, []):
            rule = getattr(function, "access_rule", None)
            if rule is not None:
                return rule
    return None


def is_public_endpoint(endpoint: str | None) -> bool:
    rule = access_rule_for(current_app, endpoint) if endpoint else None
    return rule is not None and rule.kind == "public"
