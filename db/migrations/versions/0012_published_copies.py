"""Study sets a teacher published to one of the student's classes, as received by sync.

Such a set is read-only here: the student annotates it but cannot rename it or move it to
the trash (db.sync_local.published_copies; the Library marks it). Written by the sync only;
not synced itself — each device records what its own sync received. The row goes with the
set (ON DELETE CASCADE).

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE published_copies ("
        " study_set_id INTEGER PRIMARY KEY REFERENCES study_sets(id) ON DELETE CASCADE,"
        " class_name TEXT NOT NULL,"
        " set_version INTEGER NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE published_copies")
