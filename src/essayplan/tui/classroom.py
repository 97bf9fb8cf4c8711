"""The app in a served class: the student's name first, their own folder, downloads, browser keys.

`essayplan serve` starts one process per browser tab with `python -m
essayplan.tui.classroom`; the class's rules (essayplan.classroom.Policy) come in
the environment. Everything that would reach the server's disk outside the
student's folder is neither offered nor done (Save as, the pack editor and
library); an export is a download in the browser, not a file on the server.
"""

from __future__ import annotations

import os
from functools import partial
from io import BytesIO
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from essayplan.classroom import BROWSER_KEYS, Policy, key_label
from essayplan.errors import UserError
from essayplan.tui import safety
from essayplan.tui.app import EssayPlanApp
from essayplan.tui.bars import TopBar
from essayplan.tui.messages import Notice
from essayplan.tui.saving import save_on_signals
from essayplan.tui.exporting import ExportScreen
from essayplan.tui.screens import HelpScreen
from essayplan.tui.text import clean, literal

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "md": "text/markdown"}
NOT_HERE = "Not in class: your plan is kept in your class folder, and the teacher's packs are read-only."

CLASS_HELP = """\
## In the browser

Your plan saves itself to your class folder. Export (ctrl+e) downloads it through the browser.
Browsers keep some keys for themselves, so here:

| instead of | press |
|---|---|
| F1 (help) | ? or Alt+H |
| F2 / F3 / F4 / F5 (views) | Alt+R / Alt+P / Alt+C / Alt+L, or click the tabs at the top |
| ctrl+n (add evidence) | Alt+N |
| ctrl+t (sentence starters) | Alt+T |
| ctrl+q (quit) | Alt+Q, or close the tab (nothing is lost) |

Everything else is in the command palette (ctrl+p).

"""


class NameScreen(Screen):
    """The first screen: who the student is (and which topic, when the class has several)."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    #name-box { width: 70; max-width: 95%; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    #name-box .title { text-style: bold; margin-bottom: 1; }
    #name-error { color: $error; height: auto; }
    #name-packs { height: auto; max-height: 12; margin-top: 1; }
    #name-box Button { margin-top: 1; }
    """

    # From the name field, ↑/↓ choose the topic (the field has no use for them).
    BINDINGS = [Binding("down", "topic(1)", show=False), Binding("up", "topic(-1)", show=False)]

    def __init__(self, packs: list) -> None:
        super().__init__(id="name-screen")
        self.packs = packs  # (id, title, path), the class's packs in the teacher's order

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Label("essayplan — welcome to the class", classes="title")
            yield Static("Type your name, then press Enter. Use the same name each lesson to find your plan again.")
            yield Input(placeholder="Your name, e.g. Sam Lee", id="name", max_length=80)
            yield Static("", id="name-error")
            if len(self.packs) > 1:
                yield Label("Your topic (↑/↓ to choose):")
                yield OptionList(*[Option(literal(title), id=pack_id) for pack_id, title, _ in self.packs], id="name-packs")
            with Center():
                yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        lists = self.query(OptionList)
        if lists:
            lists.first().highlighted = 0
        self.query_one("#name", Input).focus()

    def action_topic(self, step: int) -> None:
        for topics in self.query(OptionList):
            topics.highlighted = max(0, min(len(self.packs) - 1, (topics.highlighted or 0) + step))

    def chosen_pack(self) -> Path:
        lists = self.query(OptionList)
        index = lists.first().highlighted if lists else 0
        return self.packs[index or 0][2]

    def refuse(self, message: str) -> None:
        self.query_one("#name-error", Static).update(literal(message))
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#start")
    @on(OptionList.OptionSelected)
    async def start(self) -> None:
        await self.app.start_student(self.query_one("#name", Input).value, self.chosen_pack())


class DownloadScreen(ExportScreen):
    """Export's dialog without the path: the browser downloads the file."""

    def __init__(self) -> None:
        super().__init__("download")

    def on_mount(self) -> None:
        self.query_one("#path", Input).display = False
        self.query_one("#ok", Button).label = "Download"
        self.query_one("#ok", Button).focus()

    def action_export(self, fmt: str | None = None) -> None:
        # Nothing is written on the server: the app builds the file and the browser downloads it.
        self.dismiss(("", fmt or self._format(), self.query_one("#frame", Checkbox).value))


class ClassHelpScreen(HelpScreen):
    """The help, with the keys that work in a browser."""

    def __init__(self, policy: Policy) -> None:
        super().__init__()
        self.policy = policy

    def compose(self) -> ComposeResult:
        from essayplan.tui.screens import HELP

        text = self.policy.help_text(HELP)
        first = text.index("\n## ")  # the browser's keys first, under the title
        for child in super().compose():
            if isinstance(child, Markdown):
                child = Markdown(text[:first] + "\n" + CLASS_HELP + text[first:])
            yield child


