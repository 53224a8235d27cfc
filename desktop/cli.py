"""The command line: ``studydesk [FILE]`` opens the window; subcommands work headless.

--help, --version and the subcommands never create a QApplication, so they run without a
display (and without loading the GUI at all).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from db.library_reads import LibraryRow

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_REFUSED = 2  # bad input: nothing was changed

COMMANDS_HELP = """\
commands (run without a display):
  studydesk import FILE|FOLDER...
                          import study-set files and folders (recursively) into your
                          library; a line per file and a total (exit 2: some refused)
  studydesk library [--json]
                          list every study set in your library
  studydesk summary --pdf OUT.pdf | --markdown OUT.md [--set ID|TITLE | --course NAME]
                          write the printable summary of a study set, or of every set
                          in a course (see summary --help)
  studydesk check         check the library's health and print a report (exit 0: healthy)
  studydesk backup        back up the library now (into its backups folder)
  studydesk export-set --set ID|TITLE OUT.studydesk
                          write a study set with your work as one file
  studydesk sync [--server postgresql://USER@HOST/DB]
                          sync your work with a PostgreSQL server (exit 2: refused)
  studydesk server init|add-class|add-user|status
                          prepare a PostgreSQL database as the sync server
  studydesk publish --set ID|TITLE --class CLASS
                          publish a study set to a class you teach
  studydesk compare [--set ID|TITLE] [--left H --right H] [--json]
                          the educators' answers aligned: pairs, unmatched, coverage
  studydesk cards [--set ID|TITLE | --course NAME] [--json]
                          the study cards: kind, front, back, due, set and passage
  studydesk export-anki OUT.apkg [--set ID|TITLE | --course NAME]
                          the cards as an Anki deck (a newer export updates the notes)
"""


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk",
        description=f"{APP_NAME}: read a question, each educator's answer and the events they "
        "mention, and keep your own notes. With FILE, import that study set and open it; "
        "without, open the study set shown last.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"studydesk {__version__}")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a study-set file")
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk import",
        description="Import study-set files into your library (once: the same text is "
        "recognised by its SHA-256). One FILE: print its title and what it holds. Several, "
        "or a folder (walked recursively): a line per file and a total. Exit 0 when nothing "
        "was refused, 2 when anything was (the rest is still imported).",
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    return parser


class CommandRefused(Exception):
    """The command cannot go ahead; str(error) is the one-line message."""


def _library_path() -> Path:
    from desktop.platform import paths

    paths.set_application_identity()
    return paths.database_path()


def _check_before_writing(path: Path) -> None:
    """The health check the window runs at start-up, before anything writes: a damaged,
    newer or unreachable library is refused (exit 2) and left exactly as it was."""
    from desktop.services.safety import check_before_writing

    health = check_before_writing(path)
    if health.refuse:
        raise CommandRefused(health.message or f"cannot open {path}")
    if health.message:
        print(f"studydesk: {' '.join(health.message.split())}", file=sys.stderr)


def run_import(argv: Sequence[str]) -> int:
    args = _import_parser().parse_args(argv)
    single = args.paths[0]
    if len(args.paths) > 1 or single.is_dir() or single.name.lower().endswith(".studydesk"):
        return _import_many(args.paths)
    return _import_file(single)


def _import_file(file: Path) -> int:
    """`studydesk import FILE`: the title and what the set holds (or the refusal on stderr)."""
    from desktop.services.library import ImportRefused, Library, read_study_set_file

    try:
        # Parse before opening the database, so a refused file leaves no trace at all.
        parsed = read_study_set_file(file)
        path = _library_path()
        _check_before_writing(path)
        library = Library(path)
        try:
            result = library.import_parsed(parsed)
        finally:
            library.close()
    except ImportRefused as exc:
        print(f"studydesk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    parsed = result.parsed
    verb = "Imported" if result.outcome.created else "Already in your library:"
    print(f"{verb} {parsed.title}")
    print(
        f"{len(parsed.answers)} educators ({', '.join(a.handle for a in parsed.answers)}), "
        f"{parsed.passage_count} paragraphs, {parsed.encoding}"
    )
    for warning in parsed.warnings:
        print(f"studydesk: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _import_many(paths: Sequence[Path]) -> int:
    """A line per file ("PATH: imported — TITLE", "PATH: already in your library — TITLE",
    "PATH: refused: REASON", "PATH: skipped: REASON") and a total; each file is one
    transaction, and the library is opened only once a file is found good."""
    from desktop.content.visible import show_invisible
    from desktop.services.importer import FileOutcome, ImportReport, Outcome, gather, import_one
    from desktop.services.library import Library

    library: Library | None = None

    def open_library() -> Library:
        nonlocal library
        if library is None:
            path = _library_path()
            _check_before_writing(path)
            library = Library(path)
        return library

    report = ImportReport()
    try:
        entries = gather(paths)
        report.total = len(entries)
        for entry in entries:
            done = entry if isinstance(entry, FileOutcome) else import_one(entry, open_library)
            report.outcomes.append(done)
            separator = " — " if done.outcome in (Outcome.IMPORTED, Outcome.ALREADY) else ": "
            line = f"{show_invisible(str(done.path))}: {done.outcome.value}{separator}"
            print(f"{line}{' '.join(done.detail.split())}", flush=True)
            for detail in done.report_lines:  # a .studydesk file's report, indented under it
                print(f"  {detail}", flush=True)
    finally:
        if library is not None:
            library.close()
    print(f"Total: {report.summary()}")
    refused = len(report.of(Outcome.REFUSED))
    if refused:
        print(f"studydesk: {refused} of {report.total} refused (see above)", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def run_library(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studydesk library",
        description="List every study set in your library: id, title, sha256, courses, "
        "educators, paragraphs, notes, highlights, last opened.",
    )
    parser.add_argument("--json", action="store_true", help="as JSON (an array of objects)")
    args = parser.parse_args(argv)
    import json

    from db.library_reads import library_rows
    from desktop.services.library import Library

    path = _library_path()
    rows = []
    if path.exists():
        _check_before_writing(path)  # an old library is brought up to date first
        library = Library(path)
        try:
            rows = library_rows(library.reader)
        finally:
            library.close()
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Your library is empty.")
        return EXIT_OK
    print(_library_table(rows))
    return EXIT_OK


def _library_table(rows: Sequence[LibraryRow]) -> str:
    from desktop.content.visible import show_invisible

    def when(row: LibraryRow) -> str:
        if row.last_opened_at is None:
            return "never"
        return f"{row.last_opened_at.astimezone():%Y-%m-%d %H:%M}"

    def clip(text: str, width: int) -> str:
        text = show_invisible(" ".join(text.split()))
        return text if len(text) <= width else text[: width - 1] + "…"

    header = (
        "id", "title", "sha256", "courses", "educators", "paragraphs", "notes", "highlights",
        "last opened",
    )  # fmt: skip
    table = [header] + [
        (
            str(row.id),
            clip(row.title, 48) + (" (in trash)" if row.in_trash else ""),
            row.sha256[:12],
            clip(", ".join(row.courses) or "-", 30),
            clip(", ".join(row.educators), 30),
            str(row.paragraphs),
            str(row.notes),
            str(row.highlights),
            when(row),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    numeric = {0, 5, 6, 7}
    return "\n".join(
        "  ".join(
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        ).rstrip()
        for line in table
    )


def _summary_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk summary",
        description="Write the summary of a study set — the question, each educator's key "
        "points, where they agree and disagree, the timeline, your notes and your answer — "
        "as PDF and/or Markdown. Never overwrites a file without --force; never leaves a "
        "half-written file.",
    )
    parser.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write a PDF here")
    parser.add_argument("--markdown", type=Path, metavar="OUT.md", help="write Markdown here")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--set",
        dest="study_set",
        nargs="+",
        metavar="ID|TITLE",
        help="the study set: its number, or words of its title, no quotes needed "
        "(default: the one shown last)",
    )
    which.add_argument(
        "--course",
        nargs="+",
        metavar="NAME",
        help="every study set of a course (and of the courses inside it), with a table of "
        "contents and each set from a new page; 'HIST 201::Unit 3', or its last part "
        "'Unit 3' when no other course ends so; no quotes needed",
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--paper",
        choices=["A4", "Letter", "A5", "Legal"],
        help="paper size (default: from your locale)",
    )
    parser.add_argument("--landscape", action="store_true", help="landscape pages")
    parser.add_argument(
        "--margins",
        type=float,
        default=18.0,
        metavar="MM",
        help="page margins in millimetres (default 18)",
    )
    parser.add_argument(
        "--font-size",
        type=float,
        default=10.5,
        metavar="PT",
        help="body text size in points (default 10.5)",
    )
    for section, label in (
        ("key-points", "key points"),
        ("agreements", "agreements"),
        ("timeline", "timeline"),
        ("notes", "notes"),
        ("draft", "your answer"),
    ):
        parser.add_argument(f"--no-{section}", action="store_true", help=f"leave out {label}")
    parser.add_argument(
        "--no-timeline-descriptions",
        action="store_true",
        help="the timeline without the events' descriptions",
    )
    parser.add_argument(
        "--all-events",
        action="store_true",
        help="every event in the timeline, not only those the answers mention",
    )
    return parser


def run_summary(argv: Sequence[str]) -> int:
    parser = _summary_parser()
    args = parser.parse_args(argv)
    if args.pdf is None and args.markdown is None:
        parser.error("say where to write: --pdf OUT.pdf and/or --markdown OUT.md")
    from desktop.summary import commands

    try:
        for line in commands.write_summary(args):
            print(line)
    except commands.SummaryRefused as exc:
        print(f"studydesk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def run_check(argv: Sequence[str]) -> int:
    argparse.ArgumentParser(
        prog="studydesk check",
        description="Check your library (read only): SQLite and FTS5, schema version, "
        "integrity, references. Exit code 0 when healthy, 1 when not.",
    ).parse_args(argv)
    from desktop.platform import paths
    from desktop.services.checks import check_library

    paths.set_application_identity()
    path = paths.database_path()
    print(f"Study Desk {__version__}: checking {path}")
    healthy = True
    for finding in check_library(path):
        healthy &= finding.ok
        print(f"  {'ok ' if finding.ok else 'BAD'}  {finding.what}: {finding.detail}")
    print("Healthy." if healthy else "Problems found (see above).")
    return EXIT_OK if healthy else EXIT_FAILURE


def run_backup(argv: Sequence[str]) -> int:
    argparse.ArgumentParser(
        prog="studydesk backup",
        description="Back up your library now, with SQLite's backup API; the copy is checked "
        "before it is kept. Old backups are thinned out (the newest 5, then one a day, a "
        "week and a month).",
    ).parse_args(argv)
    from db.backups import BackupError, make_backup

    path = _library_path()
    if not path.exists():
        print(f"studydesk: there is no library at {path} yet", file=sys.stderr)
        return EXIT_REFUSED
    _check_before_writing(path)
    try:
        backup = make_backup(path, "manual")
    except BackupError as exc:
        print(f"studydesk: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"Backed up {path} to {backup.path}")
    return EXIT_OK


def _export_set_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk export-set",
        description="Write one study set with your work (notes, highlights, events, your "
        "answer, its tags and courses) as a .studydesk file that `studydesk import` reads "
        "back. Never overwrites a file without --force, never writes into Study Desk's data "
        "folder.",
    )
    parser.add_argument(
        "--set",
        dest="study_set",
        nargs="+",
        required=True,
        metavar="ID|TITLE",
        help="the study set: its number, or words of its title (no quotes needed)",
    )
    parser.add_argument("out", nargs="?", type=Path, metavar="OUT.studydesk")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def _match_set(sets: Sequence[tuple[int, str]], by_question: set[int], wanted: str) -> int:
    """The id of the one set ``wanted`` names: its number, else words of its title (the
    student's title or the question). Ambiguous: the message lists the sets that match."""
    if wanted.isascii() and wanted.isdigit():
        for set_id, _title in sets:
            if set_id == int(wanted):
                return set_id
    key = wanted.casefold()
    matching = [(i, t) for i, t in sets if key in t.casefold() or i in by_question]
    exact = [(i, t) for i, t in matching if t.casefold() == key]
    if len(matching) > 1 and len(exact) == 1:
        matching = exact
    if len(matching) == 1:
        return matching[0][0]
    if not matching:
        raise CommandRefused(
            f"no study set matches {wanted!r}; `studydesk library` lists them with their numbers"
        )
    listing = "; ".join(f"{set_id}: {title}" for set_id, title in matching)
    raise CommandRefused(
        f"{wanted!r} matches {len(matching)} study sets; give its number: {listing}"
    )


def _names_a_file(word: str) -> bool:
    return word.lower().endswith(".studydesk") or "/" in word or os.sep in word


def run_export_set(argv: Sequence[str]) -> int:
    parser = _export_set_parser()
    args = parser.parse_args(argv)
    words = list(args.study_set)
    out: Path | None = args.out
    # `--set First World War OUT`: the last word is OUT when it names a file (its extension
    # or a folder in it); `--set First World War` alone must not write "War.studydesk".
    if out is None and len(words) > 1 and _names_a_file(words[-1]):
        out = Path(words.pop())
    if out is None:
        parser.error("say where to write, after the title: OUT.studydesk (or a path with a folder)")
    from desktop.services.library import Library
    from desktop.services.set_files import ExportRefused, export_studydesk, studydesk_name
    from desktop.summary.files import OutputRefused, check_output_path

    out = studydesk_name(out)
    path = _library_path()
    try:
        check_output_path(out, force=args.force)
    except OutputRefused as exc:
        raise CommandRefused(str(exc)) from None
    if not path.exists():
        raise CommandRefused(f"there is no library at {path} yet")
    _check_before_writing(path)
    from db import reads
    from db.library_reads import library_rows

    library = Library(path)
    try:
        sets = [(row.id, row.title) for row in library_rows(library.reader)]
        wanted = " ".join(words)
        try:
            by_question = {i for i, _title in reads.study_sets_titled(library.reader, wanted)}
        except UnicodeEncodeError:  # bytes in the argument that are not text
            by_question = set()
        study_set_id = _match_set(sets, by_question, wanted)
        title = dict(sets)[study_set_id]
        export_studydesk(library, study_set_id, out, overwrite=args.force)
    except ExportRefused as exc:
        raise CommandRefused(str(exc)) from None
    finally:
        library.close()
    print(f"Wrote {out} ({title})")
    return EXIT_OK


def run_compare(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studydesk compare",
        description="Align the educators' answers sentence by sentence: the pairs (both "
        "sentences with their ¶ numbers, the score, the stance), the sentences only one "
        "educator writes, and what you have not yet annotated.",
    )
    parser.add_argument("--set", dest="study_set", nargs="+", metavar="ID|TITLE")
    parser.add_argument("--left", metavar="HANDLE", help="one educator (with --right)")
    parser.add_argument("--right", metavar="HANDLE", help="the other educator")
    parser.add_argument("--json", action="store_true", help="as JSON")
    args = parser.parse_args(argv)
    import json

    from desktop.services.compare_report import CompareRefused, compare_report, report_text
    from desktop.services.library import Library
    from desktop.services.study_set_choice import (
        StudySetNotChosen,
        choose_study_set,
        name_from_words,
    )

    path = _library_path()
    _check_before_writing(path)  # the embedded set may be added to a new library
    library = Library(path)
    try:  # the set is chosen as `studydesk summary` chooses it
        record = library.load_study_set(choose_study_set(library, name_from_words(args.study_set)))
        assert record is not None  # noqa: S101 (chosen from the library just now)
        report = compare_report(library.reader, record, args.left, args.right)
    except (CompareRefused, StudySetNotChosen) as exc:
        raise CommandRefused(str(exc)) from None
    finally:
        library.close()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else report_text(report))
    return EXIT_OK


def _run_study(command: str, argv: Sequence[str]) -> int:
    """`studydesk cards` and `studydesk export-anki` (desktop.services.study_cli)."""
    from db import reads
    from db.library_reads import library_rows
    from desktop.services.library import Library
    from desktop.services.study_cli import StudyCommandRefused, run_cards, run_export_anki
    from desktop.summary.files import OutputRefused, check_output_path

    def check_out(out: Path) -> None:
        try:
            check_output_path(out, force=True)
        except OutputRefused as exc:
            raise CommandRefused(str(exc)) from None

    path = _library_path()
    if not path.exists():
        raise CommandRefused(f"there is no library at {path} yet")
    _check_before_writing(path)
    library = Library(path)

    def find_set(wanted: str) -> int:
        sets = [(row.id, row.title) for row in library_rows(library.reader)]
        by_question = {i for i, _title in reads.study_sets_titled(library.reader, wanted)}
        return _match_set(sets, by_question, wanted)

    try:
        if command == "cards":
            lines = run_cards(argv, library, find_set)
        else:
            lines = run_export_anki(argv, library, find_set, check_out)
    except StudyCommandRefused as exc:
        raise CommandRefused(str(exc)) from None
    finally:
        library.close()
    print("\n".join(lines))
    return EXIT_OK


def _run_sync_command(which: str, argv: Sequence[str]) -> int:
    """sync, server and publish (issue 14) live in desktop/services/sync_commands.py."""
    from desktop.services import sync_commands

    if which == "server":
        return sync_commands.run_server(argv)
    path = _library_path()
    _check_before_writing(path)
    from desktop.services.library import Library

    Library(path).close()  # a new device's library is made (and migrated) first

    def find_set(wanted: str) -> int:
        from db import reads
        from db.library_reads import library_rows

        library = Library(path)
        try:
            sets = [(row.id, row.title) for row in library_rows(library.reader)]
            by_question = {i for i, _title in reads.study_sets_titled(library.reader, wanted)}
            return _match_set(sets, by_question, wanted)
        finally:
            library.close()

    if which == "sync":
        return sync_commands.run_sync(argv, path)
    return sync_commands.run_publish(argv, path, find_set)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "sync": lambda argv: _run_sync_command("sync", argv),
    "server": lambda argv: _run_sync_command("server", argv),
    "publish": lambda argv: _run_sync_command("publish", argv),
    "import": run_import,
    "library": run_library,
    "summary": run_summary,
    "check": run_check,
    "backup": run_backup,
    "export-set": run_export_set,
    "compare": run_compare,
    "cards": lambda argv: _run_study("cards", argv),
    "export-anki": lambda argv: _run_study("export-anki", argv),
}


def _run_command(name: str, argv: Sequence[str]) -> int:
    """Every failure of a command ends in one line on stderr and exit 2, never a traceback."""
    try:
        return COMMANDS[name](argv)
    except KeyboardInterrupt:
        print("studydesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 (each error class is put into words by explain)
        from db.health import explain

        message = str(exc) if isinstance(exc, CommandRefused) else explain(exc)
        print(f"studydesk: {' '.join(message.split())}", file=sys.stderr)
        return EXIT_REFUSED


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return _run_command(argv[0], argv[1:])
    parser = _gui_parser()
    args = parser.parse_args(argv)
    if args.file is not None and not args.file.exists():
        # Before any window: a mistyped command ("libary") is no file to open either.
        word = str(args.file)
        close = difflib.get_close_matches(word, COMMANDS, n=1)
        hint = f" Did you mean `studydesk {close[0]}`?" if close else ""
        parser.error(f"{word!r} is neither a command nor a file.{hint}")
    from desktop.app import run_gui

    return run_gui(args.file)
