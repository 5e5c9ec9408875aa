"""Reading the assistant's events from RabbitMQ, where Rasa's pika event broker publishes them.

Rasa publishes each event as a persistent JSON message to a fanout exchange bound to a durable
queue (``rasa_events`` by default). The ingest takes a batch without acknowledging it, commits
the facts, and only then acknowledges: if the broker or the database fails in between, the
messages stay in the queue and come again, and the event keys stop them being stored twice.
"""

import logging
from collections.abc import Callable

import pika
from pika.exceptions import AMQPError
from sqlalchemy.exc import SQLAlchemyError

from portal.analytics.conversations.ingest import IngestResult, store_raw_event
from portal.extensions import db

log = logging.getLogger(__name__)


def connection_parameters(url: str) -> pika.URLParameters:
    """Connection settings that fail fast: the ingest runs again on its next turn."""
    parameters = pika.URLParameters(url)
    parameters.connection_attempts = 1
    parameters.socket_timeout = 5
    parameters.blocked_connection_timeout = 10
    return parameters


def ingest_rabbitmq(
    url: str,
    queue: str,
    batch_size: int = 200,
    on_committed: Callable[[], None] | None = None,
) -> IngestResult:
    """Drain ``queue`` into the analytics store, acknowledging each batch after it is committed.

    ``on_committed`` runs between the commit and the acknowledgement (tests use it to cut the
    connection at the worst moment).
    """
    result = IngestResult(source="rabbitmq")
    try:
        connection = pika.BlockingConnection(connection_parameters(url))
    except AMQPError as error:
        result.errors.append(f"cannot reach RabbitMQ ({type(error).__name__}); events wait in the queue")
        return result
    try:
        channel = connection.channel()
        channel.queue_declare(queue=queue, durable=True)
        while _take_batch(channel, queue, batch_size, result, on_committed):
            pass
    except AMQPError as error:
        db.session.rollback()
        result.errors.append(f"lost RabbitMQ ({type(error).__name__}); unacknowledged events will come again")
    finally:
        try:
            if connection.is_open:
                connection.close()
        except AMQPError:
            pass
    return result


def _take_batch(channel, queue: str, batch_size: int, result: IngestResult, on_committed) -> bool:
    """Store and acknowledge one batch; False when the queue is empty or the batch failed."""
    last_tag = None
    stored = 0
    for _ in range(batch_size):
        method, _properties, body = channel.basic_get(queue, auto_ack=False)
        if method is None:
            break
        last_tag = method.delivery_tag
        result.read += 1
        stored += store_raw_event(body, "rabbitmq")
    if last_tag is None:
        return False
    try:
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        channel.basic_nack(delivery_tag=last_tag, multiple=True, requeue=True)
        result.errors.append(
            f"could not store a batch ({type(error).__name__}); it was put back in the queue"
        )
        return False
    result.stored += stored
    if on_committed is not None:
        on_committed()
    channel.basic_ack(delivery_tag=last_tag, multiple=True)
    return True
