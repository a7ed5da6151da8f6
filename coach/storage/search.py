"""Keyword search in the database: SQL is the source of truth, also for search.

A note's passages (`note_chunks`) are written by a flush hook in the same transaction as the
note itself, whichever code path writes it (notes service, debrief, demo, erase cascades), so
no process keeps a private copy that another process can make stale.

- SQLite: an FTS5 table over normalised terms (our tokenizer: lowercase, stop words out, no
  stemming, as the in-memory BM25 this replaces) and each passage's owner; Okapi BM25 over
  the manager's own passages, counted in the index (FTS5's bm25() counts every manager's).
- PostgreSQL: a generated tsvector per chunk in its language (`dutch` / `english`), a GIN
  index, and Okapi BM25 computed in SQL over the manager's own chunks (ts_rank has no IDF),
  over the exact words and, at STEM_WEIGHT, over the stems.

`managers.notes_version` is bumped in every note write's transaction: the retriever compares
it per search to notice that another process changed the vectors it holds handles to.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from coach.retrieval.text import chunk_text, guess_language, tokenize
from coach.storage.models import Manager, Note, Person, SearchChunk

K1, B = 1.5, 0.75  # the Okapi constants of the in-memory index this replaces
# PostgreSQL: a passage that holds a query word only in another form (its stem) scores half
# of what the exact word scores (QMSum train, 706 queries: hit@5 0.850 -> 0.853, MRR 0.642
# -> 0.648 against counting both in full; README, Measurements).
STEM_WEIGHT = 0.5


def chunk_rows(note_id: int, manager_id: int, note_text: str) -> list[dict[str, Any]]:
    """The `note_chunks` rows of one note: the same chunks (and order) as its vectors."""
    rows = []
    for ord_, part in enumerate(chunk_text(note_text)):
        terms = tokenize(part)
        rows.append(
            {
                "note_id": note_id,
                "manager_id": manager_id,
                "ord": ord_,
                "language": guess_language(part),
                "text": part,
                "terms": " ".join(terms),
                "n_terms": len(terms),
            }
        )
    return rows


def _text_changed(note: Note) -> bool:
    return bool(inspect(note).attrs.text.history.has_changes())


def sync_after_flush(session: Session, _context: object) -> None:
    """Write the passages of new and edited notes and bump the managers' note versions."""
    fresh = [o for o in session.new if isinstance(o, Note)]
    edited = [o for o in session.dirty if isinstance(o, Note) and _text_changed(o)]
    gone = [o for o in session.deleted if isinstance(o, Note)]
    people = [o for o in session.deleted if isinstance(o, Person)]
    if not (fresh or edited or gone or people):
        return
    conn = session.connection()
    stale = [n.id for n in edited + gone]
    if stale:
        conn.execute(delete(SearchChunk).where(SearchChunk.note_id.in_(stale)))
    rows = [r for n in fresh + edited for r in chunk_rows(n.id, n.manager_id, n.text)]
    if rows:
        conn.execute(insert(SearchChunk), rows)
    managers = {n.manager_id for n in fresh + edited + gone} | {p.manager_id for p in people}
    conn.execute(
        update(Manager)
        .where(Manager.id.in_(sorted(managers)))
        .values(notes_version=Manager.notes_version + 1)
    )


def install(factory: sessionmaker[Session]) -> None:
    from sqlalchemy import event

    event.listen(factory, "after_flush", sync_after_flush)


def notes_version(s: Session, manager_id: int) -> int:
    return int(s.scalar(select(Manager.notes_version).where(Manager.id == manager_id)) or 0)


def _filters(person_id: int | None, since: dt.date | None) -> tuple[str, dict[str, Any]]:
    sql = ""
    params: dict[str, Any] = {}
    if person_id is not None:
        sql += " AND n.person_id = :person_id"
        params["person_id"] = person_id
    if since is not None:
        sql += " AND n.date >= :since"
        params["since"] = since
    return sql, params


# The manager's passages that hold a query word, as a pool for the exact ranking below:
# FTS5 orders them by its bm25() and keeps the first POOL. The owner is checked on the row,
# not in the MATCH: there it would walk the manager's whole list of passages (~1 ms at 10k).
# CROSS JOIN keeps the index in front: led by the manager_id index instead, SQLite probes
# the FTS5 table once per passage of the manager (~1.5 s at 10k notes).
_SQLITE_POOL = """
SELECT c.id, c.note_id, c.ord, c.terms, c.n_terms
FROM note_chunks_fts f CROSS JOIN note_chunks c ON c.id = f.rowid
JOIN notes n ON n.id = c.note_id
WHERE note_chunks_fts MATCH :match AND c.manager_id = :manager_id{filters}
ORDER BY f.rank LIMIT :pool
"""
# Passages scored exactly per search, at the least. A manager with more passages holding
# the query's words has the rest cut by FTS5's order, whose counts span every manager; below
# it (every QMSum meeting, most managers' questions) the ranking is exact.
POOL = 200
COMMON_FROM = 2000  # passages of one manager

