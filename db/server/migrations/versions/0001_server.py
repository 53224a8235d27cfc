"""The server schema: a student's own rows, classes, published study sets; row-level security.

Runs as studydesk_owner (db.server.admin sets the role), which therefore owns every table:
a student or teacher owns nothing, so cannot ALTER, DISABLE ROW LEVEL SECURITY or DROP.
Row-level security is enabled and FORCED on every table, and every policy names
``current_user``: what a connection may see is decided by the engine, whatever SQL it sends.

Every table is keyed by its user (``owner``) or its class (``class_name``) first, which is
also the distribution key on a distributed PostgreSQL (docs/SCALING.md).

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

S = "studydesk"
USERS = "studydesk_student, studydesk_teacher"
PRIVATE = ("sets", "courses", "notes", "highlights", "events", "drafts", "cards")


def _protect(table: str) -> None:
    op.execute(f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {S}.{table} FORCE ROW LEVEL SECURITY")
    # The owner role is NOLOGIN; only an administrator who SETs it (server add-user, status)
    # acts as it, and it sees everything.
    op.execute(f"CREATE POLICY owner_all ON {S}.{table} TO studydesk_owner USING (true)")


def upgrade() -> None:
    op.execute(f"CREATE SEQUENCE {S}.versions")
    # Every write gets the next version: a client cannot choose it. The owner is not
    # rewritten here: a row naming another owner is refused by the policies (42501).
    op.execute(
        f"CREATE FUNCTION {S}.stamp_private() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.version := nextval('{S}.versions'); NEW.updated_at := now(); "
        f"RETURN NEW; END $$"
    )
    for table in PRIVATE:
        op.execute(
            f"CREATE TABLE {S}.{table} ("
            " owner text NOT NULL DEFAULT current_user,"
            " key text NOT NULL,"
            " version bigint NOT NULL,"
            " deleted boolean NOT NULL DEFAULT false,"
            " updated_at timestamptz NOT NULL DEFAULT now(),"
            " data jsonb NOT NULL,"
            " PRIMARY KEY (owner, key))"
        )
        op.execute(f"CREATE INDEX {table}_by_version ON {S}.{table} (owner, version)")
        op.execute(
            f"CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {S}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {S}.stamp_private()"
        )
        _protect(table)
        op.execute(
            f"CREATE POLICY own_rows ON {S}.{table} TO {USERS} "
            "USING (owner = current_user) WITH CHECK (owner = current_user)"
        )
        # No DELETE: a deletion is a tombstone (deleted = true), so every device hears of it.
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON {S}.{table} TO {USERS}")

    # The review log is insert-only: no UPDATE or DELETE privilege for anyone but the owner.
    op.execute(
        f"CREATE TABLE {S}.review_logs ("
        " owner text NOT NULL DEFAULT current_user,"
        " key text NOT NULL,"
        " card_key text NOT NULL,"
        " version bigint NOT NULL,"
        " updated_at timestamptz NOT NULL DEFAULT now(),"
        " data jsonb NOT NULL,"
        " PRIMARY KEY (owner, key))"
    )
    op.execute(f"CREATE INDEX review_logs_by_version ON {S}.review_logs (owner, version)")
    op.execute(
        f"CREATE TRIGGER stamp BEFORE INSERT ON {S}.review_logs "
        f"FOR EACH ROW EXECUTE FUNCTION {S}.stamp_private()"
    )
    _protect("review_logs")
    op.execute(
        f"CREATE POLICY own_read ON {S}.review_logs FOR SELECT TO {USERS} "
        "USING (owner = current_user)"
    )
    op.execute(
        f"CREATE POLICY own_insert ON {S}.review_logs FOR INSERT TO {USERS} "
        "WITH CHECK (owner = current_user)"
    )
    op.execute(f"GRANT SELECT, INSERT ON {S}.review_logs TO {USERS}")

    # Classes: made by the administrator (server add-class / add-user).
    op.execute(
        f"CREATE TABLE {S}.classes (name text PRIMARY KEY, teacher text,"
        " created_at timestamptz NOT NULL DEFAULT now())"
    )
    op.execute(
        f"CREATE TABLE {S}.class_members ("
        f" class_name text NOT NULL REFERENCES {S}.classes(name) ON DELETE CASCADE,"
        " member text NOT NULL, PRIMARY KEY (class_name, member))"
    )
    # Does the connected user teach this class? SECURITY DEFINER (as the owner role, which
    # sees every class) so that the class_members policy need not read classes through its
    # own policy, which reads class_members (a recursion PostgreSQL refuses). session_user:
    # inside the function current_user is the owner.
    op.execute(
        f"CREATE FUNCTION {S}.teaches(class text) RETURNS boolean LANGUAGE sql STABLE "
        f"SECURITY DEFINER SET search_path = pg_catalog AS $$ "
        f"SELECT EXISTS (SELECT 1 FROM {S}.classes c "
        f"WHERE c.name = class AND c.teacher = session_user::text) $$"
    )
    op.execute(f"REVOKE ALL ON FUNCTION {S}.teaches(text) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {S}.teaches(text) TO {USERS}")
    for table in ("classes", "class_members"):
        _protect(table)
        op.execute(f"GRANT SELECT ON {S}.{table} TO {USERS}")
    op.execute(
        f"CREATE POLICY members_see_their_classes ON {S}.classes FOR SELECT TO {USERS} "
        f"USING (teacher = current_user OR name IN (SELECT m.class_name FROM "
        f"{S}.class_members m WHERE m.member = current_user))"
    )
    op.execute(
        f"CREATE POLICY own_membership ON {S}.class_members FOR SELECT TO {USERS} "
        f"USING (member = current_user OR {S}.teaches(class_name))"
    )

    # Study sets a teacher published to a class: readable by its members while published.
    op.execute(
        f"CREATE TABLE {S}.published_sets ("
        f" class_name text NOT NULL REFERENCES {S}.classes(name) ON DELETE CASCADE,"
        " sha256 text NOT NULL,"
        " title text NOT NULL,"
        " raw_text text NOT NULL,"
        " set_version integer NOT NULL DEFAULT 1,"
        " published_by text NOT NULL DEFAULT current_user,"
        " published_at timestamptz NOT NULL DEFAULT now(),"
        " withdrawn boolean NOT NULL DEFAULT false,"
        " version bigint NOT NULL,"
        " PRIMARY KEY (class_name, sha256))"
    )
    op.execute(
        f"CREATE FUNCTION {S}.stamp_published() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.version := nextval('{S}.versions'); NEW.published_at := now(); "
        f"NEW.published_by := current_user; RETURN NEW; END $$"
    )
    op.execute(
        f"CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON {S}.published_sets "
        f"FOR EACH ROW EXECUTE FUNCTION {S}.stamp_published()"
    )
    _protect("published_sets")
    op.execute(
        f"CREATE POLICY members_read ON {S}.published_sets FOR SELECT TO studydesk_student "
        f"USING (NOT withdrawn AND class_name IN (SELECT m.class_name FROM "
        f"{S}.class_members m WHERE m.member = current_user))"
    )
    op.execute(
        f"CREATE POLICY teacher_publishes ON {S}.published_sets TO studydesk_teacher "
        f"USING ({S}.teaches(class_name)) WITH CHECK ({S}.teaches(class_name))"
    )
    op.execute(f"GRANT SELECT ON {S}.published_sets TO studydesk_student")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON {S}.published_sets TO studydesk_teacher")

    op.execute(f"GRANT USAGE ON SEQUENCE {S}.versions TO {USERS}")
    # Alembic's own table: the owner role alone reads it.
    _protect("alembic_version")


def downgrade() -> None:
    for table in (*PRIVATE, "review_logs", "published_sets", "class_members", "classes"):
        op.execute(f"DROP TABLE {S}.{table}")
    op.execute(f"DROP FUNCTION {S}.teaches(text)")
    op.execute(f"DROP FUNCTION {S}.stamp_private()")
    op.execute(f"DROP FUNCTION {S}.stamp_published()")
    op.execute(f"DROP SEQUENCE {S}.versions")
