"""``portal analytics ingest``: load the assistant's events from Rasa's brokers."""

import click
from flask import current_app

from portal.analytics.cli import analytics_cli
from portal.analytics.conversations.ingest import IngestResult, ingest_sql
from portal.analytics.conversations.rabbitmq import ingest_rabbitmq


def run_ingest(source: str = "all") -> list[IngestResult]:
    """Ingest from the configured sources: the SQL broker's file, and RabbitMQ when configured."""
    config = current_app.config
    results = []
    if source in {"all", "sql"}:
        results.append(ingest_sql(config["RASA_EVENTS_DB_URL"]))
    if source == "rabbitmq" or (source == "all" and config.get("RABBITMQ_URL")):
        if not config.get("RABBITMQ_URL"):
            results.append(IngestResult(source="rabbitmq", errors=["RABBITMQ_URL is not set"]))
        else:
            results.append(ingest_rabbitmq(config["RABBITMQ_URL"], config["RASA_EVENTS_QUEUE"]))
    return results


@analytics_cli.command("ingest")
@click.option(
    "--source",
    type=click.Choice(["all", "sql", "rabbitmq"]),
    default="all",
    show_default=True,
    help="Which of Rasa's event brokers to read.",
)
def ingest_command(source: str) -> None:
    """Load the assistant's conversation events into the analytics store. Safe to run again."""
    results = run_ingest(source)
    for result in results:
        click.echo(result.summary())
    # "No events database yet" is normal before the bot's first conversation.
    failed = [r for r in results if r.errors and r.errors != ["no events database yet"]]
    if failed:
        raise SystemExit(1)
