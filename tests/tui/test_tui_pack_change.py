"""A plan naming factors and cards its pack no longer has: one message, however many."""

from __future__ import annotations

from dataclasses import replace

from essayplan import ops
from essayplan.model import Paragraph, Ranked
from essayplan.packchange import pack_change_message
from essayplan.plans import save_plan
from essayplan.tui import EssayPlanApp


def lost_plan(pack, factors: int):
    """A plan of the bundled pack that also ranks `factors` factors (each with a paragraph and a card) it lacks."""
    plan = ops.new_plan(pack)
    gone = [f"gone-{n}" for n in range(factors)]
    return replace(
        plan,
        ranking=plan.ranking + tuple(Ranked(f, f"why {f}") for f in gone),
        paragraphs=plan.paragraphs + tuple(Paragraph(f, point=f"on {f}", evidence=(f"card-of-{f}",)) for f in gone),
    )


async def test_three_thousand_lost_factors_give_one_message_naming_the_count(tmp_path, bundled_pack):
    path = tmp_path / "essay.toml"
    save_plan(lost_plan(bundled_pack, 3000), path)
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = [n for n in app.said if n.title == "The pack has changed"]
        assert len(notes) == 1
        message = notes[0].text
        assert "3,000 factors and 3,000 cards that pack 'stalin-rise' does not have" in message
        assert "… and 8,997 more notes (essayplan check lists them all)." in message
        assert len(message.splitlines()) == 5  # the count, three notes, how many more
        # Kept, with their text: the ladder still lists every one.
        assert app.plan.paragraph("gone-2999").point == "on gone-2999"
        assert len(app.plan.ranking) == len(bundled_pack.factors) + 3000


async def test_the_message_said_at_start_up_is_on_its_line_before_the_first_layout(tmp_path, bundled_pack, monkeypatch):
    """The line gets it as it is mounted, so the first layout gives it its height: shown after the
    first frame, a three-line message laid the whole screen out again (the 3,000-factor bench)."""
    from essayplan.tui.status import StatusLine

    shows = []
    real = StatusLine.show
    monkeypatch.setattr(StatusLine, "show", lambda line, said, seconds: shows.append(line.size) or real(line, said, seconds))
    path = tmp_path / "essay.toml"
    save_plan(lost_plan(bundled_pack, 2), path)
    app = EssayPlanApp(plan=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.plan_screen.query_one(StatusLine)
        assert line.said is app.said[-1] and line.said.title == "The pack has changed"
        assert line.size.height == 3 and "does not have" in str(line.render())
        assert [tuple(size) for size in shows] == [(0, 0)]  # shown once, before any layout


def test_a_few_notes_are_quoted_whole(bundled_pack):
    plan, notes = ops.reconcile(lost_plan(bundled_pack, 1), bundled_pack)
    message = pack_change_message(notes, plan, bundled_pack)
    assert message.splitlines() == [
        "This plan names 1 factor and 1 card that pack 'stalin-rise' does not have: kept, with their text.",
        *notes,
    ]
    assert len(notes) == 3


def test_no_notes_no_message(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    assert pack_change_message([], plan, bundled_pack) is None


def test_own_factors_are_not_lost(bundled_pack):
    # A note about a new factor of the pack names nothing lost: only the note is shown.
    plan = ops.new_plan(bundled_pack)
    plan = replace(plan, ranking=plan.ranking[1:], paragraphs=plan.paragraphs[1:])
    fitted, notes = ops.reconcile(plan, bundled_pack)
    assert pack_change_message(notes, fitted, bundled_pack) == "\n".join(notes)
