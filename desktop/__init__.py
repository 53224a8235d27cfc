"""Study Desk: read a question, each educator's answer and the events they mention."""

__version__ = "0.1.0"
APP_NAME = "Study Desk"
DESKTOP_FILE_ID = "io.github.studydesk.StudyDesk"
