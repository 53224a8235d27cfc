"""Tags reach the search index once per change, not once per tag.

The note_tags triggers rebuilt a note's whole tag list in the full-text index for every tag
row written, so giving a note n tags cost n² (8,000 tags took 28 s). db.notes now writes the
index row once after a note's tags change.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NOTE_ROW = "(SELECT study_set_id FROM notes WHERE id = {id}) * 1099511627776 + {id} * 8 + 3"
NOTE_TAGS = (
    "coalesce((SELECT group_concat(t.name, ' ') FROM note_tags nt "
    "JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = {id}), '')"
)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS note_tags_index_insert")
    op.execute("DROP TRIGGER IF EXISTS note_tags_index_delete")


def downgrade() -> None:
    for name, row in (("insert", "new"), ("delete", "old")):
        note = f"{row}.note_id"
        op.execute(
            f"CREATE TRIGGER note_tags_index_{name} AFTER {name.upper()} ON note_tags BEGIN "
            f"UPDATE search_index SET tags = {NOTE_TAGS.format(id=note)} "
            f"WHERE rowid = {NOTE_ROW.format(id=note)}; END;"
        )
