"""The check view: the advice list, its count, updates after edits, jumping to a part."""

from __future__ import annotations

from essayplan import ops
from essayplan.advice import Advice, advise
from essayplan.tui import EssayPlanApp
from essayplan.tui.adviceview import AdviceView, count_line, target
from essayplan.tui.planview import AddEvidence, PlanView
from helpers import wait_until

SIZE = (120, 40)


def advice_view(app) -> AdviceView:
    return app.query_one(AdviceView)


def count_text(app) -> str:
    return str(app.query_one("#advice-count").render())


def listed(app) -> list[str]:
    options = app.query_one("#advice-list")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_check(pilot) -> None:
    """F4, and wait until the view lists the current plan with its list focused: it is built
    when first shown, and fills its list a refresh later (one pause was not always enough)."""
    app = pilot.app
    await pilot.press("f4")

    def ready() -> bool:
        views = app.query(AdviceView)
        return bool(views) and views.first().shown == (app.plan, app.pack) and app.focused is app.query_one("#advice-list")

    await wait_until(pilot, ready, what="the check view")


async def settle(pilot, done, tries: int = 20) -> None:
    """Pause until done() holds: a view built on first use takes a few frames to take the cursor."""
    for _ in range(tries):
        if done():
            return
        await pilot.pause(0.05)


def test_count_line():
    assert count_line(0) == "Nothing to do: every part is in place."
    assert count_line(1) == "1 thing to do"
    assert count_line(5) == "5 things to do"


async def test_check_view_lists_every_item_naming_its_part():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_check(pilot)
        items = advise(app.plan, app.pack)
        assert count_text(app) == f"{len(items)} things to do"
        shown = listed(app)
        assert len(shown) == len(items)
        # Issue 13: an empty question comes first ("choose or type a question").
        assert shown[0].startswith("▸ Question") and shown[1].startswith("▸ Introduction")
        assert any("Paragraph 2 (Weakness of the opposition)" in line for line in shown)
        assert all(item.message in line for item, line in zip(items, shown))


async def test_check_view_updates_after_an_edit():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_check(pilot)
        before = listed(app)
        app.edit_text("introduction", "Stalin rose mainly because of his policies.")  # agrees with the ranking
        await pilot.pause()
        after = listed(app)
        assert len(after) == len(before) - 1
        assert not any(line.startswith("▸ Introduction") for line in after)


async def test_the_check_view_is_built_when_first_shown():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.query("AdviceView")  # start-up pays only for the board
        await open_check(pilot)
        assert len(listed(app)) == len(advise(app.plan, app.pack))


async def test_hidden_check_view_is_computed_when_shown():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_check(pilot)
        await pilot.press("f2")
        app.edit_text("conclusion", "The main reason was the weakness of the opposition.")
        await pilot.pause()
        view = advice_view(app)
        assert view.shown[0] != app.plan  # not computed again while hidden
        await open_check(pilot)
        assert view.shown == (app.plan, app.pack)
        assert len(listed(app)) == len(advise(app.plan, app.pack))


async def test_enter_on_an_item_jumps_to_that_field():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_check(pilot)
        items = advice_view(app).items
        advice_view(app).query_one("#advice-list").highlighted = [i.rule for i in items].index("introduction-empty")
        await pilot.pause()
        await pilot.press("enter")  # the introduction is empty
        await pilot.pause()
        plan_view = app.query_one(PlanView)
        assert plan_view.display
        assert app.focused is plan_view.field("introduction")
        # Type there, come back: the item is gone.
        await pilot.press(*"Stalin won")
        await open_check(pilot)
        assert not any(line.startswith("▸ Introduction") for line in listed(app))


async def test_click_on_a_paragraph_item_focuses_its_field():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.run_op(ops.attach, app.pack, "opposition", "trotsky-testament")
        await open_check(pilot)
        items = advice_view(app).items
        index = next(i for i, item in enumerate(items) if item.rule == "paragraph-no-point")
        advice_view(app).query_one("#advice-list").highlighted = index
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.query_one(PlanView).field("point", "opposition")


