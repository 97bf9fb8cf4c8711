"""The focus is never lost: after every view, dialog and field closes, one visible widget has it (#15)."""

from __future__ import annotations

import pytest

from essayplan import ops
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.judgement import JudgementLine
from essayplan.tui.weights import WeighPanel

SIZE = (80, 24)


def focus_problem(app) -> str | None:
    """Why the focus is not where a student can see it (None: it is)."""
    widget = app.focused
    if widget is None:
        return "nothing has the focus"
    if widget.screen is not app.screen:
        return f"{widget!r} is on a screen that is not shown"
    if not widget.display or not all(node.display for node in widget.ancestors if hasattr(node, "display")):
        return f"{widget!r} is not displayed"
    region = widget.region
    if not region.area or not app.screen.region.contains_region(region.intersection(app.screen.region)) or not region.overlaps(app.screen.region):
        return f"{widget!r} is off the screen ({region})"
    if not widget.is_on_screen:
        return f"{widget!r} was not drawn"
    return None


async def settle(pilot, condition=lambda: True) -> None:
    """Let the app finish what the keys started (focus moves come a refresh later)."""
    for _ in range(40):
        await pilot.pause()
        if condition():
            return


async def assert_focused(pilot, what: str) -> None:
    app = pilot.app
    await settle(pilot, lambda: focus_problem(app) is None)
    problem = focus_problem(app)
    assert problem is None, f"after {what}: {problem}"


async def open_reason(pilot, factor: str) -> Ladder:
    ladder = pilot.app.query_one(Ladder)
    ladder.focus()
    ladder.move_cursor(ladder.index_of(("reason", factor)))
    await pilot.press("enter")
    await settle(pilot, lambda: pilot.app.focused is not None and pilot.app.focused.id == "reason-editor")
    assert pilot.app.focused.id == "reason-editor"
    return ladder


@pytest.mark.parametrize("close", ["enter", "escape"])
async def test_closing_a_reason_gives_the_focus_back_to_its_line(close):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        first = app.plan.ranking[0].factor
        ladder = await open_reason(pilot, first)
        await pilot.press("w", "h", "y", close)
        await settle(pilot, lambda: app.focused is ladder)
        assert app.focused is ladder and ladder.current.key == ("reason", first)
        await pilot.press("down")  # the arrows work again at once
        assert ladder.current.key != ("reason", first)
        assert app.plan.ranking[0].reason == "why"


async def test_clicking_out_of_a_reason_focuses_what_was_clicked():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_reason(pilot, app.plan.ranking[0].factor)
        await pilot.click(Bank, offset=(5, 3))
        await assert_focused(pilot, "a click in the bank")
        assert app.focused is app.query_one(Bank)


async def test_every_view_dialog_and_field_leaves_a_visible_focus():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await assert_focused(pilot, "start")
        for key in ("f3", "f4", "f5", "f2", "f5", "f4", "f3", "f2"):
            await pilot.press(key)
            await assert_focused(pilot, f"{key} (view)")

        # Each dialog reachable from the board, from the bank and from the ranking, closed with Esc.
        dialogs = {
            "export": lambda: pilot.press("ctrl+e"),
            "save as": lambda: app.run_action("save_as"),
            "help": lambda: pilot.press("f1"),
            "palette": lambda: pilot.press("ctrl+p"),
            "pack picker": lambda: app.run_action("choose_pack"),
            "own factor": lambda: pilot.press("ctrl+f"),
        }
        for start in (Bank, Ladder):
            for name, opener in dialogs.items():
                app.query_one(start).focus()
                await settle(pilot)
                base = len(app.screen_stack)
                await opener()
                await settle(pilot, lambda: len(app.screen_stack) > base)
                assert len(app.screen_stack) > base, f"{name} did not open"
                await assert_focused(pilot, f"{name} opened")
                for _ in range(3):  # the first export asks the student's name first: Esc skips it
                    depth = len(app.screen_stack)
                    await pilot.press("escape")
                    await settle(pilot, lambda: len(app.screen_stack) != depth)
                    await assert_focused(pilot, f"Esc in {name}")
                    if len(app.screen_stack) == base:
                        break
                await assert_focused(pilot, f"{name} closed from {start.__name__}")
                assert app.focused is app.query_one(start), f"{name} gave the focus to {app.focused!r}"

        # The reason field: Enter, Esc, a click elsewhere, a view switch.
        first = app.plan.ranking[0].factor
        for close in ("enter", "escape", "click", "f3", "tab"):
            await pilot.press("f2")
            await open_reason(pilot, first)
            await pilot.press("a")
            if close == "click":
                await pilot.click(WeighPanel)
            else:
                await pilot.press(close)
            await assert_focused(pilot, f"the reason closed by {close}")

        # The judgement line (how-far questions only) and the weights: in and out by keys and clicks.
        await pilot.press("f2")
        app.run_op(ops.set_question, "How far was Stalin's personality the main reason for his rise to power?")
        await settle(pilot, lambda: app.query_one(JudgementLine).display)
        for widget in (JudgementLine, WeighPanel):
            await pilot.click(widget)
            await assert_focused(pilot, f"a click on {widget.__name__}")
            assert app.focused is app.query_one(widget)
            await pilot.press("right")
            for leave in ("tab", "shift+tab", "escape"):
                await pilot.press(leave)
                await assert_focused(pilot, f"{leave} from {widget.__name__}")


