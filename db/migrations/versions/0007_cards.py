"""Study mode: cards made from the student's work and an insert-only review log.

Ids are made to merge between devices (the sync work): a card's id is a random 63-bit
number (never an autoincrement, never a timestamp) and a review-log row's id is a UUID.
A generated card carries ``gen_key`` (what it was made from) so that regenerating updates
it instead of adding a twin. The FSRS state columns are a cache: the review log alone can
rebuild them (``studydesk check`` compares the two).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        # Random 63-bit id given by db.cards (autoincrement off: ids must not collide when
        # two devices' cards are merged).
        # INTEGER PRIMARY KEY is SQLite's 64-bit rowid itself: no second index.
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        # cloze, qa, event_date, event_year, event_order, educator, own
        sa.Column("kind", sa.String(16), nullable=False),
        # highlight, note, event, curated_event, key_point, crossref, user
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("source_id", sa.Text, nullable=True),
        # The passage the card leads back to ("Show in text"), and the range inside it.
        sa.Column(
            "passage_id",
            sa.Integer,
            sa.ForeignKey("passages.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("start_offset", sa.Integer, nullable=True),
        sa.Column("end_offset", sa.Integer, nullable=True),
        sa.Column("front", sa.Text, nullable=False),
        sa.Column("back", sa.Text, nullable=False),
        # Anki cloze text ("… {{c1::words}} …") for cloze cards, else NULL.
        sa.Column("cloze", sa.Text, nullable=True),
        sa.Column("tags", sa.Text, nullable=False, server_default=""),
        sa.Column("gen_key", sa.Text, nullable=True, unique=True),
        sa.Column("suspended", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("retired_at", sa.Text, nullable=True),  # its source is gone; history kept
        sa.Column("deleted_at", sa.Text, nullable=True),  # deleted by the student (undoable)
        # FSRS state (fsrs.Card): state 1 learning, 2 review, 3 relearning.
        sa.Column("state", sa.Integer, nullable=False, server_default="1"),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("due", sa.Text, nullable=False),  # UTC "YYYY-MM-DD HH:MM:SS.ffffff"
        sa.Column("last_review", sa.Text, nullable=True),
    )
    # Due counts and the next due card read only live cards: a partial index keeps those
    # queries as cheap as a bare count over an index.
    op.create_index(
        "ix_cards_live_due",
        "cards",
        ["study_set_id", "due"],
        sqlite_where=sa.text("suspended = 0 AND retired_at IS NULL AND deleted_at IS NULL"),
    )
    op.create_index("ix_cards_set", "cards", ["study_set_id"])
    op.create_table(
        "review_log",
        # A UUID (hex): rows from two devices merge without renumbering.
        sa.Column("id", sa.String(32), primary_key=True),
        # No foreign key: a log merged from another device may name a card not here yet.
        sa.Column("card_id", sa.Integer, nullable=False),
        sa.Column("rating", sa.Integer, nullable=True),  # 1 Again … 4 Easy; NULL on undo rows
        sa.Column("reviewed_at", sa.Text, nullable=False),  # UTC, as the clock said
        sa.Column("duration_ms", sa.Integer, nullable=True),
        # An undo is a new row naming the review it takes back: the log is never rewritten.
        sa.Column("undoes", sa.String(32), nullable=True),
        sa.Column("device", sa.Text, nullable=True),
    )
    op.create_index("ix_review_log_card", "review_log", ["card_id", "reviewed_at"])
    op.create_index("ix_review_log_time", "review_log", ["reviewed_at"])


def downgrade() -> None:
    op.drop_table("review_log")
    op.drop_table("cards")
