"""The plan check: each rule with a plan that triggers it and one that does not.

Plans are built with the operations a student's gestures become, from one
plan that has every part in place (and so gets no advice).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from essayplan import ops
from essayplan.advice import RULES, Advice, advise, format_advice
from essayplan.model import Evidence, Factor, Pack, Paragraph, Ranked

PACK = Pack(
    id="stalin-test",
    title="Stalin's Rise to Power",
    factors=(
        Factor(
            "policies",
            "Stalin's policies",
            keywords=("policies", "socialism in one country", "industrialisation"),
            evidence=(Evidence("nep", "Many were unhappy with the NEP."), Evidence("catch-up", "Catch up with the West.")),
        ),
        Factor(
            "opposition",
            "Weakness of the opposition",
            keywords=("opposition", "trotsky", "rivals"),
            evidence=(Evidence("testament", "Trotsky failed to read out Lenin's Testament."), Evidence("ban", "Ban on Factions.")),
        ),
        Factor(
            "personality",
            "Stalin's personality and position as General Secretary",
            keywords=("personality", "general secretary", "position"),
            evidence=(Evidence("files", "Files on every party member."), Evidence("members", "Party membership grew.")),
        ),
    ),
)
QUESTION = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"
OPEN_QUESTION = "Why was Stalin able to become leader of the Soviet Union by 1929?"

TEXTS = {
    "opposition": (
        "The weakness of the opposition was an important reason for Stalin's rise.",
        "Trotsky's mistakes let Stalin present himself as Lenin's loyal heir.",
        "However, Trotsky's failures only mattered because Stalin's position as General Secretary let him exploit them.",
    ),
    "personality": (
        "Stalin's position as General Secretary was the most important reason.",
        "Control of appointments gave him a reliable body of votes at Party Congresses.",
        "This links to his policies because loyal delegates voted for Socialism in One Country.",
    ),
    "policies": (
        "Stalin's policies appealed to many party members.",
        "Socialism in One Country matched the mood of a party tired of the NEP.",
        "Therefore his policies won support, but only within a party he already controlled.",
    ),
}
CARDS = {"opposition": ("testament", "ban"), "personality": ("files", "members"), "policies": ("nep", "catch-up")}
CONCLUSION = (
    "Overall, Stalin's position as General Secretary was the most important reason, because without it he "
    "could not have exploited the weakness of the opposition or won votes for his policies."
)
# A how-far question asks for a counter-argument, one of them on the stated factor (issue 13, rule 5).
COUNTER = "However, Trotsky's mistakes were only decisive because Stalin controlled the party machine."


def good_plan(question: str = QUESTION):
    """Every part in place: ranking personality, opposition, policies; essay order starts with the stated factor."""
    plan = ops.new_plan(PACK, question)
    plan = ops.move_factor(plan, "personality", 0)
    plan = ops.move_paragraph(plan, "opposition", 0)
    plan = ops.move_paragraph(plan, "personality", 1)
    plan = ops.set_text(plan, "introduction", "Stalin rose mainly because of his position as General Secretary.")
    plan = ops.set_text(plan, "criteria", "The factor without which the others would not have worked.")
    plan = ops.set_text(plan, "conclusion", CONCLUSION)
    for factor_id, (point, explain, link) in TEXTS.items():
        plan = ops.set_text(plan, "point", point, factor_id)
        plan = ops.set_text(plan, "explain", explain, factor_id)
        plan = ops.set_text(plan, "link", link, factor_id)
        for card in CARDS[factor_id]:
            plan = ops.attach(plan, PACK, factor_id, card)
    return ops.set_text(plan, "counter", COUNTER, "opposition")


def rules(plan, pack=PACK) -> list[str]:
    return [item.rule for item in advise(plan, pack)]


def only(plan, rule: str) -> Advice:
    items = [item for item in advise(plan, PACK) if item.rule == rule]
    assert len(items) == 1, advise(plan, PACK)
    return items[0]


def unlink(plan):
    """Every explain, link and counter rewritten to name no other factor."""
    for factor_id in TEXTS:
        plan = ops.set_text(plan, "explain", "This gave Stalin an advantage.", factor_id)
        plan = ops.set_text(plan, "link", "This helped him become leader by 1929.", factor_id)
    return plan


# --- the plan that has everything --------------------------------------------------------------


def test_a_plan_with_every_part_in_place_gets_no_advice():
    assert advise(good_plan(), PACK) == []
    assert advise(good_plan(OPEN_QUESTION), PACK) == []
    assert format_advice([]) == []


def test_a_new_plan_gets_advice_for_every_part_in_essay_order():
    plan = ops.new_plan(PACK, QUESTION)
    # Issue 13: criteria are asked for, a how-far question asks for a counter-argument, and the
    # unused cards are one short note for the whole plan (it was one long note per factor).
    assert rules(plan) == [
        "introduction-empty",
        "criteria-empty",
        "paragraph-empty",
        "paragraph-empty",
        "paragraph-empty",
        "conclusion-empty",
        "factors-not-linked",
        "stated-factor-not-weighed",
        "counter-missing",
        "evidence-unused",
    ]
    assert set(rules(plan)) <= set(RULES)


# --- introduction ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_introduction(text):
    item = only(ops.set_text(good_plan(), "introduction", text), "introduction-empty")
    assert item.part == "introduction"
    assert "line of argument" in item.message


def test_empty_criteria_are_asked_for():
    # Issue 13, rule 4: this test used to say empty criteria were fine.
    item = only(ops.set_text(good_plan(), "criteria", ""), "criteria-empty")
    assert (item.part, item.where) == ("criteria", "criteria")


def test_a_conclusion_that_does_not_apply_its_criteria():
    plan = ops.set_text(good_plan(), "conclusion", "The main reason was his position as General Secretary, as it mattered most.")
    assert only(plan, "criteria-not-applied").where == "conclusion"
    plan = ops.set_text(plan, "criteria", "The factor whose effects lasted longest.")
    assert "criteria-not-applied" in rules(plan)
    plan = ops.set_text(plan, "criteria", "Which factor mattered most.")
    assert "criteria-not-applied" not in rules(plan)


# --- paragraphs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule", "words"),
    [("point", "paragraph-no-point", "Point"), ("explain", "paragraph-no-explain", "Explain"), ("link", "paragraph-no-link", "Link")],
)
def test_a_paragraph_without_one_text(name, rule, words):
    plan = ops.set_text(good_plan(), name, " ", "personality")
    item = only(plan, rule)
    # Essay order: opposition first, then personality.
    assert item.part == "paragraph 2 (Stalin's personality and position as General Secretary)"
    assert words in item.message
    assert rule not in rules(good_plan())


def test_a_paragraph_without_evidence():
    plan = good_plan()
    for card in CARDS["policies"]:  # the cards move, so none goes unused
        plan = ops.transfer_card(plan, PACK, "policies", "opposition", card)
    item = only(plan, "paragraph-no-evidence")
    assert item.part == "paragraph 3 (Stalin's policies)"
    assert "attach" in item.message
    assert rules(plan) == ["paragraph-no-evidence"]


def test_an_empty_paragraph_gets_one_item_not_four():
    plan = good_plan()
    for name in ("point", "explain", "link"):
        plan = ops.set_text(plan, name, "", "policies")
    for card in CARDS["policies"]:
        plan = ops.detach(plan, "policies", card)
    assert [r for r in rules(plan) if r.startswith("paragraph")] == ["paragraph-empty"]
    assert only(plan, "paragraph-empty").part == "paragraph 3 (Stalin's policies)"
    # A counter-argument alone is a start: the paragraph's missing parts are listed.
    started = ops.set_text(plan, "counter", "However, the NEP was popular with peasants.", "policies")
    assert "paragraph-empty" not in rules(started)
    assert {"paragraph-no-point", "paragraph-no-evidence", "paragraph-no-explain", "paragraph-no-link"} <= set(rules(started))


def test_paragraphs_are_numbered_in_essay_order_not_ranking_order():
    plan = ops.set_text(good_plan(), "point", "", "policies")
    assert only(plan, "paragraph-no-point").part.startswith("paragraph 3 ")
    plan = ops.move_paragraph(plan, "policies", 0)
    assert only(plan, "paragraph-no-point").part == "paragraph 1 (Stalin's policies)"


def test_peal_names_the_third_part_analyse():
    plan = ops.set_template(ops.set_text(good_plan(), "explain", "", "policies"), "peal")
    assert "Analyse" in only(plan, "paragraph-no-explain").message
    unknown = ops.set_template(ops.set_text(good_plan(), "explain", "", "policies"), "no-such-template")
    assert "Explain" in only(unknown, "paragraph-no-explain").message


# --- conclusion --------------------------------------------------------------------------------


def test_an_empty_conclusion():
    item = only(ops.set_text(good_plan(), "conclusion", ""), "conclusion-empty")
    assert item.part == "conclusion"
    assert "conclusion-empty" not in rules(good_plan())


@pytest.mark.parametrize(
    "text",
    [
        "Stalin became leader in 1929 after defeating Trotsky and Bukharin.",
        "Stalin's position as General Secretary, his policies and the weakness of the opposition all helped him.",
    ],
)
def test_a_conclusion_that_only_summarises(text):
    plan = ops.set_text(good_plan(), "conclusion", text)
    assert only(plan, "conclusion-no-judgement").part == "conclusion"
    assert "conclusion-not-first" not in rules(plan)


@pytest.mark.parametrize(
    "text",
    [
        "Above all, it was his position as General Secretary.",
        "His position as General Secretary outweighed Trotsky's mistakes and his policies.",
        "His position as General Secretary mattered more than the weakness of the opposition or his policies.",
        "The crucial factor was his position as General Secretary, not his policies or Trotsky's failures.",
    ],
)
def test_judgement_words(text):
    assert "conclusion-no-judgement" not in rules(ops.set_text(good_plan(), "conclusion", text))


def test_a_judgement_that_does_not_name_the_factor_ranked_first():
    text = "The main reason was the weakness of the opposition, and his policies helped too."
    plan = ops.set_text(good_plan(), "conclusion", text)
    item = only(plan, "conclusion-not-first")
    assert "Stalin's personality and position as General Secretary" in item.message
    assert "ranked first" in item.message
    # Rank the opposition first and the same judgement matches the ranking.
    assert "conclusion-not-first" not in rules(ops.move_factor(plan, "opposition", 0))


def test_the_factor_ranked_first_is_found_by_a_keyword():
    text = "Overall, the key reason was the personality of Stalin, which let him exploit the opposition and sell his policies."
    assert "conclusion-not-first" not in rules(ops.set_text(good_plan(), "conclusion", text))


def test_a_conclusion_calling_another_factor_the_main_reason_disagrees_with_the_ranking():
    # Issue 13, rule 2: this used to pass as "saying why not"; the ranking and the conclusion disagree.
    text = (
        "The main reason was the weakness of the opposition. "
        "Although his policies were popular, Trotsky's mistakes mattered more."
    )
    plan = ops.set_text(good_plan(), "conclusion", text)
    assert "Weakness of the opposition" in only(plan, "conclusion-not-first").message
    assert "introduction-disagrees" in rules(plan)  # the introduction says his position
    assert "conclusion-not-first" not in rules(ops.move_factor(plan, "opposition", 0))
    # A conclusion naming no main factor still has to name the first-ranked one, or say why not.
    text = "Although his policies were popular, Trotsky's mistakes mattered more, as they let Stalin win without a fight."
    assert "conclusion-not-first" not in rules(ops.set_text(good_plan(), "conclusion", text))
    # A contrast word with no other factor in its sentence does not explain anything.
    text = "The main reason was the weakness of the opposition. However, it is hard to be sure."
    assert "conclusion-not-first" in rules(ops.set_text(good_plan(), "conclusion", text))


# --- links between factors ---------------------------------------------------------------------


def test_a_plan_that_never_links_factors():
    plan = unlink(good_plan())
    item = only(plan, "factors-not-linked")
    assert item.part == "plan"
    assert "link" in item.message


@pytest.mark.parametrize("name", ["link", "explain", "counter"])
def test_one_text_naming_another_factor_links_the_plan(name):
    plan = ops.set_text(unlink(good_plan()), name, "This was only possible because of Trotsky's failures.", "policies")
    assert "factors-not-linked" not in rules(plan)


def test_a_paragraph_naming_only_its_own_factor_is_not_a_link():
    plan = ops.set_text(unlink(good_plan()), "link", "So Stalin's policies mattered.", "policies")
    assert "factors-not-linked" in rules(plan)


# --- the stated factor ----------------------------------------------------------------------------


def weakly_weighed():
    """Only the personality paragraph and the conclusion name the opposition with another factor."""
    plan = unlink(good_plan())
    link = "Without his position as General Secretary, Trotsky's mistakes would not have mattered."
    plan = ops.set_text(plan, "link", link, "personality")
    judgement = "The main reason was his position as General Secretary, more than the weakness of the opposition."
    return ops.set_text(plan, "conclusion", judgement)


def test_one_sentence_comparing_the_stated_factor_with_another_is_weighing():
    # Issue 13, rule 1: one comparison is weighing (it used to take two other factors named beside it).
    assert "stated-factor-not-weighed" not in rules(weakly_weighed())


def side_by_side():
    """Every text names the opposition beside other factors, none compares them."""
    plan = unlink(good_plan())
    plan = ops.set_text(plan, "counter", "", "opposition")
    plan = ops.set_text(plan, "link", "The weakness of the opposition, his policies and his personality all helped.", "opposition")
    text = "The main reason was his personality, as General Secretary, and his policies and the opposition also helped."
    return ops.set_text(plan, "conclusion", text)


def test_naming_factors_side_by_side_is_not_weighing():
    item = only(side_by_side(), "stated-factor-not-weighed")
    assert (item.part, item.factor, item.where) == ("paragraph 1 (Weakness of the opposition)", "opposition", "link")
    assert "Weakness of the opposition" in item.message
    plan = ops.set_text(side_by_side(), "link", "Trotsky's mistakes mattered less than his personality.", "opposition")
    assert "stated-factor-not-weighed" not in rules(plan)


def test_a_link_or_weights_on_the_stated_factor_count_as_weighing():
    plan = ops.add_link(side_by_side(), "personality", "opposition", "weakened", "He packed the congresses.")
    assert "stated-factor-not-weighed" not in rules(plan)
    plan = ops.set_weight(ops.set_weight(side_by_side(), "opposition", 30), "personality", 70)
    assert "stated-factor-not-weighed" not in rules(plan)


def test_an_open_question_has_no_stated_factor_to_weigh():
    plan = ops.set_question(weakly_weighed(), OPEN_QUESTION)
    assert "stated-factor-not-weighed" not in rules(plan)


def test_a_pack_with_two_factors_needs_only_one_other():
    pack = replace(PACK, factors=PACK.factors[1:])
    plan = ops.new_plan(pack, QUESTION)
    plan = ops.set_text(plan, "point", "Stalin's position as General Secretary mattered more than Trotsky's failures.", "personality")
    assert "stated-factor-not-weighed" not in rules(plan, pack)
    assert "stated-factor-not-weighed" in rules(ops.new_plan(pack, QUESTION), pack)


# --- evidence ------------------------------------------------------------------------------------


def test_evidence_not_used_in_any_paragraph_is_one_short_note():
    # Issue 13, rule 9: one note for the plan (it was one long note per factor, listing the cards).
    plan = ops.detach(good_plan(), "opposition", "ban")
    item = only(plan, "evidence-unused")
    assert (item.part, item.where) == ("evidence", "evidence")
    assert item.message.startswith("1 card not used in any paragraph")
    plan = ops.detach(plan, "personality", "files")
    plan = ops.detach(plan, "personality", "members")
    assert only(plan, "evidence-unused").message.startswith("3 cards not used in any paragraph")
    assert "set aside" in only(plan, "evidence-unused").message
    plan = ops.set_aside(ops.set_aside(ops.set_aside(plan, "ban"), "files"), "members")
    assert "evidence-unused" not in rules(plan)


def test_a_card_used_in_another_factors_paragraph_counts_as_used():
    plan = ops.transfer_card(good_plan(), PACK, "opposition", "policies", "ban")
    assert "evidence-unused" not in rules(plan)


def test_many_unused_cards_are_still_one_short_line():
    cards = tuple(Evidence(f"c{i}", f"card {i}") for i in range(11))
    pack = Pack("p", "p", factors=(Factor("only", "Only", evidence=cards), Factor("two", "Two", evidence=cards[:0])))
    items = [i for i in advise(ops.new_plan(pack), pack) if i.rule == "evidence-unused"]
    assert len(items) == 1
    assert items[0].message.startswith("11 cards not used in any paragraph") and "card 0" not in items[0].message


# --- robustness and output -----------------------------------------------------------------------


def test_unknown_factor_and_card_ids_never_crash():
    plan = good_plan()
    plan = replace(
        plan,
        ranking=(Ranked("ghost"),) + plan.ranking,
        paragraphs=plan.paragraphs + (Paragraph("ghost", point="Luck.", evidence=("no-such-card",)),),
    )
    items = advise(plan, PACK)
    # Named as the app and the export name it (names.py).
    ghost = "paragraph 4 (ghost (not in the pack))"
    assert [i.part for i in items if i.rule.startswith("paragraph")] == [ghost, ghost]
    assert any(i.rule == "conclusion-not-first" and "ghost" in i.message for i in items)
    assert advise(replace(plan, ranking=(), paragraphs=()), PACK)  # no crash on an empty plan either


def test_format_advice_gives_one_line_per_item():
    plan = ops.set_text(ops.set_text(good_plan(), "introduction", ""), "link", "", "opposition")
    lines = format_advice(advise(plan, PACK))
    assert lines == [
        "Introduction: write your line of argument: which factor mattered most, in a sentence or two.",
        "Paragraph 1 (Weakness of the opposition): no Link yet: tie this factor back to the question, or on to another factor.",
    ]
    assert all("\n" not in line for line in format_advice(advise(ops.new_plan(PACK, QUESTION), PACK)))


# --- through `essayplan check` ---------------------------------------------------------------------


def _check(tmp_path, plan, capsys):
    from essayplan.cli import main
    from essayplan.packs import save_pack
    from essayplan.plans import save_plan

    save_pack(PACK, tmp_path / f"{PACK.id}.toml")  # found beside the plan
    save_plan(plan, tmp_path / "plan.toml")
    code = main(["check", str(tmp_path / "plan.toml")])
    return code, capsys.readouterr()


def test_check_prints_advice_and_still_succeeds(tmp_path, capsys):
    plan = ops.set_text(good_plan(), "point", "", "policies")
    code, out = _check(tmp_path, plan, capsys)
    assert code == 0
    assert f"{tmp_path / 'plan.toml'}: advice: Paragraph 3 (Stalin's policies): no Point yet:" in out.out


def test_check_on_a_plan_with_every_part_in_place(tmp_path, capsys):
    code, out = _check(tmp_path, good_plan(), capsys)
    assert code == 0
    assert ": advice: " in out.out and "no Point" not in out.out
    assert len([line for line in out.out.splitlines() if ": advice: " in line]) == 1
