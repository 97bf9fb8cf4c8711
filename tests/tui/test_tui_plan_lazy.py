"""A long plan's paragraphs are built as they come on screen: opening it costs what the screen shows."""

from __future__ import annotations

from essayplan import ops
from essayplan.model import Evidence, Factor, Pack
from essayplan.packs import save_pack
from essayplan.plans import save_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.planview import ParagraphBox, ParagraphHeading, PartArea, PlanView

FACTORS = 40


def long_plan(folder):
    """A plan of a pack of 40 factors, every point written, a card attached to each; its path."""
    pack = Pack(
        id="long",
        title="A long pack",
        questions=("How far was factor 1 the main reason?",),
        factors=tuple(
            Factor(f"factor-{n}", f"Factor {n}", evidence=(Evidence(f"card-{n}", f"Card of factor {n}, 19{n:02}"),))
            for n in range(FACTORS)
        ),
    )
    save_pack(pack, folder / "long.toml")  # beside the plan: found by its id
    plan = ops.new_plan(pack)
    for n in range(FACTORS):
        plan = ops.set_text(plan, "point", f"Point {n} written out", f"factor-{n}")
        plan = ops.attach(plan, pack, f"factor-{n}", f"card-{n}")
    save_plan(plan, folder / "plan.toml")
    return folder / "plan.toml"


async def shown(pilot) -> PlanView:
    """F3: the Plan view, once the app is idle."""
    await pilot.press("f3")
    await pilot.pause()
    return pilot.app.query_one(PlanView)


async def until(pilot, done, tries: int = 100) -> None:
    for _ in range(tries):
        if done():
            return
        await pilot.pause()


async def test_only_the_paragraphs_on_screen_are_built_and_the_rest_show_their_text(tmp_path):
    app = EssayPlanApp(plan=long_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        boxes = list(app.query(ParagraphBox))
        assert [box.factor for box in boxes] == [f"factor-{n}" for n in range(FACTORS)]
        await until(pilot, lambda: all(box.ready for box in boxes if box.built))
        built = [box for box in boxes if box.built]
        assert 1 <= len(built) <= 4 and built == boxes[: len(built)]  # the first, on screen
        assert len(app.query(PartArea)) == 3 + 4 * len(built)  # introduction, criteria, conclusion; point, explain, link, counter
        # A paragraph not built yet shows its heading, its text and its card, as text.
        last = view.boxes[f"factor-{FACTORS - 1}"].query_one(ParagraphHeading)
        drawn = str(last.render())
        assert f"¶{FACTORS} ⠿ Factor {FACTORS - 1}" in drawn
        assert f"Point {FACTORS - 1} written out" in drawn and f"Card of factor {FACTORS - 1}" in drawn


async def test_scrolling_to_the_end_builds_the_last_paragraph(tmp_path):
    app = EssayPlanApp(plan=long_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        last = view.boxes[f"factor-{FACTORS - 1}"]
        assert not last.built
        view.scroll_end(animate=False)
        await until(pilot, lambda: last.ready)
        assert last.fields["point"].area.text == f"Point {FACTORS - 1} written out"
        assert not view.boxes[f"factor-{FACTORS // 2}"].built  # the middle, never on screen, is not


async def test_a_field_of_a_paragraph_not_built_yet_can_be_typed_in(tmp_path):
    app = EssayPlanApp(plan=long_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        area = view.field("explain", "factor-30")  # as the Check view's "go to" asks for it
        await until(pilot, lambda: view.boxes["factor-30"].ready)
        area.focus()
        await pilot.pause()
        await pilot.press(*"Because")
        await until(pilot, lambda: app.plan.paragraph("factor-30").explain == "Because")
        assert app.plan.paragraph("factor-30").explain == "Because"
        assert app.plan.paragraph("factor-30").point == "Point 30 written out"  # shown, not lost


async def test_tab_from_a_built_paragraph_builds_the_next(tmp_path):
    app = EssayPlanApp(plan=long_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await shown(pilot)
        first_unbuilt = next(box for box in app.query(ParagraphBox) if not box.built)
        first_unbuilt.query_one(ParagraphHeading).focus()  # where tab from the paragraph above lands
        await until(pilot, lambda: first_unbuilt.ready)
        assert first_unbuilt.fields["point"].area.text.startswith("Point")
        assert view.display
