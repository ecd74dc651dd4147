"""Which process runs an ingest: host, process id and a heartbeat on ``ingest_runs``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

A run whose driver was killed (SIGKILL, a crash, a power cut) never writes
its end; the next ingest marks such a run ``interrupted`` when its process is
gone (same host) or its heartbeat is old (another host). Rows written before
this migration have no owner and are left as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch:
        batch.add_column(sa.Column("host", sa.String()))
        batch.add_column(sa.Column("pid", sa.Integer()))
        batch.add_column(sa.Column("heartbeat", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch:
        batch.drop_column("heartbeat")
        batch.drop_column("pid")
        batch.drop_column("host")
