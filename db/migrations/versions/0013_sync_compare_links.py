"""Sync the student's Compare decisions (compare_links, migration 0006) like their other work.

Triggers as in migration 0009 keep ``sync_rows`` current for kind ``compare_link``. Its key
is the pair of sentences itself — the study set's SHA-256, then answer position, ¶ number
and start offset of the left and of the right sentence — which is what the table's unique
constraint says a link is. Two devices that decide about the same suggested pair therefore
name one row, and a link made again after an undo is the same row again. The sentences of a
link never change after it is made (only status, stance and note), so the key does not
either. The note is merged three-way against ``sync_rows.base`` (as note bodies are).

Links stored before this migration are unsynced work: they are entered as changed.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

QUIET = "(SELECT applying FROM sync_state WHERE id = 1) IS NOT 1"


def link_key(row: str) -> str:
    """The SQL expression of a link's sync key, for the row named ``row`` (new, old, t)."""

    def position(answer_column: str) -> str:
        return f"(SELECT position FROM answers WHERE id = {row}.{answer_column})"

    parts = [
        f"(SELECT sha256 FROM study_sets WHERE id = {row}.study_set_id)",
        position("left_answer_id"),
        f"{row}.left_passage",
        f"{row}.left_start",
        position("right_answer_id"),
        f"{row}.right_passage",
        f"{row}.right_start",
    ]
    return " || ':' || ".join(parts)


def _triggers() -> list[str]:
    return [
        "CREATE TRIGGER sync_compare_link_insert AFTER INSERT ON compare_links "
        f"WHEN {QUIET} BEGIN "
        "INSERT INTO sync_rows(kind, key, local_id, dirty) "
        f"VALUES ('compare_link', {link_key('new')}, new.id, 1) "
        "ON CONFLICT(kind, key) DO UPDATE SET local_id = excluded.local_id, "
        "dirty = dirty + 1, deleted = 0; END",
        "CREATE TRIGGER sync_compare_link_update AFTER UPDATE ON compare_links "
        f"WHEN {QUIET} BEGIN "
        "UPDATE sync_rows SET dirty = dirty + 1 "
        "WHERE kind = 'compare_link' AND local_id = new.id; END",
        "CREATE TRIGGER sync_compare_link_delete AFTER DELETE ON compare_links "
        f"WHEN {QUIET} BEGIN "
        "UPDATE sync_rows SET dirty = dirty + 1, deleted = 1, local_id = NULL "
        "WHERE kind = 'compare_link' AND local_id = old.id; END",
    ]


def upgrade() -> None:
    op.execute(
        "INSERT OR IGNORE INTO sync_rows(kind, key, local_id, dirty) "
        f"SELECT 'compare_link', {link_key('t')}, t.id, 1 FROM compare_links t"
    )
    for statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    for statement in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.execute("DELETE FROM sync_rows WHERE kind = 'compare_link'")
