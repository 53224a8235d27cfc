"""Full-text search over the question, the answers, and notes with their tags.

The user's query is never handed to FTS5 as syntax. It is read as: words, "exact phrases",
prefix*, -exclusion and tag:name; each term is then written out quoted, so input such as
`"`, `*`, `NEAR(` or `AND` is searched for literally and cannot raise a syntax error.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from db.records import SearchHit, place_in_answer

# More terms than this are ignored: no student types them, and FTS5 limits expression depth.
MAX_TERMS = 32
MAX_RESULTS = 200
# Each study set owns a range of search_index rowids (see migration 0002).
STUDY_SET_ROWIDS = 2**40
HIT_START, HIT_END = "\x02", "\x03"  # marks around matches in snippets, for the view to style

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = re.compile(r'(-?)(?:tag:("[^"]*"?|\S+)|("[^"]*"?)|(\S+))', re.IGNORECASE)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class ParsedQuery:
    include: list[str] = field(default_factory=list)  # FTS5 terms, each quoted
    exclude: list[str] = field(default_factory=list)

    def to_fts(self) -> str | None:
        """The FTS5 MATCH expression, or None when nothing positive is asked for."""
        if not self.include:
            return None
        expression = " AND ".join(self.include)
        for term in self.exclude:
            expression = f"({expression}) NOT {term}"
        return expression


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    # SQLite ends a string at NUL, which would leave a quote open: control characters are
    # never part of what the user means to find.
    text = _CONTROL.sub(" ", text)
    for match in _TOKEN.finditer(text):
        if len(parsed.include) + len(parsed.exclude) >= MAX_TERMS:
            break
        negative, tag, phrase, word = match.groups()
        term = _term(tag, phrase, word)
        if term is not None:
            (parsed.exclude if negative else parsed.include).append(term)
    return parsed


def _term(tag: str | None, phrase: str | None, word: str | None) -> str | None:
    if tag is not None:
        name = tag.strip('"').lstrip("#")
        return f"tags : {_quoted(name)}" if _has_word(name) else None
    if phrase is not None:
        inner = phrase.strip('"')
        return _quoted(inner) if _has_word(inner) else None
    assert word is not None
    if word.endswith("*"):
        stem = word.rstrip("*")
        # FTS5 takes a prefix only on a single token: "soviet"* works, "x-y"* does not.
        return f"{_quoted(stem)}*" if re.fullmatch(r"\w+", stem) else None
    return _quoted(word) if _has_word(word) else None


def _has_word(text: str) -> bool:
    """FTS5's tokenizer keeps letters and digits only; a term without any matches nothing
    and an empty phrase is an error, so such terms are dropped."""
    return re.search(r"\w", text) is not None


@dataclass(frozen=True)
class SearchOutcome:
    hits: list[SearchHit]
    query: ParsedQuery


# Rank and cut in the FTS table first, then join only the rows that are kept: joining
# before ORDER BY ... LIMIT would look up every match of a common word.
_SEARCH_SQL = f"""
WITH top AS (
    SELECT kind, ref_id,
           snippet(search_index, 0, '{HIT_START}', '{HIT_END}', '…', 14) AS snippet,
           bm25(search_index, 1.0, 2.0) AS score
    FROM search_index
    WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?
    ORDER BY score
    LIMIT ?
)
SELECT top.kind, top.ref_id, top.snippet,
       coalesce(pa.educator_handle, na.educator_handle, nsa.educator_handle),
       coalesce(p.number, np.number)
FROM top
LEFT JOIN passages p ON top.kind = 'passage' AND p.id = top.ref_id
LEFT JOIN answers pa ON pa.id = p.answer_id
LEFT JOIN notes n ON top.kind = 'note' AND n.id = top.ref_id
LEFT JOIN passages np ON np.id = n.passage_id
LEFT JOIN answers na ON na.id = np.answer_id
LEFT JOIN answers nsa ON nsa.id = n.answer_id
ORDER BY top.score
"""


def _place(kind: str, handle: str | None, number: int | None) -> str:
    where = place_in_answer(handle, number)
    if kind == "note":
        return f"Note on {where}" if where else "Note"
    if kind == "question":
        return "Question"
    return where or "Answer"


def search(
    connection: sqlite3.Connection, study_set_id: int, text: str, limit: int = MAX_RESULTS
) -> SearchOutcome:
    """Ranked hits (best first) in one study set; no hits for a query that asks for nothing."""
    query = parse_query(text)
    expression = query.to_fts()
    if expression is None:
        return SearchOutcome([], query)
    try:
        first_rowid = study_set_id * STUDY_SET_ROWIDS
        rows = connection.execute(
            _SEARCH_SQL, (expression, first_rowid, first_rowid + STUDY_SET_ROWIDS - 1, limit)
        ).fetchall()
    except sqlite3.OperationalError:
        # Every term is quoted, so this should not happen; if FTS5 still refuses the
        # expression, the honest answer is "nothing found", never a crash.
        return SearchOutcome([], query)
    return SearchOutcome(
        [
            SearchHit(kind, ref_id, snippet, _place(kind, handle, number), handle, number)
            for kind, ref_id, snippet, handle, number in rows
        ],
        query,
    )
