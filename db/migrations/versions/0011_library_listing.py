"""Indexes for the Library window's listing of every study set (db.library_reads).

A study set's row holds its whole source text before the listing's columns (imported,
last opened, in the trash), so reading those went through every text's overflow pages: a
covering index has them without the texts. Highlights are counted per set through their
passage with the deleted mark in the index, without reading the highlights themselves.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_study_sets_listing",
        "study_sets",
        ["id", "sha256", "title", "display_title", "imported_at", "last_opened_at", "deleted_at"],
    )
    op.create_index("ix_highlights_listing", "highlights", ["passage_id", "deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_highlights_listing", "highlights")
    op.drop_index("ix_study_sets_listing", "study_sets")
