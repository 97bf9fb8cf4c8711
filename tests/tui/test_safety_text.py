"""One door for untrusted text: what packs, plans and file names hold is shown literally.

The hostile corpus is tests/data/hostile/text-*.toml: markup actions, links and colours, "[/",
OSC 52 (clipboard) and OSC 0 (window title), CSI that wipes the screen, C1 controls, bidi
overrides, NUL and BEL. Every layer is tried: the helper (a property test), the command line,
the app through Pilot, and a real terminal in tmux.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan.cli import main
from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.text import literal
from paths import BUNDLED_PACK, HOSTILE

SIZE = (140, 40)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hostile(kind: str) -> list[Path]:
    """The corpus's packs or plans (a plan has `pack = "…"`)."""
    files = sorted(HOSTILE.glob("text-*.toml"))
    return [f for f in files if ("pack" in tomllib.loads(f.read_text(encoding="utf-8"))) == (kind == "plan")]


PACKS = hostile("pack")
PLANS = hostile("plan")


def is_control(char: str) -> bool:
    """C0, DEL and C1 (Unicode's Cc), and the bidi overrides and isolates: what must never be sent."""
    return unicodedata.category(char) == "Cc" or char in BIDI


def controls_in(text: str) -> list[str]:
    """The control characters in lines of output (their line ends aside)."""
    return [f"U+{ord(c):04X}" for c in text if is_control(c) and c != "\n"]


# -- the helper --------------------------------------------------------------------

PIECES = ["[", "]", "[/", "[/s]", "[/]", "[b]", "[@click=app.quit]", "[link=x]", "$var", "\\[", "\x1b", "\x1b]52;c;eA==\x07",
          "\x9b", "\x00", "\x07", "\x7f", "\u202e", "\u2066", "\n", "\r\n", "\r", "\t", "é", "😀"]  # fmt: skip


