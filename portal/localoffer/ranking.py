"""Full-text ranking of the directory: the statements that find and score matching services.

SQLite ranks with FTS5's BM25 over four weighted fields. PostgreSQL takes the best matches by
plain `ts_rank`, then re-scores them per term weighted by how rare the term is. Either way a
search without filters is one statement: the best matches with the name and "covers the whole
county" that re-ranking needs, whether each is in the family's district, how many match in all,
and the newest word the index holds (so the speller is known to be current without asking).
"""

# The statements are built from this module's own constant text; values are always bound.
# ruff: noqa: S608

import functools
import math
import operator
import time
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from portal.extensions import db
from portal.localoffer.models import ServiceArea
from portal.localoffer.query import tokens

FTS_TABLE = "localoffer_service_fts"
PG_TABLE = "localoffer_service_search"
# Field weights: a word in the name counts most, then the taxonomy words, summary, body. On SQLite
# a fifth field, `places`, holds a token for each district a service is in (`place_token`): it
# only filters, and families' words are never looked for in it (`TEXT_FIELDS`). PostgreSQL's
# index row lists the districts in a column of its own.
SQLITE_WEIGHTS = (10.0, 4.0, 3.0, 1.0, 0.0)
TEXT_FIELDS = "{name keywords summary body}"
PG_WEIGHTS = "'{0.1, 0.3, 0.5, 1.0}'::real[]"  # D, C, B, A
BM25 = "bm25(localoffer_service_fts, {}, {}, {}, {}, {})".format(*SQLITE_WEIGHTS)
NAME_BOOST = 0.5
COUNTYWIDE_BOOST = 1.1
# PostgreSQL re-scores this many more than it keeps, so rare words can lift a service.
PG_WINDOW = 60
DF_CACHE_SECONDS = 300

_fts = sa.table(FTS_TABLE, sa.column("rowid", sa.Integer))
_pg = sa.table(PG_TABLE, sa.column("service_id", sa.Integer), sa.column("document", postgresql.TSVECTOR))


# What re-ranking needs of each of the best matches (name, "covers the whole county"), how many
# match in all, and in every case one row, so the newest word's id always comes back. Facts about
# the few rows kept are looked up by service id: a correlated IN, which the planner cannot turn
# into a scan of every area.
def _select(total: str) -> str:
    """The statement's last part, reading `best` (id, score, local); `total` counts the matches."""
    return f"""SELECT words.generation, best.id, best.score, best.local,
    (SELECT service.name FROM localoffer_service AS service WHERE service.id = best.id) AS name,
    'countywide' IN (SELECT area.district FROM localoffer_service_area AS area
                     WHERE area.service_id = best.id) AS countywide,
    {total} AS total
FROM (SELECT max(id) AS generation FROM localoffer_search_word) AS words
LEFT JOIN best ON 1 = 1
ORDER BY best.local, best.score DESC, best.id"""


# For the few best matches: whether each is in the family's district (looked up one by one).
_IS_NEARBY = """:district IN (SELECT area.district FROM localoffer_service_area AS area
        WHERE area.service_id = anywhere.id)
    OR :district IN (SELECT place.district FROM localoffer_service_location AS place
        WHERE place.service_id = anywhere.id)"""


def _sqlite_ranked(near: bool) -> Any:
    """FTS5 ranks only in a query over the FTS table alone, so each window is ranked there (a
    top-N sort) and looked up after. Every match is counted only when the window was filled
    (otherwise it holds them all), and only then is the district's own window needed: the same
    words and the district's place token (`:local_match`), so the index finds them itself."""
    fts = f"SELECT rowid AS id, -{BM25} AS score FROM localoffer_service_fts WHERE localoffer_service_fts"
    order = "ORDER BY score DESC, id LIMIT :window"
    best = "SELECT id, score, 0 AS local FROM anywhere"
    in_district = ""
    if near:
        in_district = f"""
in_district AS MATERIALIZED (
    {fts} MATCH :local_match AND (SELECT count(*) FROM anywhere) >= :window {order}
),"""
        best = f"""SELECT id, score, 0 AS local FROM in_district
UNION SELECT id, score, CASE WHEN {_IS_NEARBY} THEN 0 ELSE 1 END AS local FROM anywhere"""
    total = """CASE WHEN (SELECT count(*) FROM anywhere) < :window THEN (SELECT count(*) FROM anywhere)
        ELSE (SELECT count(*) FROM localoffer_service_fts WHERE localoffer_service_fts MATCH :match) END"""
    return sa.text(
        f"""WITH anywhere AS MATERIALIZED (
    {fts} MATCH :match {order}
),{in_district}
best AS MATERIALIZED (
{best}
)
{_select(total)}"""
    )


