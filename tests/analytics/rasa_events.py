"""Rasa-shaped conversation events and an events database laid out as Rasa 3.6's SQL broker writes it.

Rasa's ``SQLEventBroker`` keeps one table, ``events`` (id INTEGER primary key, sender_id
VARCHAR(255), data TEXT), and each row's ``data`` is ``json.dumps`` of the tracker event with the
``sender_id`` added: the same body its pika broker publishes to RabbitMQ.
"""

import json
import sqlite3
from itertools import count

# The DDL SQLAlchemy 1.4 emits for rasa.core.brokers.sql.SQLEventBroker.SQLBrokerEvent on SQLite.
EVENTS_DDL = """
CREATE TABLE events (
	id INTEGER NOT NULL,
	sender_id VARCHAR(255),
	data TEXT,
	PRIMARY KEY (id)
)
"""
_clock = count()
START = 1_795_000_000.0  # 2026-11-19, a Thursday


def _at(step: int | None = None) -> float:
    return START + 60 * (next(_clock) if step is None else step) + 0.123456


def user(sender, text, intent, confidence, language=None, at=None):
    event = {
        "sender_id": sender,
        "event": "user",
        "timestamp": _at(at),
        "metadata": {"language": language} if language else {},
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "entities": [],
            "text": text,
            "message_id": f"m{next(_clock)}",
            "metadata": {},
            "intent_ranking": [{"name": intent, "confidence": confidence}],
        },
        "input_channel": "rest",
        "message_id": f"m{next(_clock)}",
    }
    return event


def action(sender, name, at=None):
    return {
        "sender_id": sender,
        "event": "action",
        "timestamp": _at(at),
        "name": name,
        "policy": "RulePolicy",
        "confidence": 1.0,
        "action_text": None,
        "hide_rule_turn": False,
    }


def bot(sender, text, at=None):
    return {
        "sender_id": sender,
        "event": "bot",
        "timestamp": _at(at),
        "text": text,
        "data": {},
        "metadata": {},
    }


def slot(sender, name, value, at=None):
    return {"sender_id": sender, "event": "slot", "timestamp": _at(at), "name": name, "value": value}


def session_start(sender):
    return [
        action(sender, "action_session_start"),
        {"sender_id": sender, "event": "session_started", "timestamp": _at()},
        action(sender, "action_listen"),
    ]


def sample_conversations() -> list[dict]:
    """Two conversations: one on the web (Polish), one by text with a phone number in it."""
    web, sms = "web:Qm9vdHN0cmFw", "sms:5f2b9c0d1e7a4b3c"
    events = [*session_start(web)]
    events += [
        user(web, "hello", "greet", 0.98, "pl"),
        action(web, "utter_greet"),
        bot(web, "Hi, I'm the assistant."),
        action(web, "action_listen"),
        user(web, "can my son go to a sleepover club at weekends", "nlu_fallback", 0.41, "pl"),
        action(web, "action_default_fallback"),
        bot(web, "Sorry, I didn't understand."),
        action(web, "action_listen"),
        user(web, "what are short breaks", "faq", 0.95, "pl"),
        action(web, "action_answer_faq"),
        slot(web, "last_answer", "faq/what_are_short_breaks"),
        bot(web, "Short breaks give disabled children..."),
        action(web, "utter_did_that_help"),
        action(web, "action_listen"),
        user(web, "yes", "affirm", 0.97, "pl"),
        action(web, "action_store_rating"),
        slot(web, "helpful", True),
        bot(web, "Thank you, I'm glad that helped."),
        action(web, "action_listen"),
    ]
    events += [*session_start(sms)]
    events += [
        user(sms, "is there a sleep over club for weekends", "find_service", 0.55),
        action(sms, "action_two_stage_fallback"),
        bot(sms, "Did you mean ...?"),
        action(sms, "action_listen"),
        user(sms, "ring me back on 07700 900123 about the bus", "out_of_scope", 0.88),
        action(sms, "action_out_of_scope"),
        bot(sms, "Sorry, I can't answer that."),
        action(sms, "action_listen"),
        user(sms, "no that did not help", "deny", 0.9),
        action(sms, "action_store_rating"),
        slot(sms, "helpful", False),
        action(sms, "action_listen"),
    ]
    return events


def write_events_db(path, events) -> None:
    """Append events to a SQL-broker database (created on first use), as Rasa does: one row each."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(EVENTS_DDL.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
        connection.executemany(
            "INSERT INTO events (sender_id, data) VALUES (?, ?)",
            [(event.get("sender_id"), json.dumps(event)) for event in events],
        )
    connection.close()
