"""Names: what the student sees for a factor, a paragraph or a card, found by id.

A plan may name an id its pack no longer has (reconcile keeps them, so no text is
lost). The app, the export, the advice and undo's messages all name such an id the
same way, through this module: "lost-factor (not in the pack)".
"""

from __future__ import annotations

from dataclasses import replace

from essayplan.model import Evidence, Factor, OwnFactor, Pack, Plan

MISSING = "(not in the pack)"


def own_factors(plan: Plan, pack: Pack) -> tuple[Factor, ...]:
    """The plan's own factors as factors without cards; one whose id the pack has is the pack's."""
    taken = {f.id for f in pack.factors}
    return tuple(Factor(own.id, own.title) for own in plan.own_factors if own.id not in taken)


def plan_factors(plan: Plan, pack: Pack) -> tuple[Factor, ...]:
    """Every factor a plan can use: the pack's, then the student's own."""
    return pack.factors + own_factors(plan, pack)


def with_own_factors(plan: Plan, pack: Pack) -> Pack:
    """The pack as this plan sees it, its own factors added at the end (the file is not touched).

    The one way the advice, the export and undo's messages see own factors: code that
    walks `pack.factors` or looks a factor up by id then treats them like the pack's.
    Never save the result as a pack.
    """
    extra = own_factors(plan, pack)
    return replace(pack, factors=pack.factors + extra) if extra else pack


def missing(ident: str) -> str:
    """How an id the pack does not have is shown."""
    return f"{ident} {MISSING}"


def factor(pack: Pack, factor_id: str, plan: Plan | None = None) -> Factor:
    """The pack's factor, else the plan's own factor of that id, or a stand-in named after the
    id for one neither has (the id stays a keyword: a text that names it still mentions it)."""
    found = _known(pack, factor_id, plan)
    if isinstance(found, OwnFactor):
        return Factor(found.id, found.title)
    return found or Factor(factor_id, missing(factor_id), keywords=(factor_id,))


def _known(pack: Pack, factor_id: str, plan: Plan | None) -> Factor | OwnFactor | None:
    found = pack.factor(factor_id)
    return plan.own_factor(factor_id) if found is None and plan is not None else found


def card(pack: Pack, evidence_id: str) -> Evidence:
    """The pack's card, or a stand-in whose text is the id, marked missing."""
    return pack.evidence(evidence_id) or Evidence(evidence_id, missing(evidence_id))


# The names alone, without making a stand-in: a ladder may name thousands of missing ids.
def factor_title(pack: Pack, factor_id: str, plan: Plan | None = None) -> str:
    found = _known(pack, factor_id, plan)
    return found.title if found is not None else missing(factor_id)


def card_text(pack: Pack, evidence_id: str) -> str:
    found = pack.evidence(evidence_id)
    return found.text if found is not None else missing(evidence_id)


def short(text: str, width: int = 60) -> str:
    """The text on one line, cut at `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def paragraph_label(plan: Plan, pack: Pack, factor_id: str, width: int = 28) -> str:
    """'¶2 Weakness of the opposition': a paragraph by essay order and factor, its title cut to `width`."""
    number = next((i for i, p in enumerate(plan.paragraphs, 1) if p.factor == factor_id), None)
    prefix = f"¶{number} " if number else ""
    return prefix + short(factor_title(pack, factor_id, plan), width)
