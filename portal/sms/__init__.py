"""The SMS gateway: Twilio's webhooks, opt-outs, pseudonyms, and the assistant behind Rasa's REST channel.

``POST /sms/inbound`` checks ``X-Twilio-Signature``, stores the text once per MessageSid and answers
with empty TwiML at once; the worker (``portal.worker``) passes it to Rasa under a pseudonym and
queues the replies in the outbox, which sends them through Twilio's Messages API. See docs/sms.md.
"""

import logging
import os

import click
from flask import Blueprint, Flask

from portal.extensions import csrf, limiter

bp = Blueprint("sms", __name__, template_folder="templates")

# setting -> (type, default); each may be set in the environment.
SETTINGS = {
    "SMS_RASA_GIVE_UP_MINUTES": (float, "10"),
    "SMS_RASA_TIMEOUT_SECONDS": (float, "15"),
    "SMS_MAX_PER_NUMBER_PER_HOUR": (int, "30"),
    "SMS_MAX_INBOUND_PER_MINUTE": (int, "300"),
    "SMS_DAILY_SEGMENT_CAP": (int, "2000"),
    "SMS_PROCESS_LEASE_SECONDS": (float, "120"),
    "TWILIO_TIMEOUT_SECONDS": (float, "10"),
}


@bp.after_request
def _nothing_to_load(response):
    """The webhooks answer TwiML or plain text: the strictest policy, as the fast path. Pages (the
    full answer page) keep the page policy, which lets their stylesheet and script load."""
    from portal.security import NOTHING_CSP

    if response.mimetype != "text/html":
        response.headers.setdefault("Content-Security-Policy", NOTHING_CSP)
    return response


def init_app(app: Flask) -> None:
    from portal.config import _bool, instance_secret
    from portal.outbox.channels import register_channel
    from portal.sms import models, views  # noqa: F401  (the tables; the routes on bp)
    from portal.sms.staff import staff_bp
    from portal.sms.twilio_channel import SmsChannel
    from portal.sms.webhook import InboundWebhook

    for name, (kind, default) in SETTINGS.items():
        app.config.setdefault(name, kind(os.environ.get(name) or default))
    app.config.setdefault("SMS_REPLY_TO_KEYWORDS", _bool(os.environ.get("SMS_REPLY_TO_KEYWORDS"), True))
    app.config.setdefault(
        "SMS_PSEUDONYM_KEY",
        os.environ.get("SMS_PSEUDONYM_KEY") or instance_secret(app.instance_path, "sms_pseudonym_key"),
    )
    # urllib3 logs every URL at DEBUG; a reconciling GET to Twilio carries the number in its query.
    logging.getLogger("urllib3.connectionpool").setLevel(max(logging.INFO, app.logger.getEffectiveLevel()))
    register_channel("sms", SmsChannel())
    csrf.exempt(bp)  # Twilio cannot send a CSRF token; its signature is checked instead
    limiter.exempt(bp)  # the gateway has its own per-number and service-wide limits
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.wsgi_app = InboundWebhook(app, app.wsgi_app)  # Twilio's texts skip the page machinery
    app.cli.add_command(worker_command)
    try:
        from portal.staff.subjects import register_subject_finder
    except ImportError:  # pragma: no cover - without the staff capability there is no subject access
        return
    from portal.sms.subjects import find_texts

    register_subject_finder(find_texts)


@click.command("worker")
@click.option("--workers", "-w", default=4, show_default=True, help="Worker threads.")
def worker_command(workers: int) -> None:
    """Run the task queue consumer (texts to the assistant, outbox sends, the sweep)."""
    import sys

    from huey.bin.huey_consumer import consumer_main

    sys.argv = ["huey_consumer", "portal.worker.huey", "-k", "thread", "-w", str(workers)]
    consumer_main()
