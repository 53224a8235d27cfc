"""Study mode: remember that the student edited a generated card, so that making the cards
again from the work keeps the student's wording instead of writing the generated one back.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cards") as table:
        table.add_column(sa.Column("edited_at", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cards") as table:
        table.drop_column("edited_at")