# BM25 over the manager's own chunks: each passage is compared with the query stemmed in the
# passage's own language (its tsvector's configuration), so an English passage that was
# guessed Dutch still matches, and no word counts twice. Candidates share at least one query
# lexeme (GIN), document frequencies are counted among them, lengths come from our tokenizer.
# A query word found in its exact form (our tokenizer's `terms`, as SQLite ranks them) scores
# in full, its stem at STEM_WEIGHT on top: stemming widens the match ("meetings" meets
# "meeting"), the exact form keeps the precision that stemming alone loses (README,
# Measurements).
_POSTGRES_QUERY = """
WITH q AS (
    SELECT 'en' AS language, tsvector_to_array(to_tsvector('english', :words)) AS lexemes
    UNION ALL
    SELECT 'nl', tsvector_to_array(to_tsvector('dutch', :words))
), tsq AS (
    SELECT language, lexemes, to_tsquery('simple', array_to_string(lexemes, ' | ')) AS query
    FROM q WHERE cardinality(lexemes) > 0
), stats AS (
    SELECT count(*) AS n, coalesce(avg(n_terms), 1) AS avgdl
    FROM note_chunks WHERE manager_id = :manager_id
), cand AS (
    SELECT c.id, c.n_terms, c.tsv, c.terms, tsq.lexemes FROM note_chunks c
    JOIN tsq ON tsq.language = c.language
    WHERE c.manager_id = :manager_id AND c.tsv @@ tsq.query
), tf AS (
    SELECT cand.id, cand.n_terms, 'stem:' || u.lexeme AS lexeme,
        array_length(u.positions, 1) AS tf, {stem_weight} AS weight
    FROM cand, unnest(cand.tsv) AS u WHERE u.lexeme = ANY(cand.lexemes)
    UNION ALL
    SELECT cand.id, cand.n_terms, 'word:' || w.term, count(*), 1.0
    FROM cand, unnest(string_to_array(cand.terms, ' ')) AS w(term)
    WHERE w.term = ANY(string_to_array(:words, ' ')) GROUP BY cand.id, cand.n_terms, w.term
), df AS (
    SELECT lexeme, count(*) AS df FROM tf GROUP BY lexeme
), scored AS (
    SELECT tf.id, sum(
        ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
        * tf.weight * tf.tf * ({k1} + 1)
        / (tf.tf + {k1} * (1 - {b} + {b} * tf.n_terms / greatest(stats.avgdl, 1)))
    ) AS score
    FROM tf JOIN df USING (lexeme), stats GROUP BY tf.id
)
SELECT c.note_id, c.ord FROM scored JOIN note_chunks c ON c.id = scored.id
JOIN notes n ON n.id = c.note_id
WHERE true{filters}
ORDER BY scored.score DESC, c.id LIMIT :depth
"""


def keyword_ranking(
    s: Session,
    manager_id: int,
    query: str,
    depth: int,
    *,
    person_id: int | None = None,
    since: dt.date | None = None,
) -> list[tuple[int, int]]:
    """(note id, chunk ord) of the manager's best keyword matches, best first."""
    words = list(dict.fromkeys(tokenize(query)))
    if not words:
        return []
    filters, params = _filters(person_id, since)
    params.update(manager_id=manager_id, depth=depth)
    if s.get_bind().dialect.name == "postgresql":
        sql = _POSTGRES_QUERY.format(filters=filters, k1=K1, b=B, stem_weight=STEM_WEIGHT)
        params["words"] = " ".join(words)
        return [(int(a), int(b)) for a, b in s.execute(text(sql), params)]
    return _sqlite_ranking(s, manager_id, words, depth, filters, params)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _owner(manager_id: int) -> str:
    return f'manager_id : "{int(manager_id)}"'


