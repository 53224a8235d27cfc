"""An index of the notes on a question (or on the study set), newest first.

The notes panel lists them each time a study set is shown with its Question tab. Through
ix_notes_listing it read every note of the set to keep those on the question: 0.7 ms for a
set of 700 notes of which 93 are on the question, against 0.09 ms through this index. Only
notes not in the Trash are in it (partial), in the panel's order.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

WHERE = "deleted_at IS NULL AND anchor_kind IN ('question', 'study_set')"


def upgrade() -> None:
    op.create_index(
        "ix_notes_question",
        "notes",
        ["study_set_id", sa.text("updated_at DESC"), sa.text("id DESC")],
        sqlite_where=sa.text(WHERE),
    )


def downgrade() -> None:
    op.drop_index("ix_notes_question", "notes")
