"""Signposting contacts (999, Family Front Door, Childline, Samaritans, teams) kept as content.

Pages include ``partials/emergency_signposting.html``; the assistant reads ``GET /api/v1/contacts``.
"""

from flask import Blueprint, Flask

bp = Blueprint("contacts", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from portal.contacts import views  # noqa: F401  (registers the routes on bp)
    from portal.contacts.content import load_contacts, signposting_contacts
    from portal.contacts.staff_views import staff_bp
    from portal.setup_steps import register_setup_step

    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.add_template_global(signposting_contacts)
    register_setup_step(app, "contacts", load_contacts)
