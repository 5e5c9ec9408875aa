"""`portal localoffer ...`: export and import the directory as Open Referral UK JSON or CSV."""

import json
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from portal.extensions import db
from portal.localoffer.editing import import_records
from portal.localoffer.models import Service
from portal.localoffer.openreferral import from_csv, from_openreferral, to_csv, to_openreferral
from portal.localoffer.records import service_to_record

localoffer = AppGroup("localoffer", help="The Local Offer directory.")


@localoffer.command("export")
@click.option("--format", "fmt", type=click.Choice(["openreferral-json", "csv"]), default="openreferral-json")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: print)"
)
@click.option("--include-retired", is_flag=True, help="Also export drafts and retired services.")
def export_command(fmt: str, output: Path | None, include_retired: bool) -> None:
    """Export services as Open Referral UK JSON or CSV."""
    statement = sa.select(Service).order_by(Service.slug)
    if not include_retired:
        statement = statement.where(Service.status == "published")
    records = [service_to_record(s) for s in db.session.scalars(statement)]
    if fmt == "csv":
        text = to_csv(records)
    else:
        text = json.dumps([to_openreferral(r) for r in records], indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Exported {len(records)} services to {output}")
    else:
        click.echo(text, nl=False)


@localoffer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", "user", default="import", help="Who is importing (kept in each service's history).")
def import_command(file: Path, user: str) -> None:
    """Import services from Open Referral UK JSON (.json) or CSV (.csv); ids decide create or update."""
    text = file.read_text(encoding="utf-8-sig")
    if file.suffix.lower() == ".csv":
        records = from_csv(text)
    else:
        data = json.loads(text)
        items = data.get("content", data.get("data", [])) if isinstance(data, dict) else data
        records = [from_openreferral(item) for item in items]
    try:
        counts = import_records(records, user)
    except ValueError as problem:
        raise click.ClickException(f"Nothing imported: {problem}") from problem
    click.echo(f"Imported {len(records)} services: {counts['created']} new, {counts['updated']} updated")
