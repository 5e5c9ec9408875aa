"""`portal themes suggest SLUG`: suggestions for a large form, outside any web request."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db

themes_cli = AppGroup("themes", help="Theme coding of written answers.")


@themes_cli.command("suggest")
@click.argument("slug")
def suggest_command(slug: str) -> None:
    """Suggest themes for every comment of SLUG not yet coded (runs the offline model here)."""
    from portal.staff.audit import record
    from portal.themes import embedding, service

    if service.form_by_slug(slug) is None:
        raise click.ClickException(f"no form {slug!r}")
    try:
        made = service.suggest_for_form(slug)
    except embedding.ModelUnavailable as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    record(
        "theme_suggestions_made",
        subject_type="form",
        subject_id=service.form_by_slug(slug).id,
        detail={"form": slug, "suggestions": made, "model": embedding.MODEL_NAME, "by": "command"},
    )
    db.session.commit()
    click.echo(f"{made} suggestions made for {slug}")
