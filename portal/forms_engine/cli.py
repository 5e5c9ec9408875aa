"""Commands: `portal content load`, `responses import` and `drafts purge` (export/report: analytics)."""

from __future__ import annotations

from pathlib import Path

import click
import yaml
from flask.cli import with_appcontext

from portal.forms_engine.content import definition_files, load_files
from portal.forms_engine.definition import DefinitionError
from portal.forms_engine.drafts import purge_expired
from portal.forms_engine.tabular import CHANNELS
from portal.forms_engine.transfer import UnknownForm, import_csv

content_group = click.Group("content", help="Load shipped questionnaires and other content.")
responses_group = click.Group("responses", help="Enter responses in bulk.")
drafts_group = click.Group("drafts", help="Answers in progress.")


@content_group.command("load")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def content_load(paths: tuple[Path, ...]) -> None:
    """Load form definitions (all shipped ones by default); a new version only when one changed."""
    try:
        lines = load_files(list(paths) or definition_files())
    except DefinitionError as error:
        raise click.ClickException(str(error)) from error
    for line in lines:
        click.echo(line)


@responses_group.command("import")
@click.argument("slug")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--channel", required=True, type=click.Choice([c for c in CHANNELS if c != "online"]))
@click.option("--mapping", type=click.File("r", encoding="utf-8"), help="YAML mapping another tool's columns")
@with_appcontext
def responses_import(slug: str, file, channel: str, mapping) -> None:
    """Import responses typed up from paper (or exported from another tool): all rows or none."""
    mapping_data = yaml.safe_load(mapping.read()) if mapping else None
    try:
        result = import_csv(slug, file.read(), channel, mapping_data)
    except UnknownForm as error:
        raise click.ClickException(f"there is no form '{slug}'") from error
    if result.problems:
        for problem in result.problems:
            click.echo(problem, err=True)
        raise click.ClickException(f"nothing imported: {len(result.problems)} problem(s)")
    click.echo(f"Imported {result.imported} response(s) into {slug}.")


@drafts_group.command("purge")
@with_appcontext
def drafts_purge() -> None:
    """Delete answers in progress that have expired."""
    click.echo(f"Deleted {purge_expired()} expired draft(s).")
