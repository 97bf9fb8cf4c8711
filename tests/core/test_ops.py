"""Operations: each one, its impossible cases, undo/redo, and random sequences."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan.model import Evidence, Factor, Pack, Paragraph, Plan, Ranked
from essayplan.ops import (
    History,
    OperationError,
    attach,
    detach,
    move_card,
    move_factor,
    move_paragraph,
    new_plan,
    order_paragraphs_by_ranking,
    reconcile,
    set_question,
    set_template,
    set_text,
    transfer_card,
)
from essayplan.plans import dump_plan

PACK = Pack(
    "topic",
    "Topic",
    factors=(
        Factor("policies", "Policies", evidence=(Evidence("sioc", "Socialism in One Country."), Evidence("nep", "NEP."))),
        Factor("opposition", "Opposition", evidence=(Evidence("trotsky", "Trotsky."), Evidence("factions", "Ban."))),
        Factor("position", "Position", evidence=(Evidence("gensec", "General Secretary."),)),
    ),
)
CARDS = [c.id for f in PACK.factors for c in f.evidence]
FACTORS = [f.id for f in PACK.factors]


@pytest.fixture
def plan() -> Plan:
    return new_plan(PACK)


def order(plan: Plan) -> list[str]:
    return [r.factor for r in plan.ranking]


def essay(plan: Plan) -> list[str]:
    return [p.factor for p in plan.paragraphs]


def test_a_new_plan_ranks_every_factor_in_pack_order_with_an_empty_paragraph_each():
    plan = new_plan(PACK, "Why?")
    assert plan.pack == "topic" and plan.question == "Why?"
    assert plan.ranking == tuple(Ranked(f) for f in FACTORS)
    assert plan.paragraphs == tuple(Paragraph(f) for f in FACTORS)
    assert plan.created.tzinfo is not None and plan.modified == plan.created


def test_move_factor(plan):
    assert order(move_factor(plan, "position", 0)) == ["position", "policies", "opposition"]
    assert order(move_factor(plan, "policies", 2)) == ["opposition", "position", "policies"]
    assert move_factor(plan, "opposition", 1) == plan


def test_move_paragraph(plan):
    assert essay(move_paragraph(plan, "position", 0)) == ["position", "policies", "opposition"]


def test_order_paragraphs_by_ranking(plan):
    ranked = move_factor(plan, "position", 0)
    assert essay(order_paragraphs_by_ranking(ranked)) == ["position", "policies", "opposition"]


def test_order_paragraphs_by_ranking_puts_unranked_paragraphs_last():
    plan = Plan("topic", ranking=(Ranked("b"), Ranked("a")), paragraphs=(Paragraph("x"), Paragraph("a"), Paragraph("b")))
    assert essay(order_paragraphs_by_ranking(plan)) == ["b", "a", "x"]


def test_attach_at_the_end_and_at_a_position(plan):
    plan = attach(plan, PACK, "opposition", "trotsky")
    plan = attach(plan, PACK, "opposition", "factions")
    plan = attach(plan, PACK, "opposition", "gensec", 0)
    assert plan.paragraph("opposition").evidence == ("gensec", "trotsky", "factions")
    # A card may serve two paragraphs.
    plan = attach(plan, PACK, "position", "gensec")
    assert plan.uses("gensec") == ("opposition", "position")


def test_detach(plan):
    plan = attach(attach(plan, PACK, "policies", "nep"), PACK, "policies", "sioc")
    assert detach(plan, "policies", "nep").paragraph("policies").evidence == ("sioc",)


def test_move_card(plan):
    for card in ("sioc", "nep", "gensec"):
        plan = attach(plan, PACK, "policies", card)
    assert move_card(plan, "policies", "gensec", 0).paragraph("policies").evidence == ("gensec", "sioc", "nep")


def test_transfer_card(plan):
    plan = attach(attach(plan, PACK, "policies", "nep"), PACK, "opposition", "trotsky")
    moved = transfer_card(plan, PACK, "policies", "opposition", "nep", 0)
    assert moved.paragraph("policies").evidence == ()
    assert moved.paragraph("opposition").evidence == ("nep", "trotsky")
    assert transfer_card(plan, PACK, "policies", "opposition", "nep").paragraph("opposition").evidence == ("trotsky", "nep")


def test_transfer_card_within_one_paragraph_reorders_it(plan):
    plan = attach(attach(plan, PACK, "policies", "nep"), PACK, "policies", "sioc")
    assert transfer_card(plan, PACK, "policies", "policies", "sioc", 0).paragraph("policies").evidence == ("sioc", "nep")
    assert transfer_card(plan, PACK, "policies", "policies", "nep").paragraph("policies").evidence == ("sioc", "nep")


def test_set_text_everywhere(plan):
    for name in ("question", "introduction", "criteria", "conclusion"):
        assert getattr(set_text(plan, name, f"my {name}"), name) == f"my {name}"
    assert set_text(plan, "reason", "weak rivals", "opposition").ranking[1] == Ranked("opposition", "weak rivals")
    for name in ("point", "explain", "link", "counter"):
        assert getattr(set_text(plan, name, "x\ny", "position").paragraph("position"), name) == "x\ny"


def test_set_question_and_template(plan):
    assert set_question(plan, "How far…?").question == "How far…?"
    assert set_template(plan, "peal").template == "peal"


def test_operations_never_change_the_plan_they_are_given(plan):
    before = dump_plan(plan)
    attach(plan, PACK, "policies", "nep")
    move_factor(plan, "position", 0)
    set_text(plan, "point", "x", "policies")
    assert dump_plan(plan) == before


IMPOSSIBLE = [
    (lambda p: move_factor(p, "economy", 0), "factor 'economy' is not in the ranking"),
    (lambda p: move_factor(p, "policies", 3), "position 4 is out of range 1–3"),
    (lambda p: move_factor(p, "policies", -1), "position 0 is out of range 1–3"),
    (lambda p: move_paragraph(p, "economy", 0), "there is no paragraph for factor 'economy'"),
    (lambda p: move_paragraph(p, "policies", 5), "position 6 is out of range 1–3"),
    (lambda p: attach(p, PACK, "policies", "nope"), "there is no card 'nope' in pack 'topic'"),
    (lambda p: attach(p, PACK, "economy", "nep"), "there is no paragraph for factor 'economy'"),
    (lambda p: attach(p, PACK, "policies", "nep", 1), "position 2 is out of range 1–1"),
    (lambda p: attach(attach(p, PACK, "policies", "nep"), PACK, "policies", "nep"), "that card is already in the paragraph on Policies"),
    (lambda p: detach(p, "policies", "nep"), "card 'nep' is not in the 'policies' paragraph"),
    (lambda p: detach(p, "economy", "nep"), "there is no paragraph for factor 'economy'"),
    (lambda p: move_card(p, "policies", "nep", 0), "card 'nep' is not in the 'policies' paragraph"),
    (lambda p: move_card(attach(p, PACK, "policies", "nep"), "policies", "nep", 1), "position 2 is out of range 1–1"),
    (lambda p: transfer_card(p, PACK, "policies", "opposition", "nep"), "card 'nep' is not in the 'policies' paragraph"),
    (lambda p: transfer_card(p, PACK, "policies", "economy", "nep"), "card 'nep' is not in the 'policies' paragraph"),
    (lambda p: set_text(p, "title", "x"), "a plan has no text called 'title'"),
    (lambda p: set_text(p, "question", "x", "policies"), "a paragraph has no text called 'question'"),
    (lambda p: set_text(p, "reason", "x", "economy"), "factor 'economy' is not in the ranking"),
    (lambda p: set_text(p, "point", "x", "economy"), "there is no paragraph for factor 'economy'"),
    (lambda p: set_text(p, "point", None, "policies"), "point must be text"),
    (lambda p: set_template(p, ""), "a paragraph template needs a name"),
]


@pytest.mark.parametrize(("operation", "message"), IMPOSSIBLE)
def test_an_impossible_operation_says_why_and_leaves_the_plan_as_it_was(plan, operation, message):
    before = dump_plan(plan)
    with pytest.raises(OperationError) as caught:
        operation(plan)
    assert str(caught.value) == message
    assert dump_plan(plan) == before


def test_transfer_to_a_paragraph_that_has_the_card_changes_nothing(plan):
    plan = attach(attach(plan, PACK, "policies", "nep"), PACK, "opposition", "nep")
    with pytest.raises(OperationError, match="already in the paragraph on Opposition"):
        transfer_card(plan, PACK, "policies", "opposition", "nep")
    assert plan.uses("nep") == ("policies", "opposition")


# -- History -----------------------------------------------------------------


def test_undo_and_redo(plan):
    history = History(plan)
    assert not history.can_undo and not history.can_redo
    assert history.undo() is None and history.redo() is None
    one = history.push(move_factor(plan, "position", 0))
    two = history.push(set_question(one, "Why?"))
    assert history.plan == two
    assert history.undo() == one
    assert history.undo() == plan
    assert history.undo() is None
    assert history.redo() == one
    assert history.redo() == two
    assert history.redo() is None


def test_a_new_change_drops_the_redo(plan):
    history = History(plan)
    one = history.push(set_question(plan, "A"))
    history.push(set_question(one, "B"))
    history.undo()
    three = history.push(set_question(one, "C"))
    assert not history.can_redo and history.redo() is None
    assert history.plan == three
    assert history.undo() == one


def test_pushing_the_same_plan_is_not_a_step(plan):
    history = History(plan)
    history.push(plan)
    assert not history.can_undo


def test_typing_in_one_field_is_one_undo_step(plan):
    history = History(plan)
    for text in ("T", "Tr", "Tro"):
        history.push(set_text(history.plan, "reason", text, "policies"), merge_key=("reason", "policies"))
    history.push(set_text(history.plan, "point", "P", "policies"), merge_key=("point", "policies"))
    assert history.undo().ranking[0].reason == "Tro"
    assert history.undo() == plan
    history.redo()
    history.seal()
    history.push(set_text(history.plan, "reason", "Trotsky", "policies"), merge_key=("reason", "policies"))
    assert history.undo().ranking[0].reason == "Tro"


# -- Random sequences ---------------------------------------------------------

some_factor = st.sampled_from(FACTORS + ["economy"])
some_card = st.sampled_from(CARDS + ["nope"])
position = st.integers(-1, 4)
maybe_position = st.none() | position
operations = st.one_of(
    st.tuples(st.just(move_factor), some_factor, position),
    st.tuples(st.just(move_paragraph), some_factor, position),
    st.tuples(st.just(order_paragraphs_by_ranking)),
    st.tuples(st.just(attach), st.just(PACK), some_factor, some_card, maybe_position),
    st.tuples(st.just(detach), some_factor, some_card),
    st.tuples(st.just(move_card), some_factor, some_card, position),
    st.tuples(st.just(transfer_card), st.just(PACK), some_factor, some_factor, some_card, maybe_position),
    st.tuples(st.just(set_text), st.sampled_from(["question", "conclusion", "title"]), st.text(max_size=5)),
    st.tuples(st.just(set_text), st.sampled_from(["reason", "point", "link", "question"]), st.text(max_size=5), some_factor),
    st.tuples(st.just(set_template), st.sampled_from(["peel", "peal", ""])),
)


def check_invariants(plan: Plan) -> None:
    assert sorted(order(plan)) == sorted(FACTORS)  # the ranking is a permutation of the pack's factors
    assert sorted(essay(plan)) == sorted(FACTORS)  # one paragraph per factor
    for paragraph in plan.paragraphs:
        assert not [c for c, n in Counter(paragraph.evidence).items() if n > 1]  # no card twice in one paragraph
        assert all(PACK.evidence(card) for card in paragraph.evidence)
    assert reconcile(plan, PACK) == (plan, [])


@settings(max_examples=300)
@given(steps=st.lists(operations, max_size=40))
def test_random_operations_keep_the_plan_whole_and_undo_all_the_way_back(steps):
    start = new_plan(PACK)
    history = History(start)
    for function, *args in steps:
        before = history.plan
        try:
            after = function(before, *args)
        except OperationError:
            continue
        check_invariants(after)
        history.push(after)
    end = history.plan
    while history.undo() is not None:
        check_invariants(history.plan)
    assert history.plan == start
    while history.redo() is not None:
        pass
    assert history.plan == end


def test_undo_stops_at_the_floor():
    from dataclasses import replace

    from essayplan.ops import History

    first = Plan(pack="a")
    swapped = replace(first, pack="b")
    written = replace(swapped, question="q")
    history = History(first)
    history.push(swapped)
    history.set_floor()
    history.push(written)
    assert history.undo() == swapped
    assert history.undo() is None
    assert not history.can_undo
    assert history.redo() == written


def test_essay_order_follows_the_ranking_until_the_student_reorders_paragraphs():
    pack = Pack(
        "p",
        "P",
        factors=tuple(Factor(f, f.title(), evidence=(Evidence(f"{f}1", "Card."),)) for f in ("a", "b", "c")),
    )
    plan = move_factor(new_plan(pack), "c", 0)
    assert [p.factor for p in plan.paragraphs] == ["c", "a", "b"]
    plan = move_paragraph(plan, "b", 0)  # the student's own essay order
    plan = move_factor(plan, "a", 2)
    assert [r.factor for r in plan.ranking] == ["c", "b", "a"]
    assert [p.factor for p in plan.paragraphs] == ["b", "c", "a"]


def test_describe_change_names_what_an_undo_takes_back(plan):
    from essayplan.ops import describe_change

    cases = [
        (set_question(plan, "Why?"), ("the question", "rank")),
        (set_text(plan, "conclusion", "So."), ("the conclusion", "plan")),
        (move_factor(plan, "opposition", 0), ("the ranking", "rank")),
        (set_text(plan, "reason", "Trotsky.", "opposition"), ("the reason for Opposition", "rank")),
        (attach(plan, PACK, "policies", "nep"), ("the evidence for Policies", "rank")),
        (set_text(plan, "explain", "Because.", "policies"), ("the Explain of the paragraph on Policies", "plan")),
    ]
    for changed, expected in cases:
        assert describe_change(plan, changed, PACK) == expected
        assert describe_change(changed, plan, PACK) == expected  # the same, undone


# --- describe_change covers every field of the model ---------------------------------------------


def _other(value):
    """A different value of the same kind, to change one field."""
    if value is None:  # an optional field not set (extent, weight…): set it
        return 1
    if isinstance(value, bool):
        return not value
    if isinstance(value, (str, int, float)):
        return value + type(value)("1")
    if isinstance(value, datetime):
        return value + timedelta(days=1)
    if isinstance(value, tuple):
        return value + ("x",)
    raise AssertionError(f"the test cannot change a {type(value).__name__}: teach _other")


def describe_each_field(plan: Plan) -> dict[str, tuple[str, str]]:
    """What an undo says when each field of the plan, of a ranking entry or of a paragraph changes."""
    from essayplan.ops import describe_change

    said = {}
    for field in dataclasses.fields(plan):
        value = getattr(plan, field.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            # A list of records (ranking, paragraphs, links, own factors): its order, then each field.
            said[field.name] = describe_change(plan, replace(plan, **{field.name: value[::-1]}), PACK)
            for inner in dataclasses.fields(value[0]):
                first = replace(value[0], **{inner.name: _other(getattr(value[0], inner.name))})
                changed = replace(plan, **{field.name: (first,) + value[1:]})
                said[f"{field.name}.{inner.name}"] = describe_change(plan, changed, PACK)
        else:
            said[field.name] = describe_change(plan, replace(plan, **{field.name: _other(value)}), PACK)
    return said


def _structured(plan: Plan) -> Plan:
    """The plan with every field of issue 12 in use, so each is changed and described."""
    from essayplan.ops import add_link, add_own_factor, add_own_evidence, set_extent

    plan = add_own_factor(add_own_factor(plan, PACK, "Luck"), PACK, "Chance")
    plan = add_link(plan, "policies", "luck", "enabled", "How.")
    plan = add_link(plan, "opposition", "policies", "weakened")
    return add_own_evidence(set_extent(plan, 50), "policies", "A fact.")


def test_every_field_of_the_plan_has_its_own_description(plan):
    from essayplan.ops import SOME_CHANGE

    said = describe_each_field(_structured(plan))
    assert {"question", "ranking.reason", "paragraphs.evidence", "paragraphs.counter", "modified"} <= said.keys()
    assert {"extent", "ranking.weight", "ranking.without", "ranking.role", "links.kind", "links.how"} <= said.keys()
    assert {"own_factors.title", "paragraphs.own_evidence"} <= said.keys()
    assert [name for name, what in said.items() if what == SOME_CHANGE] == []  # a field nobody named
    assert [name for name, (what, _) in said.items() if what == "the plan's pack"] == ["pack", "pack_file"]
    for name, (what, view) in said.items():
        assert view == ("links" if name.split(".")[0] == "links" else view) and view in ("rank", "plan", "links"), name
        if "." in name and not name.endswith(".factor") and not name.startswith("own_factors."):
            assert "Policies" in what or "Luck" in what, name  # an entry's change names its factor
    assert said["own_factors.title"] == ("the title of your own factor Luck1", "rank")


def test_a_new_field_without_a_description_is_caught(plan):
    from essayplan.ops import SOME_CHANGE

    @dataclasses.dataclass(frozen=True)
    class Weighed(Ranked):
        confidence: int = 0

    @dataclasses.dataclass(frozen=True)
    class Judged(Plan):
        judgement: str = ""

    plan = _structured(plan)
    judged = Judged(**{f.name: getattr(plan, f.name) for f in dataclasses.fields(plan)})
    judged = replace(judged, ranking=tuple(Weighed(r.factor, r.reason) for r in plan.ranking))
    said = describe_each_field(judged)
    assert said["judgement"] == SOME_CHANGE and said["ranking.confidence"] == SOME_CHANGE
