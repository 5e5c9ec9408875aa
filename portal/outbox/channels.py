"""How the outbox hands a message to a provider: one registered channel per kind (sms, email)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from portal.outbox.models import OutboxMessage


@dataclass(frozen=True)
class SendResult:
    """What happened when the provider was asked to send.

    ``outcome`` is "sent", "retry" (a temporary problem: try again later) or "failed" (the
    provider refused it for good). ``uncertain`` marks a retry where the provider may have taken
    the message anyway (a timeout), so the next attempt asks before sending again.
    """

    outcome: str
    provider_id: str | None = None
    error: str | None = None
    uncertain: bool = False


@dataclass(frozen=True)
class Hold:
    """A reason not to send now: ``until`` None cancels the message for good."""

    reason: str
    until: datetime | None = None


class Channel(Protocol):
    def recipient_key(self, to: str) -> str | None: ...

    def hold(self, message: OutboxMessage) -> Hold | None: ...

    def send(self, message: OutboxMessage, to: str) -> SendResult: ...

    def find_sent(self, message: OutboxMessage, to: str) -> str | None: ...


_channels: dict[str, Channel] = {}


def register_channel(name: str, channel: Channel) -> None:
    """Make a channel available to the outbox (each capability registers its own at start-up)."""
    _channels[name] = channel


def channel_for(name: str) -> Channel:
    try:
        return _channels[name]
    except KeyError:
        raise LookupError(f"no outbox channel registered for {name!r}") from None


def known_channels() -> tuple[str, ...]:
    return tuple(_channels)
