"""The one door for untrusted text: what reaches a screen or a terminal is shown literally.

Packs, plans, cards, templates and file names come from other people. Markup is the
TUI's concern (it wraps `clean` in a `Content`, never parsing markup); here we make sure
no control character (C0, DEL, C1: ESC above all) reaches the terminal. No Textual here.
"""

from __future__ import annotations

from essayplan.lazyre import Lazy

# C0 controls, DEL and C1 controls, plus the bidi overrides that can reorder what is shown, and
# lone surrogates: a file name's undecodable byte, which print() would write back raw (0x9b is CSI).
_CONTROLS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ANY_CONTROL = Lazy(f"[{_CONTROLS}]")
_CONTROL_KEEP_LINES = Lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # not \t, \n

REPLACEMENT = "\ufffd"  # shows where something was taken out, as a browser does


def clean(text: object, multiline: bool = False) -> str:
    """`text` with every control character replaced by U+FFFD.

    Single-line (the default): newlines and tabs become spaces, so a title never
    breaks a one-line widget. Multi-line: newline and tab are kept; CR is dropped.
    """
    text = str(text)
    if text.isprintable():
        return text  # nearly every text: no control, format or surrogate character, no line break or tab
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL_KEEP_LINES.sub(REPLACEMENT, text)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _ANY_CONTROL.sub(REPLACEMENT, text)


def has_controls(text: str, multiline: bool = True) -> bool:
    """True when `clean` would change something other than line breaks."""
    pattern = _CONTROL_KEEP_LINES if multiline else _ANY_CONTROL
    return pattern.search(text.replace("\r\n", "\n")) is not None


def control_positions(text: str) -> list[tuple[int, int, str]]:
    """(line, column, name) of each control character, 1-based, ignoring newline and tab."""
    found = []
    for match in _CONTROL_KEEP_LINES.finditer(text):  # the regex walks the text, not a Python loop
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        found.append((text.count("\n", 0, start) + 1, start - line_start + 1, f"U+{ord(match[0]):04X}"))
    return found
