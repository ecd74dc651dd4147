"""Alembic environment: runs on the connection sitreps hands over, or on ``sqlalchemy.url`` from the command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

# migrations/ is part of the store layer (the schema's history), so it may read the schema itself
from sitreps.store.schema import metadata, outside_metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///sitreps.db")
    with engine.begin() as connection:
        _migrate(connection)


def _migrate(connection) -> None:
    # batch mode lets later migrations alter SQLite tables (which cannot ALTER most things in place)
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      include_name=outside_metadata)
    with context.begin_transaction():
        context.run_migrations()


run()
