"""Responses in the analytics store: answer facts, summaries, suppression, exports, reports, dashboards.

Facts are kept as responses are stored (a session hook, whatever channel or capability stores
them); ``portal analytics rebuild`` recreates them. Officers and analysts read dashboards under
``/staff/analytics/<slug>``; ``portal export`` and ``portal report`` write files. See docs/analytics.md.
"""

from flask import Blueprint, Flask

bp = Blueprint("analytics_responses", __name__, url_prefix="/staff/analytics", template_folder="templates")


def init_app(app: Flask) -> None:
    from portal.analytics.cli import analytics_cli
    from portal.analytics.responses import commands, facts, views  # noqa: F401
    from portal.setup_steps import register_setup_step

    facts.listen()
    app.config.setdefault("ANALYTICS_SUPPRESSION_THRESHOLD", 5)
    app.register_blueprint(bp)
    app.cli.add_command(commands.export_command)
    app.cli.add_command(commands.report_command)
    if "analytics" not in app.cli.commands:
        app.cli.add_command(analytics_cli)
    register_setup_step(app, "analytics-facts", fill_missing_facts)


def fill_missing_facts() -> str:
    """Build the facts once for answers stored before the fact table existed (idempotent)."""
    from sqlalchemy import func, select

    from portal.analytics.responses.facts import AnswerFact, rebuild
    from portal.extensions import db
    from portal.forms_engine.models import Answer

    has_facts = db.session.scalar(select(func.count(AnswerFact.id)))
    has_answers = db.session.scalar(select(func.count(Answer.id)))
    db.session.rollback()  # end the read, so no connection is left open in a transaction
    if has_facts or not has_answers:
        return "unchanged"
    return f"{rebuild()} answer facts"
