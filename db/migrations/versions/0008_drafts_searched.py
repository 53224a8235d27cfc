"""The My answer draft is in the full-text index, so Search Everywhere finds it.

A draft's row follows the rowid scheme of migration 0002 with kind 4:
    study_set_id * 2**40 + study_set_id * 8 + 4      (ref_id = the study set's id)
so a search limited to one study set by its rowid range finds that set's draft too, and the
study set's delete trigger (which clears its whole range) removes it with the set.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SET = "1099511627776"  # 2**40
ROW = "{row}.study_set_id * " + SET + " + {row}.study_set_id * 8 + 4"
TRIGGERS = {
    # An insert first clears the row: a REPLACE of a draft fires no delete trigger.
    "answer_drafts_index_insert": f"""
CREATE TRIGGER answer_drafts_index_insert AFTER INSERT ON answer_drafts BEGIN
  DELETE FROM search_index WHERE rowid = {ROW.format(row="new")};
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  VALUES ({ROW.format(row="new")}, new.body, '', 'draft', new.study_set_id);
END""",
    "answer_drafts_index_update": f"""
CREATE TRIGGER answer_drafts_index_update AFTER UPDATE OF body, study_set_id ON answer_drafts
BEGIN
  DELETE FROM search_index WHERE rowid = {ROW.format(row="old")};
  INSERT INTO search_index(rowid, body, tags, kind, ref_id)
  VALUES ({ROW.format(row="new")}, new.body, '', 'draft', new.study_set_id);
END""",
    "answer_drafts_index_delete": f"""
CREATE TRIGGER answer_drafts_index_delete AFTER DELETE ON answer_drafts BEGIN
  DELETE FROM search_index WHERE rowid = {ROW.format(row="old")};
END""",
}


def upgrade() -> None:
    for statement in TRIGGERS.values():
        op.execute(statement)
    # Index the drafts written before.
    op.execute(
        "INSERT INTO search_index(rowid, body, tags, kind, ref_id) "
        f"SELECT {ROW.format(row='d')}, d.body, '', 'draft', d.study_set_id "
        "FROM answer_drafts d"
    )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(
        f"DELETE FROM search_index WHERE rowid IN (SELECT {ROW.format(row='d')} "
        "FROM answer_drafts d)"
    )
