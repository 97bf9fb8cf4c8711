"""What a student is told when their plan names factors or cards its pack no longer has.

One message however many there are: a plan naming 3,000 lost factors once showed 9,000
notifications, one per note, and took a minute to show its first frame.
"""

from __future__ import annotations

from essayplan.model import Pack, Plan
from essayplan.names import with_own_factors

SHOWN = 3  # notes quoted as they are; `essayplan check PLAN` lists every one


def count(number: int, noun: str) -> str:
    """'1 factor', '3,000 factors'."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def pack_change_message(notes: list[str], plan: Plan, pack: Pack) -> str | None:
    """The reconcile notes (ops.reconcile) as one message; None when there are none."""
    if not notes:
        return None
    known = with_own_factors(plan, pack)
    named = dict.fromkeys([r.factor for r in plan.ranking] + [p.factor for p in plan.paragraphs])
    lost_factors = sum(1 for factor in named if known.factor(factor) is None)
    lost_cards = len({card for p in plan.paragraphs for card in p.evidence if pack.evidence(card) is None})
    lines = []
    lost = [count(n, noun) for n, noun in ((lost_factors, "factor"), (lost_cards, "card")) if n]
    if lost:
        lines.append(f"This plan names {' and '.join(lost)} that pack {pack.id!r} does not have: kept, with their text.")
    lines += notes[:SHOWN]
    if len(notes) > SHOWN:
        lines.append(f"… and {count(len(notes) - SHOWN, 'more note')} (essayplan check lists them all).")
    return "\n".join(lines)
