"""The store's tables, in one place (SQLAlchemy Core).

One row per article (keyed by ``Article.id``, the hash of its cleaned text),
one current report per article (with the sitreps version that made it), and
one table per kind of extracted item. Item tables carry the contract's fields
as columns, so they can be filtered and joined in SQL, plus ``data``: the
item's fields that have no column, so a field that an extractor adds later is
kept (and exported) before any migration gives it a column. The whole report
is kept too, in ``reports.report``. ``day`` and ``country`` on events,
figures and claims are filled at insert time (the item's own date, else the
article's; the country of its place or speaker) so exports filter without
joins. The Alembic migrations in ``sitreps/migrations`` create exactly these
tables; a test compares the two.
"""

from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData,
                        SmallInteger, String, Table, Text, text)
from sqlalchemy.dialects.postgresql import JSONB

NAMING = {"ix": "ix_%(table_name)s_%(column_0_N_name)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}
metadata = MetaData(naming_convention=NAMING)
JSONType = JSON().with_variant(JSONB(), "postgresql")


def _article_fk(primary_key: bool = False) -> Column:
    return Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  primary_key=primary_key, index=not primary_key)


articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("raw_hash", String, nullable=False, index=True),  # sha256 of the text as read, before cleaning
    Column("source", Text, nullable=False),  # where it was read from: a path, path:line, a URL
    Column("url", Text),
    Column("host", String, index=True),  # the URL's host without www., for --source
    Column("title", Text),
    Column("publisher", Text),
    Column("authors", JSONType),
    Column("published", String, index=True),
    Column("published_basis", String),
    Column("language", String),
    Column("genre", String),
    Column("text", Text, nullable=False),
    Column("duplicate_of", String, ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Column("similarity", Float),  # estimated Jaccard similarity to duplicate_of
    Column("minhash", LargeBinary),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    # every cached answer of the workbench is keyed by the latest of these (``articles_state``, migration 0007)
    Column("updated", DateTime(timezone=True), nullable=False, index=True),
    # the few articles that are copies of another, which every list leaves out (``is_duplicate``, migration 0007)
    Index("ix_articles_duplicates", "id", sqlite_where=text("duplicate_of IS NOT NULL"),
          postgresql_where=text("duplicate_of IS NOT NULL")),
)

article_bands = Table(
    "article_bands", metadata,
    _article_fk(primary_key=True),
    Column("band", SmallInteger, primary_key=True),
    Column("hash", BigInteger, nullable=False),
    Index("ix_article_bands_band_hash", "band", "hash"),
)