def burst(app, keys: list[str]) -> None:
    """Keys sent in one go, as a paste or a fast typist sends them: none waits for the one before."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, " " if key == "space" else key if len(key) == 1 else None))


async def test_keys_sent_in_one_burst_after_tab_go_to_the_field_that_gets_the_focus():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot, lambda: app.focused is not None and getattr(app.focused, "part", None) == "introduction")
        burst(app, [*"In 1924", "tab", *"Criteria", "shift+tab", "space", *"Lenin", "tab", "tab"])
        await settle(pilot, lambda: "Lenin" in app.plan.introduction)
        assert app.plan.introduction == "In 1924 Lenin"
        assert app.plan.criteria == "Criteria"

        # On the board: Tab from the bank to the ranking, then a reason typed at once.
        await pilot.press("f2")
        app.query_one(Bank).focus()
        await settle(pilot, lambda: app.focused is app.query_one(Bank))
        burst(app, ["tab", *"Trotsky", "space", *"lost"])
        await settle(pilot, lambda: app.plan.ranking[0].reason == "Trotsky lost")
        assert app.plan.ranking[0].reason == "Trotsky lost"
        assert app.query_one(Bank).search is None


async def test_words_typed_in_bursts_are_never_undone_by_the_plans_echo():
    """Each word in one burst: the plan's text, coming back behind the typing, must not replace it."""
    import asyncio

    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot, lambda: getattr(app.focused, "part", None) == "introduction")
        sentence = "The opposition was weak, but Stalin made it weaker. "
        for word in sentence.split(" ")[:-1]:
            burst(app, [*word, "space"])
            await asyncio.sleep(0.002)
        burst(app, ["tab", *"Which", "space", *"factor"])
        await settle(pilot, lambda: app.plan.criteria == "Which factor")
        assert app.plan.introduction == sentence and app.plan.criteria == "Which factor"

        await pilot.press("f2")
        ladder = app.query_one(Ladder)
        ladder.focus()
        ladder.move_cursor(ladder.index_of(("factor", app.plan.ranking[1].factor)))
        await settle(pilot, lambda: app.focused is ladder)
        for word in "Trotsky was arrogant and never built support".split():
            burst(app, [*word, "space"])
            await asyncio.sleep(0.002)
        burst(app, ["enter", "down", "down", *"next"])  # Enter closes the field, the arrows act at once
        await settle(pilot, lambda: app.plan.ranking[2].reason == "next")
        assert app.plan.ranking[1].reason == "Trotsky was arrogant and never built support "
        assert app.plan.ranking[2].reason == "next"


async def test_keys_typed_while_a_view_is_built_go_to_its_field():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        burst(app, ["f3", *"Stalin", "space", *"won"])  # the plan view is built after F3: nothing has the focus
        await settle(pilot, lambda: app.plan.introduction == "Stalin won")
        assert app.plan.introduction == "Stalin won"
        assert app.query_one(Bank).search is None  # nothing went to the board just hidden
