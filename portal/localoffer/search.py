"""Full-text search of the directory: SQLite FTS5 by default, PostgreSQL tsvector in production.

Both keep four weighted fields per service (name, keywords, summary, body). Typing slips are
fixed before the query runs (see `query.py`), against the words the index holds, so the same
typo tolerance works on both databases.
"""

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
from portal.localoffer.ranking import (
    BM25,
    Match,
    covers,
    fts5_match,
    is_postgres,
    place_token,
    ranked_text_matches,
    relevance,
    text_matches,
    tsquery,
)
from portal.localoffer.richtext import html_to_text
from portal.localoffer.spelling import Speller
from portal.localoffer.taxonomy import categories_matching, taxonomy

__all__ = ["BM25", "SearchParams", "SearchResult", "fts5_match", "search_services", "speller", "tsquery"]

# Bump when index_fields changes, so `portal setup` rebuilds the index of existing databases.
INDEX_VERSION = "3"
RERANK_WINDOW = 40

PG_INSERT = sa.text(
    "INSERT INTO localoffer_service_search (service_id, document, places) VALUES (:id, "
    "setweight(to_tsvector('simple', :name), 'A') || setweight(to_tsvector('simple', :keywords), 'B') "
    "|| setweight(to_tsvector('simple', :summary), 'C') || setweight(to_tsvector('simple', :body), 'D'), "
    ":places)"
).bindparams(sa.bindparam("places", type_=postgresql.ARRAY(sa.String)))
SQLITE_DELETE = sa.text("DELETE FROM localoffer_service_fts WHERE rowid = :id")
SQLITE_INSERT = sa.text(
    "INSERT INTO localoffer_service_fts (rowid, name, keywords, summary, body, places) "
    "VALUES (:id, :name, :keywords, :summary, :body, :places)"
)

_pg = sa.table("localoffer_service_search", sa.column("service_id", sa.Integer))


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


def index_fields(service: Service) -> tuple[str, str, str, str, list[str]]:
    """The four weighted texts the index holds for a service: name; category words; summary
    with the needs it serves; everything else. Category words sit alone in their field so a
    service with many needs or places is not ranked down for the length of its keywords.
    Fifth, never ranked: the districts it covers or has a place in, so a search naming a town
    finds the services there in the index itself."""
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
    return service.name, " ".join(categories), " ".join([service.summary, *needs]), body, sorted(districts)


def index_services(services: list[Service]) -> None:
    """Bring services (flushed, so they have ids) up to date in the search index: published
    ones are (re)indexed and their words learnt; drafts and retired ones are taken out."""
    if not services:
        return
    ids = [service.id for service in services]
    rows = [(service.id, *index_fields(service)) for service in services if service.status == "published"]
    values = [{"id": r[0], "name": r[1], "keywords": r[2], "summary": r[3], "body": r[4]} for r in rows]
    if is_postgres():
        for value, row in zip(values, rows, strict=True):
            value["places"] = row[5]
        db.session.execute(sa.delete(_pg).where(_pg.c.service_id.in_(ids)))
        if values:
            db.session.execute(PG_INSERT, values)
    else:
        db.session.execute(SQLITE_DELETE, [{"id": i} for i in ids])
        for value, row in zip(values, rows, strict=True):
            value["places"] = " ".join(place_token(district) for district in row[5])
        if values:
            db.session.execute(SQLITE_INSERT, values)
    _learn_words({word for row in rows for text in row[1:5] for word in tokens(text)})


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


def _word_generation() -> int:
    """The id of the newest word the index holds: it changes whenever new words are indexed."""
    return db.session.scalar(sa.select(sa.func.max(SearchWord.id))) or 0


def speller(generation: int | None = None) -> Speller:
    """The speller for this database, rebuilt only when new words have been indexed
    (`generation`, the newest word's id, when the caller has just read it)."""
    key = str(db.engine.url)
    newest = _word_generation() if generation is None else generation
    cached = _speller_cache.get(key)
    if cached and cached[0] == newest:
        return cached[1]
    built = Speller(db.session.scalars(sa.select(SearchWord.word)))
    _speller_cache[key] = (newest, built)
    return built


