"""The forms engine: questionnaires as data, with routing, validation and one response store.

Consultations, feedback forms and care-leaver forms call it; see docs/forms-engine.md.
"""

from flask import Flask

from portal.setup_steps import already_applied, fingerprint_files, mark_applied, register_setup_step


def init_app(app: Flask) -> None:
    """Register the engine's commands and the set-up step that loads shipped definitions (once).

    ``portal export`` and ``portal report`` are the analytics store's (portal.analytics.responses).
    """
    if app.extensions.get("forms_engine"):
        return
    app.extensions["forms_engine"] = True
    from portal.forms_engine import cli, models  # noqa: F401  (tables for migrations)

    for command in (
        cli.content_group,
        cli.responses_group,
        cli.drafts_group,
    ):
        app.cli.add_command(command)
    register_setup_step(app, "forms", load_shipped_forms)


def load_shipped_forms() -> str:
    """Load the shipped form definitions when any file changed (idempotent)."""
    from portal.forms_engine.content import definition_files, load_files

    files = definition_files()
    fingerprint = fingerprint_files(files)
    if already_applied("forms", fingerprint):
        return "unchanged"
    lines = load_files(files)
    mark_applied("forms", fingerprint)
    from portal.extensions import db

    db.session.commit()
    return "; ".join(lines)
