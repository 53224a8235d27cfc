"""Compare: the student's decisions about how two answers' sentences line up.

A row is a link between a sentence of one answer and a sentence of another, each anchored by
paragraph number, offsets and the quoted text (to re-anchor by). ``status`` is "suggested",
"confirmed", "broken" (a suggestion the student refused: never suggested again) or "manual"
(linked by hand); ``stance`` is "agree", "disagree", "different focus" or NULL.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compare_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "left_answer_id",
            sa.Integer,
            sa.ForeignKey("answers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("left_passage", sa.Integer, nullable=False),  # ¶ number, 1-based
        sa.Column("left_start", sa.Integer, nullable=False),
        sa.Column("left_end", sa.Integer, nullable=False),
        sa.Column("left_quote", sa.Text, nullable=False),
        sa.Column(
            "right_answer_id",
            sa.Integer,
            sa.ForeignKey("answers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("right_passage", sa.Integer, nullable=False),
        sa.Column("right_start", sa.Integer, nullable=False),
        sa.Column("right_end", sa.Integer, nullable=False),
        sa.Column("right_quote", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("stance", sa.String(16), nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint(
            "status IN ('suggested', 'confirmed', 'broken', 'manual')", name="ck_compare_status"
        ),
        sa.CheckConstraint(
            "stance IS NULL OR stance IN ('agree', 'disagree', 'different focus')",
            name="ck_compare_stance",
        ),
        sa.UniqueConstraint(
            "left_answer_id",
            "left_passage",
            "left_start",
            "right_answer_id",
            "right_passage",
            "right_start",
            name="uq_compare_link_sentences",
        ),
    )


def downgrade() -> None:
    op.drop_table("compare_links")
