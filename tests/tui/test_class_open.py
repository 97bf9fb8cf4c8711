"""`essayplan class FOLDER --open`: the list of plans in the app; Enter opens one read-only, F6 comes back."""

from __future__ import annotations

import time

import pytest
from textual.widgets import DataTable

from class_plans import make_class
from essayplan import paths
from essayplan.classreport import class_report
from essayplan.cli import main
from essayplan.errors import UserError
from essayplan.locks import lock_path
from essayplan.names import short
from essayplan.packs import load_pack
from essayplan.tui.classlist import ClassApp, ClassList, run_class_app
from essayplan.tui.planview import PlanView

SIZE = (80, 24)


async def wait_for(pilot, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.02)


@pytest.fixture
def made(tmp_path, bundled):
    pack = load_pack(bundled)
    return make_class(tmp_path / "class", pack, load_pack(bundled.parent / "weimar-survival.toml"))


def on_list(app) -> bool:
    """The list is shown and takes the keys."""
    return isinstance(app.screen, ClassList) and isinstance(app.focused, DataTable)


def listed(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [table.get_row_at(row)[0].plain.strip() for row in range(table.row_count)]


async def test_the_list_shows_every_student_and_enter_opens_a_plan_read_only(made):
    report = class_report(made.folder)
    app = ClassApp(report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: on_list(app))
        assert listed(app) == [short(e.name, 14) for e in report.plans]  # 'student-30 (s…': cut to its column
        assert [name.split()[0] for name in listed(app)] == sorted(m.student for m in made.made)
        row = next(i for i, e in enumerate(report.plans) if e.path.as_posix() == "student-07/stalin-rise.toml")
        target = made.folder / "student-07" / "stalin-rise.toml"
        before = target.read_bytes()
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ClassList) and app.session.path == target)
        assert app.session.read_only
        assert app.plan.question == next(m.plan.question for m in made.made if m.path.as_posix() == "student-07/stalin-rise.toml")

        # Typing changes what is shown, never the file; the autosave passes it by.
        await pilot.press("f3")
        field = await _field(pilot, app)
        await wait_for(pilot, lambda: app.focused is not None and app.query_one(PlanView) in app.focused.ancestors_with_self)
        field.focus()  # once the view has taken the cursor for itself
        await wait_for(pilot, lambda: app.focused is field)
        await pilot.press(*"good")
        await wait_for(pilot, lambda: "good" in app.plan.introduction)
        await wait_for(pilot, lambda: app._autosave_timer is None)  # the autosave ran, and wrote nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert target.read_bytes() == before
        assert not lock_path(target).exists()
        assert not (paths.user_data() / "state.toml").exists()  # the teacher's last plan is not a student's

        # F6: back to the list, on the same row; the next plan opens in its place.
        await pilot.press("f6")
        await wait_for(pilot, lambda: on_list(app))
        assert app.screen.query_one(DataTable).cursor_row == row
        await pilot.press("ctrl+z")  # the plan's keys do nothing under the list
        await pilot.press("down", "enter")
        following = made.folder / report.plans[row + 1].path
        await wait_for(pilot, lambda: app.session.path == following)
        assert app.session.read_only and not app.session.dirty
        assert app.query_one(PlanView).plan == app.plan
        await pilot.press("ctrl+q")
    assert target.read_bytes() == before


async def _field(pilot, app):
    await wait_for(pilot, lambda: bool(app.query(PlanView)))
    return app.query_one(PlanView).field("introduction", None)


async def test_escape_goes_back_to_the_plan_and_the_palette_to_the_list(made):
    app = ClassApp(class_report(made.folder))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: on_list(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ClassList))
        await app.run_action("class_list")
        await wait_for(pilot, lambda: on_list(app))


def test_nothing_to_open(tmp_path, capsys):
    (tmp_path / "broken.toml").write_text("not toml")
    assert main(["class", str(tmp_path), "--open"]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: no plan here can be read; nothing to open\n"
    with pytest.raises(UserError):
        run_class_app(class_report(tmp_path))


def test_open_from_the_command_line_runs_the_class_app(made, monkeypatch):
    ran = []
    monkeypatch.setattr(ClassApp, "run", lambda self: ran.append(len(self.report.plans)))
    assert main(["class", str(made.folder), "--open", "-o", str(made.folder.parent / "report.md")]) == 0
    assert ran == [len(made.made)]
    assert (made.folder.parent / "report.md").read_text(encoding="utf-8").startswith("# Class report")


async def test_a_copy_made_with_save_as_is_saved_before_the_next_plan_opens(made, tmp_path):
    from essayplan import ops
    from essayplan.plans import load_plan

    report = class_report(made.folder)
    app = ClassApp(report)
    copy = tmp_path / "feedback.toml"
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: on_list(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ClassList))
        app.session.save_as(copy)  # what the Save as dialog does
        app.apply(ops.set_text(app.plan, "introduction", "See me about this"))
        await pilot.press("f6")
        await wait_for(pilot, lambda: on_list(app))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.session.path == made.folder / report.plans[1].path)
        await pilot.press("ctrl+q")
    assert load_plan(copy).introduction == "See me about this"
