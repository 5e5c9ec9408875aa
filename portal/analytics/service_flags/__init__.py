"""Families' "this information is wrong" reports on Local Offer services, in the analytics store.

Each report a family sends adds a fact (which service, what was wrong, the day; never the words
they typed) in the same transaction as the report, so the counts outlast the editors' queue.
Officers and analysts read them by month and by service at ``/staff/analytics/local-offer/flags``.
"""

import importlib.util

from flask import Blueprint, Flask

bp = Blueprint(
    "analytics_service_flags",
    __name__,
    url_prefix="/staff/analytics/local-offer",
    template_folder="templates",
)


def init_app(app: Flask) -> None:
    # The facts are about Local Offer services: nothing to keep where the directory is not installed.
    if importlib.util.find_spec("portal.localoffer") is None:
        return
    from portal.analytics.service_flags import facts, views  # noqa: F401
    from portal.setup_steps import register_setup_step

    facts.listen()
    app.config.setdefault("ANALYTICS_SUPPRESSION_THRESHOLD", 5)
    app.register_blueprint(bp)
    register_setup_step(app, "analytics-service-flags", facts.fill_missing)
