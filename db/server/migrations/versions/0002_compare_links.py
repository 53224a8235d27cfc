"""A student's Compare decisions (the local table compare_links): one more private table of
the shape every private kind has, ``(owner, key, version, deleted, updated_at, data)``,
versioned by the same sequence and guarded by the same policy: a student reads and changes
only their own rows; no DELETE (a deletion is a tombstone). Teachers read nothing of it.

The key is the pair of sentences (the study set's SHA-256, then answer position, ¶ number
and start offset of each side; local migration 0013); ``data`` holds both sentences with
their offsets and quotes, the status, the stance and the note.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

S = "studydesk"
USERS = "studydesk_student, studydesk_teacher"
TABLE = "compare_links"


def upgrade() -> None:
    op.execute(
        f"CREATE TABLE {S}.{TABLE} ("
        " owner text NOT NULL DEFAULT current_user,"
        " key text NOT NULL,"
        " version bigint NOT NULL,"
        " deleted boolean NOT NULL DEFAULT false,"
        " updated_at timestamptz NOT NULL DEFAULT now(),"
        " data jsonb NOT NULL,"
        " PRIMARY KEY (owner, key))"
    )
    op.execute(f"CREATE INDEX {TABLE}_by_version ON {S}.{TABLE} (owner, version)")
    op.execute(
        f"CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {S}.{TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {S}.stamp_private()"
    )
    op.execute(f"ALTER TABLE {S}.{TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {S}.{TABLE} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_all ON {S}.{TABLE} TO studydesk_owner USING (true)")
    op.execute(
        f"CREATE POLICY own_rows ON {S}.{TABLE} TO {USERS} "
        "USING (owner = current_user) WITH CHECK (owner = current_user)"
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON {S}.{TABLE} TO {USERS}")


def downgrade() -> None:
    op.execute(f"DROP TABLE {S}.{TABLE}")
