"""Persistence for Study Desk: one SQLite file through SQLAlchemy 2. Imports no Qt."""
