"""Sessions that can be revoked: a generation counter on ``users``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A session cookie names the generation it was made in; signing out and a
password change count the user's generation up, so a cookie made before (a
copy included) stops working. Cookies made before this migration carry no
generation and are refused: their users sign in once more.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_generation")
