"""A library of study sets: display titles, when each was last opened, a trash, courses
(nested by "::" in their names) and tags on sets.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("study_sets") as table:
        table.add_column(sa.Column("display_title", sa.Text, nullable=True))
        table.add_column(sa.Column("last_opened_at", sa.DateTime, nullable=True))
        table.add_column(sa.Column("deleted_at", sa.DateTime, nullable=True))
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text(collation="NOCASE"), nullable=False, unique=True),
    )
    op.create_table(
        "study_set_courses",
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "course_id",
            sa.Integer,
            sa.ForeignKey("courses.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )
    op.create_table(
        "study_set_tags",
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id",
            sa.Integer,
            sa.ForeignKey("tags.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


def downgrade() -> None:
    op.drop_table("study_set_tags")
    op.drop_table("study_set_courses")
    op.drop_table("courses")
    with op.batch_alter_table("study_sets") as table:
        table.drop_column("deleted_at")
        table.drop_column("last_opened_at")
        table.drop_column("display_title")
