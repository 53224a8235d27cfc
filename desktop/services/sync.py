"""One sync of this device's library with the PostgreSQL server (docs/SYNC.md).

1. Read what changed here (db.sync_local: the rows whose change counter is not 0).
2. One server transaction, under the student's advisory lock: pull every row written since
   the last version seen; merge (texts three-way against the last synced text, other
   fields: this device's change wins, a deletion never beats an edit); push the result.
3. Import study sets this device does not have (the student's own, or published to a class).
4. One local transaction: the server's rows written here, the rows sent marked clean.

A failure in 2 leaves the server as it was (the transaction rolls back) and nothing here is
touched; a failure between 2 and 4 leaves the server ahead, and the next sync pulls and
pushes the same rows again, which changes nothing (every write is keyed and idempotent).
No Qt here: the window runs this in a worker thread; the command line calls it directly.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from db import sync_local
from db.server import sync_sql
from db.server.connect import ServerAddress, ServerRefused, connect, explain, parse_server_url
from db.sync_local import Applied, Conflict, Incoming, Outgoing
from db.sync_merge import CONFLICT_TAG, merge3, with_markers


class SyncRefused(Exception):
    """The sync could not be done; str(error) says why, for people. Nothing was lost."""


@dataclass
class SyncReport:
    server: str
    pulled: int = 0
    pushed: int = 0
    conflicts: int = 0
    imported_sets: int = 0
    skipped: int = 0
    left_for_next_time: int = 0
    changed_kinds: set[str] = field(default_factory=set)
    seconds: float = 0.0
    new_versions: int = 0  # published sets whose new version the student's work moved to
    # Work that could not be placed in a new version (kept as notes there), one line each.
    not_placed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Synced with {self.server}: {self.pushed} sent, {self.pulled} received"]
        if self.imported_sets:
            parts.append(f"{self.imported_sets} study sets added")
        if self.conflicts:
            parts.append(
                f"{self.conflicts} edited on two devices kept in both versions "
                f"(tagged {CONFLICT_TAG})"
            )
        if self.skipped:
            parts.append(f"{self.skipped} not applied (their study set is missing here)")
        if self.new_versions:
            parts.append(f"your work moved to {self.new_versions} new versions of published sets")
        if self.not_placed:
            parts.append(
                f"{len(self.not_placed)} could not be placed in the new text and are kept as notes"
            )
        return ", ".join(parts)

    def details(self) -> list[str]:
        """The summary, then one line for each thing not placed in a new version."""
        return [self.summary(), *(f"  kept as a note: {line}" for line in self.not_placed)]


@dataclass
class _Plan:
    push: list[Outgoing]
    incoming: list[Incoming]
    conflicts: list[Conflict]
    merged: set[tuple[str, str]]  # pushed rows whose merged text must be written here too


def _text_field(kind: str) -> str | None:
    return sync_local.TEXT_KINDS.get(kind)


def _plan(outgoing: list[Outgoing], pulled: list[sync_sql.Row]) -> _Plan:
    """Decide, row by row, what to send and what to write here."""
    sending = {(o.kind, o.key): o for o in outgoing}
    incoming: list[Incoming] = []
    conflicts: list[Conflict] = []
    merged: set[tuple[str, str]] = set()
    for kind, key, version, deleted, data in pulled:
        mine = sending.get((kind, key))
        server_row = Incoming(kind, key, version, deleted, data)
        if mine is None or kind == "review":
            incoming.append(server_row)  # not changed here: take the server's
            continue
        if mine.deleted:
            del sending[(kind, key)]
            if not deleted:
                incoming.append(server_row)  # edited there, deleted here: the edit stays
            continue
        if deleted:
            continue  # deleted there, edited here: ours is sent again
        text = _text_field(kind)
        if text is None or mine.data is None:
            continue  # this device's change wins for everything but texts
        local_text, server_text = str(mine.data.get(text) or ""), str(data.get(text) or "")
        result = merge3(mine.base or "", local_text, server_text)
        if result.clean:
            mine.data = {**mine.data, text: result.text}
            merged.add((kind, key))
        elif kind == "note":
            # Both kept: the server's version stays the note; this device's becomes a
            # new note beside it, both tagged so the student finds them.
            # The tag goes to the server too, so every device shows the pair.
            copy_key = uuid.uuid4().hex
            copy = {**mine.data, "tags": sorted({*mine.data.get("tags", []), CONFLICT_TAG})}
            mine.data = {**data, "tags": sorted({*data.get("tags", []), CONFLICT_TAG})}
            merged.add((kind, key))
            sending[("note", copy_key)] = Outgoing("note", copy_key, 0, False, copy, None)
            merged.add(("note", copy_key))
            conflicts.append(Conflict(kind, key, local_text, server_text, copy_key))
        else:
            mine.data = {**mine.data, text: with_markers(local_text, server_text)}
            merged.add((kind, key))
            conflicts.append(Conflict(kind, key, local_text, server_text))
    return _Plan(list(sending.values()), incoming, conflicts, merged)


def _import_missing_sets(library_path: Path, records: dict[str, dict[str, Any]]) -> int:
    """Study sets named by the server but not in this library: parsed from their text and
    imported as any file is."""
    if not records:
        return 0
    from desktop.content.studyset import StudySetFormatError, parse_study_set_bytes
    from desktop.services.library import Library

    library = Library(library_path)
    imported = 0
    try:
        for sha, record in records.items():
            try:
                parsed = parse_study_set_bytes(
                    str(record["raw_text"]).encode("utf-8"), str(record.get("source_name") or sha)
                )
            except StudySetFormatError:
                continue
            if parsed.sha256 != sha:
                continue
            imported += int(library.import_parsed(parsed).outcome.created)
    finally:
        library.close()
    return imported


def _carry_to_new_versions(
    local: Any,
    library_path: Path,
    fresh: list[tuple[str, str, str, int, int, bool]],
    report: SyncReport,
) -> None:
    """A set published again with an edited text is a new version of one the student has:
    their work on the old text is carried to the new one (re-anchored as a .studydesk import
    re-anchors it) and the old text goes to the trash (restorable, with the work on it)."""
    moves = [
        (old_id, new_id, title)
        for class_name, sha, title, *_rest in fresh
        for old_id, new_id in sync_local.earlier_versions(local, sha, class_name)
    ]
    if not moves:
        return
    from db.library import trash_study_set
    from desktop.services.library import Library
    from desktop.services.set_files import carry_work

    library = Library(library_path)
    try:
        for old_id, new_id, title in moves:
            carried = carry_work(library, old_id, new_id)
            with library.database().session() as session:
                trash_study_set(session, old_id)
            report.new_versions += 1
            report.not_placed.extend(f"{title}: {line}" for line in carried.kept_as_notes)
    finally:
        library.close()


def sync_library(
    library_path: Path, server_url: str | None = None, password: str | None = None
) -> SyncReport:
    """Sync the library at ``library_path``; SyncRefused says why when it cannot."""
    started = time.monotonic()
    local = sync_local.connect(library_path)
    try:
        return _sync(local, library_path, server_url, password, started)
    except ServerRefused as error:
        raise SyncRefused(str(error)) from error
    except sync_local.SyncSetUpBroken as error:
        raise SyncRefused(str(error)) from error
    finally:
        local.close()


def resolve_server(library_path: Path, server_url: str | None) -> tuple[ServerAddress, str | None]:
    """The server to use: the one given, else the one remembered for this library."""
    if server_url is None:
        local = sync_local.connect(library_path)
        try:
            server_url = sync_local.read_state(local).server_url
        finally:
            local.close()
    if not server_url:
        raise SyncRefused(
            "no sync server is set: studydesk sync --server postgresql://USER@HOST/DATABASE "
            "(or File › Sync Settings…)"
        )
    try:
        return parse_server_url(server_url)
    except ServerRefused as error:
        raise SyncRefused(str(error)) from error


def _sync(
    local: Any, library_path: Path, server_url: str | None, password: str | None, started: float
) -> SyncReport:
    sync_local.check_set_up(local)
    address, url_password = resolve_server(library_path, server_url)
    password = password if password is not None else url_password
    report = SyncReport(server=address.url())
    server = connect(address, password)  # refused before anything here changes
    try:
        sync_local.remember_server(local, address.url(), address.user)
        state = sync_local.read_state(local)
        outgoing = sync_local.collect_outgoing(local)
        snapshot = {(o.kind, o.key): o.dirty for o in outgoing}
        have_sets = sync_local.present_sets(local)
        with server.transaction(), server.cursor() as cursor:
            pulled, published = sync_sql.lock_and_pull(server, state.last_version)
            plan = _plan(outgoing, pulled)
            versions = sync_sql.push(
                cursor, ((o.kind, o.key, o.deleted, o.data) for o in plan.push)
            )
            missing: dict[str, dict[str, Any]] = {
                key: data
                for kind, key, _v, deleted, data in pulled
                if kind == "set" and not deleted and key not in have_sets
            }
            # Sets named by pulled rows but pulled in an earlier sync that could not import.
            named = {r.data.get("set") for r in plan.incoming if r.kind != "set"}
            named.discard(None)
            absent = {str(sha) for sha in named} - have_sets - set(missing)
            missing.update(sync_sql.set_texts(cursor, absent))
            fresh = [p for p in published if p[4] > state.published_version]
            for class_name, sha, *_rest in fresh:
                if sha not in have_sets and sha not in missing:
                    text = sync_sql.published_text(cursor, class_name, sha)
                    if text is not None:
                        missing[sha] = {"raw_text": text, "source_name": f"{class_name}.txt"}
    except psycopg.Error as error:
        raise SyncRefused(explain(error, address)) from error
    finally:
        server.close()

    applied: list[Applied] = []
    for o in plan.push:
        version = versions.get((o.kind, o.key), 0)
        if (o.kind, o.key) in plan.merged and o.data is not None:
            plan.incoming.append(Incoming(o.kind, o.key, version, False, o.data))
        else:
            applied.append(Applied(o.kind, o.key, version, o.dirty, o.data))
    report.imported_sets = _import_missing_sets(library_path, missing)
    if missing:
        # Importing counted the new sets as changes here; they are the server's own rows.
        for key, dirty in sync_local.dirty_counters(local, "set", missing).items():
            snapshot.setdefault(("set", key), dirty)
    new_last = max([state.last_version, *(r[2] for r in pulled), *versions.values()])
    outcome = sync_local.apply(local, plan.incoming, applied, plan.conflicts, snapshot, new_last)
    if fresh:
        sync_local.file_under_classes(
            local,
            [(sha, class_name, version, mine) for class_name, sha, _t, version, _v, mine in fresh],
            max(p[4] for p in fresh),
        )
        _carry_to_new_versions(local, library_path, fresh, report)
    report.pulled = len(pulled)
    report.pushed = len(plan.push)
    report.conflicts = len(plan.conflicts)
    report.skipped = outcome.skipped_missing_set
    report.left_for_next_time = outcome.changed_meanwhile
    report.changed_kinds = outcome.kinds
    report.seconds = time.monotonic() - started
    return report
