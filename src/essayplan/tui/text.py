"""The TUI's door for untrusted text: pack, plan, card, template and file-name strings.

`literal` gives a Textual `Content`, which is never parsed as markup, made from
`safetext.clean`, so no control character reaches the terminal. Wherever Textual
would parse a plain `str` as markup (Static, Label, Button, Option, border titles,
tooltips, the ghost) pass `literal(text)`; inside a Rich `Text` (which never parses
markup) `clean(text)` is enough. Our own constant strings may keep their markup.
"""

from __future__ import annotations

from textual.content import Content

from essayplan.safetext import clean

__all__ = ["clean", "literal"]


def literal(text: object, multiline: bool = False) -> Content:
    """`text` shown exactly as written: markup not interpreted, control characters shown as �."""
    return Content(clean(text, multiline))
