"""Public consultations ("Have your say") and officer entry of paper, phone, email and drop-in responses."""

from flask import Blueprint, Flask

from portal.forms_engine.definition import Text, localise, shown_language, text_blocks

bp = Blueprint("consultations", __name__, url_prefix="/consultations", template_folder="templates")
staff_bp = Blueprint(
    "staff_consultations", __name__, url_prefix="/staff/consultations", template_folder="templates"
)


def init_app(app: Flask) -> None:
    """Register the journey on both blueprints; the forms engine brings the commands and content."""
    from portal import forms_engine
    from portal.consultations import staff, views  # noqa: F401  (register the routes)

    forms_engine.init_app(app)
    app.add_template_filter(text_blocks)
    app.add_template_filter(localise_text, "localise")
    app.add_template_global(english_fallback, "english_fallback")
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)


def localise_text(text: Text | None) -> str:
    """Definition text in the reader's language (English when there is no translation)."""
    from portal.consultations.journey import language

    return localise(text, language())


def english_fallback(text: Text | None) -> bool:
    """True when the reader chose another language but this text is only in English, so it is marked."""
    from portal.consultations.journey import language

    return bool(text) and language() != "en" and shown_language(text, language()) == "en"
