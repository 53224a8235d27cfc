"""The student's own timeline events and accepted or dismissed found ones.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start", sa.String(10), nullable=False),
        sa.Column("end", sa.String(10)),
        sa.Column("precision", sa.String(8), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime),
        sa.CheckConstraint("origin IN ('user', 'found')", name="ck_events_origin"),
        sa.CheckConstraint("status IN ('shown', 'dismissed')", name="ck_events_status"),
    )


def downgrade() -> None:
    op.drop_table("events")
