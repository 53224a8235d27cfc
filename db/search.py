"""Full-text search over the question, the answers, and notes with their tags.

The user's query is never handed to FTS5 as syntax. It is read as: words, "exact phrases",
prefix*, -exclusion and tag:name; each term is then written out quoted, so input such as
`"`, `*`, `NEAR(` or `AND` is searched for literally and cannot raise a syntax error.

FTS5 ranks (bm25) and cuts the hits; the snippets are made here, in Python, from at most the
first SNIPPET_SCAN_CHARS characters of each kept hit. FTS5's own snippet() scores a window at
every occurrence of every term against all the others, so a long text repeating the searched
word took seconds (a 200 KB passage) to minutes (a 10 MB note) per keystroke.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from db.records import SearchHit, place_in_answer

# More terms than this are ignored: no student types them, and FTS5 limits expression depth.
MAX_TERMS = 32
MAX_RESULTS = 200
# Each study set owns a range of search_index rowids (see migration 0002).
STUDY_SET_ROWIDS = 2**40
HIT_START, HIT_END = "\x02", "\x03"  # marks around matches in snippets, for the view to style
ELLIPSIS = "…"
SNIPPET_TOKENS = 14  # words shown in a snippet, as FTS5's snippet() was asked for
# A snippet is looked for in this many characters at the start of a hit's text; a match only
# further on gives a snippet of the text's beginning without marks.
SNIPPET_SCAN_CHARS = 10_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = re.compile(r'(-?)(?:tag:("[^"]*"?|\S+)|("[^"]*"?)|(\S+))', re.IGNORECASE)
# What FTS5's unicode61 tokenizer takes as a word: letters and digits (NBSP and "_" separate).
_WORD = re.compile(r"[^\W_]+")


class SearchInterrupted(Exception):
    """The connection was interrupted (sqlite3 interrupt() or a progress handler): a newer
    query superseded this one, and nothing should be shown for it."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# A term as the snippet maker looks for it in a text: its folded words, and whether the last
# one is a prefix.
Pattern = tuple[tuple[str, ...], bool]


@dataclass
class ParsedQuery:
    include: list[str] = field(default_factory=list)  # FTS5 terms, each quoted
    exclude: list[str] = field(default_factory=list)
    marked: list[Pattern] = field(default_factory=list)  # included terms to mark in snippets

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
            pattern = _pattern(phrase, word)
            if not negative and pattern is not None:
                parsed.marked.append(pattern)
    return parsed


def _fold(word: str) -> str:
    """A word as the index compares it: lower case, diacritics removed (remove_diacritics 2)."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _pattern(phrase: str | None, word: str | None) -> Pattern | None:
    """The pattern for an accepted word, phrase or prefix term; None for tag: terms (they
    match the tags column, which snippets do not show)."""
    if phrase is not None:
        return tuple(_fold(w) for w in _WORD.findall(phrase)), False
    if word is None:
        return None
    if word.endswith("*"):
        return (_fold(word.rstrip("*")),), True
    return tuple(_fold(w) for w in _WORD.findall(word)), False


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


# Where a search looks: the shown study set, the sets of its course(s), or every set not in
# the Trash.
SCOPE_SET, SCOPE_COURSE, SCOPE_LIBRARY = "set", "course", "library"
SCOPES = (SCOPE_SET, SCOPE_COURSE, SCOPE_LIBRARY)

# How each scope limits the FTS rows (the study set is the rowid's high bits, see migration
# 0002). One set is a rowid range, which FTS5 applies inside the index; the others filter on
# the rowid alone, which FTS5 has without reading a row.
_SCOPE_FILTERS = {
    SCOPE_SET: "rowid BETWEEN :first AND :last",
    SCOPE_COURSE: "(rowid >> 40) IN (SELECT value FROM json_each(:sets))",
    SCOPE_LIBRARY: "(rowid >> 40) NOT IN (SELECT id FROM study_sets WHERE deleted_at IS NOT NULL)",
}

# Rank and cut in the FTS table first, then join only the rows that are kept: joining
# before ORDER BY ... LIMIT would look up every match of a common word. Only the kept rows'
# texts are read (from their own tables, the same texts the triggers index), and only their
# first SNIPPET_SCAN_CHARS (+1, to tell a cut text) characters are handed to Python.
_SEARCH_SQL = """
WITH top AS (
    SELECT rowid AS row, kind, ref_id, bm25(search_index, 1.0, 2.0) AS score
    FROM search_index
    WHERE search_index MATCH :query AND {scope}
    ORDER BY score
    LIMIT :limit
)
SELECT top.kind, top.ref_id, substr(coalesce(p.text, n.body, q.question, d.body), 1, :scan),
       coalesce(pa.educator_handle, na.educator_handle, nsa.educator_handle),
       coalesce(p.number, np.number),
       top.row >> 40