def expected(text: str, multiline: bool) -> str:
    """What `literal` must show, worked out apart from safetext: every control is �, except line breaks."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "".join(c if c in "\n\t" or not is_control(c) else "\ufffd" for c in text)
    text = text.replace("\r\n", " ")
    return "".join(" " if c in "\n\r\t" else "\ufffd" if is_control(c) else c for c in text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(PIECES)), max_size=12).map("".join), st.booleans())
def test_literal_shows_any_text_as_written_without_control_characters(text, multiline):
    content = literal(text, multiline)
    assert content.plain == expected(text, multiline)  # markup characters kept, literally
    assert not content.spans  # nothing styled, linked or clickable
    allowed = "\n\t" if multiline else ""
    assert not [c for c in content.plain if is_control(c) and c not in allowed]


# -- the command line ----------------------------------------------------------------


def position_of(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_packs_prints_hostile_packs_without_escapes(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "factors"  # ./factors: a downloaded folder's packs are found by id
    folder.mkdir()
    for pack in PACKS:
        shutil.copy(pack, folder / pack.name)
    monkeypatch.chdir(tmp_path)
    assert main(["packs"]) == 0
    out, err = capsys.readouterr()
    assert controls_in(out + err) == []
    assert "Clipboard \ufffd]52;c;cGFjayB0aXRsZQ==\ufffd pack" in out
    assert "[bold red on yellow]URGENT: your plan was deleted[/]" in out


@pytest.mark.parametrize("path", PACKS + PLANS, ids=lambda p: p.stem)
def test_check_prints_no_escapes(path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for pack in PACKS:  # a plan's pack is found by id beside it
        shutil.copy(pack, tmp_path / f"{tomllib.loads(pack.read_text(encoding='utf-8'))['id']}.toml")
    shutil.copy(path, tmp_path / path.name)
    assert main(["check", path.name]) == 0
    out, err = capsys.readouterr()
    assert controls_in(out + err) == []


@pytest.mark.parametrize(
    ("name", "needle", "code"),
    [
        ("text-osc52.toml", "\\u001b", "U+001B"),
        ("text-osc0-title.toml", "\\u0007", "U+0007"),
        ("text-nul-bel.toml", "\\u0000", "U+0000"),
        ("text-nul-bel.toml", "\\b", "U+0008"),
        ("text-c1-csi.toml", "\x9b", "U+009B"),  # raw in the file
        ("text-c1-csi.toml", "\\u009b", "U+009B"),
        ("text-bidi.toml", "\u202e", "U+202E"),
        ("text-plan-escapes.toml", "\\u001b", "U+001B"),
    ],
)
def test_check_warns_where_a_file_holds_control_characters(name, needle, code, capsys):
    path = HOSTILE / name
    line, column = position_of(path, needle)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:{line}:{column}: warning: control character {code} in a text; it will be shown as \ufffd" in out


def test_check_warns_about_toml_1_1_escapes(tmp_path, capsys):
    # tomli reads TOML 1.1, whose \xHH and \e escapes can hold an ESC too.
    pack = tmp_path / "escapes.toml"
    text = (HOSTILE / "text-markup-link.toml").read_text(encoding="utf-8")
    pack.write_text(text.replace('to key posts."', 'to key posts.\\x1b]0;x\\e"'), encoding="utf-8")
    assert main(["check", str(pack)]) == 0
    line, column = position_of(pack, "\\x1b")
    out = capsys.readouterr().out
    assert f"{pack}:{line}:{column}: warning: control character U+001B" in out
    assert f"{pack}:{line}:{column + 8}: warning: control character U+001B" in out


def test_check_does_not_warn_about_clean_files_or_escapes_in_comments(tmp_path, capsys):
    pack = tmp_path / "commented.toml"
    text = (HOSTILE / "text-markup-link.toml").read_text(encoding="utf-8")
    pack.write_text("# an escape in a comment is never shown: \\u001b\n" + text, encoding="utf-8")
    assert main(["check", str(pack), str(BUNDLED_PACK)]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out and out.count(": ok: pack") == 2


def test_check_counts_past_twenty_warnings_and_ignores_windows_line_ends(tmp_path, capsys):
    pack = tmp_path / "noisy.toml"
    text = (HOSTILE / "text-markup-link.toml").read_text(encoding="utf-8")
    noisy = text.replace('to key posts."', 'to key posts.' + "\\u0007" * 25 + '"')
    pack.write_bytes(noisy.replace("\n", "\r\n").encode("utf-8"))  # CR LF: not a control character here
    assert main(["check", str(pack)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "warning" in line]
    assert len(warnings) == 21 and all("U+0007" in w for w in warnings[:20])
    assert warnings[-1] == f"{pack}: warning: 5 more control characters not listed"


def test_check_warning_does_not_fail_a_good_pack():
    assert main(["check", str(HOSTILE / "text-osc52.toml")]) == 0


def test_error_messages_naming_a_hostile_path_print_no_escapes(tmp_path, capsys):
    # One door in main: a UserError names the path, and the path holds escapes.
    missing = tmp_path / "plan\x1b]0;PWNED\x07 \u202e.toml"
    assert main(["export", str(missing)]) == 2
    assert main(["check", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert "\ufffd]0;PWNED\ufffd" in err
    assert controls_in(out + err) == []


# -- the app -----------------------------------------------------------------------------


def screen_lines(app) -> list[str]:
    """Every screen's lines as they would be sent to the terminal (the dialogs' and the one below)."""
    lines = []
    for screen in app.screen_stack:
        for strip in screen._compositor.render_strips():
            lines.append("".join(segment.text for segment in strip))
    return lines


def assert_clean_screen(app) -> str:
    """No control character anywhere on screen; the screen's text, for looking things up."""
    text = "\n".join(screen_lines(app))
    assert controls_in(text) == [], "a control character reached the screen"
    return text


async def wait_for_text(app, pilot, needle: str) -> str:
    """The clean screen's text once `needle` is on it (a notification comes a few frames late)."""
    end = time.monotonic() + 10
    while time.monotonic() < end:
        text = assert_clean_screen(app)
        if needle in text:
            return text
        await pilot.pause(0.05)
    raise AssertionError(f"{needle!r} never appeared on screen:\n{text}")