def _pg_ranked(near: bool) -> Any:
    """Plain ts_rank (one call a row) ranks every match once, and with a district tells whether
    the service is in it (the index row lists its districts); the dearer per-term weighting then
    re-scores only the best candidates, in and out of the district, and the best `window` of each
    are kept. A single term needs no weighting: it cannot change the order. The query is parsed
    once (`query`): a prepared statement would otherwise parse it again for every row."""
    if near:
        local = "CASE WHEN CAST(:district AS text) = ANY(search.places) THEN 0 ELSE 1 END"
        candidates = """SELECT * FROM (SELECT id, plain, 0 AS local FROM matches WHERE local = 0
    ORDER BY plain DESC, id LIMIT :candidates) AS in_district
UNION SELECT * FROM (SELECT id, plain, local FROM matches
    ORDER BY plain DESC, id LIMIT :candidates) AS anywhere"""
        best = """SELECT id, score, local FROM (SELECT id, score, local,
    row_number() OVER (PARTITION BY local ORDER BY score DESC, id) AS place FROM rescored
) AS ranked WHERE place <= :window"""
    else:
        local = "0"
        candidates = "SELECT id, plain, 0 AS local FROM matches ORDER BY plain DESC, id LIMIT :candidates"
        best = "SELECT id, score, local FROM rescored ORDER BY score DESC, id LIMIT :window"
    return sa.text(
        f"""WITH query AS MATERIALIZED (SELECT to_tsquery('simple', :match) AS words),
matches AS MATERIALIZED (
    SELECT search.service_id AS id, ts_rank({PG_WEIGHTS}, search.document, query.words) AS plain,
        {local} AS local
    FROM query JOIN localoffer_service_search AS search ON search.document @@ query.words
),
candidates AS (
{candidates}
),
rescored AS (
    SELECT candidates.id, candidates.local,
        CASE WHEN cardinality(CAST(:terms AS text[])) < 2 THEN candidates.plain ELSE (
            SELECT sum(ts_rank({PG_WEIGHTS}, search.document, to_tsquery('simple', term.query)) * term.weight)
            FROM localoffer_service_search AS search,
                unnest(CAST(:terms AS text[]), CAST(:weights AS float8[])) AS term(query, weight)
            WHERE search.service_id = candidates.id
        ) END AS score
    FROM candidates
),
best AS (
{best}
)
{_select("(SELECT count(*) FROM matches)")}"""
    ).bindparams(
        sa.bindparam("terms", type_=postgresql.ARRAY(sa.Text)),
        sa.bindparam("weights", type_=postgresql.ARRAY(sa.Float)),
    )


# By database and whether a district was named: a statement each, so each is planned (and
# prepared by the driver) for its own case.
RANKED = {
    (dialect, near): (_pg_ranked if dialect == "postgresql" else _sqlite_ranked)(near)
    for dialect in ("postgresql", "sqlite")
    for near in (False, True)
}


class Match(NamedTuple):
    """A matching service with what re-ranking needs (`local`: 0 in the family's district)."""

    id: int
    score: float
    name: str
    countywide: bool
    local: int


def fts5_match(terms: tuple[str, ...]) -> str:
    """An FTS5 expression finding any of the terms (longer terms also as prefixes) in the texts."""
    words = " OR ".join(f'"{term}"*' if len(term) >= 4 else f'"{term}"' for term in terms)
    return f"{TEXT_FIELDS} : ({words})"


def place_token(district: str) -> str:
    """The token the index holds for a district a service is in ("wyre-forest" -> "inwyreforest")."""
    return "in" + "".join(char for char in district.lower() if char.isascii() and char.isalnum())


