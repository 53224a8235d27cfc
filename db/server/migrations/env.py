"""Alembic environment of the server: run on the connection db.server.admin hands over,
with the version table inside the studydesk schema."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table_schema="studydesk")
with context.begin_transaction():
    context.run_migrations()
