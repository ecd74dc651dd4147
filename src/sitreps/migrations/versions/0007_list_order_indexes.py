"""Figures, events and claims indexed in the workbench's default order (date, article, position), and articles
by when they were stored.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

The workbench lists these items by their date, then article, then position
in the article, fifty at a time. With an index on the date alone the database
read every item of the view and sorted it to keep fifty: a page of
``/api/figures`` took 0.1 s at 15,000 figures and grew with the store. An
index in exactly that order lets it read the first rows in order and stop
(8-15 ms at the same size). It also serves every date filter, so it replaces
the date-only index. Every cached answer of the workbench is keyed by the
number of articles and the latest time one was stored (``articles_state``):
without an index on that time, finding it read every article's row, text
included, on every request. Lists leave out near-duplicate articles by
asking whether an item's article is one of them, found through a partial
index of the duplicates alone. The database's statistics are refreshed after the
change (``Store.refresh_statistics``), since without them SQLite's planner
keeps driving the query from the articles table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sitreps.store import statistics_statements

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("figures", "events", "claims")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_day_article_ord", table, ["day", "article_id", "ord"])
        op.drop_index(f"ix_{table}_day", table_name=table)
    op.create_index("ix_articles_updated", "articles", ["updated"])
    copies = sa.text("duplicate_of IS NOT NULL")
    op.create_index("ix_articles_duplicates", "articles", ["id"], sqlite_where=copies, postgresql_where=copies)
    for statement in statistics_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_articles_duplicates", table_name="articles")
    op.drop_index("ix_articles_updated", table_name="articles")
    for table in TABLES:
        op.create_index(f"ix_{table}_day", table, ["day"])
        op.drop_index(f"ix_{table}_day_article_ord", table_name=table)
