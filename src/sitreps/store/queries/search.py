"""Full-text search over articles: SQLite FTS5 or PostgreSQL text search, behind one function.

The index itself is made by migration 0002 (PostgreSQL's index is on the
same expression as ``PG_DOCUMENT``: change both or neither). A user's query
is not passed to the engine's query language as is (an unbalanced quote or a
stray ``NEAR`` would be a syntax error): words are kept, quoted, and all must
match; a phrase in double quotes stays a phrase.

A query is bounded (``MAX_QUERY_CHARACTERS``, ``MAX_QUERY_TERMS``): each term
costs the engine a scan of its posting list, and a 1,000-term query once held
a server thread for 100 s. A longer query is refused before it reaches the
database, naming the limit.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, text

from sitreps.errors import BadParameter
from sitreps.store.schema import articles

_PHRASE_OR_WORD = re.compile(r'"([^"]+)"|(\w[\w\'-]*)')
MAX_QUERY_CHARACTERS = 500
MAX_QUERY_TERMS = 20
PG_DOCUMENT = "to_tsvector('english', coalesce(articles.title, '') || ' ' || articles.text)"


def check_length(query: str, name: str = "q") -> str:
    """``query`` when it is at most ``MAX_QUERY_CHARACTERS`` long, else a bad parameter naming the limit."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise BadParameter(name, f"{name}: at most {MAX_QUERY_CHARACTERS} characters (this has {len(query)})")
    return query


def terms(query: str) -> list[str]:
    """The words and "quoted phrases" of a query, in order (at most ``MAX_QUERY_TERMS`` of them)."""
    check_length(query)
    found = []
    for phrase, word in _PHRASE_OR_WORD.findall(query):
        words = re.findall(r"\w+", phrase or word)
        if words:
            found.append(" ".join(words))
    if len(found) > MAX_QUERY_TERMS:
        raise BadParameter("q", f"q: at most {MAX_QUERY_TERMS} words or phrases (this has {len(found)})")
    return found


def full_text(statement: Select, query: str, backend: str) -> tuple[Select, Any]:
    """``statement`` (over articles) narrowed to articles matching ``query``, and a rank to order by."""
    wanted = terms(query)
    if not wanted:
        return statement.where(text("1 = 0")), None
    if backend == "sqlite":
        match = " ".join('"' + term.replace('"', "") + '"' for term in wanted)
        hits = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match").bindparams(match=match)
        rank = text("(SELECT rank FROM articles_fts WHERE articles_fts MATCH :rank_match "
                    "AND articles_fts.rowid = articles.rowid)").bindparams(rank_match=match)
        statement = statement.where(literal_column("articles.rowid").in_(hits))
        return statement, rank  # FTS5's rank: smaller is better, so ascending
    if backend == "postgresql":
        tsquery = func.websearch_to_tsquery("english", " ".join(f'"{t}"' if " " in t else t for t in wanted))
        document: ColumnElement[Any] = literal_column(PG_DOCUMENT)
        statement = statement.where(document.op("@@")(tsquery))
        return statement, func.ts_rank(document, tsquery).desc()
    pattern = "%" + "%".join(wanted) + "%"  # any other database: a plain substring match
    return statement.where(articles.c.text.ilike(pattern)), None
