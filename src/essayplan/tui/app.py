"""The essayplan app: one session, one stream of operations, autosaved."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, Static

from essayplan import drops, names, ops, paths
from essayplan.errors import UserError
from essayplan.model import Pack, Plan, now
from essayplan.paths import display
from essayplan.conflicts import Conflict
from essayplan.session import PlanExists, Session, open_session
from essayplan.startup import freeze_once
from essayplan.tui.bars import KeyBar, QuestionBar, TopBar
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.drag import DragController, Payload, Place
from essayplan.tui import safety
from essayplan.tui.labels import short
from essayplan.tui.text import clean, literal

AUTOSAVE_SECONDS = 1.0  # at most this long between a change and its save
TOO_SMALL = "The window is too small for the board: make it at least 60×16."


class Views(ContentSwitcher):
    """The Rank, Plan and Check views; it resizes with the terminal, both ways."""

    def on_resize(self) -> None:
        self.app.fit()


class EssayPlanApp(App):
    """Plan a causation essay: rank factors, attach evidence, write PEEL paragraphs."""

    CSS_PATH = "app.tcss"
    TITLE = "essayplan"
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        # Redo and save are in the help and the palette: a short key bar fits 80 columns.
        Binding("ctrl+y", "redo", "Redo", priority=True, show=False),
        Binding("ctrl+s", "save", "Save", priority=True, show=False),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f2", "show_view('rank')", "Rank", show=False),
        Binding("f3", "show_view('plan')", "Plan", show=False),
        Binding("f4", "show_view('check')", "Check", show=False),
    ]

    def __init__(
        self,
        pack: str | None = None,
        plan: str | Path | None = None,
        *,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        # Same meaning as the command line: a pack id or path, a plan path.
        self.session = session or open_session(plan_path=Path(plan) if plan else None, pack=pack)
        freeze_once()  # the modules and the pack loaded so far live as long as the app
        self.drag = DragController(self)
        self.selected_factor: str | None = None
        self._autosave_timer = None
        self._board_focus = None
        self.sub_title = clean(self.pack.title)
        self.exit_note: str | None = None  # what to print after the app (where an emergency copy went)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def pack(self) -> Pack:
        return self.session.pack

    def notify(self, message, *, title="", severity="information", timeout=None, markup=True):
        # Every notification (the pack editor's and dialogs' too) comes here. Messages name
        # files, packs, factors and cards: shown literally, never as markup, never as escapes.
        return super().notify(
            clean(message, multiline=True), title=clean(title), severity=severity, timeout=timeout, markup=False
        )

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Only the board: the other views, the drag ghost and the too-small note
        # are mounted when first needed, so start-up pays for what it shows.
        yield TopBar()
        yield QuestionBar(id="question")
        with Views(id="views", initial="rank"), Horizontal(id="rank"):
            yield Bank(self.pack, self.plan)
            yield Ladder(self.plan)
        yield KeyBar()

    def on_mount(self) -> None:
        self._save_on_signals()
        with self.batch_update():
            self.sync()
            self.query_one(Bank).focus()
        for note in self.session.notes:
            self.notify(note, title="The pack has changed", severity="warning", timeout=8)
        safety.on_start(self)  # the plan's lock, read-only, emergency copies to offer back

    def on_unmount(self) -> None:
        self.session.release_lock()

    # -- the one way the plan changes -----------------------------------------

    def apply(self, plan: Plan, merge_key: object = None) -> None:
        """Record a new plan, show it, and schedule its save."""
        before = self.plan
        self.session.apply(plan, merge_key)
        if self.plan is not before:
            self._changed()

    def _changed(self) -> None:
        self.sync()
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def run_op(self, op, *args, merge_key: object = None) -> bool:
        """Apply an operation; an impossible one is reported and changes nothing."""
        try:
            plan = op(self.plan, *args)
        except ops.OperationError as error:
            self.notify(str(error), severity="warning", timeout=3)
            return False
        self.apply(plan, merge_key)
        return True

    def sync(self) -> None:
        """Bring every view in step with the current plan."""
        plan = self.plan
        self.query_one(Bank).sync(plan)
        self.query_one(Ladder).sync(plan)
        for view in self.query("#plan"):  # built the first time it is shown
            view.sync(plan)
        for view in self.query("#check"):
            view.sync(plan, self.pack)
        question = plan.question or "No question yet: press Enter here (or click) to choose one."
        self.query_one(QuestionBar).update(Text.assemble(("Question: ", "bold"), clean(question)))
        self._show_status()

    def fit(self) -> None:
        """After a resize: the top line for the new width, a note when too small."""
        if self.query(TopBar):
            self._show_status()
            small = self.size.width < 60 or self.size.height < 16
            notes = self.query("#too-small")
            if notes or small:
                note = notes.first() if notes else Static(TOO_SMALL, id="too-small")
                note.display = small
                if not notes:
                    self.mount(note)  # the first time the window is too small

    def refresh_status(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        state = "unsaved…" if self.session.dirty else "saved"
        if self.session.read_only:
            state = "read-only: use Save as" if self.session.dirty else "read-only"
        where = clean(display(self.session.path))
        if self.session.in_data_folder:
            where = f"{clean(self.session.path.name)} in your data folder"
        bars = self.query(TopBar)
        if not bars:  # an autosave while the app shuts down: saved, nothing to show
            return
        bar = bars.first()
        line = Text.assemble((state, "italic"), " · ", where)
        if self.size.width >= 100:  # at 80 columns the file matters more than the topic
            line.append_text(Text.assemble(" · ", (clean(self.pack.title), "bold")))
        bar.show(status=line)
        bar.tooltip = literal(f"The plan is saved to {self.session.path}")

    # -- saving ---------------------------------------------------------------

    def _save_on_signals(self) -> None:
        # A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves before leaving.
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is not None:
                try:
                    loop.add_signal_handler(number, self._save_and_exit)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass  # not on this platform or not the main thread (tests)

    def _save_and_exit(self) -> None:
        # Nobody is there to answer a dialog: saved, or an emergency copy and where it is.
        self.exit_note = safety.save_at_exit(self)
        self.exit()

    def run(self, *args, **kwargs):
        result = super().run(*args, **kwargs)
        if self.exit_note:  # printed whole once the terminal is back (rich would wrap the paths)
            print(clean(self.exit_note, multiline=True), file=sys.stderr)
        return result

    def _handle_exception(self, error: Exception) -> None:
        # Whatever went wrong in the app, the student's work is saved first (or copied).
        try:
            self.exit_note = safety.save_at_exit(self)
        except Exception:
            pass
        super()._handle_exception(error)

    def _autosave(self) -> None:
        self._autosave_timer = None
        if not self.session.read_only:  # a read-only plan is never written; the top bar says so
            self.save(quiet=True)

    def save(self, quiet: bool = True) -> bool:
        try:
            path = self.session.save()
        except Conflict:
            safety.ask_conflict(self)  # autosave too: it stops and asks, never saves over
            return False
        except UserError as error:
            self.notify(str(error), title="Could not save", severity="error", timeout=10)
            return False
        self._show_status()
        if not quiet:
            self.notify(f"Saved to {display(path)}", timeout=3)
        return True

    def action_save(self) -> None:
        self.save(quiet=False)

    async def action_quit(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        await self._catch_up()
        if self.session.read_only and self.session.dirty:
            safety.ask_read_only_quit(self)
            return
        if self.session.dirty and not self.save(quiet=True):
            self.notify("Not quitting: the plan could not be saved. Try Save as.", severity="error")
            return
        self.exit()

    async def _catch_up(self, rounds: int = 3, timeout: float = 2.0) -> None:
        """Let every widget handle what it was sent before ctrl+q: keys typed just before it
        wait in the widgets' queues (ctrl+q jumps ahead of them), and each may send more."""
        import asyncio

        for _ in range(rounds):
            handled = []
            for widget in self.screen.walk_children(with_self=True):
                done = asyncio.Event()
                if widget.call_later(done.set):
                    handled.append(done.wait())
            try:
                await asyncio.wait_for(asyncio.gather(*handled), timeout)
            except asyncio.TimeoutError:
                return  # a widget that never answers must not keep the student from quitting

    def action_save_as(self) -> None:
        from essayplan.tui.screens import PromptScreen

        def done(path: str | None, replace_plan: bool = False) -> None:
            if not path:
                return
            try:
                saved = self.session.save_as(Path(path), replace_plan)
            except PlanExists as exists:
                safety.confirm_replace(self, exists.path, partial(done, path, True), what="another plan")
                return
            except UserError as error:
                self.notify(str(error), title="Could not save", severity="error", timeout=10)
                return
            self._show_status()
            self.notify(f"Saved to {display(saved)}; changes are now saved there.", timeout=4)

        start = str(Path.cwd() / self.session.path.name)
        self.push_screen(PromptScreen("Save the plan as", "a file name ending in .toml", "Save", start), done)

    # -- undo -----------------------------------------------------------------

    def action_undo(self) -> None:
        if self.drag.active:
            self.drag.cancel()
            return
        before = self.plan
        if self.session.undo() is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self._changed()
        self._say_what_changed("Undone", before)

    def action_redo(self) -> None:
        before = self.plan
        if self.session.redo() is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        self._changed()
        self._say_what_changed("Redone", before)

    def _say_what_changed(self, done: str, before: Plan) -> None:
        what, view = ops.describe_change(before, self.plan, self.pack)
        current = self.query_one(ContentSwitcher).current
        where = {"rank": " (in the Rank view, F2)", "plan": " (in the Plan view, F3)"}[view] if view != current else ""
        self.notify(f"{done}: {what}{where}.", timeout=3)

    # -- what widgets ask of the app ------------------------------------------

    # Titles and texts for showing, never as markup: see tui/text.py.

    def factor_title(self, factor_id: str) -> str:
        return clean(names.factor_title(self.pack, factor_id))

    def paragraph_label(self, factor_id: str) -> str:
        """'¶2 Weakness of the opposition': a paragraph by essay order and factor."""
        return clean(names.paragraph_label(self.plan, self.pack, factor_id))

    def card_text(self, evidence_id: str) -> str:
        return clean(names.card_text(self.pack, evidence_id))

    def card_line(self, evidence_id: str) -> Text:
        card = names.card(self.pack, evidence_id)
        line = Text("• ")
        if card.date:
            line.append(f"{clean(card.date)} ", style="bold")
        line.append(clean(card.text))
        return line

    def select_factor(self, factor_id: str) -> None:
        if factor_id != self.selected_factor:
            self.selected_factor = factor_id
            self.screen.refresh_bindings()  # the key bar names the factor `a` attaches to

    def edit_text(self, name: str, value: str, factor_id: str | None = None) -> None:
        """Typing in a field: one undo step per field until focus moves on."""
        try:
            plan = ops.set_text(self.plan, name, value, factor_id)
        except ops.OperationError:
            return  # a field for a factor the plan no longer has
        self.apply(plan, merge_key=(name, factor_id))

    def attach_to_rank(self, evidence_id: str, rank: int) -> None:
        if not 1 <= rank <= len(self.plan.ranking):
            self.notify(f"There is no factor ranked #{rank}.", severity="warning", timeout=2)
            return
        self._attach(self.plan.ranking[rank - 1].factor, evidence_id)

    def attach_to_selected(self, evidence_id: str) -> None:
        factor = self.selected_factor or self.plan.ranking[0].factor
        self._attach(factor, evidence_id)

    def _attach(self, factor_id: str, evidence_id: str) -> None:
        if self.run_op(ops.attach, self.pack, factor_id, evidence_id):
            self.notify(f"Attached to {self.paragraph_label(factor_id)}", timeout=1.5)

    def detach(self, factor_id: str, evidence_id: str) -> None:
        self.run_op(ops.detach, factor_id, evidence_id)

    def reorder_card(self, factor_id: str, evidence_id: str, position: int) -> None:
        self.run_op(ops.move_card, factor_id, evidence_id, position)

    def rank_by(self, factor_id: str, delta: int) -> None:
        rank = self.plan.rank_of(factor_id)
        if rank is not None and self.run_op(ops.move_factor, factor_id, rank - 1 + delta):
            self.call_after_refresh(self._focus_handle, factor_id)

    def _focus_handle(self, factor_id: str) -> None:
        ladder = self.query_one(Ladder)
        ladder.move_cursor(ladder.index_of(("factor", factor_id)))
        ladder.focus()

    # -- drag and drop --------------------------------------------------------

    def drop(self, payload: Payload, place: Place) -> None:
        """Turn a drop into one operation."""
        self.run_op(drops.apply_drop, self.pack, payload, place)

    def places_for(self, payload: Payload) -> list:
        """Keyboard places for a lifted payload, in screen order: (Place, widget)."""
        view = self.query_one(ContentSwitcher).current
        if view == "plan":
            return self.query_one("#plan").places_for(payload)
        ladder = self.query_one(Ladder)
        places = [(place, ladder) for place in ladder.places_for(payload)]
        if payload.kind == "attached":
            bank = self.query_one(Bank)
            places.append((bank.drop_place(payload, None), bank))
        return places

    def start_index(self, payload: Payload, places: list) -> int:
        """Start a keyboard move where the payload already is."""
        return drops.start_index(self.plan, payload, [place for place, _widget in places])

    def show_drag_hint(self, payload: Payload | None, place: Place | None) -> None:
        hints = self.query("#drag-hint")
        if payload is None:
            hints.set(display=False)
            return
        if hints:
            hint = hints.first()
        else:  # mounted on the first drag
            hint = Static(id="drag-hint")
            self.screen_stack[0].mount(hint)
        hint.display = True
        where = place.hint if place else "nowhere (release to cancel)"
        keys = "↑/↓ choose · Enter drop · Esc cancel" if self.drag.lifted else "release to drop · Esc cancel"
        hint.update(Text.assemble(("Moving ", "bold"), short(clean(payload.label), 30), " → ", (clean(where), "bold"), f"   {keys}"))

    def on_descendant_blur(self, event) -> None:
        # Leaving a text field ends its typing run: the next edit is a new undo step.
        if getattr(event.widget, "is_text_field", False):
            self.session.history.seal()

    def on_key(self, event) -> None:
        if event.key == "escape" and self.drag.active:
            self.drag.cancel()
            event.stop()

    # -- other actions --------------------------------------------------------

    def action_show_view(self, view: str) -> None:
        self.drag.cancel()
        for ladder in self.query(Ladder):
            ladder.close_editor()  # the reason field belongs to the board
        switcher = self.query_one(ContentSwitcher)
        if view == "plan" and not self.query("#plan"):
            from essayplan.tui.planview import PlanView

            switcher.mount(PlanView(self.pack, self.plan, id="plan"), after="#rank")
        if view == "check" and not self.query("#check"):
            from essayplan.tui.adviceview import AdviceView

            switcher.mount(AdviceView(id="check"))
        switcher.current = view
        self.query_one(TopBar).show(view=view)
        if view == "check":
            self.query_one("#check").sync(self.plan, self.pack)  # shown again: what changed meanwhile
        elif view == "rank":
            # Back on the board, the cursor is where the student left it.
            last = self._board_focus
            if last is not None and last.is_attached:
                self.call_after_refresh(last.focus)

    def on_descendant_focus(self, event) -> None:
        switcher = self.query(ContentSwitcher)
        if switcher and switcher.first().current == "rank" and self.query_one("#rank") in event.widget.ancestors:
            self._board_focus = event.widget

    def action_help(self) -> None:
        from essayplan.tui.screens import HelpScreen

        self.push_screen(HelpScreen())

    def action_choose_question(self) -> None:
        from essayplan.tui.screens import QuestionScreen

        def done(question: str | None) -> None:
            if question is not None:
                self.run_op(ops.set_question, question)

        self.push_screen(QuestionScreen(self.pack.questions, self.plan.question), done)

    def action_export(self) -> None:
        from essayplan.tui.screens import ExportScreen

        def done(choice: tuple[str, str] | None) -> None:
            if choice:
                safety.confirm_replace(self, paths.expand(choice[0]), partial(self._export, *choice))

        default = self.session.path.with_suffix(".docx")
        if self.session.in_data_folder:
            # Not in a hidden data folder: where the student keeps their documents.
            default = paths.user_documents() / default.name
        self.push_screen(ExportScreen(str(default)), done)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, out: str, fmt: str) -> None:
        from essayplan.advice import advise, format_advice
        from essayplan.export import export_plan

        plan, pack = self.plan, self.pack
        try:
            plan = replace(plan, modified=now())  # the document is dated now, not when the plan was opened
            written = export_plan(plan, pack, paths.expand(out), fmt, advice=format_advice(advise(plan, pack)))
        except UserError as error:
            self.call_from_thread(self.notify, str(error), title="Export failed", severity="error", timeout=10)
            return
        except Exception as error:  # a bug in an export must not take the student's session with it
            self.call_from_thread(self.notify, f"Export failed: {error!r}", severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"Exported to {display(written)}", title="Export", timeout=6)

    def _plan_command(self, action: str) -> None:
        self.action_show_view("plan")
        getattr(self.query_one("#plan"), action)()

    # -- packs ------------------------------------------------------------------

    def action_edit_pack(self, new: bool = False) -> None:
        """Open the pack editor on this plan's pack, or (new) on an empty pack."""
        from essayplan.tui.packeditor import open_editor

        if new:
            open_editor(self, None)
        else:
            open_editor(self, self.pack, on_save=self.replace_pack)

    def action_choose_pack(self) -> None:
        """The library, by subject and period, with a filter: the chosen pack opens with its own plan."""
        from essayplan.packs import discover
        from essayplan.tui.packpicker import PackPicker

        packs = [item.pack for item in discover() if item.pack is not None and item.shadowed_by is None]
        self.push_screen(PackPicker(packs, self.pack.id), self._open_pack_chosen)

    async def _open_pack_chosen(self, pack_id: str | None) -> None:
        if pack_id and pack_id != self.pack.id:
            await self.open_pack(pack_id)

    async def open_pack(self, pack_id: str) -> None:
        """Save this plan, then work on the chosen pack's plan in the data folder (made if new)."""
        from essayplan.session import remember_last

        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        await self._catch_up()
        if self.session.read_only and self.session.dirty:
            self.notify("This plan is read-only and has changes: use Save as first.", severity="warning", timeout=8)
            return
        if self.session.dirty and not self.save(quiet=True):
            return  # save said why; the student stays with their work
        try:
            session = open_session(pack=pack_id)
        except UserError as error:
            self.notify(str(error), title="Could not open the pack", severity="error", timeout=10)
            return
        self.session.release_lock()
        self.session = session
        remember_last(session.path)
        await self._show_session()
        safety.on_start(self)  # the new plan's lock, read-only, emergency copies

    async def _show_session(self) -> None:
        """Mount the views afresh for the session's pack and plan."""
        from essayplan.tui.planview import PlanView

        self.drag.cancel()
        self.selected_factor = None
        self.sub_title = clean(self.pack.title)
        switcher = self.query_one("#views", ContentSwitcher)
        await self.query("#bank, #ladder, #plan").remove()
        await self.query_one("#rank").mount_all([Bank(self.pack, self.plan), Ladder(self.plan)])
        if switcher.current == "plan":
            await switcher.mount(PlanView(self.pack, self.plan, id="plan"), after="#rank")
        self.sync()
        self.query_one(Bank).focus()

    async def replace_pack(self, pack: Pack) -> None:
        """Swap in an edited pack: the plan follows its id (one operation), views are remounted."""
        from essayplan.tui.planview import PlanView

        self.drag.cancel()
        from essayplan.session import pack_file_for

        # The plan follows the pack: its id, and its file when the id alone won't find it.
        plan = ops.set_pack(self.plan, pack.id, pack_file_for(pack))
        plan, _notes = ops.reconcile(plan, pack)  # new factors are ranked last; nothing is dropped
        self.session.pack = pack
        self.sub_title = clean(pack.title)
        switcher = self.query_one("#views", ContentSwitcher)
        await self.query("#bank, #ladder, #plan").remove()
        await self.query_one("#rank").mount_all([Bank(pack, plan), Ladder(plan)])
        if switcher.current == "plan":
            view = PlanView(pack, plan, id="plan")
            await switcher.mount(view, after="#rank")
        self.session.history.seal()
        self.apply(plan)
        # Undo must not point the plan back at a pack the app no longer shows.
        self.session.history.set_floor()
        self.sync()
        self.query_one(Bank).focus()

    # Under a dialog these would change the plan out of sight, or stack dialogs.
    BLOCKED_UNDER_DIALOGS = (
        "undo", "redo", "export", "show_view", "choose_question", "save_as", "edit_pack", "choose_pack",
    )  # fmt: skip

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A screen with keys of its own (the pack editor) gets them; the plan's must not fire under it.
        screen = self.screen_stack[-1] if self.screen_stack else None
        if isinstance(screen, ModalScreen) and action in self.BLOCKED_UNDER_DIALOGS:
            return False
        return action not in getattr(screen, "SCREEN_OWNS", ())

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Edit this pack…", "Add, edit and reorder the pack's factors, cards and questions", self.action_edit_pack)
        yield SystemCommand("New pack…", "Start an empty pack for another topic", lambda: self.action_edit_pack(new=True))
        yield SystemCommand("Open another pack…", "The library by subject and period; type to find a topic", self.action_choose_pack)
        yield SystemCommand("Save", "Save the plan now (ctrl+s)", self.action_save)
        yield SystemCommand("Save as…", "Save the plan to another file and keep working there", self.action_save_as)
        yield SystemCommand("Export…", "Export the plan to Word or Markdown (ctrl+e)", self.action_export)
        yield SystemCommand("Choose the question", "Pick one of the pack's questions or type your own", self.action_choose_question)
        yield SystemCommand("Undo", "Undo the last change (ctrl+z)", self.action_undo)
        yield SystemCommand("Redo", "Redo the change undone (ctrl+y)", self.action_redo)
        yield SystemCommand("Help: keys and dragging", "Every key, and how to drag (F1)", self.action_help)
        yield SystemCommand("Rank view", "The evidence bank and the ranking (F2)", lambda: self.action_show_view("rank"))
        yield SystemCommand("Plan view", "The PEEL paragraphs, introduction and conclusion (F3)", lambda: self.action_show_view("plan"))
        yield SystemCommand("Check view", "Advice on what to do next (F4)", lambda: self.action_show_view("check"))
        from essayplan.tui.planview import PLAN_COMMANDS

        for title, help_text, action in PLAN_COMMANDS:
            yield SystemCommand(title, help_text, partial(self._plan_command, action))
