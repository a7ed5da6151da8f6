"""Keyword search in the database: SQL is the source of truth, also for search.

A note's passages (`note_chunks`) are written by a flush hook in the same transaction as the
note itself, whichever code path writes it (notes service, debrief, demo, erase cascades), so
no process keeps a private copy that another process can make stale.

- SQLite: an FTS5 table over normalised terms (our tokenizer: lowercase, stop words out, no
  stemming, as the in-memory BM25 this replaces), ranked by FTS5's bm25().
- PostgreSQL: a generated tsvector per chunk in its language (`dutch` / `english`), a GIN
  index, and Okapi BM25 computed in SQL over the manager's own chunks (ts_rank has no IDF),
  over the stems and, once more, over the exact words.

`managers.notes_version` is bumped in every note write's transaction: the retriever compares
it per search to notice that another process changed the vectors it holds handles to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from coach.retrieval.text import chunk_text, guess_language, tokenize
from coach.storage.models import Manager, Note, Person, SearchChunk

K1, B = 1.5, 0.75  # the Okapi constants of the in-memory index this replaces


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


_SQLITE_QUERY = """
SELECT c.note_id, c.ord FROM note_chunks_fts f
JOIN note_chunks c ON c.id = f.rowid JOIN notes n ON n.id = c.note_id
WHERE note_chunks_fts MATCH :match AND c.manager_id = :manager_id{filters}
ORDER BY f.rank LIMIT :depth
"""

# BM25 over the manager's own chunks: each passage is compared with the query stemmed in the
# passage's own language (its tsvector's configuration), so an English passage that was
# guessed Dutch still matches, and no word counts twice. Candidates share at least one query
# lexeme (GIN), document frequencies are counted among them, lengths come from our tokenizer.
# A query word found in its exact form (our tokenizer's `terms`, as SQLite ranks them) scores
# once more on top of its stem: stemming widens the match ("meetings" meets "meeting"), the
# exact form keeps the precision that stemming alone loses (QMSum val, hybrid: see README,
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
        array_length(u.positions, 1) AS tf
    FROM cand, unnest(cand.tsv) AS u WHERE u.lexeme = ANY(cand.lexemes)
    UNION ALL
    SELECT cand.id, cand.n_terms, 'word:' || w.term, count(*)
    FROM cand, unnest(string_to_array(cand.terms, ' ')) AS w(term)
    WHERE w.term = ANY(string_to_array(:words, ' ')) GROUP BY cand.id, cand.n_terms, w.term
), df AS (
    SELECT lexeme, count(*) AS df FROM tf GROUP BY lexeme
), scored AS (
    SELECT tf.id, sum(
        ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
        * tf.tf * ({k1} + 1)
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
        sql = _POSTGRES_QUERY.format(filters=filters, k1=K1, b=B)
        params["words"] = " ".join(words)
    else:
        sql = _SQLITE_QUERY.format(filters=filters)
        params["match"] = " OR ".join(f'"{w}"' for w in _informative(s, words))
    return [(int(a), int(b)) for a, b in s.execute(text(sql), params)]


def _informative(s: Session, words: list[str]) -> list[str]:
    """The query words bm25() can rank by: FTS5 clamps the IDF of a term held by half of the
    passages or more to ~0, but would still score every passage holding it. Leaving those
    terms out keeps the ranking (ties aside) and scores only the passages that matter. When
    no word that some passage holds is left, every word stays: nothing to gain, and the
    common words are then all the search has to go on."""
    total = int(s.scalar(text("SELECT count(*) FROM note_chunks")) or 0)
    marks = ", ".join(f":w{i}" for i in range(len(words)))
    rows = s.execute(
        text(f"SELECT term, doc FROM note_chunks_vocab WHERE term IN ({marks})"),  # noqa: S608
        {f"w{i}": w for i, w in enumerate(words)},
    )
    held = {str(term): int(doc) for term, doc in rows}
    if not any(2 * n < total for n in held.values()):
        return words
    # A word the view does not list as one term (a phrase such as "churn-dashboard", or no
    # passage holds it) is kept as it is.
    return [w for w in words if w not in held or 2 * held[w] < total]


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
        .where(SearchChunk.manager_id == manager_id, Note.manager_id == manager_id)
        .where(SearchChunk.note_id.in_(note_ids))
    )
    out: dict[tuple[int, int], StoredChunk] = {}
    for row in rows:
        chunk = StoredChunk(*row)
        if (chunk.note_id, chunk.ord) in wanted:
            out[(chunk.note_id, chunk.ord)] = chunk
    return out
