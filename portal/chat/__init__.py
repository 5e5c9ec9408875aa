"""Web chat with the assistant: a page that works without JavaScript, enhanced when it is on.

The portal passes each message to Rasa's REST channel under a random ``web:`` sender id and keeps
the transcript on the server for the length of the browser session. If the assistant is down or
slow, the family's message is kept for staff to follow up and the page shows who to call.
"""

import os

from flask import Blueprint, Flask

bp = Blueprint(
    "chat", __name__, template_folder="templates", static_folder="static", static_url_path="/chat/static"
)


def init_app(app: Flask) -> None:
    from portal.chat import models, views  # noqa: F401  (tables and routes)

    app.config.setdefault("CHAT_RASA_TIMEOUT", float(os.environ.get("CHAT_RASA_TIMEOUT", "8")))
    app.register_blueprint(bp)
