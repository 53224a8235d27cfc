"""The student's Compare decisions travel like the rest of their work: a pair marked
"disagree" with a note and a broken suggestion on the laptop show the same in the desktop's
Compare data after both sync through the real PostgreSQL server; a note edited on both is
merged three-way (both versions kept between markers when the same words changed); a link
taken back is taken back on the other device too; and another student's connection reaches
none of those rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from db import compare
from db.compare_reads import links_of_study_set
from db.compare_records import LinkFields
from db.reads import load_study_set
from desktop.services.compare_data import ComparePair, CompareView, load_view
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device

LEFT, RIGHT = "gpane", "pohnpei397"
NOTE = "gpane: the terror was policy.\npohnpei: the terror was paranoia."
LINKS = (
    "SELECT l.left_passage, l.left_start, l.left_end, l.left_quote, l.right_passage, "
    "l.right_start, l.right_end, l.right_quote, l.status, l.stance, l.note, la.position, "
    "ra.position FROM compare_links l JOIN answers la ON la.id = l.left_answer_id "
    "JOIN answers ra ON ra.id = l.right_answer_id ORDER BY 1, 2, 5, 6"
)


@contextmanager
def compare_view(device: Device) -> Iterator[CompareView]:
    """What the Compare tab shows for gpane beside pohnpei397 on ``device``."""
    with closing(sqlite3.connect(device.path)) as reader:
        record = load_study_set(reader, device.set_id)
        assert record is not None
        yield load_view(reader, record, LEFT, RIGHT)


def decide(device: Device, view: CompareView, pair: ComparePair, fields: LinkFields) -> int:
    """Store a decision as the Compare commands do (db.compare, one transaction)."""
    return int(
        device.write(
            lambda s: compare.create_link(s, view.study_set_id, *view.anchors(pair), fields)
        )
    )


def links(device: Device) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(device.path)) as connection:
        return list(connection.execute(LINKS))


def pair_of(view: CompareView, pair: ComparePair) -> ComparePair | None:
    return next((p for p in view.pairs if (p.left, p.right) == (pair.left, pair.right)), None)


def test_compare_decisions_sync_merge_and_stay_private(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("cora")
    laptop = Device(tmp_path / "laptop", server.url(user), PASSWORD)
    desktop = Device.copy_of(laptop, tmp_path / "desktop", server.url(user), PASSWORD)

    with compare_view(laptop) as view:
        disputed, refused = [p for p in view.pairs if p.status == "suggested"][:2]
        marked_id = decide(laptop, view, disputed, LinkFields("confirmed", "disagree", NOTE))
        decide(laptop, view, refused, LinkFields("broken"))
    with compare_view(desktop) as view:  # a link made by hand on the other device
        by_hand = ComparePair(view.left_only[0], view.right_only[0], "manual", None, "", None, None)
        decide(desktop, view, by_hand, LinkFields("manual"))

    for device in (laptop, desktop, laptop):
        device.sync()

    assert links(laptop) == links(desktop) and len(links(desktop)) == 3
    with compare_view(desktop) as view:
        shown = pair_of(view, disputed)
        assert shown is not None and shown.link_id is not None
        assert (shown.status, shown.stance, shown.note) == ("confirmed", "disagree", NOTE)
        assert pair_of(view, refused) is None  # broken: never suggested again
        assert pair_of(view, by_hand) is not None
    with closing(sqlite3.connect(desktop.path)) as reader:
        stored = {link.fields.status for link in links_of_study_set(reader, desktop.set_id)}
    assert stored == {"confirmed", "broken", "manual"}
    with compare_view(laptop) as view:
        assert pair_of(view, by_hand) is not None  # and the hand-made link came across

    # Offline on both: each edits a different line of the note; the desktop also changes
    # the stance; the laptop takes the hand-made link back (as Undo of Link Sentences does).
    laptop.write(
        lambda s: compare.set_link_fields(
            s, marked_id, LinkFields("confirmed", "disagree", NOTE.replace("policy", "a policy"))
        )
    )
    with closing(sqlite3.connect(laptop.path)) as connection:
        [(laptop_by_hand,)] = connection.execute(
            "SELECT id FROM compare_links WHERE status = 'manual'"
        )
    laptop.write(lambda s: compare.delete_link(s, laptop_by_hand))
    with closing(sqlite3.connect(desktop.path)) as connection:
        [(desktop_marked,)] = connection.execute(
            "SELECT id FROM compare_links WHERE status = 'confirmed'"
        )
    desktop.write(
        lambda s: compare.set_link_fields(
            s,
            desktop_marked,
            LinkFields("confirmed", "different focus", NOTE + "\nBoth: fear."),
        )
    )

    for device in (laptop, desktop, laptop):
        device.sync()

    merged = "gpane: the terror was a policy.\npohnpei: the terror was paranoia.\nBoth: fear."
    assert links(laptop) == links(desktop)
    assert sorted((row[8], row[9], row[10]) for row in links(desktop)) == [
        ("broken", None, ""),
        ("confirmed", "different focus", merged),  # the note merged, the stance the desktop's
    ]
    with compare_view(desktop) as view:
        shown = pair_of(view, disputed)
        assert shown is not None and shown.note == merged
        assert pair_of(view, by_hand) is None
    with closing(sqlite3.connect(desktop.path)) as connection:
        unsynced = connection.execute("SELECT count(*) FROM sync_rows WHERE dirty > 0").fetchone()
    assert unsynced == (0,)

    # The same words changed differently on both: neither is dropped.
    laptop.write(
        lambda s: compare.set_link_fields(
            s, marked_id, LinkFields("confirmed", "disagree", "Laptop says: purges.")
        )
    )
    desktop.write(
        lambda s: compare.set_link_fields(
            s, desktop_marked, LinkFields("confirmed", "disagree", "Desktop says: famine.")
        )
    )
    for device in (laptop, desktop, laptop):
        device.sync()
    with compare_view(laptop) as view:
        shown = pair_of(view, disputed)
        assert shown is not None
        assert "Laptop says: purges." in shown.note and "Desktop says: famine." in shown.note
    assert links(laptop) == links(desktop)
    with closing(sqlite3.connect(desktop.path)) as connection:
        recorded = connection.execute(
            "SELECT local_text, server_text FROM sync_conflicts WHERE kind = 'compare_link'"
        ).fetchall()
    assert recorded == [("Desktop says: famine.", "Laptop says: purges.")]
    final_note = shown.note

    # The server holds them as the student's own rows; another student reaches none.
    with psycopg.connect(server.url(user, PASSWORD), autocommit=True) as own:
        notes = own.execute(
            "SELECT data->>'note' FROM studydesk.compare_links WHERE NOT deleted "
            "AND data->>'status' = 'confirmed'"
        ).fetchall()
    assert notes == [(final_note,)]
    intruder = make_user("mallory")
    with psycopg.connect(server.url(intruder, PASSWORD), autocommit=True) as other:
        assert other.execute("SELECT * FROM studydesk.compare_links").fetchall() == []
        assert (
            other.execute(
                "SELECT * FROM studydesk.compare_links WHERE owner = %s", (user,)
            ).fetchall()
            == []
        )
        changed = other.execute(
            "UPDATE studydesk.compare_links SET data = '{}' WHERE owner = %s", (user,)
        )
        assert changed.rowcount == 0
        for statement, params in (
            ("DELETE FROM studydesk.compare_links", None),
            (
                "INSERT INTO studydesk.compare_links(owner, key, data, version) "
                "VALUES (%s, 'x', '{}', 0)",
                (user,),
            ),
            ("ALTER TABLE studydesk.compare_links DISABLE ROW LEVEL SECURITY", None),
        ):
            with pytest.raises(psycopg.Error) as caught:
                other.execute(statement, params)
            assert caught.value.sqlstate == "42501", statement
    with psycopg.connect(server.url(user, PASSWORD), autocommit=True) as own:
        assert own.execute(
            "SELECT count(*) FROM studydesk.compare_links WHERE data->>'note' = %s", (final_note,)
        ).fetchone() == (1,)
