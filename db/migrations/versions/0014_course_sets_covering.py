"""A covering index for a course's study sets (db.cards: the due count of a course).

Reading a course's sets went through the index on course_id and then each membership
row for its study_set_id; with (course_id, study_set_id) the index alone answers. It
replaces the index on course_id alone, which it contains (deleting a course still finds
its memberships through it).

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_study_set_courses_course_set", "study_set_courses", ["course_id", "study_set_id"]
    )
    op.drop_index("ix_study_set_courses_course_id", "study_set_courses")


def downgrade() -> None:
    op.create_index("ix_study_set_courses_course_id", "study_set_courses", ["course_id"])
    op.drop_index("ix_study_set_courses_course_set", "study_set_courses")
