"""Drops: what a dragged payload landing on a place does to the plan.

A drag carries a Payload (what moves) to a Place (where it lands). Widgets only
describe payloads and places; a drop is one operation, here, so a cancelled drag
changes nothing and the rules are tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from essayplan import ops
from essayplan.model import Pack, Plan


class Payload(NamedTuple):
    """What is being dragged.

    kind: "card" (from the bank), "attached" (a card in a paragraph, `factor`
    is its paragraph), "factor" (a ranked factor), "paragraph" (essay order).
    """

    kind: str
    label: str
    factor: str | None = None
    evidence: str | None = None


class Place(NamedTuple):
    """Where a payload would land.

    kind: "rank" (position in the ranking), "order" (position in essay order),
    "paragraph" (a factor's paragraph, card `position` or None for the end),
    "bank" (back to the bank: detach).
    """

    kind: str
    hint: str
    factor: str | None = None
    position: int | None = None


def apply_drop(plan: Plan, pack: Pack, payload: Payload, place: Place) -> Plan:
    """The plan after a drop; an impossible one raises ops.OperationError.

    A payload dropped where it cannot land (a factor on a paragraph) changes nothing.
    """
    if place.kind in ("rank", "order"):
        move = ops.move_factor if place.kind == "rank" else ops.move_paragraph
        return move(plan, payload.factor, place.position)
    if place.kind == "bank":
        return ops.detach(plan, payload.factor, payload.evidence)
    if place.kind == "paragraph" and payload.kind == "card":
        return ops.attach(plan, pack, place.factor, payload.evidence, place.position)
    if place.kind == "paragraph" and payload.kind == "attached":
        position = place.position
        if place.factor == payload.factor and position is not None:
            # The place is the card it lands before, counted with the moving card still in
            # the paragraph: once that card is out, a place after it is one earlier.
            paragraph = plan.paragraph(payload.factor)
            if paragraph is not None and payload.evidence in paragraph.evidence:
                position -= 1 if paragraph.evidence.index(payload.evidence) < position else 0
        return ops.transfer_card(plan, pack, payload.factor, place.factor, payload.evidence, position)
    return plan


def start_index(plan: Plan, payload: Payload, places: Sequence[Place]) -> int:
    """Where a keyboard move starts among its places: where the payload already is."""
    for index, place in enumerate(places):
        if payload.factor is not None and place.factor == payload.factor:
            return index
        if payload.kind == "factor" and place.position == (plan.rank_of(payload.factor) or 1) - 1:
            return index
    return 0
