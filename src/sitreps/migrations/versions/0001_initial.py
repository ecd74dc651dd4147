"""The first store schema: articles, near-duplicate bands, reports, items, failures, ingest runs, corrections.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def _span() -> list[sa.Column]:
    return [sa.Column("text", sa.Text()), sa.Column("start", sa.Integer()), sa.Column("end", sa.Integer()),
            sa.Column("sentence", sa.Integer())]


def _items(name: str, *columns: sa.Column, indexed: tuple[str, ...] = ()) -> None:
    op.create_table(
        name,
        sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        *columns,
        sa.Column("data", JSON, nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=f"fk_{name}_article_id_articles"),
        sa.PrimaryKeyConstraint("pk", name=f"pk_{name}"),
    )
    for column in ("article_id", *indexed):
        op.create_index(f"ix_{name}_{column}", name, [column])


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("raw_hash", sa.String(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("host", sa.String()),
        sa.Column("title", sa.Text()),
        sa.Column("publisher", sa.Text()),
        sa.Column("authors", JSON),
        sa.Column("published", sa.String()),
        sa.Column("published_basis", sa.String()),
        sa.Column("language", sa.String()),
        sa.Column("genre", sa.String()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("duplicate_of", sa.String()),
        sa.Column("similarity", sa.Float()),
        sa.Column("minhash", sa.LargeBinary()),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("updated", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.ForeignKeyConstraint(["duplicate_of"], ["articles.id"], ondelete="SET NULL",
                                name="fk_articles_duplicate_of_articles"),
    )
    for column in ("raw_hash", "host", "published", "duplicate_of"):
        op.create_index(f"ix_articles_{column}", "articles", [column])

    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "band", name="pk_article_bands"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_article_bands_article_id_articles"),
    )
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "hash"])

    op.create_table(
        "reports",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("schema", sa.String(), nullable=False),
        sa.Column("sitreps_version", sa.String(), nullable=False),
        sa.Column("created", TZ, nullable=False),
        sa.Column("warnings", JSON),
        sa.Column("report", JSON, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_reports"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_reports_article_id_articles"),
    )
    op.create_index("ix_reports_sitreps_version", "reports", ["sitreps_version"])

    _items("actors", sa.Column("item_id", sa.String()), sa.Column("name", sa.Text()), sa.Column("kind", sa.String()),
           sa.Column("country", sa.String()), sa.Column("sector", sa.String()), sa.Column("role", sa.Text()),
           sa.Column("wikidata", sa.String()), sa.Column("mentions", JSON), indexed=("country",))
    _items("places", sa.Column("item_id", sa.String()), sa.Column("name", sa.Text()), sa.Column("kind", sa.String()),
           sa.Column("country", sa.String()), sa.Column("lat", sa.Float()), sa.Column("lon", sa.Float()),
           sa.Column("precision", sa.Integer()), sa.Column("mentions", JSON), indexed=("country",))
    _items("times", *_span(), sa.Column("value", sa.String()), sa.Column("granularity", sa.String()),
           sa.Column("anchor", sa.String()))
    _items("figures", sa.Column("item_id", sa.String()), *_span(), sa.Column("value", sa.Float()),
           sa.Column("low", sa.Float()), sa.Column("high", sa.Float()), sa.Column("qualifier", sa.String()),
           sa.Column("unit", sa.String()), sa.Column("category", sa.String()), sa.Column("per", sa.String()),
           sa.Column("what", sa.Text()), sa.Column("subject", sa.String()), sa.Column("place", sa.String()),
           sa.Column("time", sa.String()), sa.Column("source", sa.String()), sa.Column("attribution", sa.String()),
           sa.Column("day", sa.String()), sa.Column("country", sa.String()), indexed=("category", "day", "country"))
    _items("events", sa.Column("item_id", sa.String()), sa.Column("type", sa.String()), sa.Column("mode", sa.String()),
           sa.Column("actor", JSON), sa.Column("recipient", JSON), sa.Column("date", sa.String()),
           sa.Column("place", sa.String()), sa.Column("modality", sa.String()), sa.Column("source", sa.String()),
           sa.Column("figures", JSON), *_span(), sa.Column("confidence", sa.Float()), sa.Column("day", sa.String()),
           sa.Column("country", sa.String()), indexed=("type", "day", "country"))
    _items("claims", sa.Column("item_id", sa.String()), *_span(), sa.Column("speaker", sa.String()),
           sa.Column("cue", sa.Text()), sa.Column("kind", sa.String()), sa.Column("date", sa.String()),
           sa.Column("about", JSON), sa.Column("day", sa.String()), sa.Column("country", sa.String()),
           indexed=("day", "country"))

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("error", sa.String(), nullable=False),
        sa.Column("code", sa.Integer()),
        sa.Column("sitreps_version", sa.String()),
        sa.Column("run_id", sa.Integer()),
        sa.Column("at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_key", "failures", ["key"])

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("started", TZ, nullable=False),
        sa.Column("finished", TZ),
        sa.Column("sitreps_version", sa.String(), nullable=False),
        sa.Column("engine", sa.String(), nullable=False),
        sa.Column("sources", JSON),
        sa.Column("counts", JSON),
        sa.Column("status", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
    )

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("component", sa.String(), nullable=False),
        sa.Column("item_id", sa.String()),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("field", sa.String()),
        sa.Column("value", JSON),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("text", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("author", sa.String()),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])


def downgrade() -> None:
    for name in ("corrections", "ingest_runs", "failures", "claims", "events", "figures", "times", "places", "actors",
                 "reports", "article_bands", "articles"):
        op.drop_table(name)
