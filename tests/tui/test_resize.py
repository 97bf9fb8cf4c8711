"""Shrink the terminal to 40×12 and back with a plan full of text: no crash, nothing lost."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import TextArea

from essayplan import ops
from essayplan.packs import load_pack
from essayplan.plans import load_plan, save_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Ladder
from essayplan.tui.planview import PlanView
from paths import BUNDLED_PACK

SIZES = [(120, 40), (100, 30), (80, 24), (60, 16), (40, 12), (41, 13), (40, 12), (80, 24), (120, 40)]
LONG = "Stalin used the General Secretary's power of appointment — “the grey blur” — to fill the Party with loyal men. " * 6


def full_plan(pack):
    """Every text filled (several lines), every card attached, most important last."""
    plan = ops.set_question(ops.new_plan(pack), pack.questions[0])
    for name in ("introduction", "criteria", "conclusion"):
        plan = ops.set_text(plan, name, f"{name}: {LONG}\nA second line.")
    for factor in pack.factors:
        plan = ops.set_text(plan, "reason", f"{factor.title} ranked here because {LONG}", factor.id)
        for part in ("point", "explain", "link", "counter"):
            plan = ops.set_text(plan, part, f"{part} for {factor.id}: {LONG}\n{LONG}", factor.id)
        for card in factor.evidence:
            plan = ops.attach(plan, pack, factor.id, card.id)
    return ops.move_factor(plan, pack.factors[0].id, len(pack.factors) - 1)


async def test_shrinking_to_40x12_and_back_loses_nothing(tmp_path):
    pack = load_pack(BUNDLED_PACK)
    path = tmp_path / "full.toml"
    save_plan(full_plan(pack), path)
    on_disk = load_plan(path)

    app = EssayPlanApp(plan=path)
    async with app.run_test(size=SIZES[0]) as pilot:
        start = app.plan
        assert start == on_disk
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.size == size
            # Use the app at every size: each view, focus moving, a lift cancelled.
            for key in ("f3", "tab", "tab", "f4", "f2", "tab", "space", "down", "escape", "f1", "escape"):
                await pilot.press(key)
            await pilot.pause()
            assert app.is_running
            assert app.plan == start, f"the plan changed at {size}"

        # Every reason still shows in full on the ladder, in ranking order.
        ladder = app.query_one(Ladder)
        assert [e.key[1] for e in ladder.entries if e.key[0] == "factor"] == [r.factor for r in start.ranking]
        for entry in start.ranking:
            assert ladder.text_of(("reason", entry.factor)) == f"✎ {entry.reason}"
            assert not ladder.entries[ladder.index_of(("reason", entry.factor))].one_line  # wrapped, not cut
        # And every text of the plan view holds its text.
        await pilot.press("f3")
        await pilot.pause()
        view = app.query_one(PlanView)
        for paragraph in start.paragraphs:  # paragraphs not yet on screen are built when asked for
            view.field("point", paragraph.factor)
        for _ in range(100):
            if all(box.ready for box in view.boxes.values()):
                break
            await pilot.pause()
        shown = {area.text for area in app.query(TextArea)}
        for paragraph in start.paragraphs:
            assert {paragraph.point, paragraph.explain, paragraph.link} <= shown
        assert {start.introduction, start.conclusion} <= shown

        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.return_code in (None, 0)
    assert replace(load_plan(path), modified=start.modified) == start