reports = Table(
    "reports", metadata,
    _article_fk(primary_key=True),
    Column("schema", String, nullable=False),
    Column("sitreps_version", String, nullable=False, index=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("warnings", JSONType),
    Column("report", JSONType, nullable=False),  # the sitreps/1 report less article.text (kept once, in articles)
)


def _items(name: str, *columns: Column | Index) -> Table:
    return Table(name, metadata, Column("pk", Integer, primary_key=True, autoincrement=True), _article_fk(),
                 Column("ord", Integer, nullable=False), *columns, Column("data", JSONType, nullable=False))


def _list_order(table: str) -> Index:
    """The workbench lists dated items by date, article and position, a page at a time: an index in that order
    lets the database read a page's rows in order and stop (migration 0007), and it serves date filters."""
    return Index(f"ix_{table}_day_article_ord", "day", "article_id", "ord")


def _span() -> list[Column]:
    return [Column("text", Text), Column("start", Integer), Column("end", Integer), Column("sentence", Integer)]


actors = _items(
    "actors", Column("item_id", String), Column("name", Text), Column("kind", String),
    Column("country", String, index=True), Column("sector", String), Column("role", Text), Column("wikidata", String),
    Column("mentions", JSONType),
    # figures, events and claims name their actors by (article, local id): the workbench's lists join on both
    # for every row (migration 0005; with the article index alone /api/figures slowed as the store grew)
    Index("ix_actors_article_item", "article_id", "item_id"))

places = _items(
    "places", Column("item_id", String), Column("name", Text), Column("kind", String),
    Column("country", String, index=True), Column("lat", Float), Column("lon", Float), Column("precision", Integer),
    Column("mentions", JSONType), Index("ix_places_article_item", "article_id", "item_id"))

times = _items(
    "times", *_span(), Column("value", String), Column("granularity", String), Column("anchor", String))

figures = _items(
    "figures", Column("item_id", String), *_span(), Column("value", Float), Column("low", Float),
    Column("high", Float), Column("qualifier", String), Column("unit", String), Column("category", String, index=True),
    Column("per", String), Column("what", Text), Column("subject", String), Column("place", String),
    Column("time", String), Column("source", String), Column("attribution", String),
    Column("day", String), Column("country", String, index=True), _list_order("figures"))

events = _items(
    "events", Column("item_id", String), Column("type", String, index=True), Column("mode", String),
    Column("actor", JSONType), Column("recipient", JSONType), Column("date", String), Column("place", String),
    Column("modality", String), Column("source", String), Column("figures", JSONType), *_span(),
    Column("confidence", Float), Column("day", String), Column("country", String, index=True), _list_order("events"))

claims = _items(
    "claims", Column("item_id", String), *_span(), Column("speaker", String), Column("cue", Text),
    Column("kind", String), Column("date", String), Column("about", JSONType),
    Column("day", String), Column("country", String, index=True), _list_order("claims"))

# report list -> table, in the order rows are written
ITEM_TABLES: dict[str, Table] = {"actors": actors, "places": places, "times": times, "figures": figures,
                                 "events": events, "claims": claims}

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, index=True),  # the input that failed: path, path:line, URL, file@offset
    Column("source", Text),  # the SOURCE argument it came from
    Column("reason", Text, nullable=False),
    Column("error", String, nullable=False),  # the error class, e.g. EmptyInput
    Column("code", Integer),  # that class's exit code
    Column("sitreps_version", String),
    Column("run_id", Integer),
    Column("at", DateTime(timezone=True), nullable=False),
)

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("sitreps_version", String, nullable=False),
    Column("engine", String, nullable=False),
    Column("sources", JSONType),
    Column("counts", JSONType),
    Column("status", String, nullable=False),  # running | done | interrupted
    # the driver that runs it (migration 0003): a run left "running" by a killed driver is found by these
    Column("host", String),
    Column("pid", Integer),
    Column("heartbeat", DateTime(timezone=True)),  # the driver's last sign of life
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # no foreign key: a correction outlives a reprocessing that changes the article's id
    Column("article_id", String, nullable=False, index=True),
    Column("component", String, nullable=False),  # actors, places, times, figures, events, claims, article
    Column("item_id", String),
    Column("kind", String, nullable=False),  # wrong | missing
    Column("field", String),
    Column("value", JSONType),  # the corrected value, when the analyst gave one
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),  # the highlighted passage, so it can be found again if offsets move
    Column("note", Text),
    Column("author", String),
    Column("status", String, nullable=False),  # open | accepted | rejected
    Column("created", DateTime(timezone=True), nullable=False),
    Column("reviewer", String),  # who accepted or rejected it (migration 0002)
    Column("reviewed", DateTime(timezone=True)),
)

# -- the workbench's accounts: a database of their own ----------------------------------------------------------
# Password hashes, API-token digests and the secret that signs session cookies are kept out of the research
# store, so that the store can be shared or published as it is (Datasette, a copy for a colleague). They live
# in the accounts database (``sitreps.store.accounts``: a 0600 file beside a SQLite store, the schema
# ``sitreps_accounts`` of a PostgreSQL store, or $SITREPS_ACCOUNTS_DB); migration 0002 made them in the
# store and 0006 moved them out. ``accounts_metadata.create_all`` makes them (no Alembic history yet).
accounts_metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users", accounts_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String, nullable=False, unique=True),
    Column("password", String, nullable=False),  # scrypt$n$r$p$salt$hash (sitreps.store.accounts)
    Column("role", String, nullable=False),  # analyst (may report) | reviewer (may also accept and reject)
    Column("created", DateTime(timezone=True), nullable=False),
    # sessions carry the generation they were made in; signing out or a new password counts it up, so every
    # cookie made before stops working (migration 0004)
    Column("session_generation", Integer, nullable=False, server_default="0"),
)

api_tokens = Table(
    "api_tokens", accounts_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("digest", String, nullable=False, unique=True),  # sha256 of the token: the token itself is never kept
    Column("label", String),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("last_used", DateTime(timezone=True)),
)

web_settings = Table(
    "web_settings", accounts_metadata,
    Column("key", String, primary_key=True),  # e.g. the secret that signs session cookies
    Column("value", Text, nullable=False),
)

ACCOUNT_TABLES = (users, api_tokens, web_settings)  # in the order rows are copied (a token needs its user)

# Full-text search over articles lives outside this metadata (SQLite FTS5 table articles_fts with triggers;
# a GIN expression index on PostgreSQL): see migration 0002 and FULL_TEXT_OBJECTS.
FULL_TEXT_OBJECTS = ("articles_fts", "ix_articles_fulltext")


def outside_metadata(name: str | None, type_: str, _parents: object = None) -> bool:
    """False for the full-text objects (and FTS5's shadow tables), so Alembic's comparisons skip them."""
    return not (name or "").startswith(FULL_TEXT_OBJECTS)