FROM top
LEFT JOIN passages p ON top.kind = 'passage' AND p.id = top.ref_id
LEFT JOIN answers pa ON pa.id = p.answer_id
LEFT JOIN notes n ON top.kind = 'note' AND n.id = top.ref_id
LEFT JOIN passages np ON np.id = n.passage_id
LEFT JOIN answers na ON na.id = np.answer_id
LEFT JOIN answers nsa ON nsa.id = n.answer_id
LEFT JOIN answer_drafts d ON top.kind = 'draft' AND d.study_set_id = top.ref_id
LEFT JOIN study_sets q ON top.kind = 'question' AND q.id = top.ref_id
ORDER BY top.score
"""

# The kept hits' set titles, asked for apart: joined into the query above, the study_sets
# row of every hit made a library-wide search 2.5x slower than the bare FTS5 query.
_TITLES_SQL = "SELECT id, coalesce(display_title, title) FROM study_sets WHERE id IN ({marks})"

# The sets sharing a course with the given one (a course includes those nested in it), not in
# the Trash, and the set itself.
_COURSE_SETS_SQL = """
SELECT DISTINCT member.study_set_id
FROM study_set_courses mine
JOIN courses own ON own.id = mine.course_id
JOIN courses inner_course
  ON inner_course.name = own.name
  OR substr(inner_course.name, 1, length(own.name) + 2) = own.name || '::'
JOIN study_set_courses member ON member.course_id = inner_course.id
JOIN study_sets s ON s.id = member.study_set_id AND s.deleted_at IS NULL
WHERE mine.study_set_id = ?
"""


def course_study_set_ids(connection: sqlite3.Connection, study_set_id: int) -> list[int]:
    """The study sets an "Its course(s)" search looks in: ``study_set_id`` first, then every
    set in its courses or in courses nested in them (none in the Trash)."""
    others = [
        int(row[0])
        for row in connection.execute(_COURSE_SETS_SQL, (study_set_id,))
        if row[0] != study_set_id
    ]
    return [study_set_id, *sorted(others)]


def courses_of(connection: sqlite3.Connection, study_set_id: int) -> list[str]:
    """The courses a study set is in, by name (what "Its course" names)."""
    return [
        str(row[0])
        for row in connection.execute(
            "SELECT c.name FROM study_set_courses sc JOIN courses c ON c.id = sc.course_id "
            "WHERE sc.study_set_id = ? ORDER BY c.name",
            (study_set_id,),
        )
    ]


def _place(kind: str, handle: str | None, number: int | None) -> str:
    where = place_in_answer(handle, number)
    if kind == "note":
        return f"Note on {where}" if where else "Note"
    if kind == "question":
        return "Question"
    if kind == "draft":
        return "My answer"
    return where or "Answer"


def search(
    connection: sqlite3.Connection,
    study_set_id: int,
    text: str,
    limit: int = MAX_RESULTS,
    scope: str = SCOPE_SET,
) -> SearchOutcome:
    """Ranked hits (best first) in one study set, the sets of its course(s) or the whole
    library (``scope``); no hits for a query that asks for nothing."""
    query = parse_query(text)
    expression = query.to_fts()
    if expression is None:
        return SearchOutcome([], query)
    if scope not in _SCOPE_FILTERS:
        raise ValueError(f"unknown search scope {scope!r}")
    first_rowid = study_set_id * STUDY_SET_ROWIDS
    parameters: dict[str, object] = {
        "query": expression,
        "first": first_rowid,
        "last": first_rowid + STUDY_SET_ROWIDS - 1,
        "limit": limit,
        "scan": SNIPPET_SCAN_CHARS + 1,
    }
    sql = _SEARCH_SQL.format(scope=_SCOPE_FILTERS[scope])
    try:
        if scope == SCOPE_COURSE:
            parameters["sets"] = json.dumps(course_study_set_ids(connection, study_set_id))
        rows = connection.execute(sql, parameters).fetchall()
        set_ids = sorted({row[5] for row in rows})
        titles: dict[int, str] = dict(
            connection.execute(_TITLES_SQL.format(marks=",".join("?" * len(set_ids))), set_ids)
        )
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise SearchInterrupted from exc
        # Every term is quoted, so this should not happen; if FTS5 still refuses the
        # expression, the honest answer is "nothing found", never a crash.
        return SearchOutcome([], query)
    matcher = _matcher(tuple(query.marked))
    return SearchOutcome(
        [
            SearchHit(
                kind,
                ref_id,
                _snippet(text or "", matcher, SNIPPET_TOKENS, markdown=kind in ("note", "draft")),
                _place(kind, handle, number),
                handle,
                number,
                set_id,
                titles.get(set_id) or "",
            )
            for kind, ref_id, text, handle, number, set_id in rows
        ],
        query,
    )


def first_match(text: str, query_text: str) -> tuple[int, int] | None:
    """Where in ``text`` (as typed, e.g. a draft's Markdown) the query first matches, as
    (start, end) character offsets; None when no word or phrase of it is in the text."""
    matcher = _matcher(tuple(parse_query(query_text).marked))
    found = matcher.search(_fold_text(text)) if matcher is not None else None
    return None if found is None else (found.start(), found.end())


def make_snippet(text: str, patterns: list[Pattern], tokens: int = SNIPPET_TOKENS) -> str:
    """About ``tokens`` words of ``text`` from a little before its first match of
    ``patterns``, each match between HIT_START and HIT_END, with "…" where the text goes on.
    Only the first SNIPPET_SCAN_CHARS characters are looked at (a longer text counts as going
    on), and matches are found by one regular expression over a folded copy, so the work is
    bounded whatever the text's length or the number of its matches."""
    return _snippet(text, _matcher(tuple(patterns)), tokens)


def _snippet(
    text: str, matcher: re.Pattern[str] | None, tokens: int, *, markdown: bool = False
) -> str:
    cut = len(text) > SNIPPET_SCAN_CHARS
    if cut:
        if _WORD.match(text, SNIPPET_SCAN_CHARS) and _WORD.match(text, SNIPPET_SCAN_CHARS - 1):
            # A word cut in two by the scan's end is not a word of the text.
            partial = re.search(r"[^\W_]+$", text[:SNIPPET_SCAN_CHARS])
            text = text[: partial.start() if partial else SNIPPET_SCAN_CHARS]
        else:
            text = text[:SNIPPET_SCAN_CHARS]
    if markdown:
        text = reading_text(text)
    folded = _fold_text(text)
    first = matcher.search(folded) if matcher is not None else None
    lead = tokens // 4 if first is not None else 0
    anchor = first.start() if first is not None else 0
    before = list(_WORD.finditer(text, max(0, anchor - 40 * (lead + 1)), anchor))[-lead:]
    begin = before[0].start() if lead and before else anchor
    after = list(islice(_WORD.finditer(text, anchor), tokens - len(before) if lead else tokens))
    if not after:
        return text.strip()[:200] + (ELLIPSIS if cut else "")
    end = after[-1].end()
    opens = _WORD.search(text, 0, begin) is not None
    if not opens:
        begin = 0
    goes_on = cut or _WORD.search(text, end) is not None
    if not goes_on:
        end = len(text)
    pieces = [ELLIPSIS] if opens else []
    position = begin
    if matcher is not None:
        for match in matcher.finditer(folded, begin, end):
            pieces += [text[position : match.start()], HIT_START, text[match.start() : match.end()]]
            pieces.append(HIT_END)
            position = match.end()
    pieces.append(text[position:end])
    if goes_on:
        pieces.append(ELLIPSIS)
    return "".join(pieces)


# --- a note's Markdown as it reads, for its snippet --------------------------------------------

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<])")
_PROTECT_BASE = 0xF0000  # escaped characters hide in the private use plane while marks go
_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_LINE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)?")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_REFERENCE_LINK = re.compile(r"!?\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_EMPHASIS = re.compile(  # an opening or closing run, never one inside a word (snake_case)
    r"(?<![^\W_])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![^\W_])"
)
_BACKTICKS = re.compile(r"`+")


