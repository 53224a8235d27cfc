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

# search_index rowids are ref_id * 8 + kind code, so a trigger finds a row by rowid instead of
# scanning the table: passage = 1, question = 2, note = 3.
TRIGGERS = """
CREATE TRIGGER passages_index_insert AFTER INSERT ON passages BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id)
  SELECT new.id * 8 + 1, new.text, '', 'passage', new.id, a.study_set_id
  FROM answers a WHERE a.id = new.answer_id;
END;
CREATE TRIGGER passages_index_delete AFTER DELETE ON passages BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER study_sets_index_insert AFTER INSERT ON study_sets BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id)
  VALUES (new.id * 8 + 2, new.question, '', 'question', new.id, new.id);
END;
CREATE TRIGGER study_sets_index_delete AFTER DELETE ON study_sets BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER notes_index_insert AFTER INSERT ON notes WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id)
  VALUES (new.id * 8 + 3, new.body, '', 'note', new.id, new.study_set_id);
END;
CREATE TRIGGER notes_index_update AFTER UPDATE OF body, deleted_at ON notes BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
  INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id)
  SELECT new.id * 8 + 3, new.body,
         coalesce((SELECT group_concat(t.name, ' ') FROM note_tags nt
                   JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = new.id), ''),
         'note', new.id, new.study_set_id
  WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER notes_index_delete AFTER DELETE ON notes BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER note_tags_index_insert AFTER INSERT ON note_tags BEGIN
  UPDATE search_index SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM note_tags nt
      JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = new.note_id), '')
  WHERE rowid = new.note_id * 8 + 3;
END;
CREATE TRIGGER note_tags_index_delete AFTER DELETE ON note_tags BEGIN
  UPDATE search_index SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM note_tags nt
      JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = old.note_id), '')
  WHERE rowid = old.note_id * 8 + 3;
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
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, tags, kind UNINDEXED, ref_id UNINDEXED, study_set_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in TRIGGERS.split("END;"):
        if statement.strip():
            op.execute(statement + "END;")
    # Index what earlier versions stored.
    op.execute(
        "INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id) "
        "SELECT p.id * 8 + 1, p.text, '', 'passage', p.id, a.study_set_id "
        "FROM passages p JOIN answers a ON a.id = p.answer_id"
    )
    op.execute(
        "INSERT INTO search_index(rowid, body, tags, kind, ref_id, study_set_id) "
        "SELECT id * 8 + 2, question, '', 'question', id, id FROM study_sets"
    )


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE search_index")
    for table in ("answer_drafts", "highlights", "note_tags", "tags", "notes"):
        op.drop_table(table)
