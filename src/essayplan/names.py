"""Names: what the student sees for a factor, a paragraph or a card, found by id.

A plan may name an id its pack no longer has (reconcile keeps them, so no text is
lost). The app, the export, the advice and undo's messages all name such an id the
same way, through this module: "lost-factor (not in the pack)".
"""

from __future__ import annotations

from essayplan.model import Evidence, Factor, Pack, Plan

MISSING = "(not in the pack)"


def missing(ident: str) -> str:
    """How an id the pack does not have is shown."""
    return f"{ident} {MISSING}"


def factor(pack: Pack, factor_id: str) -> Factor:
    """The pack's factor, or a stand-in named after the id for one the pack no longer has
    (the id stays a keyword: a text that names it still mentions the factor)."""
    return pack.factor(factor_id) or Factor(factor_id, missing(factor_id), keywords=(factor_id,))


def card(pack: Pack, evidence_id: str) -> Evidence:
    """The pack's card, or a stand-in whose text is the id, marked missing."""
    return pack.evidence(evidence_id) or Evidence(evidence_id, missing(evidence_id))


def factor_title(pack: Pack, factor_id: str) -> str:
    return factor(pack, factor_id).title


def card_text(pack: Pack, evidence_id: str) -> str:
    return card(pack, evidence_id).text


def short(text: str, width: int = 60) -> str:
    """The text on one line, cut at `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def paragraph_label(plan: Plan, pack: Pack, factor_id: str, width: int = 28) -> str:
    """'¶2 Weakness of the opposition': a paragraph by essay order and factor, its title cut to `width`."""
    number = next((i for i, p in enumerate(plan.paragraphs, 1) if p.factor == factor_id), None)
    prefix = f"¶{number} " if number else ""
    return prefix + short(factor_title(pack, factor_id), width)
