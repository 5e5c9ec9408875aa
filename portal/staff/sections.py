"""The sections of the staff area, shown on the dashboard to the people whose role may open them."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.staff.auth import access_rule_for

# (endpoint, title, description). Who sees a link is read from the endpoint's own access rule,
# so the dashboard never offers a page that would refuse the person.
SECTIONS = [
    ("staff_consultations.index", _l("Consultations"), _l("Enter paper and phone responses")),
    ("consultations_staff.index", _l("Consultations"), _l("Responses, themes and reports")),
    ("feedback_staff.index", _l("Feedback"), _l("Feedback from families")),
    ("themes.index", _l("Theme coding"), _l("Code written answers into themes, you said and we did")),
    ("feedback_staff.links", _l("Feedback links"), _l("Make links to feedback forms for a team or service")),
    ("careleavers_staff.queue", _l("Care leavers"), _l("Callback and contact requests")),
    ("safeguarding.index", _l("Safeguarding flags"), _l("Answers and messages that may show risk")),
    ("formats_staff.queue", _l("Other formats"), _l("Requests for large print, audio, Braille, paper, BSL")),
    ("localoffer_staff.dashboard", _l("Local Offer"), _l("Keep the directory of services current")),
    ("sms_staff.dead_letters", _l("Text messages"), _l("Messages that could not be sent")),
    ("conversations.index", _l("Chat analytics"), _l("How the assistant is used")),
    ("analytics_staff.index", _l("Chat analytics"), _l("How the assistant is used")),
    (
        "analytics_responses.index",
        _l("Results dashboards"),
        _l("Counts, charts, cross-tabs, exports and committee reports"),
    ),
    (
        "analytics_service_flags.flags",
        _l("Local Offer reports"),
        _l("How often families say a service's information is wrong"),
    ),
    (
        "contacts_staff.index",
        _l("Signposting numbers"),
        _l("Emergency and support numbers shown to families"),
    ),
    ("staff.users", _l("Staff accounts"), _l("Add people, change roles, unlock accounts")),
    ("staff.audit_log", _l("Audit log"), _l("Who did what, and when")),
    ("staff.retention", _l("Retention"), _l("How long personal data is kept, legal holds")),
    ("staff.subject_requests", _l("Subject access and erasure"), _l("Find, export or erase a person's data")),
    ("staff.two_factor", _l("Two-step sign-in"), _l("Set up codes from an authenticator app")),
]


def sections_for(role: str) -> list[dict]:
    """The sections that exist in this deployment and that ``role`` may open."""
    seen = set()
    found = []
    for endpoint, title, description in SECTIONS:
        if endpoint not in current_app.view_functions or str(title) in seen:
            continue
        rule = access_rule_for(current_app, endpoint)
        if rule is None or rule.kind != "roles" or role not in rule.roles:
            continue
        seen.add(str(title))
        found.append({"endpoint": endpoint, "title": title, "description": description})
    return found
