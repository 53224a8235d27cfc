"""Persistence for Study Desk: one SQLite file through SQLAlchemy 2. Imports no Qt."""

# Here, not in db.engine, so that finding the file does not import SQLAlchemy.
DATABASE_FILE_NAME = "studydesk.sqlite3"
