"""Property-based fuzzing of the study-set parser and the import path (hypothesis): any
input is parsed or refused with a message, and a refused import changes no byte of the
library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.content.studyset import EXPECTED_FORMAT, StudySetFormatError, parse_study_set_bytes
from desktop.services.library import ImportRefused, Library
from tests.study_files import SEED_BYTES

EXAMPLES = 400
FIGURES = Path(__file__).resolve().parents[2] / "build" / "reliability-figures.json"
tried: dict[str, int] = {"parser": 0, "import": 0, "refused": 0}

seed_mutations = st.one_of(
    st.binary(max_size=4096),
    st.integers(0, len(SEED_BYTES)).map(lambda n: SEED_BYTES[:n]),  # truncated, mid-UTF-8 too
    st.tuples(st.integers(0, len(SEED_BYTES)), st.binary(min_size=1, max_size=8)).map(
        lambda t: SEED_BYTES[: t[0]] + t[1] + SEED_BYTES[t[0] :]
    ),
    st.integers(1, 200_000).map(lambda n: b"Q?\nExpert Answers\nx eNotes educator| y\n" + b"a" * n),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.just(SEED_BYTES.replace(b"\n", b"\x00\n")),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(seed_mutations)
def test_any_bytes_are_parsed_or_refused_with_a_message(data: bytes) -> None:
    tried["parser"] += 1
    try:
        parsed = parse_study_set_bytes(data, "fuzz.txt")
    except StudySetFormatError as exc:
        assert str(exc).startswith("fuzz.txt is not a study set: ")
        assert str(exc).endswith(EXPECTED_FORMAT)
        return
    assert parsed.answers and all(answer.passages for answer in parsed.answers)
    assert parsed.question.strip()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz")
    library = Library(folder / "library.sqlite3")
    library.ensure_embedded_study_set()
    yield library, folder
    library.close()
    FIGURES.parent.mkdir(exist_ok=True)
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    figures["fuzz"] = dict(tried)
    FIGURES.write_text(json.dumps(figures, indent=2) + "\n")


def library_bytes(folder: Path) -> bytes:
    return b"".join(
        path.read_bytes() for path in sorted(folder.glob("library.sqlite3*")) if path.is_file()
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=seed_mutations)
def test_a_refused_import_leaves_the_library_byte_for_byte_unchanged(library, data: bytes) -> None:  # type: ignore[no-untyped-def]
    lib, folder = library
    tried["import"] += 1
    source = folder / "incoming.txt"
    source.write_bytes(data)
    before = library_bytes(folder)
    try:
        lib.import_file(source)
    except ImportRefused:
        tried["refused"] += 1
        assert library_bytes(folder) == before