def test_targets_of_each_rule(bundled_pack):
    plan = ops.new_plan(bundled_pack, "How far was the weakness of the opposition the main reason for Stalin's rise to power?")
    plan = ops.move_paragraph(plan, "personality", 0)
    items = {}
    for item in advise(plan, bundled_pack):
        items.setdefault(item.rule, item)  # the first of each rule
    assert target(items["introduction-empty"], plan, bundled_pack) == ("introduction", None)
    # Paragraph 1 is personality now: the number follows essay order.
    assert target(items["paragraph-empty"], plan, bundled_pack) == ("point", "personality")
    assert target(items["conclusion-empty"], plan, bundled_pack) == ("conclusion", None)
    assert target(items["stated-factor-not-weighed"], plan, bundled_pack) == ("link", "opposition")
    assert target(items["factors-not-linked"], plan, bundled_pack) == ("link", "personality")
    unused = Advice("evidence (Weakness of the opposition)", "…", "evidence-unused", "opposition", "evidence")
    assert target(unused, plan, bundled_pack) == ("evidence", "opposition")
    # Issue 13's rules say where they point: the whole plan's parts, and the question.
    assert target(items["criteria-empty"], plan, bundled_pack) == ("criteria", None)
    blank = ops.set_question(plan, "")
    first = {item.rule: item for item in advise(blank, bundled_pack)}
    assert target(first["question-empty"], blank, bundled_pack) == ("question", None)
    started = ops.set_text(plan, "point", "x", "policies")
    missing = {item.rule: item for item in advise(started, bundled_pack) if "policies" in item.part.lower()}
    assert target(missing["paragraph-no-evidence"], started, bundled_pack) == ("evidence", "policies")
    assert target(missing["paragraph-no-explain"], started, bundled_pack) == ("explain", "policies")
    assert target(missing["paragraph-no-link"], started, bundled_pack) == ("link", "policies")


async def test_unused_evidence_item_goes_to_the_add_evidence_line():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_check(pilot)
        view = advice_view(app)
        index = next(i for i, item in enumerate(view.items) if item.rule == "evidence-unused")
        view.go_to(index)
        await settle(pilot, lambda: isinstance(app.focused, AddEvidence))
        assert isinstance(app.focused, AddEvidence)
        assert app.focused.factor == "policies"


async def test_a_complete_plan_has_nothing_to_do(bundled_pack):
    # Issue 13: "complete" now means an examiner would have nothing to add: a question, criteria the
    # conclusion applies, a conclusion agreeing with the ranking, explains that explain, factors weighed.
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        plan = ops.set_question(app.plan, "Why was Stalin able to become leader of the Soviet Union by 1929?")
        plan = ops.set_text(plan, "introduction", "Stalin rose mainly because of his policies, which won the party's support.")
        plan = ops.set_text(plan, "criteria", "Which factor made the others possible.")
        plan = ops.set_text(
            plan,
            "conclusion",
            "Overall, the main reason was Stalin's policies, because they made the others possible: without "
            "Socialism in One Country the weakness of the opposition would not have mattered.",
        )
        texts = {
            "policies": (
                "Stalin's policies won him support.",
                "Socialism in One Country gave party members hope, so they backed Stalin.",
                "This made Trotsky's Permanent Revolution look dangerous, so the weakness of the opposition grew.",
            ),
            "opposition": (
                "The weakness of the opposition helped Stalin.",
                "Trotsky's mistakes meant he lost allies, so Stalin faced no united enemy.",
                "This mattered less than Stalin's policies, because his rivals lost votes to Socialism in One Country.",
            ),
            "personality": (
                "Stalin's position as General Secretary helped him.",
                "He appointed loyal officials, so congress votes went his way.",
                "This let him turn his policies into votes against Trotsky.",
            ),
        }
        for paragraph in plan.paragraphs:
            factor = bundled_pack.factor(paragraph.factor)
            point, explain, link = texts.get(factor.id, (f"{factor.title} helped.", "This let him win.", "It helped Stalin's policies."))
            plan = ops.set_text(plan, "point", point, factor.id)
            plan = ops.set_text(plan, "explain", explain, factor.id)
            plan = ops.set_text(plan, "link", link, factor.id)
            for card in factor.evidence:
                plan = ops.attach(plan, bundled_pack, factor.id, card.id)
        app.apply(plan)
        await open_check(pilot)
        assert advise(app.plan, app.pack) == []
        assert count_text(app) == "Nothing to do: every part is in place."
        assert listed(app) == []
        await pilot.press("f3")
        await pilot.pause()
        assert "nothing to do" in str(app.query_one("#plan-status").render())
