"""Reading TOML files people write by hand, and checking their shape.

Every problem is collected, not just the first, so a teacher fixes a pack in
one pass: `PATH:LINE:COL: message` for syntax, `PATH: a[2].b: message` for shape.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from essayplan import tomlread
from essayplan.errors import UserError
from essayplan.lazyre import Lazy

_AT = Lazy(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_ID = Lazy(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Read and parse a TOML file, turning every way it can fail into one UserError line."""
    from essayplan.reading import read_bytes

    path = Path(path)
    return parse_toml(read_bytes(path, f"{what} file"), path)


def parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse a TOML file's bytes; UserError names the file, line and column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise UserError(f"{path}:{line}:{column}: not UTF-8 text (save the file as UTF-8)") from None
    text = text.removeprefix("\ufeff")
    try:
        data = tomlread.loads(text)
    except tomlread.TOMLDecodeError as error:
        raise UserError(_syntax_line(path, str(error), text)) from None
    except RecursionError:
        raise UserError(_too_deep(path)) from None
    except ValueError:
        # Not a TOMLDecodeError: Python refuses to read an integer of more than 4300 digits.
        raise UserError(f"{path}: a number is too long (more than {MAX_DIGITS} digits)") from None
    if not plain_data(data, strict=False):
        raise UserError(_too_deep(path))
    return data


MAX_DEPTH = 32  # a pack is 5 deep (factors, a factor, evidence, a card, a value)
MAX_DIGITS = 4300  # Python's own limit on reading an integer
_VALUE_TYPES = frozenset((bool, int, float, datetime, date, time))
_INT_RANGE = range(-(2**63), 2**63)  # TOML's integers are 64-bit


def _too_deep(path: Path) -> str:
    return f"{path}: nested too deeply (more than {MAX_DEPTH} levels)"


def plain_data(data: Any, *, strict: bool = True) -> bool:
    """True when TOML data nests at most MAX_DEPTH deep.

    `strict` also checks what the parser guarantees and a stored copy might not:
    a table at the top, text keys, only TOML's kinds of value, 64-bit integers.
    Iterative, so no data can exhaust the stack.
    """
    if type(data) is not dict:
        return False
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if type(node) is dict:
            if strict and not all(type(key) is str for key in node):
                return False
            values = node.values()
        else:
            values = node
        for value in values:
            kind = type(value)
            if kind is str:  # most values: keep the walk cheap
                continue
            if kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif strict and (kind not in _VALUE_TYPES or (kind is int and value not in _INT_RANGE)):
                return False
            elif isinstance(value, (dict, list)):  # a subclass, from a parser: walk it all the same
                stack.append((value, depth + 1))
    return True


# The parser's wording (tomli's, as tomllib's) is for programmers; a teacher editing a pack by hand
# needs to know what to change. Unlisted messages pass through as they are.
_PLAIN = (
    ("Illegal character '\\n'", 'the text is not closed before the end of the line (close the quote, or use """…""" for text over several lines)'),
    ("Unterminated string", 'the text is not closed (a closing quote is missing)'),
    ("Expected \"'\"", "the text is not closed (a closing ' is missing)"),
    ("Invalid value", 'not a value: put text in double quotes ("…"); numbers, true/false, dates and [lists] need none'),
    ("Cannot overwrite a value", "this field is already set above (each field appears once in a table)"),
    ("Cannot declare", "this [table] is already declared above"),
    ("Expected newline or end of document after a statement", "unexpected text after the value (one field per line; a ' inside '…' ends the text: use \"…\" instead)"),
    ("Expected '=' after a key in a key/value pair", "expected '=' after the field name (a name with spaces needs quotes)"),
    ("Unclosed array", "the [list] is not closed (a ',' or ']' is missing)"),
    ("Unescaped '\\' in a string", "a backslash in \"…\" must be doubled (\\\\), or use '…' for text with backslashes"),
    ("Invalid hex value", "a backslash in \"…\" must be doubled (\\\\), or use '…' for text with backslashes"),
    ("Expected ']]' at the end of an array declaration", "expected ']]' to close the [[table]] header"),
    ("Expected ']' at the end of a table declaration", "expected ']' to close the [table] header"),
)


# At the end of the file the cause is an opening never closed, further up.
_PLAIN_AT_END = (
    ("Invalid value", "the file ends where a value was expected (a closing ']' or '}' may be missing)"),
    ("Unterminated string", "the file ends inside a text (a closing quote is missing)"),
    ("Expected \"'\"", "the file ends inside a text (a closing ' is missing)"),
)


def _plain(message: str) -> str:
    for start, plain in _PLAIN:
        if message.startswith(start):
            return plain
    return message[:1].lower() + message[1:]


def _plain_at_end(message: str) -> str:
    for start, plain in _PLAIN_AT_END:
        if message.startswith(start):
            return plain
    return f"{_plain(message)} (at the end of the file)"