def _sqlite_ranking(
    s: Session,
    manager_id: int,
    words: list[str],
    depth: int,
    filters: str,
    params: dict[str, Any],
) -> list[tuple[int, int]]:
    """Okapi BM25 over the manager's own passages, as PostgreSQL ranks. FTS5's bm25() counts
    every manager's passages, so one manager's ranking moved with another's notes; the index
    now holds each passage's owner, the manager's counts come from it, and the pool of
    passages that hold a query word is scored here on our tokenizer's terms."""
    n, avgdl, df = _counts(s, manager_id, words)
    present = [w for w in words if df[w]]
    # A word held by half of a large manager's passages or more (a name in most of 10k notes)
    # adds at most ln 2 against ~5-9 for a rare word, yet would have FTS5 score every passage
    # holding it: left out unless nothing rarer is held. Below COMMON_FROM passages every word
    # counts (a rare word's weight is ~4 there, and the scoring is cheap).
    rare = [w for w in present if 2 * df[w] < n] if n >= COMMON_FROM else present
    used = rare or present
    if not used:
        return []
    params["match"] = f"terms : ({' OR '.join(map(_phrase, used))})"
    params["pool"] = max(POOL, 10 * depth)
    idf = [(w, math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))) for w in used]
    base, per_term = K1 * (1 - B), K1 * B / max(avgdl, 1.0)
    scored = []
    # The driver's own cursor: this runs on every search, and SQLAlchemy's statement and row
    # handling cost more than the query itself here.
    pool = s.connection().exec_driver_sql(_SQLITE_POOL.format(filters=filters), params)
    for chunk_id, note_id, ord_, terms, n_terms in pool:
        tokens = terms.split(" ")
        norm = base + per_term * n_terms
        score = 0.0
        for word, weight in idf:
            tf = tokens.count(word)
            if tf:
                score += weight * tf * (K1 + 1) / (tf + norm)
        scored.append((-score, int(chunk_id), int(note_id), int(ord_)))
    return [(note_id, ord_) for _, _, note_id, ord_ in heapq.nsmallest(depth, scored)]


def held_by(s: Session, manager_id: int, words: list[str]) -> dict[str, int]:
    """How many of the manager's passages hold each word (SQLite: counted in the index)."""
    return _counts(s, manager_id, words)[2]


def _counts(s: Session, manager_id: int, words: list[str]) -> tuple[int, float, dict[str, int]]:
    """The manager's passage count and mean length in terms, and how many of the passages
    hold each word, counted in the index: where the owner's and the word's lists of passages
    meet or, when the manager holds every passage (one manager on the install), the word's
    list alone (the owner's list of 10k passages costs ~0.3 ms a word)."""
    conn = s.connection()
    n, avgdl, total = conn.exec_driver_sql(
        "SELECT count(*), coalesce(avg(n_terms), 1.0), (SELECT count(*) FROM note_chunks) "
        "FROM note_chunks WHERE manager_id = :manager_id",
        {"manager_id": manager_id},
    ).one()
    df: dict[str, int] = {}
    if words and n:
        owner = "" if n == total else f"{_owner(manager_id)} AND "
        counts = " UNION ALL ".join(
            f"SELECT {i}, count(*) FROM note_chunks_fts WHERE note_chunks_fts MATCH :q{i}"
            for i in range(len(words))
        )
        params = {f"q{i}": f"{owner}terms : {_phrase(w)}" for i, w in enumerate(words)}
        df = {words[i]: int(count) for i, count in conn.exec_driver_sql(counts, params)}
    return int(n), float(avgdl), {w: df.get(w, 0) for w in words}


@dataclass(frozen=True)
class StoredChunk:
    note_id: int
    ord: int
    person_id: int
    person: str
    date: dt.date
    source: str
    text: str


def chunks_by_key(
    s: Session, manager_id: int, keys: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], StoredChunk]:
    """The manager's stored chunks for (note id, ord) keys; a key whose note is gone is absent."""
    wanted = set(keys)
    note_ids = sorted({k[0] for k in wanted})
    if not note_ids:
        return {}
    rows = s.execute(
        select(
            SearchChunk.note_id,
            SearchChunk.ord,
            Note.person_id,
            Person.name,
            Note.date,
            Note.source,
            SearchChunk.text,
        )
        .join(Note, Note.id == SearchChunk.note_id)
        .join(Person, Person.id == Note.person_id)
        # Led by the notes' ids (a passage is its note's, owner included). With the owner
        # asked of the passages too, SQLite walked the manager's whole passage index and
        # joined each row before the id test: ~8-14 ms a search at 10k notes, against ~0.1.
        .where(Note.id.in_(note_ids), Note.manager_id == manager_id)
    )
    out: dict[tuple[int, int], StoredChunk] = {}
    for row in rows:
        chunk = StoredChunk(*row)
        if (chunk.note_id, chunk.ord) in wanted:
            out[(chunk.note_id, chunk.ord)] = chunk
    return out
