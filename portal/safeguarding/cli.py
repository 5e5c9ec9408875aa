"""``portal safeguarding reread``: read stored answers again after the rules change."""

import sys

import click
from flask.cli import with_appcontext

from portal.safeguarding.flags import reread_and_audit


@click.group("safeguarding")
def safeguarding_cli() -> None:
    """Safeguarding flags."""


@safeguarding_cli.command("reread")
@click.option("--form", "slug", help="Only this form's responses (its slug); default every form.")
@with_appcontext
def reread_command(slug: str | None) -> None:
    """Read every stored response that has no flag with today's rules, and flag each disclosure found.

    Run it after the rules in safeguarding_rules/ change. Safe to run again: a flagged response is
    not read twice.
    """
    from portal.forms_engine.content import form_exists

    if slug and not form_exists(slug):
        raise click.ClickException(f"there is no form '{slug}'")

    def progress(responses):
        with click.progressbar(responses, label="Reading responses", file=sys.stderr) as bar:
            yield from bar

    read, flagged = reread_and_audit(slug, progress)
    click.echo(f"Read {read} response(s) again; {flagged} newly flagged for staff on /staff/safeguarding/.")
