"""Advice from the plan's structure (issue 12): each rule with a plan that triggers it and
one that does not, through `advise`, the list the Check view, `check` and the export show."""

from __future__ import annotations

import pytest

from test_advice import PACK, good_plan, rules, unlink
from essayplan import ops
from essayplan.advice import RULES, advise
from essayplan.advice_structure import band
from essayplan.model import Plan


def structured(plan=None):
    """The good plan, weighed and linked with every structural part in agreement."""
    plan = plan or good_plan()  # ranking: personality, policies, opposition
    for factor_id, weight, without in (("personality", 50, "never"), ("policies", 30, "later"), ("opposition", 20, "anyway")):
        plan = ops.set_without(ops.set_weight(plan, factor_id, weight), factor_id, without)
    plan = ops.add_link(plan, "personality", "opposition", "weakened", "He packed the congresses against them.")
    return ops.set_extent(plan, 30)  # "the weakness of the opposition" mattered to a limited extent


def items(plan, rule):
    return [item for item in advise(plan, PACK) if item.rule == rule]


def test_a_structured_plan_in_agreement_gets_no_advice():
    assert advise(structured(), PACK) == []


def test_the_rules_are_listed():
    for rule in ("no-links", "link-without-sentence", "weights-not-100", "ranking-against-weights",
                 "never-below-anyway", "no-extent", "conclusion-against-extent"):  # fmt: skip
        assert rule in RULES


def test_no_links_once_the_structure_is_begun():
    plan = ops.delete_link(structured(), "personality", "opposition")
    assert "no-links" in rules(plan)
    assert "no-links" not in rules(structured())
    assert "no-links" not in rules(good_plan())  # a plan from before issue 12 keeps its old advice
    only_one = ops.set_extent(Plan("topic", ranking=structured().ranking[:1]), 30)
    assert "no-links" not in rules(only_one)  # one factor has nothing to link to


def test_a_link_without_its_sentence():
    plan = ops.set_link_how(structured(), "personality", "opposition", "  ")
    [item] = items(plan, "link-without-sentence")
    assert "Stalin's personality" in item.part and "Weakness of the opposition" in item.part
    assert item.factor == "personality"
    assert items(structured(), "link-without-sentence") == []


def test_a_link_with_its_sentence_links_the_factors_whatever_the_paragraphs_say():
    assert "factors-not-linked" in rules(unlink(good_plan()))
    assert "factors-not-linked" not in rules(unlink(structured()))


def test_weights_not_summing_to_100_say_the_sum():
    plan = ops.set_weight(structured(), "policies", 5)
    [item] = items(plan, "weights-not-100")
    assert "75%" in item.message
    assert items(structured(), "weights-not-100") == []


def test_the_ranking_contradicting_the_weights_names_both():
    plan = ops.set_weight(ops.set_weight(structured(), "policies", 10), "opposition", 40)
    [item] = items(plan, "ranking-against-weights")
    assert "Stalin's policies (10%) is ranked above Weakness of the opposition (40%)" in item.message
    assert items(structured(), "ranking-against-weights") == []


def test_never_ranked_below_anyway():
    plan = ops.set_without(ops.set_without(structured(), "personality", "anyway"), "opposition", "never")
    [item] = items(plan, "never-below-anyway")
    assert "Weakness of the opposition" in item.message and "Stalin's personality" in item.message
    assert items(structured(), "never-below-anyway") == []


@pytest.mark.parametrize(
    "question",
    [
        "How far was the weakness of the opposition the main reason for Stalin's rise to power?",
        "To what extent was Stalin's rise due to his position?",
        "'Stalin rose because his rivals were weak.' Assess the validity of this view.",
    ],
)
def test_a_how_far_question_without_a_mark(question):
    plan = ops.set_extent(structured(ops.set_question(good_plan(), question)), None)
    assert "no-extent" in rules(plan)
    assert "no-extent" not in rules(ops.set_extent(plan, 30))
    assert "no-extent" not in rules(ops.set_question(plan, "Why did Stalin become leader by 1929?"))


@pytest.mark.parametrize(
    ("wording", "extent", "fires"),
    [
        ("Overall the opposition was largely the reason, but his position was the most important.", 20, True),
        ("Overall the opposition was largely the reason, but his position was the most important.", 70, False),
        ("The opposition mattered only to a limited extent; his position was the most important.", 30, False),
        ("The opposition was not entirely to blame; his position was the most important.", 100, False),
        ("His position was the most important reason.", 0, False),  # no band words: nothing to compare
    ],
)
def test_a_conclusion_in_another_band_than_the_mark(wording, extent, fires):
    plan = ops.set_extent(ops.set_text(structured(), "conclusion", wording), extent)
    found = items(plan, "conclusion-against-extent")
    assert bool(found) is fires
    if fires:
        assert "“largely” (largely)" in found[0].message and "20 (to a limited extent)" in found[0].message


def test_bands():
    assert [band(n) for n in range(0, 101, 10)] == [
        "not at all", *["to a limited extent"] * 3, *["partly"] * 3, *["largely"] * 3, "entirely",
    ]  # fmt: skip
