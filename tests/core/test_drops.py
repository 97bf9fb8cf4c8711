"""Drops, without a screen: random plans built with operations, random payloads and places."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan import ops
from essayplan.drops import Payload, Place, apply_drop, start_index
from essayplan.model import Evidence, Factor, Pack, Plan

PACK = Pack(
    "topic",
    "Topic",
    factors=tuple(
        Factor(f, f.title(), evidence=tuple(Evidence(f"{f}{n}", f"Card {f}{n}.") for n in range(3)))
        for f in ("army", "terror", "policies", "opposition")
    ),
)
FACTORS = [f.id for f in PACK.factors]
CARDS = [c.id for f in PACK.factors for c in f.evidence]

steps = st.lists(
    st.one_of(
        st.tuples(st.just("attach"), st.sampled_from(FACTORS), st.sampled_from(CARDS)),
        st.tuples(st.just("detach"), st.sampled_from(FACTORS), st.sampled_from(CARDS)),
        st.tuples(st.just("move_factor"), st.sampled_from(FACTORS), st.integers(0, 3)),
        st.tuples(st.just("move_paragraph"), st.sampled_from(FACTORS), st.integers(0, 3)),
        st.tuples(st.just("set_text"), st.sampled_from(FACTORS), st.sampled_from(["point", "reason"])),
    ),
    max_size=25,
)


@st.composite
def plans(draw) -> Plan:
    plan = ops.new_plan(PACK, "Why?")
    attaching = st.tuples(st.just("attach"), st.sampled_from(FACTORS), st.sampled_from(CARDS))
    for name, factor, arg in draw(st.lists(attaching, max_size=12)) + draw(steps):
        try:
            if name == "attach":
                plan = ops.attach(plan, PACK, factor, arg)
            elif name == "detach":
                plan = ops.detach(plan, factor, arg)
            elif name == "set_text":
                plan = ops.set_text(plan, arg, f"{arg} of {factor}", factor)
            else:
                plan = getattr(ops, name)(plan, factor, arg)
        except ops.OperationError:
            pass
    return plan


def attached(plan: Plan) -> list[tuple[str, str]]:
    return [(p.factor, card) for p in plan.paragraphs for card in p.evidence]


@st.composite
def drops(draw) -> tuple[Plan, Payload, Place]:
    """A plan and a drop the views can make on it: a payload and a place it can land on."""
    plan = draw(plans())
    paragraph = st.sampled_from([p.factor for p in plan.paragraphs])
    kinds = ["factor", "paragraph", "card"] + (["attached"] * 3 if attached(plan) else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "factor":
        payload = Payload("factor", "", factor=draw(st.sampled_from(FACTORS)))
        return plan, payload, Place("rank", "", position=draw(st.integers(0, len(plan.ranking) - 1)))
    if kind == "paragraph":
        payload = Payload("paragraph", "", factor=draw(paragraph))
        return plan, payload, Place("order", "", factor=draw(paragraph), position=draw(st.integers(0, len(plan.paragraphs) - 1)))
    target = draw(paragraph)
    if kind == "card":
        payload = Payload("card", "", evidence=draw(st.sampled_from(CARDS)))
    else:
        owner, card = draw(st.sampled_from(attached(plan)))
        payload = Payload("attached", "", factor=owner, evidence=card)
        where = draw(st.sampled_from(["bank", "its own paragraph", "another"]))
        if where == "bank":
            return plan, payload, Place("bank", "", factor=owner)
        if where == "its own paragraph":
            target = owner
    size = len(plan.paragraph(target).evidence)
    position = draw(st.none() | st.integers(0, size - 1)) if size else None  # before a card, or the end
    return plan, payload, Place("paragraph", "", factor=target, position=position)


def texts(plan: Plan) -> tuple:
    return (
        plan.question,
        sorted((r.factor, r.reason) for r in plan.ranking),
        sorted((p.factor, p.point, p.explain, p.link, p.counter) for p in plan.paragraphs),
    )


def drop(plan: Plan, payload: Payload, place: Place) -> Plan | None:
    """The plan after the drop; None when the card is already in the paragraph it lands on."""
    try:
        return apply_drop(plan, PACK, payload, place)
    except ops.OperationError as error:
        assert "already in the paragraph" in str(error)
        assert (place.factor, payload.evidence) in attached(plan) and place.factor != payload.factor
        return None


@settings(max_examples=300)
@given(drops())
def test_a_drop_keeps_the_plan_whole_and_lands_where_its_place_says(case):
    plan, payload, place = case
    after = drop(plan, payload, place)
    if after is not None:
        assert_whole(plan, after, payload, place)
        assert_landed(plan, after, payload, place)


def assert_whole(plan: Plan, after: Plan, payload: Payload, place: Place) -> None:
    assert sorted(r.factor for r in after.ranking) == sorted(r.factor for r in plan.ranking)
    assert sorted(p.factor for p in after.paragraphs) == sorted(p.factor for p in plan.paragraphs)
    assert all(len(set(p.evidence)) == len(p.evidence) for p in after.paragraphs)  # a card once per paragraph
    assert texts(after) == texts(plan)  # a drop moves things; it never changes what was written
    before_cards, after_cards = Counter(c for _, c in attached(plan)), Counter(c for _, c in attached(after))
    change = {"card": 1, "bank": -1}.get(payload.kind if place.kind == "paragraph" else place.kind, 0)
    if payload.evidence is not None:
        assert after_cards[payload.evidence] - before_cards[payload.evidence] == change
    assert after_cards - Counter({payload.evidence: 1}) <= before_cards  # no other card appears


def assert_landed(plan: Plan, after: Plan, payload: Payload, place: Place) -> None:
    if place.kind == "rank":
        assert after.rank_of(payload.factor) == place.position + 1
    elif place.kind == "order":
        assert [p.factor for p in after.paragraphs].index(payload.factor) == place.position
    elif place.kind == "bank":
        assert payload.evidence not in after.paragraph(payload.factor).evidence
    else:
        cards = after.paragraph(place.factor).evidence
        if place.position is None:
            expected = len(cards) - 1  # the end
        elif payload.factor == place.factor:
            # Before the card at the place: one earlier once the moving card has left from above it.
            current = plan.paragraph(payload.factor).evidence.index(payload.evidence)
            expected = place.position - (1 if current < place.position else 0)
        else:
            expected = place.position
        assert cards.index(payload.evidence) == expected
        if payload.kind == "attached" and payload.factor != place.factor:
            assert payload.evidence not in after.paragraph(payload.factor).evidence


@given(plans(), st.data())
def test_a_drop_on_its_own_place_changes_nothing(plan, data):
    factor = data.draw(st.sampled_from(FACTORS))
    rank = Place("rank", "", position=plan.rank_of(factor) - 1)
    assert apply_drop(plan, PACK, Payload("factor", "", factor=factor), rank) == plan
    number = [p.factor for p in plan.paragraphs].index(factor)
    order = Place("order", "", factor=factor, position=number)
    assert apply_drop(plan, PACK, Payload("paragraph", "", factor=factor), order) == plan
    for owner, card in attached(plan):
        here = Place("paragraph", "", factor=owner, position=plan.paragraph(owner).evidence.index(card))
        assert apply_drop(plan, PACK, Payload("attached", "", factor=owner, evidence=card), here) == plan


@given(plans(), st.sampled_from(FACTORS))
def test_a_payload_that_cannot_land_on_a_place_changes_nothing(plan, factor):
    for kind in ("factor", "paragraph"):
        assert apply_drop(plan, PACK, Payload(kind, "", factor=factor), Place("paragraph", "", factor=factor)) == plan


def test_an_impossible_drop_is_an_operation_error_and_leaves_the_plan():
    plan = ops.attach(ops.new_plan(PACK), PACK, "army", "army0")
    with pytest.raises(ops.OperationError):  # a card that left the paragraph meanwhile
        apply_drop(plan, PACK, Payload("attached", "", "terror", "army0"), Place("paragraph", "", "terror", 0))
    with pytest.raises(ops.OperationError):  # a card the pack does not have
        apply_drop(plan, PACK, Payload("card", "", evidence="nope"), Place("paragraph", "", "army"))


@given(plans(), st.data())
def test_a_keyboard_move_starts_where_the_payload_is(plan, data):
    factor = data.draw(st.sampled_from(FACTORS))
    # The ladder's places: one per ranked factor, a rank for a factor, its paragraph for a card.
    ranks = [Place("rank", "", position=i) for i in range(len(plan.ranking))]
    assert start_index(plan, Payload("factor", "", factor=factor), ranks) == plan.rank_of(factor) - 1
    paragraphs = [Place("paragraph", "", factor=r.factor) for r in plan.ranking]
    for owner, card in attached(plan):
        assert paragraphs[start_index(plan, Payload("attached", "", owner, card), paragraphs)].factor == owner
    assert start_index(plan, Payload("card", "", evidence=CARDS[0]), paragraphs) == 0  # from the bank: the top


def test_a_card_dropped_before_a_later_card_of_its_paragraph_lands_just_before_it():
    plan = ops.new_plan(PACK)
    for card in ("army0", "army1", "army2"):
        plan = ops.attach(plan, PACK, "army", card)
    before_army2 = Place("paragraph", "", factor="army", position=2)
    after = apply_drop(plan, PACK, Payload("attached", "", "army", "army0"), before_army2)
    assert after.paragraph("army").evidence == ("army1", "army0", "army2")
    before_army0 = Place("paragraph", "", factor="army", position=0)
    after = apply_drop(plan, PACK, Payload("attached", "", "army", "army2"), before_army0)
    assert after.paragraph("army").evidence == ("army2", "army0", "army1")
