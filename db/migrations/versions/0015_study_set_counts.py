"""Each study set's count of paragraphs, notes and highlights, kept by triggers, and its
educators in order from an index (db.library_reads).

The Library window lists every set with these counts. Counting them each time it opened
read every note and highlight of the library (200,000 notes: most of the time the window
took); the triggers keep the counts as rows are written, whichever way they are written
(the app, an import, sync), and the listing reads one row per set.

Only notes and highlights not in the Trash are counted (deleted_at IS NULL), as the listing
did. A set's row is made with the set and goes with it (ON DELETE CASCADE).

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The study set a highlight's passage belongs to.
_HIGHLIGHT_SET = (
    "(SELECT a.study_set_id FROM passages p JOIN answers a ON a.id = p.answer_id "
    "WHERE p.id = {row}.passage_id)"
)

STATEMENTS = (
    """
    CREATE TABLE study_set_counts (
        study_set_id INTEGER NOT NULL PRIMARY KEY
            REFERENCES study_sets (id) ON DELETE CASCADE,
        paragraphs INTEGER NOT NULL DEFAULT 0,
        notes INTEGER NOT NULL DEFAULT 0,
        highlights INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    INSERT INTO study_set_counts (study_set_id, paragraphs, notes, highlights)
    SELECT s.id,
           (SELECT count(*) FROM answers a JOIN passages p ON p.answer_id = a.id
            WHERE a.study_set_id = s.id),
           (SELECT count(*) FROM notes n
            WHERE n.study_set_id = s.id AND n.deleted_at IS NULL),
           (SELECT count(*) FROM answers a
            JOIN passages p ON p.answer_id = a.id
            JOIN highlights h ON h.passage_id = p.id
            WHERE a.study_set_id = s.id AND h.deleted_at IS NULL)
    FROM study_sets s
    """,
    """
    CREATE TRIGGER study_set_counts_new_set AFTER INSERT ON study_sets BEGIN
      INSERT OR IGNORE INTO study_set_counts (study_set_id) VALUES (new.id);
    END
    """,
    # Paragraphs are written once, by an import (db.studysets), and go with their set.
    """
    CREATE TRIGGER study_set_counts_passage_insert AFTER INSERT ON passages BEGIN
      UPDATE study_set_counts SET paragraphs = paragraphs + 1
      WHERE study_set_id = (SELECT study_set_id FROM answers WHERE id = new.answer_id);
    END
    """,
    # The educators of every set in order, without sorting the answers each time.
    """
    CREATE INDEX ix_answers_listing ON answers (study_set_id, position, educator_handle)
    """,
    """
    CREATE TRIGGER study_set_counts_note_insert AFTER INSERT ON notes
    WHEN new.deleted_at IS NULL BEGIN
      UPDATE study_set_counts SET notes = notes + 1 WHERE study_set_id = new.study_set_id;
    END
    """,
    """
    CREATE TRIGGER study_set_counts_note_delete AFTER DELETE ON notes
    WHEN old.deleted_at IS NULL BEGIN
      UPDATE study_set_counts SET notes = notes - 1 WHERE study_set_id = old.study_set_id;
    END
    """,
    """
    CREATE TRIGGER study_set_counts_note_update AFTER UPDATE OF study_set_id, deleted_at ON notes
    BEGIN
      UPDATE study_set_counts SET notes = notes - 1
      WHERE study_set_id = old.study_set_id AND old.deleted_at IS NULL;
      UPDATE study_set_counts SET notes = notes + 1
      WHERE study_set_id = new.study_set_id AND new.deleted_at IS NULL;
    END
    """,
    f"""
    CREATE TRIGGER study_set_counts_highlight_insert AFTER INSERT ON highlights
    WHEN new.deleted_at IS NULL BEGIN
      UPDATE study_set_counts SET highlights = highlights + 1
      WHERE study_set_id = {_HIGHLIGHT_SET.format(row="new")};
    END
    """,
    f"""
    CREATE TRIGGER study_set_counts_highlight_delete AFTER DELETE ON highlights
    WHEN old.deleted_at IS NULL BEGIN
      UPDATE study_set_counts SET highlights = highlights - 1
      WHERE study_set_id = {_HIGHLIGHT_SET.format(row="old")};
    END
    """,
    f"""
    CREATE TRIGGER study_set_counts_highlight_update
    AFTER UPDATE OF passage_id, deleted_at ON highlights BEGIN
      UPDATE study_set_counts SET highlights = highlights - 1
      WHERE study_set_id = {_HIGHLIGHT_SET.format(row="old")} AND old.deleted_at IS NULL;
      UPDATE study_set_counts SET highlights = highlights + 1
      WHERE study_set_id = {_HIGHLIGHT_SET.format(row="new")} AND new.deleted_at IS NULL;
    END
    """,
)

TRIGGERS = (
    "study_set_counts_new_set",
    "study_set_counts_passage_insert",
    "study_set_counts_note_insert",
    "study_set_counts_note_delete",
    "study_set_counts_note_update",
    "study_set_counts_highlight_insert",
    "study_set_counts_highlight_delete",
    "study_set_counts_highlight_update",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP INDEX ix_answers_listing")
    op.execute("DROP TABLE study_set_counts")
