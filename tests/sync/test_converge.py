"""Two devices of one student (a laptop and a desktop), each working offline, then syncing
through the real PostgreSQL server: they converge, and nothing either wrote is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device, server_notes


def _devices(tmp_path: Path, server: Server, user: str) -> tuple[Device, Device]:
    url = server.url(user)
    return (
        Device(tmp_path / "laptop", url, PASSWORD),
        Device(tmp_path / "desktop", url, PASSWORD),
    )


def test_two_devices_converge_after_offline_work(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("ann")
    laptop, desktop = _devices(tmp_path, server, user)
    # Both start with work of their own.
    kept = laptop.add_note("Stalin wanted power.", tags=("motives",))
    doomed = laptop.add_note("A note I will delete")
    laptop.highlight(0, 10, "yellow")
    laptop.add_event("Lenin's testament", "1922")
    laptop.save_draft("My answer, first try.")
    desktop.add_note("Written on the desktop")
    gone_event = desktop.add_event("A mistake", "1900")
    for device in (laptop, desktop, laptop, desktop):
        device.sync()
    assert laptop.contents() == desktop.contents()

    # Offline again: edits, deletions and highlights on each side.
    laptop.edit_note(kept, "Stalin wanted total power.")
    laptop.trash_note(doomed)
    laptop.tag_note(kept, ("motives", "power"))
    desktop.highlight(20, 30, "green")
    desktop.delete_event(gone_event)
    desktop.add_note("Second desktop note")
    for device in (laptop, desktop, laptop, desktop):
        device.sync()

    on_laptop, on_desktop = laptop.contents(), desktop.contents()
    assert on_laptop == on_desktop
    assert on_laptop["unsynced"] == 0
    bodies = {body: (trashed, tags) for _k, body, _a, trashed, tags in on_laptop["notes"]}
    assert bodies["Stalin wanted total power."] == (0, "motives,power")
    assert bodies["A note I will delete"][0] == 1  # in the trash on both, restorable
    assert {"Written on the desktop", "Second desktop note"} <= set(bodies)
    assert [title for _k, title, _s in on_laptop["events"]] == ["Lenin's testament"]
    assert len(on_laptop["highlights"]) == 2
    assert on_laptop["drafts"] == [("My answer, first try.",)]
    # The server holds the same notes.
    on_server = {body for _k, body, deleted in server_notes(server.url(user, PASSWORD))}
    assert on_server == set(bodies)


def test_same_note_edited_on_both_merges_or_keeps_both(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("ben")
    laptop, desktop = _devices(tmp_path, server, user)
    note = laptop.add_note("Stalin wanted power.\nHe feared rivals.\nThe end.")
    clash = laptop.add_note("One sentence only.")
    laptop.save_draft("Intro.\nBody.\nConclusion.")
    laptop.sync()
    desktop.sync()
    other_note = desktop.note_id("Stalin wanted power.\nHe feared rivals.\nThe end.")
    other_clash = desktop.note_id("One sentence only.")

    # Different lines of one note: merged cleanly.
    laptop.edit_note(note, "Stalin wanted total power.\nHe feared rivals.\nThe end.")
    desktop.edit_note(other_note, "Stalin wanted power.\nHe feared rivals.\nThe very end.")
    # The same words of another: not clean, both versions kept and tagged.
    laptop.edit_note(clash, "One sentence, from the laptop.")
    desktop.edit_note(other_clash, "One sentence, from the desktop.")
    laptop.save_draft("Intro.\nBody from the laptop.\nConclusion.")
    desktop.save_draft("Intro.\nBody from the desktop.\nConclusion.")
    laptop.sync()
    report = desktop.sync()
    laptop.sync()

    assert report.conflicts == 2
    on_laptop, on_desktop = laptop.contents(), desktop.contents()
    assert on_laptop == on_desktop
    bodies = {body: tags for _k, body, _a, _t, tags in on_laptop["notes"]}
    assert "Stalin wanted total power.\nHe feared rivals.\nThe very end." in bodies
    assert bodies["One sentence, from the laptop."] == "sync-conflict"
    assert bodies["One sentence, from the desktop."] == "sync-conflict"
    draft = on_laptop["drafts"][0][0]
    assert "Body from the laptop." in draft and "Body from the desktop." in draft


def test_own_cards_travel_and_review_logs_are_a_union(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    from db.cards import (
        CardContent,
        LogRow,
        SchedulingState,
        insert_card,
        new_card_id,
        new_log_id,
        record_review,
    )

    user = make_user("cards")
    laptop, desktop = _devices(tmp_path, server, user)
    card_id = new_card_id()
    content = CardContent("own", "user", None, None, None, None, "Who?", "Stalin", None, ())
    now = "2026-11-28 10:00:00.000000"
    laptop.write(lambda s: insert_card(s, card_id, laptop.set_id, content, now))
    state = SchedulingState(2, None, 3.0, 5.0, "2026-12-01 10:00:00.000000", now)

    def review(device: Device, when: str) -> None:
        row = LogRow(new_log_id(), card_id, 3, when, 4000, None)
        device.write(lambda s: record_review(s, row, state))

    review(laptop, "2026-11-28 10:01:00.000000")
    laptop.sync()
    desktop.sync()
    # Both review the card offline; each log row is kept, none rewritten.
    review(laptop, "2026-11-29 09:00:00.000000")
    review(desktop, "2026-11-29 18:00:00.000000")
    for device in (laptop, desktop, laptop):
        device.sync()

    def log(device: Device) -> list[tuple[str, int]]:
        import sqlite3

        with sqlite3.connect(device.path) as connection:
            fronts = connection.execute("SELECT front FROM cards").fetchall()
            assert fronts == [("Who?",)]
            return sorted(connection.execute("SELECT reviewed_at, card_id FROM review_log"))

    assert len(log(laptop)) == 3
    assert log(laptop) == log(desktop)
