"""Where Study Desk keeps per-user files. The one module that knows; tests relocate it all
through XDG_DATA_HOME and XDG_CONFIG_HOME."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from db import DATABASE_FILE_NAME

# The application name decides the folder names: ~/.local/share/studydesk and
# ~/.config/studydesk on Linux. No organisation name, so there is no extra folder level.
APPLICATION_NAME = "studydesk"


def set_application_identity() -> None:
    """Must run before any path is asked for; works without a QApplication instance."""
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def config_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))


def database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def open_settings() -> QSettings:
    # An explicit file instead of QSettings(): Qt caches its default settings folders at first
    # use, which would ignore an XDG_CONFIG_HOME set later (by a test, say).
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