def reading_text(markdown: str) -> str:
    """``markdown`` as it reads when shown: no heading, quote or list marks, no emphasis or
    code marks, links as their words; a mark written escaped (``\\*``) stays as the
    character."""
    text = _ESCAPED.sub(lambda m: chr(_PROTECT_BASE + ord(m.group(1))), markdown)
    text = _FENCE.sub("", text)
    text = _RULE.sub("", text)
    text = "\n".join(_LINE_MARKS.sub("", line, count=1) for line in text.split("\n"))
    text = _CLOSING_HASHES.sub("", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _BACKTICKS.sub("", text)
    return re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PROTECT_BASE), text)


@lru_cache(maxsize=64)
def _matcher(patterns: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    """One expression finding every pattern in a folded text, as whole words: a phrase's
    words with anything but letters and digits between them, a prefix's word continued."""
    parts = sorted(
        (
            r"[\W_]+".join(re.escape(word) for word in words) + (r"[^\W_]*" if prefix else "")
            for words, prefix in patterns
            if words and all(words)
        ),
        key=len,
        reverse=True,  # the longest first, so a phrase is marked whole
    )
    if not parts:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])")


def _fold_text(text: str) -> str:
    """``text`` folded as _fold folds a word, one character for one, so offsets still hold."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) == len(text):
        return _NON_ASCII.sub(lambda match: _fold_character(match.group()), lowered)
    return "".join(_fold_character(character) for character in text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_character(character: str) -> str:
    folded = _fold(character)
    if len(folded) == 1:
        return folded
    lowered = character.lower()
    return lowered if len(lowered) == 1 else character


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection for searching only, e.g. from a worker thread (a sqlite3 connection is
    used by the thread that opened it)."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    connection.execute("PRAGMA query_only = ON")
    return connection
