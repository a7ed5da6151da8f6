"""Remove an erased person's text from Chroma's own files, not only from its index.

Deleting records in Chroma leaves their documents and vectors in its internal log
(`embeddings_queue` in chroma.sqlite3: every add is kept until the log is compacted), in the
full-text index's segments, and in the file's free pages. After an erase we blank the logged
adds of the person's records (metadata `{}` and a zero vector of the same size: a replay
still finds a well-formed add, followed by its delete), merge the full-text index, and
VACUUM with secure_delete so no freed page keeps the text. Only for the embedded client: a
Chroma server keeps its files on its own host (docs/security.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

FILE = "chroma.sqlite3"


def purge_person(chroma_path: Path, person_id: int, timeout_s: float = 30.0) -> int:
    """Blank the logged records of one person; returns how many log entries were blanked."""
    path = chroma_path / FILE
    if not path.is_file():
        return 0
    con = sqlite3.connect(path, timeout=timeout_s, isolation_level=None)
    try:
        con.execute("PRAGMA secure_delete=ON")
        cur = con.execute(
            "UPDATE embeddings_queue SET metadata = '{}', "
            "vector = CASE WHEN vector IS NULL THEN NULL ELSE zeroblob(length(vector)) END "
            "WHERE json_valid(metadata) AND json_extract(metadata, '$.person_id') = ?",
            (person_id,),
        )
        blanked = cur.rowcount
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        if "embedding_fulltext_search" in tables:
            con.execute(
                "INSERT INTO embedding_fulltext_search(embedding_fulltext_search) "
                "VALUES('optimize')"
            )
        con.execute("VACUUM")
        return blanked
    finally:
        con.close()