def _syntax_line(path: Path, message: str, text: str) -> str:
    match = _AT.match(message)
    if match:
        return f"{path}:{match['line']}:{match['col']}: {_plain(match['msg'])}"
    if message.endswith("(at end of document)"):
        # Only "\n" ends a TOML line (splitlines would also split on U+2028 and others).
        lines = text.removesuffix("\n").split("\n")
        message = message.removesuffix(" (at end of document)")
        plain = _plain_at_end(message)
        return f"{path}:{len(lines)}:{len(lines[-1]) + 1}: {plain}"
    return f"{path}: {_plain(message)}"


class Checker:
    """Collects shape problems while reading a parsed TOML document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}")

    def raise_if_any(self) -> None:
        if self.problems:
            raise UserError(*self.problems)

    def unknown(self, table: dict, where: str, known: tuple[str, ...]) -> None:
        for key in table:
            if key not in known:
                import difflib  # only for a mistake: keeps every command's start-up light

                close = difflib.get_close_matches(key, known, n=1)
                if close:
                    self.problem(_join(where, key), f"unknown field (did you mean {close[0]}?)")
                else:
                    self.problem(_join(where, key), f"unknown field (expected one of: {', '.join(known)})")

    def text(self, table: dict, where: str, key: str, *, required: bool = False, nonempty: bool = False) -> str:
        value = table.get(key)
        if type(value) is str and (not nonempty or value.strip()):
            return value  # the usual case, without making the field's path (a plan may have 20,000 fields)
        at = _join(where, key)
        if key not in table:
            if required:
                self.problem(at, "missing (expected a string)")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(at, f"expected a string, found {_kind(value)}")
            return ""
        if nonempty and not value.strip():
            self.problem(at, "must not be empty")
        return value

    def ident(self, table: dict, where: str, key: str = "id") -> str:
        value = self.text(table, where, key, required=True)
        problem = id_problem(value) if value else None
        if problem:
            self.problem(_join(where, key), problem)
        return value

    def date(self, table: dict, where: str, key: str) -> str:
        """A card's date: a string, or for convenience a bare year (1924) or a TOML date (1924-01-21)."""
        value = table.get(key, "")
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        return self.text(table, where, key)

    def strings(self, table: dict, where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if type(value) is list and all(type(item) is str for item in value):
            return tuple(value)  # the usual case, as text() above
        at = _join(where, key)
        if not isinstance(value, list):
            self.problem(at, f"expected a list of strings, found {_kind(value)}")
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                out.append(item)
            else:
                self.problem(f"{at}[{index}]", f"expected a string, found {_kind(item)}")
        return tuple(out)

    def tables(self, table: dict, where: str, key: str, *, required: bool = False) -> list[tuple[str, dict]]:
        """An array of tables, as (path, table) pairs; bad items are reported and skipped."""
        at = _join(where, key)
        if key not in table:
            if required:
                header = re.sub(r"\[\d+\]", "", at)  # factors[0].evidence -> [[factors.evidence]]
                self.problem(at, f"missing (expected at least one [[{header}]] table)")
            return []
        value = table[key]
        if not isinstance(value, list):
            self.problem(at, f"expected an array of tables ([[{at}]]), found {_kind(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{at}[{index}]", item))
            else:
                self.problem(f"{at}[{index}]", f"expected a table, found {_kind(item)}")
        return out

    def schema(self, table: dict, expected: int) -> None:
        if "schema" not in table:
            self.problem("schema", f"missing (expected schema = {expected})")
            return
        value = table["schema"]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem("schema", f"expected schema = {expected}, found {_kind(value)}")
        elif value != expected:
            self.problem("schema", f"unknown schema {value} (this version of essayplan reads schema = {expected})")

    def datetime(self, table: dict, key: str) -> datetime | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, datetime):
            self.problem(key, f"expected a date and time like 2026-11-26T10:00:00Z, found {_kind(value)}")
            return None
        if not _exportable(value):
            # 9999-12-31T23:00-14:00 passed here once, and crashed export with OverflowError.
            self.problem(key, f"{value.isoformat()} is out of range (expected a date and time from year {FIRST_YEAR} to {LAST_YEAR}, in UTC)")
            return None
        return value


MAX_ID = 64
# Export works in UTC and writes four-digit years (Word's W3CDTF dates); a year's
# margin at the end leaves room for showing the time in any local zone.
FIRST_YEAR, LAST_YEAR = 1000, 9998


def id_problem(value: str) -> str | None:
    """Why a text is not an id, or None. Ids name files and never walk folders: no '/', '\\' or leading '.'."""
    if len(value) > MAX_ID:
        return f"{value[:20]!r}… is too long for an id ({len(value)} characters; at most {MAX_ID})"
    if not _ID.fullmatch(value):  # fullmatch: `$` alone would let a final newline through
        return f"{value!r} is not a valid id (use letters, digits, '-', '_' or '.', no spaces)"
    return None


def _exportable(value: datetime) -> bool:
    try:
        moment = value.astimezone(timezone.utc) if value.tzinfo is not None else value
    except (OverflowError, ValueError):
        return False
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date without a time"
    if isinstance(value, time):
        return "a time without a date"
    return type(value).__name__
