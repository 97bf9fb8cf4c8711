"""Names of factors, paragraphs and cards as the screen shows them, and short labels.

The names come from the core (`essayplan.names`, one fallback for a missing id),
cleaned for the screen: views call these, never the app.
"""

from __future__ import annotations

from rich.text import Text

from essayplan import names
from essayplan.model import Pack, Plan
from essayplan.names import short  # noqa: F401  (in the core: paragraph labels are cut the same way)
from essayplan.tui.text import clean


def factor_title(pack: Pack, factor_id: str, plan: Plan | None = None) -> str:
    """The factor's title; with the plan, the student's own factors are named too."""
    return clean(names.factor_title(pack, factor_id, plan))


def paragraph_label(plan: Plan, pack: Pack, factor_id: str) -> str:
    """'¶2 Weakness of the opposition': a paragraph by essay order and factor."""
    return clean(names.paragraph_label(plan, pack, factor_id))


def card_text(pack: Pack, evidence_id: str) -> str:
    return clean(names.card_text(pack, evidence_id))


def card_line(pack: Pack, evidence_id: str) -> Text:
    """'• 1924 Lenin's testament…': a card on one line, its date in bold."""
    card = names.card(pack, evidence_id)
    line = Text("• ")
    if card.date:
        line.append(f"{clean(card.date)} ", style="bold")
    line.append(clean(card.text))
    return line
