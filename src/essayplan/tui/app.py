"""The essayplan app: one session, one stream of operations, autosaved."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from essayplan import ops
from essayplan.classroom import OPEN, Policy
from essayplan.errors import UserError
from essayplan.model import Pack, Plan
from essayplan.packchange import pack_change_message
from essayplan.conflicts import Conflict
from essayplan.paths import display
from essayplan.session import Session, open_session
from essayplan.startup import freeze_once, screen_drawn
from essayplan.tui import focusing, messages, safety, status
from essayplan.tui.commands import plan_commands
from essayplan.tui.bars import TopBar, save_status
from essayplan.tui.board import Bank
from essayplan.tui.labels import paragraph_label
from essayplan.tui.packswitch import choose_pack, replace_pack
from essayplan.tui.planscreen import PlanScreen
from essayplan.tui.saving import ask_save_as, catch_up, save_on_signals
from essayplan.tui.text import clean
from essayplan.tui.views import BY_ID

AUTOSAVE_SECONDS = 1.0  # at most this long between a change and its save


class EssayPlanApp(App):
    """Plan a causation essay: rank factors, attach evidence, write PEEL paragraphs."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {plan_commands}
    TITLE = "essayplan"
    ALLOW_SELECT = False
    classroom: Policy = OPEN  # a served class's rules (tui/classroom.py); in a terminal, none
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        # Redo and save are in the help and the palette: a short key bar fits 80 columns.
        Binding("ctrl+y", "redo", "Redo", priority=True, show=False),
        Binding("ctrl+s", "save", "Save", priority=True, show=False),
        Binding("ctrl+e", "export", "Export", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        *focusing.BINDINGS,  # the focus moves before the next key of a burst arrives
    ]

    def __init__(
        self,
        pack: str | None = None,
        plan: str | Path | None = None,
        *,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        # Every notification goes to the status line (notify, below): Textual's toast rack, on
        # every screen, would never show one, yet be built, styled and laid out with each.
        self._disable_notifications = True
        # Same meaning as the command line: a pack id or path, a plan path.
        # In a served class the session opens once the student has given their name.
        self.session = session or (None if self.classroom.active else open_session(plan_path=Path(plan) if plan else None, pack=pack))
        freeze_once()  # the modules and the pack loaded so far live as long as the app
        self._autosave_timer = None
        self.sub_title = clean(self.pack.title) if self.session else ""
        self.exit_note: str | None = None  # what to print after the app (where an emergency copy went)
        self.said: list[status.Said] = []  # the messages shown on the status line, latest last

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def pack(self) -> Pack:
        return self.session.pack

    def notify(self, message, *, title="", severity="information", timeout=None, markup=True):
        # Every notification (the pack editor's and dialogs' too) comes here and goes to the
        # status line, never over the work. Messages name files, packs, factors and cards:
        # status.say shows them literally, never as markup, never as escapes.
        status.say(self, message, title, severity, timeout)

    def clear_notifications(self) -> None:
        status.clear(self)

    async def on_event(self, event) -> None:
        if isinstance(event, events.Key):
            status.key_pressed(self)  # an error shown until the next key has been read
        await super().on_event(event)

    # -- layout ----------------------------------------------------------------

    def get_default_screen(self) -> PlanScreen:
        self.plan_screen = PlanScreen(self.plan, self.pack)
        return self.plan_screen

    def on_mount(self) -> None:
        save_on_signals(self, self._save_and_exit)
        changed = pack_change_message(self.session.notes, self.plan, self.pack)  # one message, however many
        if changed:
            self.notify(changed, title="The pack has changed", severity="warning", timeout=8)
        safety.on_start(self)  # the plan's lock, read-only, emergency copies to offer back

    def on_unmount(self) -> None:
        screen_drawn()  # (the collector runs again even if the first screen never was drawn)
        self.session.release_lock()

    # -- the one way the plan changes -----------------------------------------

    def apply(self, plan: Plan, merge_key: object = None, text: str | None = None) -> None:
        """Record a new plan, show it, and schedule its save. Typing in a field gives its
        merge_key and its text now: the history joins it into steps (typing_steps)."""
        before = self.plan
        self.session.apply(plan, merge_key, text)
        if self.plan is not before:
            self._changed()

    def _changed(self) -> None:
        self.sync()
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def run_op(
        self, op: Callable[..., Plan], *args: object, merge_key: object = None, text: str | None = None
    ) -> bool:
        """Apply `op(plan, *args)`, an operation from ops.py or drops.py; an impossible one
        is reported and changes nothing."""
        try:
            plan = op(self.plan, *args)
        except ops.OperationError as error:
            self.notify(str(error), severity="warning", timeout=3)
            return False
        self.apply(plan, merge_key, text)
        return True

    def sync(self) -> None:
        """Bring the views in step with the current plan."""
        self.plan_screen.sync(self.plan, self.pack)
        self.refresh_status()

    def refresh_status(self) -> None:
        """The top bar's save state and file (it redraws when they change)."""
        for bar in self.plan_screen.query(TopBar):  # none while the app shuts down
            bar.status = save_status(self.session, self.pack)

    # -- saving ---------------------------------------------------------------

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
        self.refresh_status()
        if not quiet:
            self.notify(f"Saved to {display(path)}", timeout=3)
        return True

    def action_save(self) -> None:
        self.save(quiet=False)

    async def action_quit(self) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        await catch_up(self)
        if self.session.read_only and self.session.dirty:
            safety.ask_read_only_quit(self)
            return
        if self.session.dirty and not self.save(quiet=True):
            self.notify("Not quitting: the plan could not be saved. Try Save as.", severity="error")
            return
        self.exit()

    def action_move_focus(self, step: int) -> None:
        focusing.move_focus(self, step)

    def action_save_as(self) -> None:
        ask_save_as(self)

    # -- undo -----------------------------------------------------------------

    def action_undo(self) -> None:
        if self.plan_screen.drag.active:
            self.plan_screen.drag.cancel()
        else:
            self._step(self.session.undo, "undo", "Undone")

    def action_redo(self) -> None:
        self._step(self.session.redo, "redo", "Redone")

    def _step(self, step, name: str, done: str) -> None:
        """Undo or redo one change, and say which (and in which view, when not this one)."""
        before = self.plan
        if step() is None:
            self.notify(f"Nothing to {name}.", timeout=2)
            return
        self._changed()
        what, view = ops.describe_change(before, self.plan, self.pack)
        where = f" (in the {BY_ID[view].name} view, {self.classroom.key_label(BY_ID[view].key)})" if view != self.plan_screen.current else ""
        self.notify(f"{done}: {what}{where}.", timeout=3)

    # -- operations the plan screen runs for the views' messages ----------------

    def edit_text(self, name: str, value: str, factor_id: str | None = None) -> None:
        """Typing in a field: one undo step per burst or sentence, ended too when focus moves on."""
        try:
            plan = ops.set_text(self.plan, name, value, factor_id)
        except ops.OperationError:
            return  # a field for a factor the plan no longer has
        self.apply(plan, merge_key=(name, factor_id), text=value)

    def attach_to_rank(self, evidence_id: str, rank: int) -> None:
        if not 1 <= rank <= len(self.plan.ranking):
            self.notify(f"There is no factor ranked #{rank}.", severity="warning", timeout=2)
            return
        self.attach(self.plan.ranking[rank - 1].factor, evidence_id)

    def attach(self, factor_id: str, evidence_id: str) -> None:
        if self.run_op(ops.attach, self.pack, factor_id, evidence_id):
            self.notify(f"Attached to {paragraph_label(self.plan, self.pack, factor_id)}", timeout=1.5)

    def on_descendant_blur(self, event) -> None:
        # Leaving a text field ends its typing run: the next edit is a new undo step.
        if getattr(event.widget, "is_text_field", False):
            self.session.history.seal()

    # -- other actions --------------------------------------------------------

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
        from essayplan.tui.exporting import ask_export  # its dialog's widgets load when first asked for

        ask_export(self)

    @on(messages.Notice)
    def when_notice(self, notice: messages.Notice) -> None:
        self.notify(notice.text, title=notice.title, severity=notice.severity, timeout=notice.timeout)

    # -- packs ------------------------------------------------------------------

    def action_edit_pack(self, new: bool = False) -> None:
        """Open the pack editor on this plan's pack, or (new) on an empty pack."""
        from essayplan.tui.packeditor import open_editor

        if new:
            open_editor(self, None)
        else:
            open_editor(self, self.pack, on_save=self.replace_pack)

    def action_choose_pack(self) -> None:
        choose_pack(self)

    async def replace_pack(self, pack: Pack) -> None:
        await replace_pack(self, pack)

    # Under a dialog these would change the plan out of sight, or stack dialogs.
    BLOCKED_UNDER_DIALOGS = ("undo", "redo", "export", "choose_question", "save_as", "edit_pack", "choose_pack")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A screen with keys of its own (the pack editor) gets them; the plan's must not fire under it.
        screen = self.screen_stack[-1] if self.screen_stack else None
        if isinstance(screen, ModalScreen) and action in self.BLOCKED_UNDER_DIALOGS:
            return False
        return action not in getattr(screen, "SCREEN_OWNS", ())
