"""Who may use the editors' pages.

The staff capability's `role_required` is used when it is installed; without it the pages
answer 404 to anyone not signed in, so they are never open to the public.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

EDITOR_ROLE = "editor"

try:  # the staff capability, when this deployment has it
    from portal.staff.auth import role_required as _role_required
except ImportError:  # pragma: no cover - depends on which capabilities are installed
    _role_required = None


def editor_required(view: Callable) -> Callable:
    """Only Local Offer editors (and admins) may use the view."""
    if _role_required is not None:
        return _role_required(EDITOR_ROLE)(view)  # admins are allowed too

    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            abort(404)
        return view(*args, **kwargs)

    return guarded


def current_editor() -> str:
    """How history records the signed-in editor (their user id, not their email)."""
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else "unknown"
