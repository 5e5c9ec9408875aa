"""What the staff pages show: top questions, unanswered questions, ratings by week, safeguarding flags."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from portal.analytics.conversations.clustering import QuestionGroup, group_questions
from portal.analytics.conversations.models import Conversation, ConversationRating, ConversationTurn
from portal.extensions import db

MAX_UNANSWERED = 2000


@dataclass(frozen=True)
class IntentCount:
    intent: str
    count: int
    fallbacks: int


@dataclass(frozen=True)
class WeekOfRatings:
    week_start: date
    helpful: int
    not_helpful: int

    @property
    def total(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def percent_helpful(self) -> int:
        return round(100 * self.helpful / self.total) if self.total else 0


def totals() -> dict:
    """Headline numbers: conversations by channel, messages, unanswered messages, ratings."""
    channels = dict(
        db.session.execute(select(Conversation.channel, func.count()).group_by(Conversation.channel)).all()
    )
    return {
        "conversations": sum(channels.values()),
        "web": channels.get("web", 0),
        "sms": channels.get("sms", 0),
        "messages": db.session.scalar(select(func.count()).select_from(ConversationTurn)) or 0,
        "unanswered": db.session.scalar(select(func.count()).where(ConversationTurn.fallback.is_(True))) or 0,
        "ratings": db.session.scalar(select(func.count()).select_from(ConversationRating)) or 0,
    }


def top_questions(limit: int = 20, channel: str | None = None) -> list[IntentCount]:
    """What families ask most, by the intent the assistant recognised."""
    fallbacks = func.sum(func.cast(ConversationTurn.fallback, db.Integer))
    query = (
        select(ConversationTurn.intent, func.count(), fallbacks)
        .where(ConversationTurn.intent.is_not(None))
        .group_by(ConversationTurn.intent)
        .order_by(func.count().desc(), ConversationTurn.intent)
        .limit(limit)
    )
    if channel:
        query = query.where(ConversationTurn.channel == channel)
    return [
        IntentCount(intent, count, int(fallback or 0))
        for intent, count, fallback in db.session.execute(query)
    ]


def unanswered_groups(since: datetime | None = None) -> list[QuestionGroup]:
    """The latest unanswered questions, grouped by similarity."""
    query = (
        select(ConversationTurn.unanswered_text)
        .where(ConversationTurn.fallback.is_(True), ConversationTurn.unanswered_text.is_not(None))
        .order_by(ConversationTurn.occurred_at.desc())
        .limit(MAX_UNANSWERED)
    )
    if since is not None:
        query = query.where(ConversationTurn.occurred_at >= since)
    return group_questions(list(db.session.scalars(query)))


def week_start(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def ratings_by_week() -> list[WeekOfRatings]:
    """Helpful and not helpful answers per week (weeks starting on Monday), oldest first."""
    counts: Counter = Counter()
    for occurred_at, helpful in db.session.execute(
        select(ConversationRating.occurred_at, ConversationRating.helpful)
    ):
        counts[(week_start(occurred_at), bool(helpful))] += 1
    weeks = sorted({week for week, _ in counts})
    return [WeekOfRatings(week, counts[(week, True)], counts[(week, False)]) for week in weeks]


def assistant_flags() -> list:
    """Safeguarding flags raised by conversations (not forms), newest first, if that capability exists."""
    try:
        from portal.safeguarding.models import SafeguardingFlag
    except ImportError:  # pragma: no cover - depends on which capabilities are installed
        return []
    query = (
        select(SafeguardingFlag)
        .where(SafeguardingFlag.source != "form")
        .order_by(SafeguardingFlag.created_at.desc(), SafeguardingFlag.id.desc())
        .limit(200)
    )
    return list(db.session.scalars(query))