def open_pack(tmp_path: Path, monkeypatch, pack: Path) -> EssayPlanApp:
    monkeypatch.chdir(tmp_path)  # where a [@click=app.screenshot(…, '.')] would write
    return EssayPlanApp(pack=str(pack), plan=tmp_path / "plan.toml")


def open_plan(tmp_path: Path, monkeypatch, plan: Path) -> EssayPlanApp:
    monkeypatch.chdir(tmp_path)
    pack_id = tomllib.loads(plan.read_text(encoding="utf-8"))["pack"]
    shutil.copy(HOSTILE / f"{pack_id}.toml", tmp_path / f"{pack_id}.toml")  # found beside the plan
    shutil.copy(plan, tmp_path / plan.name)
    return EssayPlanApp(plan=tmp_path / plan.name)


def no_victims(folder: Path) -> None:
    assert sorted(p.name for p in folder.glob("*.svg")) == [], "a markup action in a pack ran"


async def test_clicking_every_question_runs_no_markup_action(tmp_path, monkeypatch):
    from textual.widgets import OptionList

    from essayplan.tui.screens import QuestionScreen

    pack = HOSTILE / "text-markup-click.toml"
    questions = tomllib.loads(pack.read_text(encoding="utf-8"))["questions"]
    app = open_pack(tmp_path, monkeypatch, pack)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        chosen = set()
        app.action_choose_question()
        await pilot.pause()
        height = app.screen.query_one(OptionList).outer_size.height
        for y in range(height):  # a click on every line of the list, on the question's own text
            if not isinstance(app.screen, QuestionScreen):
                app.action_choose_question()
                await pilot.pause()
            text = assert_clean_screen(app)
            assert all(question[:60] in text for question in questions)  # "[@click=…]" shown as written
            await pilot.click(app.screen.query_one(OptionList), offset=(6, y))
            await pilot.pause()
            no_victims(tmp_path)
            if not isinstance(app.screen, QuestionScreen):
                chosen.add(app.plan.question)
                assert f"Question: {app.plan.question[:60]}" in assert_clean_screen(app)
        assert chosen == set(questions)
        # And chosen from the keyboard, then undone.
        if isinstance(app.screen, QuestionScreen):
            await pilot.press("escape")
        before = app.plan.question
        app.action_choose_question()
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.is_running and app.plan.question == questions[0]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.question == before
    no_victims(tmp_path)


