"""The sync commands of the command line (desktop/cli.py hands them their arguments):

    studydesk sync [--server postgresql://USER@HOST[:PORT]/DB]
    studydesk server init postgresql://ADMIN@HOST/DB
    studydesk server add-class NAME --server URL
    studydesk server add-user NAME --student|--teacher [--class CLASS] --server URL
    studydesk server status --server URL
    studydesk publish --set ID|TITLE --class CLASS [--withdraw] [--server URL]

Exit 0 when done, 2 when refused (one line on stderr saying why; nothing here changed).
Passwords: the keyring, else libpq's PGPASSWORD / ~/.pgpass; ``add-user`` reads the new
user's password from standard input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from db.server.connect import ServerAddress, ServerRefused, parse_server_url
from desktop.services.sync import SyncRefused, resolve_server, sync_library
from desktop.services.sync_credentials import stored_password

EXIT_OK = 0
EXIT_REFUSED = 2


def _fail(message: str) -> int:
    print(f"studydesk: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_REFUSED


def run_sync(argv: Sequence[str], library_path: Path) -> int:
    parser = argparse.ArgumentParser(
        prog="studydesk sync",
        description="Sync your notes, highlights, events, drafts, courses and reviews with a "
        "PostgreSQL server (remembered after the first time). Exit 0 synced, 2 refused.",
    )
    parser.add_argument("--server", metavar="postgresql://USER@HOST[:PORT]/DB")
    args = parser.parse_args(argv)
    try:
        address, _ = resolve_server(library_path, args.server)
        report = sync_library(library_path, args.server, stored_password(address.url()))
    except SyncRefused as error:
        return _fail(f"sync refused: {error}")
    print("\n".join(report.details()))
    return EXIT_OK


def _admin_address(url: str) -> tuple[ServerAddress, str | None]:
    address, password = parse_server_url(url)
    return address, password if password is not None else stored_password(address.url())


def run_server(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studydesk server",
        description="Prepare and run a PostgreSQL database as the Study Desk sync server "
        "(as an administrator: a superuser, or a role with CREATEROLE).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="roles, schema, row-level security (re-runnable)")
    init.add_argument("url", metavar="postgresql://ADMIN@HOST/DB")
    add_class = commands.add_parser("add-class", help="a class that sets are published to")
    add_class.add_argument("name")
    add_class.add_argument("--server", required=True)
    add_user = commands.add_parser(
        "add-user", help="a student or teacher login (password read from standard input)"
    )
    add_user.add_argument("name")
    role = add_user.add_mutually_exclusive_group(required=True)
    role.add_argument("--student", action="store_true")
    role.add_argument("--teacher", action="store_true")
    add_user.add_argument("--class", dest="class_name")
    add_user.add_argument("--server", required=True)
    status = commands.add_parser("status", help="schema version, users, classes, rows")
    status.add_argument("--server", required=True)
    args = parser.parse_args(argv)

    from db.server import admin

    try:
        if args.command == "init":
            address, password = _admin_address(args.url)
            head = admin.init_server(address, password)
            print(f"Server ready at {address.url()} (schema {head})")
        elif args.command == "add-class":
            address, password = _admin_address(args.server)
            admin.add_class(address, password, args.name)
            print(f"Class {args.name!r} added")
        elif args.command == "add-user":
            address, password = _admin_address(args.server)
            new_password = sys.stdin.readline().rstrip("\r\n")
            if not new_password:
                return _fail("give the new user's password on standard input")
            admin.add_user(
                address, password, args.name, new_password, args.teacher, args.class_name
            )
            kind = "teacher" if args.teacher else "student"
            where = f" in {args.class_name!r}" if args.class_name else ""
            print(f"User {args.name} added as a {kind}{where}")
        else:
            address, password = _admin_address(args.server)
            _print_status(admin.server_status(address, password))
    except ServerRefused as error:
        return _fail(str(error))
    return EXIT_OK


def _print_status(status: object) -> None:
    from db.server.admin import ServerStatus

    assert isinstance(status, ServerStatus)
    print(f"schema version: {status.schema_version}")
    print(f"students: {status.students}, teachers: {status.teachers}")
    for name, teacher, members in status.classes:
        print(f"class {name}: teacher {teacher or '-'}, {members} students")
    print("rows: " + ", ".join(f"{table} {count}" for table, count in status.rows.items()))
    print(f"last version: {status.last_version}")


def run_publish(argv: Sequence[str], library_path: Path, match_set: Callable[[str], int]) -> int:
    parser = argparse.ArgumentParser(
        prog="studydesk publish",
        description="Publish a study set of your library to a class you teach (or withdraw "
        "it); its students get it at their next sync, under the class's name.",
    )
    parser.add_argument("--set", dest="wanted", required=True, metavar="ID|TITLE")
    parser.add_argument("--class", dest="class_name", required=True)
    parser.add_argument("--withdraw", action="store_true")
    parser.add_argument("--server")
    args = parser.parse_args(argv)
    from db.server.connect import connect
    from db.server.published import publish, withdraw
    from db.sync_local import study_set_for_publishing

    try:
        address, url_password = resolve_server(library_path, args.server)
        study_set_id = match_set(args.wanted)
        sha, title, raw_text = study_set_for_publishing(library_path, study_set_id)
        password = url_password if url_password is not None else stored_password(address.url())
        import psycopg

        with connect(address, password) as server:
            try:
                if args.withdraw:
                    if not withdraw(server, args.class_name, sha):
                        return _fail(f"{title!r} is not published to {args.class_name!r}")
                    print(f"Withdrew {title!r} from {args.class_name}")
                    return EXIT_OK
                version = publish(server, args.class_name, sha, title, raw_text)
            except psycopg.Error as error:
                from db.server.connect import explain

                return _fail(
                    f"cannot publish to {args.class_name!r}: {explain(error, address)} "
                    "(only the class's teacher may)"
                )
        print(f"Published {title!r} to {args.class_name} (version {version})")
    except (SyncRefused, ServerRefused) as error:
        return _fail(str(error))
    return EXIT_OK
