"""`essayplan check`'s warning about control characters in a pack's or plan's texts.

TOML cannot hold most control characters raw, but its escapes (\\u001b, \\b, \\f…) can,
and C1 controls and bidi overrides may sit in the file as they are. The app shows each
as � (safetext.clean); this says where they are, so a teacher can see and fix them.
"""

from __future__ import annotations

import re
from pathlib import Path

from essayplan import tomlread
from essayplan.safetext import REPLACEMENT, control_positions, has_controls

MAX_WARNINGS = 20  # a file full of escapes gets a count, not a screenful
_MAX_BYTES = 20 * 1024 * 1024  # past this the reading itself refuses the file
# TOML 1.1 (which tomli reads) adds \xHH and \e to 1.0's \uHHHH, \UHHHHHHHH and \b, \f.
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))")
_SHORT = {"b": "\b", "f": "\f", "e": "\x1b"}
_LINE_BREAKS = "\n\t\r"  # kept (or made spaces) where shown, not �


def control_warnings(path: Path) -> list[str]:
    """'PATH:LINE:COL: warning: control character U+001B …' for each control character in a
    text of a TOML file; [] when there is none (or the file cannot be read: check says why)."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return []
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    except OSError:
        return []
    found = control_positions(text)  # raw in the file: C1 controls, bidi overrides
    for number, line in enumerate(text.split("\n"), 1):
        for match in _ESCAPE.finditer(line):
            char = _escaped(*match.groups())
            if char and char not in _LINE_BREAKS and has_controls(char):
                found.append((number, match.start() + 1, f"U+{ord(char):04X}"))
    if not found:
        return []  # nearly every file: no need to parse it a second time (check already has)
    try:
        data = tomlread.loads(text)
    except (ValueError, RecursionError):
        return []
    if not any(has_controls(s) for s in _strings(data)):
        return []  # what looks like an escape is in a comment or a literal string: nothing shown
    found.sort()
    lines = [
        f"{path}:{line}:{column}: warning: control character {name} in a text; it will be shown as {REPLACEMENT}"
        for line, column, name in found[:MAX_WARNINGS]
    ]
    if len(found) > MAX_WARNINGS:
        lines.append(f"{path}: warning: {len(found) - MAX_WARNINGS} more control characters not listed")
    return lines


def _escaped(code: str | None, long: str | None, byte: str | None, short: str | None) -> str:
    """The character a TOML escape stands for ("" when it is none we warn about)."""
    number = int(code or long or byte, 16) if code or long or byte else None
    if number is not None:
        return chr(number) if number <= 0x10FFFF else ""
    return _SHORT.get(short or "", "")


def _strings(data: object):
    """Every string in parsed TOML, keys too, without recursion (nesting may be deep)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
