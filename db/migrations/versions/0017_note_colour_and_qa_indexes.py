"""Two indexes on the notes, for two reads that went through every note of a set.

- ix_notes_colours covers the Notes tab's count of notes by colour: through ix_notes_listing
  it looked up each note's row for its colour, 640 ms for a set of 100,000 notes (most of
  opening the Notes tab there), against an index-only count.
- ix_notes_qa holds the notes with a "::" (the question-and-answer notes study cards are
  made from), not in the Trash: finding them read every note's body, 1.1 s for 100,000
  notes, after each note was added (the window stalled as the student started typing).

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Word for word the condition of db.cards.qa_notes_of_set, so that SQLite uses the index.
QA_WHERE = "deleted_at IS NULL AND instr(body, '::') > 0"


def upgrade() -> None:
    op.execute("CREATE INDEX ix_notes_colours ON notes (study_set_id, deleted_at, colour)")
    op.execute(f"CREATE INDEX ix_notes_qa ON notes (study_set_id, id) WHERE {QA_WHERE}")


def downgrade() -> None:
    op.execute("DROP INDEX ix_notes_qa")
    op.execute("DROP INDEX ix_notes_colours")
