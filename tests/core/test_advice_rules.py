"""The examiner's rules of issue 13, each with a plan that triggers it and one that does not,
through `advise` (the list the Check view, `check` and the export show), and the question
forms they read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from test_advice import PACK, QUESTION, good_plan, rules, unlink
from essayplan import ops
from essayplan.advice import advise
from essayplan.model import Evidence
from essayplan.question import missing_factor, options, outcome, period, quoted_claim, rather_than, stated_factor

WHERE = {"question", "introduction", "criteria", "point", "evidence", "explain", "link", "counter", "conclusion", "ranking", "links", "extent"}


def only(plan, rule, pack=PACK):
    items = [item for item in advise(plan, pack) if item.rule == rule]
    assert len(items) == 1, advise(plan, pack)
    return items[0]


# --- question forms ------------------------------------------------------------------------------


def test_two_option_questions():
    assert options("Which was the more important reason for Stalin's rise: his position or the mistakes of Trotsky?") == (
        "his position",
        "the mistakes of Trotsky",
    )
    bullets = "Which was the more important reason for the war:\n• the alliances\n• the assassination?\nExplain your answer."
    assert options(bullets) == ("the alliances", "the assassination")
    assert options(QUESTION) is None


def test_rather_than_questions():
    assert rather_than("Assess the reasons why Stalin, rather than Trotsky, succeeded Lenin.") == ("Stalin", "Trotsky")
    assert rather_than(QUESTION) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why was Stalin able to become leader by 1929?", (None, 1929)),
        ("How far … in the years 1924–29?", (1924, 1929)),
        ("Why did the Weimar Republic survive 1919-23?", (1919, 1923)),
        ("Why did war break out in 1914?", (None, 1914)),
        ("Why did Stalin rise to power?", None),
    ],
)
def test_a_questions_period(question, expected):
    assert period(question) == expected


def test_outcome_and_quoted_claims():
    assert outcome(QUESTION) == "Stalin's rise to power"
    assert outcome("How far was luck the main reason for the outbreak of war in 1914?") == "the outbreak of war"
    claim = "'Stalin's position as General Secretary was the main reason for his rise.' Assess the validity of this view."
    assert quoted_claim(claim) == "Stalin's position as General Secretary was the main reason for his rise."
    assert stated_factor(claim, PACK).id == "personality"
    # A claim with no "main reason" in it is read for its factor too.
    assert stated_factor("'Stalin rose because his rivals were weak.' Assess the validity of this view.", PACK).id == "opposition"
    assert quoted_claim("Why did Stalin win?") == ""


def test_a_question_naming_a_card_finds_its_factor():
    assert stated_factor("How far was Stalin's rise to power due to the Ban on Factions?", PACK).id == "opposition"


def test_a_question_naming_a_factor_the_pack_lacks():
    question = "How far was luck the main reason for Stalin's rise to power?"
    assert missing_factor(question, PACK) == "luck"
    assert missing_factor(QUESTION, PACK) is None
    plan = ops.set_question(good_plan(), question)
    item = only(plan, "question-factor-missing")
    assert (item.part, item.where) == ("question", "ranking") and "“luck”" in item.message
    with_luck = ops.add_own_factor(plan, PACK, "Luck")
    assert "question-factor-missing" not in rules(with_luck)


def test_an_empty_question_comes_first():
    plan = ops.set_question(good_plan(), "")
    items = advise(plan, PACK)
    assert items[0].rule == "question-empty" and items[0].where == "question"
    assert "question-empty" not in rules(good_plan())


# --- 2. consistency ------------------------------------------------------------------------------


def test_the_introduction_disagreeing_with_the_conclusion():
    plan = ops.set_text(good_plan(), "introduction", "Stalin rose mainly because of the weakness of the opposition.")
    item = only(plan, "introduction-disagrees")
    assert "Weakness of the opposition" in item.message and "Stalin's personality" in item.message
    assert item.where == "introduction"


# --- 3. a judgement needs a reason ---------------------------------------------------------------------


def test_a_judgement_without_a_reason():
    plan = ops.set_text(good_plan(), "conclusion", "The main reason was his position as General Secretary, without doubt the key.")
    assert "judgement-without-reason" not in rules(plan)  # "without" gives a reason, as the issue says
    plan = ops.set_text(good_plan(), "conclusion", "The main reason was his position as General Secretary.")
    assert only(plan, "judgement-without-reason").where == "conclusion"


def test_extent_language_is_a_judgement():
    text = (
        "The view is largely valid, but only in combination with his position as General Secretary; the weakness "
        "of the opposition was necessary rather than sufficient, because without it the others would not have worked."
    )
    plan = ops.set_text(good_plan(), "conclusion", text)
    assert not {"conclusion-no-judgement", "judgement-without-reason"} & set(rules(plan))


# --- 5. counter-argument ----------------------------------------------------------------------------


def test_counter_arguments_for_how_far_questions():
    plan = ops.set_text(good_plan(), "counter", "", "opposition")
    item = only(plan, "counter-missing")
    assert (item.factor, item.where) == ("opposition", "counter")
    elsewhere = ops.set_text(plan, "counter", "However, the NEP was popular with peasants.", "policies")
    item = only(elsewhere, "counter-not-on-stated")
    assert (item.factor, item.where) == ("opposition", "counter")
    assert "counter-missing" not in rules(ops.set_question(plan, "Why did Stalin become leader by 1929?"))


# --- 6. narrative -----------------------------------------------------------------------------------


def test_an_explain_that_tells_a_story_of_dates():
    story = "In 1924 Lenin died. In 1927 Trotsky was expelled."
    plan = ops.set_text(good_plan(), "explain", story, "opposition")
    item = only(plan, "explain-narrative")
    assert (item.factor, item.where) == ("opposition", "explain")
    assert "Stalin's rise to power" in item.message
    plan = ops.set_text(plan, "explain", story + " This meant Stalin faced no united rival.", "opposition")
    assert "explain-narrative" not in rules(plan)


# --- 7. question demands ---------------------------------------------------------------------------


def test_two_options_must_be_weighed_against_each_other():
    question = "Which was the more important reason for Stalin's rise: the weakness of the opposition or his policies?"
    plan = ops.set_question(unlink(good_plan()), question)
    plan = ops.set_text(plan, "conclusion", "The main reason was his position as General Secretary, because without it he had no votes.")
    assert only(plan, "options-not-weighed").where == "conclusion"
    plan = ops.set_text(plan, "link", "This mattered more than his policies, which only won votes later.", "opposition")
    assert "options-not-weighed" not in rules(plan)


def test_a_rather_than_question_needs_that_comparison():
    question = "Assess the reasons why Stalin, rather than Trotsky, succeeded Lenin."
    plan = ops.set_text(ops.set_question(unlink(good_plan()), question), "conclusion", "The main reason was his position as General Secretary, because it won votes.")
    plan = ops.set_text(plan, "counter", "", "opposition")
    assert only(plan, "rather-than-not-compared").where == "conclusion"
    plan = ops.set_text(plan, "link", "Stalin won, whereas Trotsky lost, because only Stalin had the votes.", "opposition")
    assert "rather-than-not-compared" not in rules(plan)


# --- 8. keyword hygiene ------------------------------------------------------------------------------


def test_ordinary_words_do_not_link_factors():
    plan = ops.set_text(unlink(good_plan()), "link", "This policy strengthened his position in the party.", "opposition")
    assert "factors-not-linked" in rules(plan)


def test_a_card_copied_into_the_text_is_not_the_students_link():
    card = Evidence("files", "As General Secretary, Stalin built up files on every party member, which gave him knowledge of any potential opposition.")
    pack = replace(PACK, factors=(PACK.factors[0], PACK.factors[1], replace(PACK.factors[2], evidence=(card,) + PACK.factors[2].evidence[1:])))
    plan = ops.set_text(unlink(good_plan()), "explain", card.text, "personality")
    assert "factors-not-linked" in [a.rule for a in advise(plan, pack)]
    plan = ops.set_text(plan, "explain", "His files let him spot the opposition early, so he could outvote it.", "personality")
    assert "factors-not-linked" not in [a.rule for a in advise(plan, pack)]


# --- 10. dates ---------------------------------------------------------------------------------------


def test_years_outside_the_questions_period():
    plan = ops.set_question(good_plan(), "How far was the weakness of the opposition the main reason for Stalin's rise in the years 1924–29?")
    assert "date-outside-period" not in rules(plan)
    late = ops.set_text(plan, "counter", "However, the purges of 1936 show his ruthlessness.", "opposition")
    item = only(late, "date-outside-period")
    assert (item.factor, item.where) == ("opposition", "explain") and "1936" in item.message and "1924–29" in item.message
    # A card dated before the period, with nothing in the paragraph inside it.
    pack = replace(PACK, factors=(replace(PACK.factors[0], evidence=(Evidence("nep", "NEP.", date="1921"),) + PACK.factors[0].evidence[1:]),) + PACK.factors[1:])
    early = [a for a in advise(plan, pack) if a.rule == "date-outside-period"]
    assert [(a.factor, a.where) for a in early] == [("policies", "evidence")]
    inside = ops.set_text(plan, "explain", "By 1925 the NEP was unpopular, so members turned to Stalin.", "policies")
    assert "date-outside-period" not in [a.rule for a in advise(inside, pack)]
    after = ops.set_text(plan, "conclusion", plan.conclusion + " By 1937 he ruled alone.")
    assert only(after, "date-outside-period").where == "conclusion"


# --- every item says where --------------------------------------------------------------------------


def test_every_item_says_where_and_has_a_code():
    plans = [ops.new_plan(PACK, QUESTION), ops.new_plan(PACK, ""), unlink(good_plan())]
    for plan in plans:
        for item in advise(plan, PACK):
            assert item.where in WHERE, item
            assert item.code == (f"{item.rule}:{item.factor}" if item.factor else item.rule)
