"""The keywords UK carriers and Twilio expect every SMS service to honour, and the replies to them."""

from __future__ import annotations

import string

OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"})
OPT_IN = frozenset({"START", "YES", "UNSTOP"})
HELP = frozenset({"HELP", "INFO"})


def keyword(text: str) -> str | None:
    """'stop', 'start' or 'help' when the whole message is one of the keywords (any case,
    surrounding spaces and punctuation ignored, as Twilio matches them), else None."""
    word = text.strip().strip(string.punctuation + " ").upper()
    if word in OPT_OUT:
        return "stop"
    if word in OPT_IN:
        return "start"
    if word in HELP:
        return "help"
    return None


def stop_reply() -> str:
    return (
        "You will not get any more texts from Family voice, Worcestershire Children First. "
        "Text START to get texts again."
    )


def start_reply() -> str:
    return "You will get texts from Family voice again. Text HELP for help. Text STOP to stop texts."


def help_reply(contacts: str) -> str:
    return (
        "Family voice, Worcestershire Children First. Text your question and our assistant will reply. "
        f"{contacts} Text STOP to stop texts."
    )
