"""Access rules for the SMS pages, using the staff capability's decorators when it is installed.

Without it the staff pages answer 404 to anyone not signed in, so they are never open to the public.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

try:  # the staff capability, when this deployment has it
    from portal.staff.auth import public_route, role_required
except ImportError:  # pragma: no cover - depends on which capabilities are installed
    role_required = public_route = None

STAFF_ROLES = ("officer",)


def staff_only(view: Callable) -> Callable:
    """Engagement officers (and admins) only."""
    if role_required is not None:
        return role_required(*STAFF_ROLES)(view)

    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            abort(404)
        return view(*args, **kwargs)

    return guarded


def open_route(reason: str) -> Callable[[Callable], Callable]:
    """A route open to anyone (Twilio's webhooks check their own signature)."""
    if public_route is not None:
        return public_route(reason)
    return lambda view: view
