"""Checks shared by the JSON endpoints the assistant calls: required strings and the channel."""

ASSISTANT_CHANNELS = ("sms", "web")


def text_field_problems(fields: dict, limits: dict[str, int], optional: tuple[str, ...] = ()) -> dict:
    """Problems by field name for values that must be non-empty strings within their length limit.

    Fields named in ``optional`` may also be missing or empty.
    """
    problems = {}
    for name, limit in limits.items():
        value = fields.get(name)
        if name in optional and value in (None, ""):
            continue
        if not isinstance(value, str) or not value.strip():
            problems[name] = "Required: a non-empty string."
        elif len(value) > limit:
            problems[name] = f"At most {limit} characters."
    if fields.get("channel") not in ASSISTANT_CHANNELS:
        problems["channel"] = "Must be one of: " + ", ".join(ASSISTANT_CHANNELS) + "."
    return problems
