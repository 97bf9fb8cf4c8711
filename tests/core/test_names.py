"""Names: one way to show a factor, a card or a paragraph, and one for an id the pack lacks."""

from __future__ import annotations

from essayplan import names
from essayplan.advice import advise
from essayplan.export.content import build
from essayplan.model import Evidence, Factor, Pack, Paragraph, Plan, Ranked
from essayplan.ops import describe_change, new_plan
from essayplan.question import mentions

PACK = Pack(
    "p",
    "P",
    factors=(
        Factor("army", "The army", evidence=(Evidence("a1", "Troops.", date="1917"),)),
        Factor("opposition", "Weakness of the opposition " + "x" * 40),
    ),
)


def test_a_known_id_is_named_by_the_pack():
    assert names.factor_title(PACK, "army") == "The army"
    assert names.card_text(PACK, "a1") == "Troops."
    assert names.card(PACK, "a1").date == "1917"


def test_an_unknown_id_is_named_once_the_same_way():
    assert names.factor_title(PACK, "ghost") == "ghost (not in the pack)"
    assert names.card_text(PACK, "lost") == "lost (not in the pack)"
    assert names.card(PACK, "lost").date == ""
    # The stand-in factor is still mentioned by its id in the student's text.
    assert mentions("Without the ghost nothing happens.", names.factor(PACK, "ghost"))


def test_the_export_the_advice_and_undo_use_the_same_name():
    plan = Plan("p", ranking=(Ranked("ghost"),), paragraphs=(Paragraph("ghost", evidence=("lost",)),))
    text = repr(build(plan, PACK))
    assert "ghost (not in the pack)" in text and "lost (not in the pack)" in text
    assert any("ghost (not in the pack)" in item.part for item in advise(plan, PACK))
    reasoned = Plan("p", ranking=(Ranked("ghost", "Luck."),), paragraphs=plan.paragraphs)
    assert describe_change(plan, reasoned, PACK) == ("the reason for ghost (not in the pack)", "rank")


def test_a_paragraph_label_numbers_it_in_essay_order_and_cuts_the_title():
    plan = new_plan(PACK)
    assert names.paragraph_label(plan, PACK, "army") == "¶1 The army"
    label = names.paragraph_label(plan, PACK, "opposition")
    assert label == "¶2 Weakness of the opposition…"  # the title cut at 28 characters
    assert names.paragraph_label(plan, PACK, "ghost") == "ghost (not in the pack)"  # no paragraph: no number


def test_short_keeps_one_line():
    assert names.short("a\nb   c") == "a b c"
    assert names.short("abcdef", 4) == "abc…"
