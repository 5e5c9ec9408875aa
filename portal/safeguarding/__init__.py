"""Safeguarding: reading free text for signs that a child or young person may be at risk.

``detect_risk(text)`` is the one place that decides; forms, the assistant and the API call it.
A response stored with a disclosure, or a message the assistant passes on, becomes a
``SafeguardingFlag`` that staff see at once on ``/staff/safeguarding``.
"""

from flask import Flask

from safeguarding_rules import RiskAssessment, RiskMatch, detect_risk

__all__ = ["RiskAssessment", "RiskMatch", "detect_risk", "init_app"]


def init_app(app: Flask) -> None:
    from portal.api import add_paths
    from portal.extensions import csrf
    from portal.safeguarding import flags, models  # noqa: F401  (table and the response listener)
    from portal.safeguarding.api import OPENAPI_PATHS, OPENAPI_SCHEMAS, api_bp
    from portal.safeguarding.cli import safeguarding_cli
    from portal.safeguarding.flags import setup_step
    from portal.safeguarding.views import bp
    from portal.setup_steps import register_setup_step

    app.register_blueprint(bp)
    app.cli.add_command(safeguarding_cli)
    register_setup_step(app, "safeguarding", setup_step)
    csrf.exempt(api_bp)  # bearer-token API: no cookies, so no CSRF
    app.register_blueprint(api_bp)
    add_paths(app, OPENAPI_PATHS, OPENAPI_SCHEMAS)
