"""The assistant's events reach the analytics store from RabbitMQ, where Rasa's pika broker puts them.

Uses the machine's RabbitMQ (127.0.0.1:5672, guest/guest) with a queue and exchange of its own per
test; runs on PostgreSQL too when TEST_DATABASE_URL is set. An outage is played by a TCP proxy
between the ingest and the broker.
"""

import json
import time
import uuid

import pika
import pytest
from sqlalchemy import func, select

from portal.analytics.conversations.models import ConversationEvent, ConversationRating, ConversationTurn
from portal.analytics.conversations.rabbitmq import ingest_rabbitmq
from portal.extensions import db
from tests.analytics.rasa_events import sample_conversations
from tests.analytics.tcp_proxy import TcpProxy

BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F"


def _broker_or_skip():
    try:
        return pika.BlockingConnection(pika.URLParameters(BROKER))
    except pika.exceptions.AMQPError:
        pytest.skip("RabbitMQ is not running at 127.0.0.1:5672")


@pytest.fixture
def queue():
    """A durable queue bound to a fanout exchange, declared the way Rasa's pika broker declares them."""
    connection = _broker_or_skip()
    channel = connection.channel()
    name = f"rasa_events_test_{uuid.uuid4().hex[:10]}"
    exchange = f"rasa-exchange-test-{uuid.uuid4().hex[:10]}"
    channel.exchange_declare(exchange, exchange_type="fanout")
    channel.queue_declare(name, durable=True)
    channel.queue_bind(name, exchange, routing_key="")
    yield {"name": name, "exchange": exchange, "channel": channel}
    channel.queue_delete(name)
    channel.exchange_delete(exchange)
    connection.close()


def publish(queue, events):
    """Publish as Rasa 3.6 does: json.dumps(event) as a persistent message on the fanout exchange."""
    for event in events:
        queue["channel"].basic_publish(
            queue["exchange"],
            "",
            json.dumps(event).encode("utf-8"),
            pika.BasicProperties(delivery_mode=2),
        )


def waiting(queue) -> int:
    return queue["channel"].queue_declare(queue["name"], durable=True, passive=True).method.message_count


def waiting_settles_at(queue, expected: int, seconds: float = 30) -> int:
    """The ready count once the broker has noticed a dropped consumer and requeued its messages.

    RabbitMQ puts a lost connection's unacknowledged messages back when it sees the connection
    close, which on a loaded machine can be a moment after the client has gone.
    """
    deadline = time.monotonic() + seconds
    count = waiting(queue)
    while count != expected and time.monotonic() < deadline:
        time.sleep(0.2)
        count = waiting(queue)
    return count


def _facts():
    return (
        db.session.scalar(select(func.count()).select_from(ConversationEvent)),
        db.session.scalar(select(func.count()).select_from(ConversationTurn)),
        db.session.scalar(select(func.count()).select_from(ConversationRating)),
    )


def test_events_from_rabbitmq_are_stored_once_and_acknowledged(app, queue):
    events = sample_conversations()
    publish(queue, events)
    with app.app_context():
        result = ingest_rabbitmq(BROKER, queue["name"], batch_size=10)
        assert result.errors == [] and result.read == len(events)
        facts = _facts()
        assert facts[1:] == (7, 2)
        assert waiting_settles_at(queue, 0) == 0

        # The same events delivered again (a redelivery, or Rasa re-sending) are not stored twice.
        publish(queue, events)
        again = ingest_rabbitmq(BROKER, queue["name"])
        assert again.read == len(events) and again.stored == 0
        assert _facts() == facts


def test_a_broker_outage_loses_nothing_and_doubles_nothing(app, queue):
    events = sample_conversations()
    publish(queue, events)
    proxy = TcpProxy("127.0.0.1", 5672).start()
    with app.app_context():
        # The connection drops after the first batch is committed but before it is acknowledged.
        cuts = []

        def cut_once():
            if not cuts:
                cuts.append(True)
                proxy.cut()

        broken = ingest_rabbitmq(proxy.url(), queue["name"], batch_size=10, on_committed=cut_once)
        assert broken.errors and "lost RabbitMQ" in broken.errors[0]
        assert broken.stored > 0
        stored_during_outage = _facts()

        # While the broker is unreachable the ingest says so; the events wait in the queue.
        unreachable = ingest_rabbitmq(proxy.url(), queue["name"])
        assert unreachable.read == 0 and "cannot reach RabbitMQ" in unreachable.errors[0]
        assert waiting_settles_at(queue, len(events)) == len(events)  # the unacknowledged batch went back too
        assert _facts() == stored_during_outage

        proxy.start()
        recovered = ingest_rabbitmq(proxy.url(), queue["name"], batch_size=10)
        assert recovered.errors == [] and recovered.read == len(events)
        assert waiting_settles_at(queue, 0) == 0
        assert _facts()[1:] == (7, 2)  # every turn and rating, each once
    proxy.cut()


def test_a_database_failure_puts_the_batch_back_in_the_queue(app, queue, monkeypatch):
    events = sample_conversations()
    publish(queue, events)
    with app.app_context():
        from sqlalchemy.exc import OperationalError

        def failing_commit():
            raise OperationalError("COMMIT", {}, Exception("database is down"))

        monkeypatch.setattr(db.session, "commit", failing_commit)
        failed = ingest_rabbitmq(BROKER, queue["name"], batch_size=100)
        assert failed.errors and "put back in the queue" in failed.errors[0]
        monkeypatch.undo()
        db.session.rollback()
        assert waiting_settles_at(queue, len(events)) == len(events)
        ok = ingest_rabbitmq(BROKER, queue["name"], batch_size=100)
        assert ok.errors == [] and _facts()[1:] == (7, 2)
