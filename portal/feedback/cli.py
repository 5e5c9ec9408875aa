"""``portal feedback link``: a feedback link carrying a team, service and quarter."""

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.feedback.context import make_token


@click.group("feedback")
def feedback_group() -> None:
    """Feedback forms."""


@feedback_group.command("link")
@click.argument("slug")
@click.option("--team", help="Team name, as it should appear in results")
@click.option("--service", help="Service name, as it should appear in results")
@click.option("--quarter", help="Financial year and quarter, such as 2026-27 Q3")
@with_appcontext
def link_command(slug: str, team: str | None, service: str | None, quarter: str | None) -> None:
    """Print the link to send families (it holds no personal data)."""
    try:
        token = make_token(team, service, quarter)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    click.echo(f"{current_app.config['PUBLIC_URL']}/feedback/{slug}?context={token}")
