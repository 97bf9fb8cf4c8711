"""Typing breaks into undo steps at pauses and sentence ends (a fake clock: no sleeping)."""

from __future__ import annotations

import pytest

from essayplan.model import Pack, Plan
from essayplan.ops import History, new_plan, set_text
from essayplan.typing_steps import PAUSE_SECONDS, TypingSteps, ends_sentence
from helpers import FakeClock

from test_ops import PACK

FIELD = ("point", "policies")


def typed(history: History, text: str, field=FIELD) -> None:
    """Type `text` after the field's text, one key at a time."""
    name, factor = field
    start = history.plan.paragraph(factor).point if name == "point" else ""
    for end in range(1, len(text) + 1):
        value = start + text[:end]
        history.push(set_text(history.plan, name, value, factor), merge_key=field, text=value)


def point(history: History) -> str:
    return history.plan.paragraph("policies").point


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_pause_ends_a_step(clock):
    history = History(new_plan(PACK), clock)
    typed(history, "Stalin used")
    clock.advance(PAUSE_SECONDS + 0.1)
    typed(history, " the apparatus")
    assert point(history) == "Stalin used the apparatus"
    history.undo()
    assert point(history) == "Stalin used"  # only the second burst
    history.redo()
    assert point(history) == "Stalin used the apparatus"
    history.undo()
    history.undo()
    assert point(history) == ""


def test_typing_without_a_pause_is_one_step(clock):
    history = History(new_plan(PACK), clock)
    for letter in "Stalin used the party":
        clock.advance(PAUSE_SECONDS * 0.9)  # a slow but steady typist
        typed(history, letter)
    history.undo()
    assert point(history) == ""


def test_a_sentence_end_ends_a_step(clock):
    history = History(new_plan(PACK), clock)
    typed(history, "He won. Then he")
    history.undo()
    assert point(history) == "He won. "  # the end and its space stay with the first sentence
    history.undo()
    assert point(history) == ""


@pytest.mark.parametrize("end", ["? ", "! ", "\n"])
def test_other_sentence_ends(clock, end):
    history = History(new_plan(PACK), clock)
    typed(history, f"Why{end}Because")
    history.undo()
    assert point(history) == f"Why{end}"


def test_another_field_or_a_seal_starts_a_step(clock):
    history = History(new_plan(PACK), clock)
    typed(history, "One")
    typed(history, "Two", field=("reason", "policies"))
    history.seal()
    typed(history, "Three", field=("reason", "policies"))
    assert history.undo().ranking[0].reason == "Two"
    assert point(history) == "One"
    history.undo()
    assert point(history) == "One"
    history.undo()
    assert point(history) == ""


def test_the_pause_rule_needs_no_text(clock):
    """Fields that give no text (a merge key only) still break at pauses."""
    plan = Plan(pack="a")
    history = History(plan, clock)
    history.push(Plan(pack="a", question="W"), merge_key="q")
    history.push(Plan(pack="a", question="Wh"), merge_key="q")
    clock.advance(2)
    history.push(Plan(pack="a", question="Why"), merge_key="q")
    assert history.undo().question == "Wh"
    assert history.undo() == plan


@pytest.mark.parametrize(
    "before, after, ends",
    [
        ("He won.", "He won. ", False),  # the space finishes the sentence
        ("He won. ", "He won. T", True),
        ("He won. ", "He won.  ", False),  # more space: still the same step
        ("He won. T", "He won. ", False),  # deleting never breaks
        ("A. C", "A. BC", True),  # typing after a sentence end inside the text
        ("Mr", "Mr.", False),
        ("", "A", False),
        ("Line\n", "Line\nNext", True),
    ],
)
def test_ends_sentence(before, after, ends):
    assert ends_sentence(before, after) is ends


def test_steps_use_the_module_clock_by_default(monkeypatch):
    from essayplan import typing_steps

    clock = FakeClock()
    monkeypatch.setattr(typing_steps, "now", clock)
    steps = TypingSteps()
    assert not steps.continues("f", "a")
    assert steps.continues("f", "ab")
    clock.advance(PAUSE_SECONDS)
    assert not steps.continues("f", "abc")


def test_a_pack_history_breaks_the_same_way(clock):
    """The pack editor's History holds packs: the same rule applies."""
    first = PACK
    history = History(first, clock)
    history.push(Pack(first.id, "T", factors=first.factors), merge_key="title", text="T")
    clock.advance(2)
    history.push(Pack(first.id, "Ti", factors=first.factors), merge_key="title", text="Ti")
    assert history.undo().title == "T"
