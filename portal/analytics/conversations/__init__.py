"""The assistant's conversations in the analytics store: ingest from Rasa's event broker, staff views.

``portal analytics ingest`` reads Rasa's SQL event broker (``RASA_EVENTS_DB_URL``, by default
``bot/events.db``) and, when ``RABBITMQ_URL`` is set, its RabbitMQ queue (``RASA_EVENTS_QUEUE``).
Officers read the results under ``/staff/conversations/``.
"""

from flask import Blueprint, Flask

bp = Blueprint(
    "conversations",
    __name__,
    url_prefix="/staff/conversations",
    template_folder="templates",
)


def init_app(app: Flask) -> None:
    from portal.analytics.cli import analytics_cli
    from portal.analytics.conversations import commands, models, views  # noqa: F401
    from portal.analytics.conversations.settings import init_settings

    init_settings(app)
    app.register_blueprint(bp)
    if "analytics" not in app.cli.commands:
        app.cli.add_command(analytics_cli)
