"""The workbench's accounts leave the research store: users, API tokens and the cookie secret move out.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

A store is research data that people share and publish (Datasette, a copy
for a colleague); password hashes, token digests and the key that signs
session cookies must not go with it. This migration copies the rows of
``users``, ``api_tokens`` and ``web_settings`` into the accounts database
(``sitreps.store.accounts``: ``<store>.accounts.db`` beside a SQLite file,
the schema ``sitreps_accounts`` of a PostgreSQL database, or
$SITREPS_ACCOUNTS_DB), then drops the three tables. Rows already in the
accounts database (a migration that was interrupted after the copy) are
kept, not duplicated; users, tokens and sessions keep working as before.
Downgrading makes the tables again and copies the accounts back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

from sitreps.store.accounts import PG_SCHEMA, accounts_url, open_accounts
from sitreps.store.schema import ACCOUNT_TABLES

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _accounts_engine() -> sa.Engine:
    bind = op.get_bind()
    store_url = bind.engine.url.render_as_string(hide_password=False)
    url = context.config.attributes.get("accounts_url") or accounts_url(store_url)
    return open_accounts(url, bind.engine.url.render_as_string(hide_password=True))


def _copy(rows: dict[str, list[dict]], engine: sa.Engine) -> None:
    """Insert each table's rows into ``engine``'s database, skipping those whose key is there already."""
    with engine.begin() as target:
        for table in ACCOUNT_TABLES:
            key = list(table.primary_key.columns)[0]
            present = set(target.execute(sa.select(key)).scalars())
            fresh = [row for row in rows[table.name] if row[key.name] not in present]
            if fresh:
                target.execute(sa.insert(table), fresh)
        if target.dialect.name == "postgresql":  # serial ids go on after the copied ones
            for name in ("users", "api_tokens"):
                target.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{PG_SCHEMA}.{name}', 'id'), "
                                       f"coalesce((SELECT max(id) FROM {PG_SCHEMA}.{name}), 0) + 1, false)"))


def upgrade() -> None:
    bind = op.get_bind()
    # the accounts' table definitions read the store's tables of the same names (typed: dates come back as dates)
    rows = {table.name: [dict(row) for row in bind.execute(sa.select(table)).mappings()] for table in ACCOUNT_TABLES}
    if any(rows.values()):
        engine = _accounts_engine()
        try:
            _copy(rows, engine)
        finally:
            engine.dispose()
    if bind.dialect.name == "sqlite":
        # the dropped tables' pages are zeroed, not left in the file's free list, so the file itself can be
        # published (a copy of news.db holds no trace of a hash or the secret)
        op.execute("PRAGMA secure_delete = ON")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    for name in ("api_tokens", "web_settings", "users"):
        op.drop_table(name)


def downgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("password", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("created", TZ, nullable=False),
        sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"),  # migration 0004
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.Column("label", sa.String()),
        sa.Column("created", TZ, nullable=False),
        sa.Column("last_used", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"),
        sa.UniqueConstraint("digest", name="uq_api_tokens_digest"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "web_settings",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_web_settings"),
    )
    engine = _accounts_engine()
    try:
        with engine.connect() as source:
            for table in ACCOUNT_TABLES:
                rows = [dict(row) for row in source.execute(sa.select(table)).mappings()]
                if rows:
                    op.bulk_insert(table, rows)
    finally:
        engine.dispose()
