"""Child process for the kill loop: edits notes through the app's own code (Library and
db.notes, as autosave does), printing each version once its transaction has committed."""

import sys
from pathlib import Path

from db.notes import create_note, set_note_body
from db.records import NoteAnchor
from desktop.services.library import Library


def main(database: str) -> None:
    library = Library(Path(database))
    study_set_id = library.ensure_embedded_study_set()
    database_orm = library.database()
    with database_orm.session() as session:
        ids = [
            row[0] for row in library.reader.execute("SELECT id FROM notes ORDER BY id").fetchall()
        ] or [create_note(session, study_set_id, NoteAnchor("question"), "v0 ") for _ in range(3)]
    print("ready", flush=True)
    version = int(sys.argv[2])
    while True:
        version += 1
        for note_id in ids:
            with database_orm.session() as session:
                set_note_body(session, note_id, f"v{version} " + "text " * (version % 50))
        print(f"committed {version}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
