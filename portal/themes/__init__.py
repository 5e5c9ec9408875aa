"""Theme coding of free text, offline theme suggestions, agreement, and "you said, we did".

Officers code comments into themes under ``/staff/themes``; the model in ``embedding`` suggests
themes offline; ``agreement`` measures coders against each other; published responses appear on
the consultation's public page and opted-in respondents are told through the outbox.
"""

from flask import Blueprint, Flask

bp = Blueprint("themes", __name__, url_prefix="/staff/themes", template_folder="templates")


def init_app(app: Flask) -> None:
    from portal.themes import models, report, views  # noqa: F401  (tables, report section, routes)
    from portal.themes.cli import themes_cli

    app.register_blueprint(bp)
    app.cli.add_command(themes_cli)
    app.add_template_global(report.you_said_we_did, "you_said_we_did")
    try:
        from portal.analytics.responses.reports import register_section
    except ImportError:  # a deployment without the analytics store has no reports to add to
        return
    register_section(report.report_section)
