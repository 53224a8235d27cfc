"""The import report the window shows: a .studydesk file's own report under its line."""

from __future__ import annotations

from pathlib import Path

from desktop.services.importer import (
    REPORT_LINES_PER_FILE,
    FileOutcome,
    ImportReport,
    Outcome,
)


def test_a_studydesk_files_report_is_shown_under_it_and_cut_when_long() -> None:
    kept = tuple(f"  kept as a note: note {n}: REASON" for n in range(30))
    report = ImportReport(
        [
            FileOutcome(Path("a.txt"), Outcome.IMPORTED, "First"),
            FileOutcome(
                Path("mine.studydesk"),
                Outcome.IMPORTED,
                "Second (added: 2 notes)",
                7,
                ("  added: 2 notes", "  already there: nothing", *kept),
            ),
        ],
        total=2,
    )
    lines = report.text().splitlines()
    at = lines.index("  mine.studydesk — Second (added: 2 notes)")
    assert lines[at - 1] == "  a.txt — First"  # a plain file has no lines under it
    assert lines[at + 1 : at + 3] == ["    added: 2 notes", "    already there: nothing"]
    shown = lines[at + 1 : at + 1 + REPORT_LINES_PER_FILE]
    assert all(line.startswith("    ") for line in shown)
    assert lines[at + 1 + REPORT_LINES_PER_FILE] == (
        f"      … and {2 + len(kept) - REPORT_LINES_PER_FILE} more lines"
    )
