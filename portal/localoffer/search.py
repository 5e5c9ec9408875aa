"""Full-text search of the directory: SQLite FTS5 by default, PostgreSQL tsvector in production.

Both keep four weighted fields per service (name, keywords, summary, body). Typing slips are
fixed before the query runs (see `query.py`), against the words the index holds, so the same
typo tolerance works on both databases.
"""

import functools
import math
import operator
import time
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.localoffer.models import (
    SearchWord,
    Service,
    ServiceArea,
    ServiceCategory,
    ServiceLocation,
    ServiceNeed,
)
from portal.localoffer.query import ParsedQuery, parse_query, tokens
from portal.localoffer.richtext import html_to_text
from portal.localoffer.spelling import Speller
from portal.localoffer.taxonomy import categories_matching, taxonomy

FTS_TABLE = "localoffer_service_fts"
PG_TABLE = "localoffer_service_search"
# Field weights: a word in the name counts most, then the taxonomy words, summary, body.
SQLITE_WEIGHTS = (10.0, 4.0, 3.0, 1.0)
NAME_BOOST = 0.5
COUNTYWIDE_BOOST = 1.1
# Bump when index_fields changes, so `portal setup` rebuilds the index of existing databases.
INDEX_VERSION = "2"
RERANK_WINDOW = 40
NEAR_WINDOW = 200
PG_WINDOW = 60
DF_CACHE_SECONDS = 300
PG_WEIGHTS = "'{0.1, 0.3, 0.5, 1.0}'::real[]"  # D, C, B, A

PG_INSERT = sa.text(
    "INSERT INTO localoffer_service_search (service_id, document) VALUES (:id, "
    "setweight(to_tsvector('simple', :name), 'A') || setweight(to_tsvector('simple', :keywords), 'B') "
    "|| setweight(to_tsvector('simple', :summary), 'C') || setweight(to_tsvector('simple', :body), 'D'))"
)
SQLITE_DELETE = sa.text("DELETE FROM localoffer_service_fts WHERE rowid = :id")
SQLITE_INSERT = sa.text(
    "INSERT INTO localoffer_service_fts (rowid, name, keywords, summary, body) "
    "VALUES (:id, :name, :keywords, :summary, :body)"
)
BM25 = "bm25(localoffer_service_fts, {}, {}, {}, {})".format(*SQLITE_WEIGHTS)
SQLITE_COUNT = sa.text(
    "SELECT count(*) FROM localoffer_service_fts WHERE localoffer_service_fts MATCH :match"
)
SQLITE_BEST = sa.text(
    f"SELECT rowid, {BM25} AS score FROM localoffer_service_fts "  # noqa: S608 (constant text)
    "WHERE localoffer_service_fts MATCH :match ORDER BY score LIMIT :window"
)

_fts = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer))
_pg = sa.table(PG_TABLE, sa.column("service_id", sa.Integer), sa.column("document", postgresql.TSVECTOR))


@dataclass
class SearchParams:
    """What a family asked for: words and filters (all optional)."""

    q: str = ""
    age: int | None = None
    need: str = ""
    district: str = ""
    categories: list[str] = field(default_factory=list)
    cost: str = ""
    limit: int = 10
    offset: int = 0
    with_taxonomy: bool = False  # also load each service's areas and categories (the API shows them)


@dataclass
class SearchResult:
    """One page of matching services, the total, and how the words were understood."""

    services: list[Service]
    total: int
    query: ParsedQuery | None


def index_fields(service: Service) -> tuple[str, str, str, str]:
    """The four weighted texts the index holds for a service: name; category words; summary
    with the needs it serves; everything else. Category words sit alone in their field so a
    service with many needs or places is not ranked down for the length of its keywords."""
    vocab = taxonomy()
    categories: list[str] = []
    for category in service.category_ids:
        term = vocab.categories.get(category)
        if term:
            categories += [term.label, *term.words]
    needs: list[str] = []
    for need in service.need_ids:
        term = vocab.needs.get(need)
        if term:
            needs += [term.label, *term.words]
    places: list[str] = [f"{p.name} {p.address} {p.postcode}" for p in service.locations]
    districts = set(service.district_ids) | {place.district for place in service.locations if place.district}
    for district in sorted(districts):
        places += vocab.town_words(district)
    body = " ".join(
        [
            service.organisation,
            html_to_text(service.description),
            service.eligibility,
            service.access,
            service.cost_description,
            service.opening_times,
            service.contact_note,
            *places,
        ]
    )
    return service.name, " ".join(categories), " ".join([service.summary, *needs]), body


