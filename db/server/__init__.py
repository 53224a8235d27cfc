"""The sync server: a PostgreSQL database prepared by ``studydesk server init``.

Its own Alembic migrations (db/server/migrations, apart from the local SQLite ones), its
roles and row-level security (the access control), and the SQL the sync runs against it.
No Qt, no desktop.
"""

SCHEMA = "studydesk"
OWNER_ROLE = "studydesk_owner"  # owns every object; NOLOGIN, so no one connects as it
STUDENT_ROLE = "studydesk_student"
TEACHER_ROLE = "studydesk_teacher"

# A student's own rows, one table each, all of the same shape (db/server/migrations 0001,
# compare_links 0002).
PRIVATE_TABLES = (
    "sets", "courses", "notes", "highlights", "events", "drafts", "cards", "compare_links",
)  # fmt: skip