def _last_speller() -> tuple[int, Speller]:
    """The speller last built for this database, unchecked: each search reads the newest
    word's id in its own statement and spells again in the rare case it has changed."""
    cached = _speller_cache.get(str(db.engine.url))
    if cached is None:
        speller()
        cached = _speller_cache[str(db.engine.url)]
    return cached


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


def _local_first(district: str) -> Any:
    """0 for services based in or covering the chosen district itself, 1 for countywide ones."""
    local = sa.or_(
        covers(Service.id, district),
        sa.exists().where(ServiceLocation.service_id == Service.id, ServiceLocation.district == district),
    )
    return sa.case((local, 0), else_=1)


def _has_filters(params: SearchParams) -> bool:
    return bool(params.age is not None or params.need or params.district or params.categories or params.cost)


def search_services(params: SearchParams) -> SearchResult:
    """Published services matching the words and filters, best first.

    Without filters one statement ranks the matches, counts them and brings what re-ranking
    needs; with filters the text matches are joined to the service tables. The best few dozen
    are re-ranked by `relevance` before the page of services is loaded.
    """
    if not params.q.strip():
        return _listing(params, params.district, None)
    generation, words = _last_speller()
    result, newest = _search_words(params, parse_query(params.q, words))
    if newest != generation:  # words were indexed since the speller was built: spell again
        result, _newest = _search_words(params, parse_query(params.q, speller(newest)))
    return result


def _search_words(params: SearchParams, parsed: ParsedQuery) -> tuple[SearchResult, int]:
    """The search for what was typed, and the newest indexed word's id as the search saw it."""
    if parsed.age is not None and params.age is None:
        params = replace(params, age=parsed.age)
    near = params.district or parsed.district or ""
    if not parsed.terms:
        result = _listing(params, near, parsed) if parsed.district else SearchResult([], 0, parsed)
        return result, _word_generation()
    window = params.offset + params.limit + RERANK_WINDOW
    if _has_filters(params):
        generation = _word_generation()
        matches, total = _filtered_text_matches(params, parsed.terms, near, window, generation)
    else:
        generation, matches, total = ranked_text_matches(parsed.terms, window, near, _last_speller()[0])
    ranked = sorted(
        matches, key=lambda m: (m.local, -relevance(m.score, m.name, m.countywide, parsed.terms, near))
    )
    ids = [match.id for match in ranked[params.offset : params.offset + params.limit]]
    return SearchResult(_load(ids, params.with_taxonomy), total, parsed), generation


def _filtered_text_matches(
    params: SearchParams, terms: tuple[str, ...], near: str, window: int, generation: int
) -> tuple[list[Match], int]:
    """The best `window` text matches that pass the filters (services in the district first),
    and how many pass in all."""
    matches = text_matches(terms, generation)
    local = _local_first(near) if near else sa.literal(0)
    statement = (
        sa.select(
            matches.c.id,
            matches.c.score,
            Service.name,
            covers(Service.id, "countywide").label("countywide"),
            local.label("local"),
            sa.func.count().over().label("total"),
        )
        .join(Service, Service.id == matches.c.id)
        .where(*_filters(params))
        .order_by(local, matches.c.score.desc())
        .limit(window)
    )
    rows = db.session.execute(statement).all()
    found = [Match(row.id, row.score, row.name, row.countywide, row.local) for row in rows]
    return found, (rows[0].total if rows else 0)


def _listing(params: SearchParams, near: str, parsed: ParsedQuery | None) -> SearchResult:
    """Every service passing the filters, by name (those in the district first)."""
    local = _local_first(near) if near else sa.literal(0)
    statement = (
        sa.select(Service.id, sa.func.count().over().label("total"))
        .where(*_filters(params))
        .order_by(local, Service.name)
        .limit(params.limit)
        .offset(params.offset)
    )
    rows = db.session.execute(statement).all()
    return SearchResult(
        _load([row.id for row in rows], params.with_taxonomy), rows[0].total if rows else 0, parsed
    )


def _load(ids: list[int], with_taxonomy: bool) -> list[Service]:
    """The services with these ids, in this order."""
    if not ids:
        return []
    statement = sa.select(Service).where(Service.id.in_(ids))
    if with_taxonomy:
        statement = statement.options(selectinload(Service.areas), selectinload(Service.categories))
    by_id = {service.id: service for service in db.session.scalars(statement)}
    return [by_id[i] for i in ids]
