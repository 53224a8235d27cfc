"""The data Study Desk ships: the embedded study set (content/) and the icons (icons/).

In the repository this is the top-level resources/ folder; installed, it is the package
``studydesk_resources`` (pyproject.toml maps the name), so importlib.resources finds it
wherever pip put the code. Read it through desktop/platform/resources.py, never directly.
"""