def _is_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def index_services(services: list[Service]) -> None:
    """Bring services (flushed, so they have ids) up to date in the search index: published
    ones are (re)indexed and their words learnt; drafts and retired ones are taken out."""
    if not services:
        return
    ids = [service.id for service in services]
    rows = [(service.id, *index_fields(service)) for service in services if service.status == "published"]
    values = [{"id": r[0], "name": r[1], "keywords": r[2], "summary": r[3], "body": r[4]} for r in rows]
    if _is_postgres():
        db.session.execute(sa.delete(_pg).where(_pg.c.service_id.in_(ids)))
        if values:
            db.session.execute(PG_INSERT, values)
    else:
        db.session.execute(SQLITE_DELETE, [{"id": i} for i in ids])
        if values:
            db.session.execute(SQLITE_INSERT, values)
    _learn_words({word for row in rows for text in row[1:] for word in tokens(text)})


def reindex_all(batch: int = 500) -> int:
    """Rebuild the search index of every service; returns how many were indexed."""
    ids = list(db.session.scalars(sa.select(Service.id).order_by(Service.id)))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        index_services(list(db.session.scalars(sa.select(Service).where(Service.id.in_(chunk)))))
    return len(ids)


def _learn_words(words: set[str]) -> None:
    words = {word for word in words if 3 <= len(word) <= 80 and not word.isdigit()}
    if not words:
        return
    known: set[str] = set()
    word_list = sorted(words)
    for start in range(0, len(word_list), 500):
        chunk = word_list[start : start + 500]
        known |= set(db.session.scalars(sa.select(SearchWord.word).where(SearchWord.word.in_(chunk))))
    new = [{"word": word} for word in word_list if word not in known]
    if new:
        db.session.execute(sa.insert(SearchWord), new)


_speller_cache: dict[str, tuple[int, Speller]] = {}


def speller() -> Speller:
    """The speller for this database, rebuilt only when new words have been indexed."""
    key = str(db.engine.url)
    newest = db.session.scalar(sa.select(sa.func.max(SearchWord.id))) or 0
    cached = _speller_cache.get(key)
    if cached and cached[0] == newest:
        return cached[1]
    built = Speller(db.session.scalars(sa.select(SearchWord.word)))
    _speller_cache[key] = (newest, built)
    return built


def fts5_match(terms: tuple[str, ...]) -> str:
    """An FTS5 expression finding any of the terms (longer terms also as prefixes)."""
    return " OR ".join(f'"{term}"*' if len(term) >= 4 else f'"{term}"' for term in terms)


def tsquery(terms: tuple[str, ...]) -> str:
    """A PostgreSQL tsquery finding any of the terms (longer terms also as prefixes)."""
    return " | ".join(f"{term}:*" if len(term) >= 4 else term for term in terms)


def _filters(params: SearchParams) -> list[Any]:
    conditions: list[Any] = [Service.status == "published"]
    if params.age is not None:
        conditions.append(sa.or_(Service.age_min.is_(None), Service.age_min <= params.age))
        conditions.append(sa.or_(Service.age_max.is_(None), Service.age_max >= params.age))
    if params.need:
        conditions.append(
            sa.exists().where(
                ServiceNeed.service_id == Service.id, ServiceNeed.need.in_([params.need, "any-send"])
            )
        )
    if params.district:
        conditions.append(
            sa.exists().where(
                ServiceArea.service_id == Service.id,
                ServiceArea.district.in_([params.district, "countywide"]),
            )
        )
    for category in params.categories:
        conditions.append(
            sa.exists().where(
                ServiceCategory.service_id == Service.id,
                ServiceCategory.category.in_(sorted(categories_matching(category))),
            )
        )
    if params.cost == "free":
        conditions.append(Service.cost_type.in_(["free", "some"]))
    elif params.cost == "paid":
        conditions.append(Service.cost_type.in_(["paid", "some"]))
    return conditions


def _covers(district: str) -> Any:
    return sa.exists().where(ServiceArea.service_id == Service.id, ServiceArea.district == district)


def _local_first(district: str) -> Any:
    """0 for services based in or covering the chosen district itself, 1 for countywide ones."""
    local = sa.or_(
        _covers(district),
        sa.exists().where(ServiceLocation.service_id == Service.id, ServiceLocation.district == district),
    )
    return sa.case((local, 0), else_=1)


