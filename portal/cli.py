"""The ``portal`` command: the same commands as ``flask --app wsgi``, for operators and scripts."""

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from portal.database_role import RoleError, grant_runtime_role
from portal.setup_steps import setup_steps


def init_app(app: Flask) -> None:
    app.cli.add_command(setup_command)


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Create or migrate the database, then load the shipped content. Safe to run again."""
    upgrade(revision="heads")
    click.echo("Database is at the latest migration.")
    role = current_app.config.get("DATABASE_APP_ROLE")
    if role:
        try:
            click.echo(f"Runtime role: {grant_runtime_role(role)}.")
        except RoleError as error:
            raise click.ClickException(f"Could not set up the runtime role: {error}.") from error
    for name, step in setup_steps(current_app):
        summary = step()
        click.echo(f"{name}: {summary or 'done'}")
    click.echo("Set-up finished.")


def _create_app():
    from portal import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
def main() -> None:
    """Family voice portal: set up, manage content and export what families said."""