async def test_clicking_hostile_titles_and_cards_runs_nothing(tmp_path, monkeypatch):
    app = open_pack(tmp_path, monkeypatch, HOSTILE / "text-markup-click.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = assert_clean_screen(app)
        assert "[@click=app.screenshot('victim-factor.svg','.')]Stalin's" in text
        assert "[@click=app.screenshot('victim-card.svg','.')]Socialism" in text
        for widget in (app.query_one(Bank), app.query_one(Ladder)):
            for key in [entry.key for entry in widget.entries]:  # a click on a factor folds it
                index = widget.index_of(key)
                if index is None:
                    continue
                widget.show_entry(index)
                await pilot.pause()
                await pilot.click(widget, offset=widget.offset_of(key, x=6))
                await pilot.pause()
                no_victims(tmp_path)
        await pilot.press("escape")
        assert app.is_running
        assert_clean_screen(app)
    no_victims(tmp_path)


async def walk_the_app(app, pilot) -> None:
    """Every view, picker and dialog, the pack editor, a drag and undo; the screen stays clean."""
    from textual.widgets import Tree

    from essayplan.tui.packeditor import PackEditor

    async def look() -> str:
        await pilot.pause()
        return assert_clean_screen(app)

    await look()
    # A mouse drag: the ghost and the drop target's hint carry a card's and a factor's text.
    bank, ladder = app.query_one(Bank), app.query_one(Ladder)
    card = next(e.key for e in bank.entries if e.key[0] == "card")
    bank.show_entry(bank.index_of(card))
    await pilot.pause()
    start = bank.offset_of(card)
    await pilot.mouse_down(bank, offset=start)
    await pilot.hover(bank, offset=(start.x + 4, start.y + 2))
    await pilot.hover(ladder, offset=(6, 1))
    await look()
    await pilot.mouse_up(ladder, offset=(6, 1))
    # The keyboard: lift a card and step through the places (the hint names factors).
    bank.focus()
    await pilot.press("space", "down")
    await look()
    await pilot.press("escape")
    await pilot.press("ctrl+z", "ctrl+y", "ctrl+z")
    await look()
    # The reason field over a ranked factor.
    await ladder.edit_reason(app.plan.ranking[0].factor)
    await look()
    ladder.focus()
    for view in ("plan", "check", "rank"):
        app.plan_screen.action_show_view(view)
        await look()
    # Pickers and dialogs.
    app.plan_screen.action_show_view("plan")
    await look()
    plan_view = app.query_one("#plan")
    plan_view.pick_evidence(app.plan.paragraphs[0].factor)
    await look()
    await pilot.press("escape")
    plan_view.field("point", app.plan.paragraphs[0].factor).focus()
    await pilot.press("ctrl+t")
    await look()
    await pilot.press("escape")
    for action in (app.action_choose_question, app.action_export, app.action_save_as, app.action_help):
        action()
        await look()
        await pilot.press("escape")
        await look()
    await pilot.press("ctrl+s")  # "Saved to …" names the file
    await look()
    # The pack editor: every node, its form, and its dialogs.
    app.action_edit_pack()
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, PackEditor)
    tree = editor.query_one(Tree)
    nodes, queue = [], [tree.root]
    while queue:
        node = queue.pop(0)
        nodes.append(node)
        queue.extend(node.children)
    for node in nodes:
        tree.move_cursor(node)
        await look()
    editor.action_add_card()  # a prompt titled with the factor's title
    await look()
    await pilot.press("escape")
    editor.action_delete()  # a confirmation quoting the card's text
    await look()
    await pilot.press("escape")
    assert not editor.dirty, "showing a pack's text cleaned must not edit the pack"
    tree.move_cursor(tree.root)  # an edit to the title, then undo
    await pilot.pause()
    editor.query_one("#pack-title").focus()
    await pilot.press("end", "x")
    assert editor.dirty
    await look()
    await pilot.press("ctrl+z")
    await look()
    assert not editor.dirty
    await pilot.press("escape")
    await look()


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.stem)
async def test_every_view_and_dialog_shows_a_hostile_pack_literally(pack, tmp_path, monkeypatch):
    app = open_pack(tmp_path, monkeypatch, pack)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await walk_the_app(app, pilot)
        assert app.is_running
    no_victims(tmp_path)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
async def test_every_view_and_dialog_shows_a_hostile_plan_literally(plan, tmp_path, monkeypatch):
    app = open_plan(tmp_path, monkeypatch, plan)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await walk_the_app(app, pilot)
        assert app.is_running


