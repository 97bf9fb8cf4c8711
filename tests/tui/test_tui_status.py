"""Messages never hide the work: one status line above the key bar shows the latest message;
nothing floats over the ranking or the help (80×24)."""

from __future__ import annotations

from textual.widgets._toast import Toast

from essayplan.tui import EssayPlanApp
from essayplan.tui.bars import KeyBar
from essayplan.tui.board import Ladder
from essayplan.tui.screens import HelpScreen
from essayplan.tui.status import StatusLine

SIZE = (80, 24)


def status(app) -> StatusLine:
    return app.plan_screen.query_one(StatusLine)


def shown(line: StatusLine) -> str:
    return str(line.render())


def owner_at(app, x: int, y: int):
    widget, _ = app.get_widget_at(x, y)
    return widget


def inside(widget, ancestor) -> bool:
    return widget is ancestor or ancestor in widget.ancestors


async def until(pilot, condition, seconds: float = 5) -> None:
    """Wait for a condition (timers run on the app's clock), with a deadline."""
    import time

    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the condition never came true"
        await pilot.pause(0.02)


async def test_several_messages_show_only_the_latest_and_cover_nothing():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+z")  # Nothing to undo.
        await pilot.press("ctrl+s")  # Saved to …
        app.notify("A warning about the pack", severity="warning")
        app.notify("The last word", title="Note")
        await pilot.pause()
        assert [s.text for s in app.said][-2:] == ["A warning about the pack", "The last word"]
        assert app.said[0].text == "Nothing to undo."
        line = status(app)
        assert shown(line) == "Note: The last word"  # one line, the latest only
        assert len(app.screen.query(StatusLine)) == 1
        assert not app.screen.query(Toast)  # no floating notifications
        # The line is above the key bar, the ranking's last visible line above the status line.
        keys = app.screen.query_one("#keys")
        assert line.region.bottom == keys.region.y
        ladder = app.query_one(Ladder)
        last = ladder.region.bottom - 1
        assert last < line.region.y
        assert all(inside(owner_at(app, x, last), ladder) for x in range(ladder.region.x, ladder.region.right))


async def test_a_message_fades_and_the_next_replaces_it():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        line = status(app)
        app.notify("Quick", timeout=0.05)
        assert line.has_class("-information")
        await until(pilot, lambda: not line.has_class("-information"))
        assert shown(line) == "Quick"  # faded: still there, dimmed, until the next
        app.notify("Next", severity="warning")
        await pilot.pause()
        assert shown(line) == "Next" and line.has_class("-warning")


async def test_an_error_stays_until_the_next_key():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.notify("Could not save: the disk is full", severity="error", timeout=0.01)
        await pilot.pause()
        line = status(app)
        assert line.has_class("-error") and line.waits_for_key
        await pilot.pause(0.05)  # longer than its timeout: an error waits for a key, not for time
        assert line.has_class("-error")
        await pilot.press("down")
        await pilot.pause()
        assert not line.has_class("-error")
        assert shown(line) == "Could not save: the disk is full"


async def test_the_help_is_never_covered():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for n in range(4):
            app.notify(f"Message {n}", severity="warning")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query(Toast)
        help_box = app.screen.query_one("#help")
        region = help_box.region
        for y in range(region.y, region.bottom):
            for x in (region.x, region.x + region.width // 2, region.right - 1):
                assert inside(owner_at(app, x, y), help_box)
        assert shown(status(app)).startswith("Saved to ")  # said on the line under the help
        keys = [description for _key, _shown, description, _on in app.screen.query_one(KeyBar).keys()]
        assert keys == ["Close help"]  # the help's own key bar, over the plan's


async def test_messages_are_shown_literally():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.notify("Pack [bold]Evil[/bold] \x1b[31mred", title="[i]t[/i]")
        await pilot.pause()
        assert shown(status(app)) == "[i]t[/i]: Pack [bold]Evil[/bold] �[31mred"


async def test_the_pack_editor_has_its_own_status_line():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        app.action_edit_pack()
        await pilot.pause()
        editor = app.screen
        editor.notify("From the editor")
        await pilot.pause()
        assert shown(editor.query_one(StatusLine)) == "From the editor"
        assert not app.screen.query(Toast)
