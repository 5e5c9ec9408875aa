"""Which public pages the browser suite visits.

Every public GET route without parameters is found from the app's URL map. Routes with
parameters need an example here (or a reason they are not a page), so a new page cannot
escape the accessibility check.
"""

# endpoint -> example path, or None with the reason in a comment.
EXAMPLES: dict[str, str | None] = {
    "static": None,  # files, not pages
    "govuk_assets": None,  # files, not pages
    "choose_language": None,  # redirects back to the page the family was on
    "localoffer.static": None,  # files, not pages
    "chat.static": None,  # files, not pages
    "localoffer.service": "/local-offer/services/sendiass",
    "localoffer.report_problem": "/local-offer/services/sendiass/report-a-problem",
    "localoffer.problem_reported": "/local-offer/services/sendiass/report-a-problem/sent",
    "consultations.start": "/consultations/overnight-short-breaks-2019",
    "consultations.resume": "/consultations/short-breaks-local-offer-2026/resume",
    # Pages that need answers in progress: tests/browser/test_consultations.py walks every one.
    "consultations.question": None,
    "consultations.check": None,
    "consultations.confirmation": None,
    "consultations.save": None,
    "feedback.start": "/feedback/cp-conference-parent-feedback",
    "feedback.resume": "/feedback/ehcp-new-plan-feedback/resume",
    "careleavers.start": "/care-leavers/ask-for-a-call-back",
    "formats.ask": "/consultations/overnight-short-breaks-2019/another-format",
    "formats.asked": "/consultations/overnight-short-breaks-2019/another-format/sent",
    "formats.printable": "/consultations/short-breaks-local-offer-2026/print",
    "formats.easy_read_page": "/easy-read/overnight-short-breaks-2019",
    "careleavers.resume": "/care-leavers/update-my-contact-details/resume",
    # Pages that need answers in progress: tests/browser/test_feedback_and_care_leavers.py walks them.
    "feedback.question": None,
    "feedback.check": None,
    "feedback.confirmation": None,
    "feedback.save": None,
    "careleavers.question": None,
    "careleavers.check": None,
    "careleavers.confirmation": None,
    "careleavers.save": None,
}

# Prefixes that are not public pages (the staff area has its own suite, the API is JSON).
NOT_PUBLIC = ("/staff", "/api/", "/healthz", "/sms/", "/static/", "/assets/")


def public_pages(app) -> list[str]:
    """Every public page's path: the parameter-free GET routes plus the examples above."""
    paths = set()
    missing = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(NOT_PUBLIC):
            continue
        if rule.arguments:
            if rule.endpoint not in EXAMPLES:
                missing.append(f"{rule.endpoint} ({rule.rule})")
            elif EXAMPLES[rule.endpoint]:
                paths.add(EXAMPLES[rule.endpoint])
            continue
        paths.add(rule.rule)
    if missing:
        raise AssertionError(
            "Public routes with parameters need an example in tests/browser/pages.py: " + ", ".join(missing)
        )
    return sorted(paths)