async def test_a_plan_ranking_an_unknown_factor_with_a_closing_tag_opens(tmp_path, monkeypatch):
    # It used to crash every start: the note about the unknown factor was read as markup.
    app = open_plan(tmp_path, monkeypatch, HOSTILE / "text-plan-unknown-factor.toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        ladder = app.query_one(Ladder)
        assert ladder.text_of(("factor", "trotsky-and-or-[/s]-kamenev")).endswith("trotsky-and-or-[/s]-kamenev (not in the pack)")
        assert ladder.text_of(("factor", "triumvirate")).endswith("Trotsky and/or [/s] Kamenev")
        assert ladder.text_of(("reason", "triumvirate")) == "✎ [bold red]shouting[/]"
        text = await wait_for_text(app, pilot, "'[/]gone-card'")  # the notes, shown literally
        assert "'trotsky-and-or-[/s]-kamenev'" in text
        app.plan_screen.action_show_view("plan")
        intro = "An introduction with [/] in it and [@click=app.quit]a click[/]."
        for _ in range(100):  # the plan view fills its fields once built: wait for that, not a fixed time
            await pilot.pause()
            if intro in app.query_one("#plan").intro.area.text:
                break
        assert intro in app.query_one("#plan").intro.area.text


async def test_showing_a_plans_escapes_cleaned_does_not_change_the_plan(tmp_path, monkeypatch):
    source = HOSTILE / "text-plan-escapes.toml"
    app = open_plan(tmp_path, monkeypatch, source)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        before = app.plan
        text = assert_clean_screen(app)
        assert "Question: \ufffd]0;PWNED-PLAN\ufffd\ufffd]52;c;cGxhbg==\ufffdHow far" in text
        ladder = app.query_one(Ladder)
        await ladder.edit_reason("position")
        await pilot.pause()
        assert app.screen.query_one("#reason-editor").value == "Reason \ufffd]52;c;cmVhc29u\ufffd here \ufffd2J"
        app.plan_screen.action_show_view("plan")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#plan").intro.area.text == "Intro \ufffd[2J\ufffd]52;c;aW50cm8=\ufffd text"
        assert_clean_screen(app)
        assert app.plan == before, "the plan's own text is left as it is until the student edits it"
        area = app.query_one("#plan").intro.area
        area.focus()
        await pilot.press("end", "!")
        await pilot.pause()
        assert app.plan.introduction == "Intro \ufffd[2J\ufffd]52;c;aW50cm8=\ufffd text!"


async def test_a_folder_named_with_a_closing_tag(tmp_path, monkeypatch):
    folder = tmp_path / "Essays [" / "old]"  # the path holds "Essays [/old]"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    from essayplan.export import save_student

    save_student("", "")  # asked already (#16): the export dialog opens straight away
    app = EssayPlanApp(plan=folder / "plan [@click=app.quit].toml")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Essays [/old]" in assert_clean_screen(app)
        await pilot.press("ctrl+s")  # "Saved to …/Essays [/old]/plan [@click=app.quit].toml"
        await pilot.pause()
        assert "plan [@click=app.quit].toml" in await wait_for_text(app, pilot, "Saved to")
        for action in (app.action_export, app.action_save_as):
            action()
            await pilot.pause()
            assert "Essays [/old]" in str(app.screen.query_one("Input").value)
            assert_clean_screen(app)
            await pilot.press("escape")
        assert app.is_running


# -- a real terminal ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_real_terminal_gets_no_clipboard_write_and_keeps_its_title(tmp_path, user_home):
    plan = HOSTILE / "text-plan-escapes.toml"
    shutil.copy(HOSTILE / "text-osc52.toml", tmp_path / "text-osc52.toml")
    shutil.copy(plan, tmp_path / "plan.toml")
    config = tmp_path / "tmux.conf"
    config.write_text("set -g set-clipboard on\nset -g allow-rename on\n", encoding="utf-8")
    socket = f"essayplan-door-{os.getpid()}"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20).stdout

    command = f"cd '{tmp_path}' && env ESSAYPLAN_HOME='{user_home}' TEXTUAL_ANIMATION=none {sys.executable} -m essayplan plan.toml"
    tmux("-f", str(config), "new-session", "-d", "-s", "t", "-x", "120", "-y", "32", command)
    try:
        title = tmux("display-message", "-p", "-t", "t", "#{pane_title}")

        def wait_for(text: str) -> str:
            end = time.monotonic() + 20
            while text not in (screen := tmux("capture-pane", "-p", "-t", "t")):
                assert time.monotonic() < end, f"{text!r} never drew:\n{screen}"
                time.sleep(0.2)
            return screen

        def assert_untouched() -> None:
            assert tmux("list-buffers") == "", "an OSC 52 in the plan wrote the clipboard"
            after = tmux("display-message", "-p", "-t", "t", "#{pane_title}")
            assert "PWNED" not in after and after == title, "an OSC 0 in the plan retitled the window"

        screen = wait_for("Stalin controlled")  # the board: the question, cards and a reason
        assert "\ufffd]52;c;" in screen  # the sequences are there, shown and harmless
        assert_untouched()
        tmux("send-keys", "-t", "t", "F3")  # the plan view: the introduction and a point
        wait_for("Intro")
        assert_untouched()
    finally:
        tmux("kill-server")
