"""Sync bookkeeping (issue 14): which of the student's rows changed since the last sync.

Nothing is added to the feature tables themselves: one side table, ``sync_rows``, holds for
every synced row its server identity (``key``), the server version it was last synced at,
a change counter (``dirty``: 0 clean, otherwise bumped on every change) and, for texts that
are merged three-way (note bodies, the answer draft), the text as last synced (``base``).
Triggers keep it current, so no writer of notes, highlights, events, drafts, courses, study
sets or cards has to know about sync. A deleted row leaves its ``sync_rows`` entry behind as
a tombstone (``local_id`` NULL, ``deleted`` 1) until the server has been told.

While the sync itself writes (``sync_state.applying`` = 1, inside its own transaction) the
triggers stay quiet: rows that came from the server are not changes to send back.

Keys: notes, highlights and events get a random UUID (hex); a study set is its SHA-256; a
draft is its study set's SHA-256; a course is its name in lower case; a card its 63-bit
id; a review-log row its UUID.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

QUIET = "(SELECT applying FROM sync_state WHERE id = 1) IS NOT 1"
UUID = "lower(hex(randomblob(16)))"
SET_SHA = "(SELECT sha256 FROM study_sets WHERE id = {row}.study_set_id)"

# kind -> (table, local id column, key expression for a new row)
TRACKED = {
    "note": ("notes", "id", UUID),
    "highlight": ("highlights", "id", UUID),
    "event": ("events", "id", UUID),
    "draft": ("answer_drafts", "study_set_id", SET_SHA.format(row="new")),
    "course": ("courses", "id", "lower(new.name)"),
    "set": ("study_sets", "id", "new.sha256"),
    "card": ("cards", "id", "CAST(new.id AS TEXT)"),
}


def _triggers() -> list[str]:
    statements = []
    for kind, (table, id_column, key) in TRACKED.items():
        statements.append(
            f"CREATE TRIGGER sync_{kind}_insert AFTER INSERT ON {table} WHEN {QUIET} BEGIN "
            f"INSERT INTO sync_rows(kind, key, local_id, dirty) "
            f"VALUES ('{kind}', {key}, new.{id_column}, 1) "
            f"ON CONFLICT(kind, key) DO UPDATE SET local_id = excluded.local_id, "
            f"dirty = dirty + 1, deleted = 0; END"
        )
        # A study set's last_opened_at changes on every open: not a change worth sending.
        columns = " OF display_title, deleted_at" if kind == "set" else ""
        statements.append(
            f"CREATE TRIGGER sync_{kind}_update AFTER UPDATE{columns} ON {table} "
            f"WHEN {QUIET} BEGIN "
            f"UPDATE sync_rows SET dirty = dirty + 1 "
            f"WHERE kind = '{kind}' AND local_id = new.{id_column}; END"
        )
        statements.append(
            f"CREATE TRIGGER sync_{kind}_delete AFTER DELETE ON {table} WHEN {QUIET} BEGIN "
            f"UPDATE sync_rows SET dirty = dirty + 1, deleted = 1, local_id = NULL "
            f"WHERE kind = '{kind}' AND local_id = old.{id_column}; END"
        )
    # A course renamed is the old name deleted and the new one made.
    statements.append(
        f"CREATE TRIGGER sync_course_rename AFTER UPDATE OF name ON courses "
        f"WHEN {QUIET} AND lower(old.name) <> lower(new.name) BEGIN "
        f"UPDATE sync_rows SET dirty = dirty + 1, deleted = 1, local_id = NULL "
        f"WHERE kind = 'course' AND key = lower(old.name); "
        f"INSERT INTO sync_rows(kind, key, local_id, dirty) VALUES ('course', lower(new.name), "
        f"new.id, 1) ON CONFLICT(kind, key) DO UPDATE SET local_id = excluded.local_id, "
        f"dirty = dirty + 1, deleted = 0; END"
    )
    # Tags of a note travel with the note; courses and tags of a set with the set.
    for table, kind, column in (
        ("note_tags", "note", "note_id"),
        ("study_set_courses", "set", "study_set_id"),
        ("study_set_tags", "set", "study_set_id"),
    ):
        for when, row in (("INSERT", "new"), ("DELETE", "old")):
            statements.append(
                f"CREATE TRIGGER sync_{table}_{when.lower()} AFTER {when} ON {table} "
                f"WHEN {QUIET} BEGIN UPDATE sync_rows SET dirty = dirty + 1 "
                f"WHERE kind = '{kind}' AND local_id = {row}.{column}; END"
            )
    # The review log is insert-only: its rows are sent once and never changed.
    statements.append(
        f"CREATE TRIGGER sync_review_insert AFTER INSERT ON review_log WHEN {QUIET} BEGIN "
        f"INSERT OR IGNORE INTO sync_rows(kind, key, local_id, dirty) "
        f"VALUES ('review', new.id, new.rowid, 1); END"
    )
    return statements


def upgrade() -> None:
    op.execute(
        "CREATE TABLE sync_rows ("
        " kind TEXT NOT NULL, key TEXT NOT NULL, local_id INTEGER,"
        " version INTEGER, dirty INTEGER NOT NULL DEFAULT 1,"
        " deleted INTEGER NOT NULL DEFAULT 0, base TEXT,"
        " PRIMARY KEY (kind, key))"
    )
    op.execute("CREATE INDEX ix_sync_rows_local ON sync_rows(kind, local_id)")
    op.execute("CREATE INDEX ix_sync_rows_dirty ON sync_rows(dirty) WHERE dirty > 0")
    op.execute(
        "CREATE TABLE sync_state ("
        " id INTEGER PRIMARY KEY CHECK (id = 1), applying INTEGER NOT NULL DEFAULT 0,"
        " server_url TEXT, user_name TEXT, last_version INTEGER NOT NULL DEFAULT 0,"
        " published_version INTEGER NOT NULL DEFAULT 0, last_synced_at TEXT)"
    )
    op.execute("INSERT INTO sync_state(id) VALUES (1)")
    # Texts the merge could not join cleanly: both versions are kept (the note's other
    # version becomes a note of its own) and listed here until the student resolves them.
    op.execute(
        "CREATE TABLE sync_conflicts ("
        " id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL,"
        " local_text TEXT NOT NULL, server_text TEXT NOT NULL, copy_key TEXT,"
        " created_at TEXT NOT NULL, resolved_at TEXT)"
    )
    # What exists already is unsynced work.
    for kind, (table, id_column, key) in TRACKED.items():
        key_expression = key.replace("new.", "t.")
        op.execute(
            f"INSERT INTO sync_rows(kind, key, local_id, dirty) "
            f"SELECT '{kind}', {key_expression}, t.{id_column}, 1 FROM {table} t"
        )
    op.execute(
        "INSERT OR IGNORE INTO sync_rows(kind, key, local_id, dirty) "
        "SELECT 'review', id, rowid, 1 FROM review_log"
    )
    for statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    for statement in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    op.execute("DROP TABLE sync_conflicts")
    op.execute("DROP TABLE sync_state")
    op.execute("DROP TABLE sync_rows")
