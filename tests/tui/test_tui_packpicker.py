"""The app's pack choice: the library by subject and period, a filter, and opening a pack."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from essayplan import paths
from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank
from essayplan.tui.packpicker import PackPicker

SIZE = (110, 32)


def shown(app) -> list[tuple[str | None, str]]:
    """(pack id or None for a heading, the line's text) of every option in the picker."""
    options = app.screen.query_one(OptionList)
    return [(o.id, str(o.prompt)) for o in (options.get_option_at_index(i) for i in range(options.option_count))]


async def open_picker(pilot, app) -> None:
    app.action_choose_pack()
    await pilot.pause()
    assert isinstance(app.screen, PackPicker)


async def test_the_library_by_subject_and_period():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, app)
        lines = shown(app)
        assert lines[0] == (None, "History")  # a heading, not a choice
        ids = [i for i, _ in lines if i]
        assert ids == ["ww1-causes", "tsar-fall", "bolsheviks-october", "weimar-survival", "ww2-causes",
                       "stalin-rise", "hitler-rise"]  # fmt: skip
        stalin = dict(lines)["stalin-rise"]
        assert "1924–29" in stalin and "Stalin's Rise to Power" in stalin and stalin.endswith("(open)")
        assert app.screen.query_one(OptionList).get_option_at_index(0).disabled


async def test_typing_filters_and_enter_opens_the_pack_with_its_own_plan():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        stalin_plan = app.session.path  # the plan before: the Stalin pack's, in the data folder
        await open_picker(pilot, app)
        await pilot.press(*"weimar")
        await pilot.pause()
        assert [i for i, _ in shown(app) if i] == ["weimar-survival", "hitler-rise"]
        await pilot.press("enter")  # the first match
        await pilot.pause()
        assert app.pack.id == "weimar-survival"
        assert app.session.path == paths.user_data() / "plans" / "weimar-survival.toml"
        assert load_plan(app.session.path).pack == "weimar-survival"
        assert app.query_one(Bank).pack.id == "weimar-survival"  # the board shows the new pack
        assert load_plan(stalin_plan).pack == "stalin-rise"  # the Stalin plan is kept where it was


async def test_a_filter_that_matches_nothing_says_so_and_escape_changes_nothing():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, app)
        await pilot.press(*"zzz")
        await pilot.pause()
        assert shown(app) == [(None, "No pack matches 'zzz'")]
        await pilot.press("enter")  # nothing to open
        await pilot.pause()
        assert isinstance(app.screen, PackPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackPicker)
        assert app.pack.id == "stalin-rise"


async def test_work_is_saved_before_the_switch_and_found_again():
    from essayplan import ops

    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        stalin_plan = app.session.path
        app.apply(ops.set_text(app.plan, "introduction", "Stalin rose because of the party machine."))
        await open_picker(pilot, app)
        app.screen.query_one(Input).value = "1917 lenin"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.pack.id == "bolsheviks-october"
        assert load_plan(stalin_plan).introduction == "Stalin rose because of the party machine."
        await open_picker(pilot, app)  # and back: the Stalin plan as it was left
        app.screen.query_one(Input).value = "stalin-rise"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.pack.id == "stalin-rise" and app.session.path == stalin_plan
        assert app.plan.introduction == "Stalin rose because of the party machine."


async def test_pack_text_is_shown_literally(elsewhere):
    user = paths.user_packs()
    user.mkdir(parents=True)
    (user / "odd.toml").write_text(
        'schema = 1\nid = "odd"\ntitle = "[b]Bold[/b] \\u001b[31mred"\nsubject = "[@click=app.quit]Click[/]"\n'
        'period = "1914"\n[[factors]]\nid = "f"\ntitle = "F"\n[[factors.evidence]]\nid = "c"\ntext = "A card."\n',
        encoding="utf-8",
    )
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot, app)
        lines = dict((text, i) for i, text in shown(app))
        assert "[@click=app.quit]Click[/]" in lines  # the heading, as written
        odd = next(text for text in lines if "odd" == lines[text])
        assert "[b]Bold[/b] \ufffd[31mred" in odd  # markup shown, the escape character replaced


async def test_the_command_palette_offers_the_library():
    from textual.command import CommandList, CommandPalette

    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"open another pack")
        for _ in range(50):  # the palette searches in the background: wait for its first hit
            await pilot.pause(0.05)
            if app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, PackPicker):
                break
        assert isinstance(app.screen, PackPicker)
