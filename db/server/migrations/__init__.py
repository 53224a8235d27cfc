"""Alembic migrations of the server schema (run by ``studydesk server init``)."""
