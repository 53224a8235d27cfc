"""Notes, tags, highlights, the answer draft, and the full-text index with its triggers.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A search_index rowid says what a row is and which study set it belongs to:
#     study_set_id * 2**40 + ref_id * 8 + kind      (passage = 1, question = 2, note = 3)
# so a trigger finds its row by rowid instead of scanning, and a search is limited to one
# study set by a rowid range, which FTS5 applies inside the index (a filter on an UNINDEXED
# column would read every match's stored row and made searches 2-3x slower).
SET = "1099511627776"  # 2**40
NOTE_SET = "(SELECT study_set_id FROM notes WHERE id = {id})"
NOTE_TAGS = (
    "coalesce((SELECT group_concat(t.name, ' ') FROM note_tags nt "
    "JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = {id}), '')"
)
TRIGGERS = f"""
CREATE TRIGGER passages_index_insert AFTER INSERT ON passages BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  SELECT a.study_set_id * {SET} + new.id * 8 + 1, new.text, '', 'passage', new.id
  FROM answers a WHERE a.id = new.answer_id;
END;
CREATE TRIGGER passages_index_delete AFTER DELETE ON passages BEGIN
  DELETE FROM search_index WHERE rowid IN (
    SELECT a.study_set_id * {SET} + old.id * 8 + 1 FROM answers a WHERE a.id = old.answer_id);
END;
CREATE TRIGGER study_sets_index_insert AFTER INSERT ON study_sets BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  VALUES (new.id * {SET} + new.id * 8 + 2, new.question, '', 'question', new.id);
END;
CREATE TRIGGER study_sets_index_delete AFTER DELETE ON study_sets BEGIN
  DELETE FROM search_index WHERE rowid BETWEEN old.id * {SET} AND (old.id + 1) * {SET} - 1;
END;
CREATE TRIGGER notes_index_insert AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  VALUES (new.study_set_id * {SET} + new.id * 8 + 3, new.body, '', 'note', new.id);
END;
CREATE TRIGGER notes_index_update AFTER UPDATE OF body, deleted_at ON notes BEGIN
  DELETE FROM search_index WHERE rowid = old.study_set_id * {SET} + old.id * 8 + 3;
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  SELECT new.study_set_id * {SET} + new.id * 8 + 3, new.body, {NOTE_TAGS.format(id="new.id")},
         'note', new.id
  WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER notes_index_delete AFTER DELETE ON notes BEGIN
  DELETE FROM search_index WHERE rowid = old.study_set_id * {SET} + old.id * 8 + 3;
END;
CREATE TRIGGER note_tags_index_insert AFTER INSERT ON note_tags BEGIN
  UPDATE search_index SET tags = {NOTE_TAGS.format(id="new.note_id")}
  WHERE rowid = {NOTE_SET.format(id="new.note_id")} * {SET} + new.note_id * 8 + 3;
END;
CREATE TRIGGER note_tags_index_delete AFTER DELETE ON note_tags BEGIN
  UPDATE search_index SET tags = {NOTE_TAGS.format(id="old.note_id")}
  WHERE rowid = {NOTE_SET.format(id="old.note_id")} * {SET} + old.note_id * 8 + 3;
END;
"""
TRIGGER_NAMES = [line.split()[2] for line in TRIGGERS.splitlines() if line.startswith("CREATE")]


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("anchor_kind", sa.String(16), nullable=False),
        sa.Column("answer_id", sa.Integer, sa.ForeignKey("answers.id", ondelete="CASCADE")),
        sa.Column("passage_id", sa.Integer, sa.ForeignKey("passages.id", ondelete="CASCADE")),
        sa.Column("start_offset", sa.Integer),
        sa.Column("end_offset", sa.Integer),
        sa.Column("quote", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("colour", sa.String(16)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime),
        sa.CheckConstraint(
            "anchor_kind IN ('study_set', 'question', 'answer', 'passage', 'range')",
            name="ck_notes_anchor_kind",
        ),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text(collation="NOCASE"), nullable=False, unique=True),
    )
    op.create_table(
        "note_tags",
        sa.Column(
            "note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "tag_id",
            sa.Integer,
            sa.ForeignKey("tags.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "passage_id",
            sa.Integer,
            sa.ForeignKey("passages.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("colour", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("deleted_at", sa.DateTime),
    )
    op.create_table(
        "answer_drafts",
        sa.Column(
            "study_set_id",
            sa.Integer,
            sa.ForeignKey("study_sets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_notes_passage", "notes", ["passage_id"])
    op.create_index("ix_notes_answer", "notes", ["answer_id"])
    # The Notes tab lists a study set's notes newest first: one index walk, no sort.
    op.create_index("ix_notes_listing", "notes", ["study_set_id", "deleted_at", "updated_at", "id"])
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, tags, kind UNINDEXED, ref_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in TRIGGERS.split("END;"):
        if statement.strip():
            op.execute(statement + "END;")
    # Index what earlier versions stored.
    op.execute(
        "INSERT INTO search_index(rowid, body, tags, kind, ref_id) "
        f"SELECT a.study_set_id * {SET} + p.id * 8 + 1, p.text, '', 'passage', p.id "
        "FROM passages p JOIN answers a ON a.id = p.answer_id"
    )
    op.execute(
        "INSERT INTO search_index(rowid, body, tags, kind, ref_id) "
        f"SELECT id * {SET} + id * 8 + 2, question, '', 'question', id FROM study_sets"
    )


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE search_index")
    for table in ("answer_drafts", "highlights", "note_tags", "tags", "notes"):
        op.drop_table(table)