def relevance(score: float, name: str, countywide: bool, terms: tuple[str, ...], district: str) -> float:
    """Text relevance adjusted for what families expect: words in the name count most, and
    when nobody said where they live, services for the whole county edge ahead."""
    name_words = tokens(name)
    hits = sum(1 for term in terms if any(word.startswith(term) for word in name_words))
    adjusted = score * (1 + NAME_BOOST * hits / len(terms))
    if countywide and not district:
        adjusted *= COUNTYWIDE_BOOST
    return adjusted


_df_cache: dict[tuple[str, int], tuple[float, int, dict[str, int]]] = {}


def _document_frequencies(terms: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    """How many indexed services there are, and how many contain each term (PostgreSQL).

    Kept for a few minutes per index generation: the figures only weight the ranking, so
    slightly stale ones do no harm, and counting on every search would double its cost."""
    key = (str(db.engine.url), _speller_cache.get(str(db.engine.url), (0,))[0])  # the index generation
    cached = _df_cache.get(key)
    if cached is None or time.monotonic() - cached[0] > DF_CACHE_SECONDS:
        total = db.session.scalar(sa.select(sa.func.count()).select_from(_pg)) or 0
        cached = (time.monotonic(), total, {})
        _df_cache.clear()
        _df_cache[key] = cached
    known = cached[2]
    missing = [term for term in terms if term not in known]
    if missing:
        counts = db.session.execute(
            sa.select(
                *[
                    sa.select(sa.func.count())
                    .select_from(_pg)
                    .where(_pg.c.document.op("@@")(sa.func.to_tsquery("simple", tsquery((term,)))))
                    .scalar_subquery()
                    for term in missing
                ]
            )
        ).one()
        known.update(zip(missing, counts, strict=True))
    return cached[1], {term: known[term] for term in terms}


def _pg_rank(terms: tuple[str, ...]) -> Any:
    """PostgreSQL's ts_rank knows nothing of how rare a word is, so weight each term's rank
    by its inverse document frequency (as BM25 does on SQLite): "deaf" outweighs "school"."""
    documents, frequencies = _document_frequencies(terms)
    weighted = [
        sa.func.ts_rank(
            sa.literal_column(PG_WEIGHTS), _pg.c.document, sa.func.to_tsquery("simple", tsquery((t,)))
        )
        * math.log(1 + max(documents, 1) / max(frequencies[t], 1))
        for t in terms
    ]
    return functools.reduce(operator.add, weighted)


def _text_matches(terms: tuple[str, ...]) -> Any:
    """A CTE of (service id, relevance: higher is better) for services matching any term."""
    if _is_postgres():
        query = sa.func.to_tsquery("simple", tsquery(terms))
        rank = _pg_rank(terms)
        return (
            sa.select(_pg.c.service_id.label("id"), rank.label("score"))
            .where(_pg.c.document.op("@@")(query))
            .cte("matches")
        )
    # FTS5 can rank only in a query over the FTS table alone, so rank first, then join.
    bm25 = sa.literal_column(BM25)
    return (
        sa.select(_fts.c.rowid.label("id"), (-bm25).label("score"))
        .select_from(_fts)
        .where(sa.text("localoffer_service_fts MATCH :match").bindparams(match=fts5_match(terms)))
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )


def _in_district(ids: list[int], district: str) -> set[int]:
    """Which of these services cover the district itself or have a place in it."""
    covering = sa.select(ServiceArea.service_id).where(
        ServiceArea.service_id.in_(ids), ServiceArea.district == district
    )
    placed = sa.select(ServiceLocation.service_id).where(
        ServiceLocation.service_id.in_(ids), ServiceLocation.district == district
    )
    return set(db.session.scalars(covering.union(placed)))


def _has_filters(params: SearchParams) -> bool:
    return bool(params.age is not None or params.need or params.district or params.categories or params.cost)


def _ranking_facts(ids: list[int]) -> dict[int, tuple[str, bool]]:
    """Name and "covers the whole county" for each service in the re-ranking window."""
    statement = sa.select(Service.id, Service.name, _covers("countywide")).where(Service.id.in_(ids))
    return {row[0]: (row[1], row[2]) for row in db.session.execute(statement)}


@dataclass(frozen=True)
class _Match:
    id: int
    score: float
    local: int
    total: int


def _best_text_matches(terms: tuple[str, ...], window: int) -> list[_Match]:
    """The best `window` matches straight from the index (which holds only published
    services), and how many match in all."""
    if _is_postgres():
        # Plain ts_rank (one call a row) picks a wide window; the dearer per-term weighting
        # then re-scores only that window.
        query = sa.func.to_tsquery("simple", tsquery(terms))
        plain = sa.func.ts_rank(sa.literal_column(PG_WEIGHTS), _pg.c.document, query)
        statement = (
            sa.select(_pg.c.service_id, plain)
            .where(_pg.c.document.op("@@")(query))
            .order_by(plain.desc())
            .limit(window + PG_WINDOW)
        )
        candidates = db.session.execute(statement).all()
        if not candidates:
            return []
        # A window count here would stop PostgreSQL's top-N sort; the GIN index counts cheaply.
        total = db.session.scalar(
            sa.select(sa.func.count()).select_from(_pg).where(_pg.c.document.op("@@")(query))
        )
        if len(terms) == 1:  # one word: weighting by rarity cannot change the order
            return [_Match(row[0], row[1], 0, total) for row in candidates[:window]]
        rank = _pg_rank(terms)
        rescored = db.session.execute(
            sa.select(_pg.c.service_id, rank)
            .where(_pg.c.service_id.in_([row[0] for row in candidates]))
            .order_by(rank.desc())
            .limit(window)
        ).all()
        return [_Match(row[0], row[1], 0, total) for row in rescored]
    # FTS5 will not rank inside a window function; counting apart is cheap (no ranking).
    match = {"match": fts5_match(terms)}
    total = db.session.execute(SQLITE_COUNT, match).scalar_one()
    rows = db.session.execute(SQLITE_BEST, {**match, "window": window}).all()
    return [_Match(row[0], -row[1], 0, total) for row in rows]


def search_services(params: SearchParams) -> SearchResult:
    """Published services matching the words and filters, best first.

    The text query ranks every match; filters and "near" ordering join the service tables
    only when asked for (the index holds published services alone), and the best few dozen
    are re-ranked by `relevance` before the page is loaded.
    """
    parsed = parse_query(params.q, speller()) if params.q.strip() else None
    if parsed and parsed.age is not None and params.age is None:
        params = replace(params, age=parsed.age)
    near = params.district or (parsed.district if parsed else None)
    if params.q.strip() and not (parsed and (parsed.terms or parsed.district)):
        return SearchResult([], 0, parsed)
    local = _local_first(near) if near else sa.literal(0)
    total = sa.func.count().over().label("total")
    if not (parsed and parsed.terms):
        statement = sa.select(Service.id, total).where(*_filters(params)).order_by(local, Service.name)
        rows = db.session.execute(statement.limit(params.limit).offset(params.offset)).all()
        ids = [row.id for row in rows]
    else:
        window = params.offset + params.limit + RERANK_WINDOW
        if _has_filters(params):
            matches = _text_matches(parsed.terms)
            statement = (
                sa.select(matches.c.id, matches.c.score, local.label("local"), total)
                .join(Service, Service.id == matches.c.id)
                .where(*_filters(params))
                .order_by(local, matches.c.score.desc())
                .limit(window)
            )
            rows = db.session.execute(statement).all()
        elif near:
            # A town in the words: take a wide window of the best text matches, then put
            # the ones in that district first (cheaper than testing every match).
            rows = _best_text_matches(parsed.terms, window + NEAR_WINDOW)
            nearby = _in_district([row.id for row in rows], near)
            rows = [replace(row, local=0 if row.id in nearby else 1) for row in rows]
        else:
            rows = _best_text_matches(parsed.terms, window)
        facts = _ranking_facts([row.id for row in rows])
        ranked = sorted(
            (row for row in rows if row.id in facts),
            key=lambda r: (r.local, -relevance(r.score, *facts[r.id], parsed.terms, near)),
        )
        ids = [row.id for row in ranked[params.offset : params.offset + params.limit]]
    count = rows[0].total if rows else 0
    statement = sa.select(Service).where(Service.id.in_(ids))
    if params.with_taxonomy:
        statement = statement.options(selectinload(Service.areas), selectinload(Service.categories))
    by_id = {s.id: s for s in db.session.scalars(statement)}
    return SearchResult([by_id[i] for i in ids], count, parsed)