class ClassroomApp(EssayPlanApp):
    """The app for one student of a served class."""

    # Each key a browser keeps has another here; it presses the key it stands for.
    BINDINGS = [Binding(new, f"press({old!r})", show=False, priority=True) for old, new in BROWSER_KEYS.items()]

    def __init__(self, policy: Policy) -> None:
        self.classroom = policy
        self.student: str | None = None
        super().__init__()  # no session yet: it opens with the student's name

    # -- before the name ------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from essayplan.packs import load_pack

        packs = []
        for path in self.classroom.packs:
            try:
                pack = load_pack(path)
            except UserError:
                continue  # the server checked them at start; a pack broken since is left out
            packs.append((pack.id, pack.title, path))
        return NameScreen(packs)

    def on_mount(self, event) -> None:
        event.prevent_default()  # the plan's start (lock, recovery copies) waits for the name
        save_on_signals(self, self._save_and_exit)

    async def start_student(self, name: str, pack_path: Path) -> None:
        """Open (or start) the student's plan in their folder, and show it."""
        from essayplan.packs import load_pack
        from essayplan.session import open_session

        screen = self.screen
        if self.session is not None:
            return  # Enter pressed twice
        try:
            folder = self.classroom.student_folder(name)
            home = self.classroom.home(name)
            if home is not None:
                # Their settings and recovery copies: another student's are never offered to them.
                os.environ["ESSAYPLAN_HOME"] = str(home)
            folder.mkdir(parents=True, exist_ok=True)
            pack = load_pack(pack_path)
            self.session = open_session(plan_path=self.classroom.plan_path(name, pack.id), pack=str(pack_path))
        except UserError as error:
            screen.refuse(str(error))
            return
        except OSError as error:
            screen.refuse(f"Could not open your folder: {error.strerror or error}")
            return
        self.student = clean(name.strip())
        self.title = f"essayplan · {self.student}"
        self.sub_title = clean(self.pack.title)
        await self.push_screen(EssayPlanApp.get_default_screen(self))
        for note in self.session.notes:
            self.notify(note, title="The pack has changed", severity="warning", timeout=8)
        safety.on_start(self)

    def refresh_status(self) -> None:
        super().refresh_status()
        # The student's folder and file, not where the class folder is on the server.
        shown = f"{self.session.path.parent.name}/{self.session.path.name}"
        for bar in self.plan_screen.query(TopBar):
            if bar.status is not None:
                bar.status = bar.status._replace(where=f"{shown} in the class folder", path=shown)

    # -- what the class allows ------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.classroom.allows(action):
            return False
        if self.session is None and action not in ("help", "press", "quit"):
            return False  # nothing to undo, save, export or look up before the name
        return super().check_action(action, parameters)

    async def action_quit(self) -> None:
        if self.session is None:
            self.exit()  # nothing to save yet
        else:
            await super().action_quit()

    def action_save_as(self) -> None:
        self.notify(NOT_HERE, severity="warning", timeout=5)

    def action_edit_pack(self, new: bool = False) -> None:
        self.notify(NOT_HERE, severity="warning", timeout=5)

    def action_choose_pack(self) -> None:
        self.notify(NOT_HERE, severity="warning", timeout=5)

    def action_press(self, key: str) -> None:
        self.simulate_key(key)

    def get_key_display(self, binding: Binding) -> str:
        if binding.key in BROWSER_KEYS:
            return key_label(BROWSER_KEYS[binding.key])
        return super().get_key_display(binding)

    def action_help(self) -> None:
        self.push_screen(ClassHelpScreen(self.classroom))

    # -- export: a download ---------------------------------------------------------------

    def action_export(self) -> None:
        def chosen(choice: tuple[str, str, bool] | None) -> None:
            if choice:
                _path, fmt, frame = choice
                self.download(fmt, frame)

        self.push_screen(DownloadScreen(), chosen)

    @work(thread=True, exclusive=True, group="export")
    def download(self, fmt: str, frame: bool = False) -> None:
        """Build the document on the side and hand it to the browser (never left on the server)."""
        from tempfile import TemporaryDirectory

        from essayplan.advice import advise, format_advice
        from essayplan.export import FORMATS, export_plan
        from essayplan.classroom import name_slug

        plan, pack = self.plan, self.pack
        name = f"{name_slug(self.student or 'plan')}-{name_slug(pack.id)}{FORMATS[fmt]}"
        try:
            with TemporaryDirectory(prefix="essayplan-export-") as tmp:
                out = export_plan(plan, pack, Path(tmp) / name, fmt, author=self.student or "", group="",
                                  advice=format_advice(advise(plan, pack)), frame=frame)  # fmt: skip
                data = out.read_bytes()
        except Exception as error:  # a bug in an export must not take the student's session with it
            self.post_message(Notice(f"Export failed: {error}", "", "error", 10))
            return
        self.call_from_thread(partial(self.deliver_binary, BytesIO(data), save_filename=name, mime_type=MIME[fmt]))
        self.post_message(Notice(f"Your browser is downloading {name}", "Export", "information", 6))

    # -- leaving: a closed tab, an idle app, the server stopping ------------------------------

    def _save_and_exit(self) -> None:
        if self.session is None:
            self.exit()
        else:
            super()._save_and_exit()

    def on_unmount(self, event) -> None:
        event.prevent_default()
        if self.session is not None:
            # A closed tab or an idle app ends here without ctrl+q: the plan is saved first.
            if self.session.dirty and not self.session.read_only:
                self.exit_note = safety.save_at_exit(self)
            self.session.release_lock()


def main() -> int:
    """`python -m essayplan.tui.classroom`: what the server runs for each browser tab."""
    policy = Policy.from_env()
    if not policy.active:
        print("essayplan: this is started by `essayplan serve`", flush=True)
        return 2
    app = ClassroomApp(policy)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())

