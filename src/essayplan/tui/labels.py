"""Names of factors, paragraphs and cards as the screen shows them, and short labels.

The names come from the core (`essayplan.names`, one fallback for a missing id),
cleaned for the screen: views call these, never the app.
"""

from __future__ import annotations

from rich.text import Span, Text

from essayplan import names
from essayplan.model import Pack, Plan
from essayplan.names import short  # noqa: F401  (in the core: paragraph labels are cut the same way)
from essayplan.tui.text import clean

ADD_OWN_EVIDENCE = "+ Add own evidence (a fact you know: Enter)"


def add_evidence(key: str = "ctrl+n") -> str:
    """The '+ Add evidence…' line, naming the key that opens the picker where the student is."""
    return f"+ Add evidence… (Enter or {key})"


def factor_title(pack: Pack, factor_id: str, plan: Plan | None = None) -> str:
    """The factor's title; with the plan, the student's own factors are named too."""
    return clean(names.factor_title(pack, factor_id, plan))


def paragraph_label(plan: Plan, pack: Pack, factor_id: str, width: int = 28) -> str:
    """'¶2 Weakness of the opposition': a paragraph by essay order and factor (its title cut to `width`)."""
    return clean(names.paragraph_label(plan, pack, factor_id, width))


def card_text(pack: Pack, evidence_id: str) -> str:
    return clean(names.card_text(pack, evidence_id))


def card_line(pack: Pack, evidence_id: str) -> Text:
    """'• 1924 Lenin's testament…': a card on one line, its date in bold."""
    card = pack.evidence(evidence_id)
    if card is None or not card.date:
        return Text("• " + card_text(pack, evidence_id))
    date = clean(card.date)
    # One Text with its span, as appending would make it: a ladder may show thousands of these.
    return Text(f"• {date} {clean(card.text)}", spans=[Span(2, 3 + len(date), "bold")])


def squeeze(where: str, room: int) -> str:
    """A place's words cut in the middle, never at the end where the position is:
    'into ¶2 Weakness of…, as card 1'."""
    if len(where) <= room:
        return where
    head, comma, tail = where.rpartition(",")
    if comma and len(tail) + 8 <= room:
        return short(head, room - len(tail) - 1) + comma + tail
    return short(where, room)


def drag_hint(label: str, where: str, keys: tuple[str, str], width: int) -> tuple[str, str, str]:
    """(label, where, keys) for the drag's status line, fitted to `width` columns: the keys
    shortened first, then the names; the place's position is never cut."""
    label, (full, compact) = short(label, 30), keys
    fixed = len("Moving ") + len(" → ") + len("   ")

    def over(label: str, where: str, keys: str) -> int:
        return fixed + len(label) + len(where) + len(keys) - width

    keys = full if over(label, where, full) <= 0 else compact
    excess = over(label, where, keys)
    if excess > 0:
        label = short(label, max(12, len(label) - excess))
    excess = over(label, where, keys)
    if excess > 0:
        where = squeeze(where, max(16, len(where) - excess))
    return label, where, keys
