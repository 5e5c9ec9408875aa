"""How the signed-in member of staff is shown in queues and histories."""

from flask_login import current_user


def staff_name() -> str:
    """The signed-in person's name, or their email when they have no name."""
    for attribute in ("name", "email"):
        value = getattr(current_user, attribute, None)
        if value:
            return str(value)
    return "staff"


def staff_id() -> int | None:
    """The signed-in person's id, if anyone is signed in."""
    value = getattr(current_user, "id", None)
    return value if isinstance(value, int) else None
