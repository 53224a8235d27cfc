"""docs/sync-status.png: the window after File › Sync Now brought a note written on another
device, through a real PostgreSQL cluster started (and removed) here.

Run: python -m tests.sync.screenshot
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import psycopg

from db.server.admin import add_user, init_server
from db.server.connect import parse_server_url
from tests.sync.devices import Device
from tests.sync.pg_cluster import Cluster

OUT = Path(__file__).resolve().parents[2] / "docs" / "sync-status.png"
PASSWORD = "correct horse"


def main() -> None:
    base = Path(tempfile.mkdtemp())
    os.environ.update(
        XDG_DATA_HOME=str(base / "data"),
        XDG_CONFIG_HOME=str(base / "config"),
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        PGPASSWORD=PASSWORD,
    )
    cluster = Cluster()
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE studydesk")
        address, password = parse_server_url(cluster.url(database="studydesk"))
        init_server(address, password)
        add_user(address, password, "ann", PASSWORD, False, None)
        laptop = Device(base / "laptop", cluster.url("ann", None, "studydesk"), PASSWORD)
        laptop.add_note(
            "Stalin's goal: socialism in one country — written on the laptop", ("motives",)
        )
        laptop.sync()
        _shoot(cluster.port)
    finally:
        cluster.stop()
        cluster.remove()


def _shoot(port: int) -> None:
    from PySide6.QtCore import QEventLoop

    from desktop.app import StudyDeskApp, create_qapplication
    from desktop.platform import paths

    app = create_qapplication(["studydesk"])
    paths.set_application_identity()
    settings = paths.open_settings()
    settings.setValue("sync/server", f"postgresql://ann@127.0.0.1:{port}/studydesk")
    settings.setValue("sync/automatic", False)
    settings.sync()
    desk = StudyDeskApp(None)
    loop = QEventLoop()
    desk.ready.connect(loop.quit)
    desk.start()
    loop.exec()
    desk.window.resize(1100, 700)
    desk.window.show()

    def settle(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    controller = desk.sync_controller
    controller.sync_action.trigger()
    deadline = time.monotonic() + 30
    while controller.label.text() != "Synced just now" and time.monotonic() < deadline:
        settle(0.05)
    desk.window.menu.tab_requested.emit(1)  # the gpane tab: the laptop's note is on its ¶1
    settle(0.8)
    desk.window.grab().save(str(OUT))
    print(f"{controller.label.text()}: wrote {OUT}")
    desk.window.close()
    desk.shutdown()


if __name__ == "__main__":
    main()