def tsquery(terms: tuple[str, ...]) -> str:
    """A PostgreSQL tsquery finding any of the terms (longer terms also as prefixes)."""
    return " | ".join(f"{term}:*" if len(term) >= 4 else term for term in terms)


def is_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """A service name's words (the same few hundred names come up search after search)."""
    return tuple(tokens(name))


def relevance(score: float, name: str, countywide: bool, terms: tuple[str, ...], district: str) -> float:
    """Text relevance adjusted for what families expect: words in the name count most, and
    when nobody said where they live, services for the whole county edge ahead."""
    name_words = _name_words(name)
    hits = sum(1 for term in terms if any(word.startswith(term) for word in name_words))
    adjusted = score * (1 + NAME_BOOST * hits / len(terms))
    if countywide and not district:
        adjusted *= COUNTYWIDE_BOOST
    return adjusted


def ranked_text_matches(
    terms: tuple[str, ...], window: int, district: str, generation: int
) -> tuple[int, list[Match], int]:
    """The best `window` matches straight from the index (which holds only published services),
    and with a district also the best `window` in it, in one statement: (the newest indexed
    word's id, the matches, how many match)."""
    values: dict[str, Any] = {"window": window, "district": district}
    statement = RANKED[db.engine.dialect.name, bool(district)]
    if is_postgres():
        documents, frequencies = _document_frequencies(terms, generation)
        values |= {
            "match": tsquery(terms),
            # One term: the weighting cannot change the order, so no more are needed.
            "candidates": window + PG_WINDOW if len(terms) > 1 else window,
            "terms": [tsquery((term,)) for term in terms],
            "weights": [_rarity(documents, frequencies[term]) for term in terms],
        }
    else:
        values["match"] = fts5_match(terms)
        if district:
            values["local_match"] = f'{values["match"]} AND places : "{place_token(district)}"'
    rows = db.session.execute(statement, values).all()
    # Columns: generation, id, score, local, name, countywide, total (see `_select`).
    matches = [Match(row[1], row[2], row[4], row[5], row[3]) for row in rows if row[4] is not None]
    return rows[0][0] or 0, matches, rows[0][6] or 0


def _rarity(documents: int, frequency: int) -> float:
    return math.log(1 + max(documents, 1) / max(frequency, 1))


_df_cache: dict[tuple[str, int], tuple[float, int, dict[str, int]]] = {}


def _document_frequencies(terms: tuple[str, ...], generation: int) -> tuple[int, dict[str, int]]:
    """How many indexed services there are, and how many contain each term (PostgreSQL).

    Kept for a few minutes per index generation: the figures only weight the ranking, so
    slightly stale ones do no harm, and counting on every search would double its cost."""
    key = (str(db.engine.url), generation)
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


def _pg_rank(terms: tuple[str, ...], generation: int) -> Any:
    """PostgreSQL's ts_rank knows nothing of how rare a word is, so weight each term's rank
    by its inverse document frequency (as BM25 does on SQLite): "deaf" outweighs "school"."""
    documents, frequencies = _document_frequencies(terms, generation)
    weighted = [
        sa.func.ts_rank(
            sa.literal_column(PG_WEIGHTS), _pg.c.document, sa.func.to_tsquery("simple", tsquery((t,)))
        )
        * _rarity(documents, frequencies[t])
        for t in terms
    ]
    return functools.reduce(operator.add, weighted)


def text_matches(terms: tuple[str, ...], generation: int) -> Any:
    """A CTE of (service id, relevance: higher is better) for every service matching any term,
    for searches with filters (which join the service tables)."""
    if is_postgres():
        query = sa.func.to_tsquery("simple", tsquery(terms))
        return (
            sa.select(_pg.c.service_id.label("id"), _pg_rank(terms, generation).label("score"))
            .where(_pg.c.document.op("@@")(query))
            .cte("matches")
        )
    bm25 = sa.literal_column(BM25)
    return (
        sa.select(_fts.c.rowid.label("id"), (-bm25).label("score"))
        .select_from(_fts)
        .where(sa.text("localoffer_service_fts MATCH :match").bindparams(match=fts5_match(terms)))
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )


def covers(service_id: Any, district: str) -> Any:
    """True where the service covers the district (or "countywide")."""
    return sa.exists().where(ServiceArea.service_id == service_id, ServiceArea.district == district)
