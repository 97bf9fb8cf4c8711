"""What counts as typing: the keys a student writing words presses.

On the board these never change the plan: they search the bank or write a
factor's reason (board.py). Shortcuts that change the plan use keys a typist
does not hit while writing (ctrl, alt, Delete, Enter).
"""

from __future__ import annotations

from textual import events


def typed(event: events.Key) -> str | None:
    """The character a key types (letters, digits, space, punctuation), or None for a command key."""
    if not event.is_printable or event.key.startswith(("alt+", "ctrl+", "super+", "meta+")):
        return None
    return event.character
