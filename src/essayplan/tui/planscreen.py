"""The plan screen: the views (views.py), switching between them, drag and drop, focus memory.

Views post what the student did (messages.py); this screen handles each with
`@on` by running one operation through the app, which owns the session.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from essayplan import drops, ops, startup
from essayplan.model import Pack, Plan
from essayplan.tui import messages
from essayplan.tui.bars import KeyBar, QuestionBar, TopBar
from essayplan.tui.board import Bank, Ladder
from essayplan.tui.drag import DragController, Payload, Place
from essayplan.tui.judgement import JudgementLine
from essayplan.tui.keys import typed
from essayplan.tui.labels import drag_hint
from essayplan.tui.status import StatusLine
from essayplan.tui.text import clean
from essayplan.tui.views import BY_ID, VIEWS
from essayplan.tui.weights import WeighPanel

TOO_SMALL = "The window is too small for the board: make it at least 60×16."


class Views(ContentSwitcher):
    """The views, one shown at a time; it resizes with the terminal, both ways."""

    # No border, no content: each of its lines is one blank strip, not a line of its own that
    # Textual cuts at every child's edge and keeps (~0.2 MiB at the first frame; RESULTS.md).
    BLANK = True

    def on_resize(self) -> None:
        self.screen.fit()


class PlanScreen(Screen):
    """The plan's views and the bars around them."""

    BLANK = True  # as Views: the bars and views cover it, its lines are its background

    # From 100 columns the plan view's labels sit beside their fields (plan.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        # Priority: the view switches as the app receives the key, so the keys typed after it go
        # to the view shown, not to the one hidden (focusing.py).
        *[Binding(view.key, f"show_view('{view.id}')", view.name, show=False, priority=True) for view in VIEWS],
        Binding("ctrl+f", "add_own_factor", "Own factor", show=False),
    ]

    # The factor `a` attaches to: the key bar names it.
    selected_factor: reactive[str | None] = reactive(None, bindings=True)

    def __init__(self, plan: Plan, pack: Pack) -> None:
        super().__init__(id="plan-screen")
        self.plan, self.pack = plan, pack
        self.drag = DragController(self)
        self._board_focus = None
        self._held: list[tuple[float, events.Key]] = []  # typed while nothing had the focus (a view being built)
        self._ready = False  # mounted: a view can be shown
        self._shown = False  # resumed (shown) once
        startup.hold_collector()  # (the first plan screen of the process: until it is drawn)
        # The width's class from the start: set on the first resize instead, it would style and
        # lay out the whole screen a second time before the first frame is idle.
        width = self.app.size.width
        reached = max((least for least, _ in self.HORIZONTAL_BREAKPOINTS if width >= least), default=None)
        for least, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(least == reached, name, update=False)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown the first time, every widget here was styled as it was mounted, a moment ago:
        # Textual would style them all again (a third of start-up's styling). Later (back from
        # a dialog, after a theme change) it does, as it decides.
        if not self._shown:
            self._shown = True
            event.refresh_styles = False

    def compose(self) -> ComposeResult:
        # Only the views shown at start: the others, the drag hint and the too-small note
        # are mounted when first needed, so start-up pays for what it shows.
        yield TopBar()
        yield QuestionBar(id="question")
        yield JudgementLine(self.pack, self.plan)  # shown for how-far questions only
        with Views(id="views", initial=VIEWS[0].id):
            for view in VIEWS:
                if view.at_start:
                    yield view.factory(self.pack, self.plan)
        yield StatusLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self.sync(self.plan, self.pack)
        self.app.refresh_status()
        self.focus_start()
        self._ready = True
        self.call_after_refresh(startup.screen_drawn)

    def on_unmount(self) -> None:
        startup.screen_drawn()  # (closed before it was drawn)

    def focus_start(self) -> None:
        """Where work starts: a plan with no question yet, on the question (Enter chooses
        one); else in the bank."""
        if not self.plan.question.strip():
            self.query_one(QuestionBar).focus()
        else:
            self.query_one(Bank).focus()

    @property
    def current(self) -> str:
        return self.query_one(Views).current or VIEWS[0].id

    def sync(self, plan: Plan, pack: Pack) -> None:
        """Bring every view in step with the plan (the only way views learn of a change)."""
        self.plan, self.pack = plan, pack
        for view in self.query_one(Views).children:
            view.sync(plan, pack)
        self.query_one(JudgementLine).sync(plan, pack)
        question = plan.question or "No question yet: press Enter here (or click) to choose one."
        self.query_one(QuestionBar).update(Text.assemble(("Question: ", "bold"), clean(question)))

    async def remount(self, pack: Pack, plan: Plan) -> None:
        """A new pack: the views are built again (those at start, and the one shown)."""
        self.plan, self.pack = plan, pack
        switcher = self.query_one(Views)
        current = switcher.current
        await switcher.remove_children()
        await switcher.mount_all([v.factory(pack, plan) for v in VIEWS if v.at_start or v.id == current])
        for view in switcher.children:
            view.display = view.id == current

    def watch_selected_factor(self, factor: str | None) -> None:
        for bank in self.query(Bank):
            bank.selected = factor
        for panel in self.query(WeighPanel):
            panel.show_factor(factor)

    def fit(self) -> None:
        """After a resize: a note when the window is too small."""
        small = self.size.width < 60 or self.size.height < 16
        notes = self.query("#too-small")
        if notes or small:
            note = notes.first() if notes else Static(TOO_SMALL, id="too-small")
            note.display = small
            if not notes:
                self.mount(note)  # the first time the window is too small

    # -- switching views ---------------------------------------------------------

    def action_show_view(self, view: str) -> None:
        if not self._ready:  # (a priority key can come before the screen is built)
            self.call_later(self.action_show_view, view)
            return
        board = self.query(f"#{VIEWS[0].id}").first() if self.query(f"#{VIEWS[0].id}") else None
        if board is not None and self.current == VIEWS[0].id and self.focused is not None and board in self.focused.ancestors:
            self._board_focus = self.focused  # (its focus message may not have come yet: the F key is quicker)
        self.drag.cancel()
        for ladder in self.query(Ladder):
            ladder.close_editor()  # the reason field belongs to the board
        switcher = self.query_one(Views)
        if not self.query(f"#{view}"):  # built the first time it is shown, in the list's order
            after = [v.id for v in VIEWS[: VIEWS.index(BY_ID[view])] if self.query(f"#{v.id}")]
            switcher.mount(BY_ID[view].factory(self.pack, self.plan), after=f"#{after[-1]}" if after else None)
        switcher.current = view
        self.query_one(TopBar).view = view
        takes_keys = getattr(self.query_one(f"#{view}"), "takes_keys", None)
        # Its widget takes the keys typed next, now; else (or while it is first built) nothing has
        # the focus, and keys typed meanwhile are held for the widget that gets it (on_key): they
        # must not act on the view just hidden.
        self.set_focus(takes_keys() if takes_keys is not None else None)
        if view == VIEWS[0].id:
            # Back on the board, the cursor is where the student left it.
            last = self._board_focus
            if last is not None and last.is_attached:
                self.call_after_refresh(last.focus)
        else:
            # A view shown again gets no Show event: it is asked to take the cursor.
            shown = self.query_one(f"#{view}")
            self.call_after_refresh(getattr(shown, "take_focus", shown.focus))

    def run_view_command(self, view: str, command) -> None:
        """A palette command of one view: shown first (built on first use), then done."""
        self.action_show_view(view)
        command(self.query_one(f"#{view}"))

    def on_descendant_focus(self, event) -> None:
        if self.current == VIEWS[0].id and self.query_one(f"#{VIEWS[0].id}") in event.widget.ancestors:
            self._board_focus = event.widget

    def on_descendant_blur(self) -> None:
        # Whatever closed (a field, a dialog's last widget), the keys never go nowhere.
        self.call_after_refresh(self._keep_focus)

    def _keep_focus(self) -> None:
        """With nothing focused on this screen, the focus goes back to the view shown."""
        if self.app.screen is not self or self.focused is not None:
            return
        last = self._board_focus if self.current == VIEWS[0].id else None
        if last is not None and last.is_attached and last.focusable:
            last.focus()
            return
        take = getattr(self.query_one(f"#{self.current}"), "take_focus", None)
        if take is not None:
            take()
        else:
            self.focus_next()

    @on(messages.ShowView)
    def when_show_view(self, message: messages.ShowView) -> None:
        self.action_show_view(message.view)

    @on(messages.GoTo)
    def when_go_to(self, message: messages.GoTo) -> None:
        self.action_show_view("plan")  # builds the plan view on first use
        self.query_one("#plan").focus_part(message.part, message.factor)

    @on(messages.ChooseQuestion)
    def when_choose_question(self) -> None:
        self.app.action_choose_question()

    # -- what the student did: one operation each ---------------------------------

    @on(messages.SelectFactor)
    def when_select(self, message: messages.SelectFactor) -> None:
        self.selected_factor = message.factor

    @on(messages.EditText)
    def when_edit(self, message: messages.EditText) -> None:
        self.app.edit_text(message.name, message.value, message.factor)

    @on(messages.Attach)
    def when_attach(self, message: messages.Attach) -> None:
        if message.rank is not None:
            self.app.attach_to_rank(message.evidence, message.rank)
            return
        factor = message.factor or self.selected_factor or self.plan.ranking[0].factor
        self.app.attach(factor, message.evidence)

    @on(messages.Detach)
    def when_detach(self, message: messages.Detach) -> None:
        self.app.run_op(ops.detach, message.factor, message.evidence)

    @on(messages.MoveCard)
    def when_move_card(self, message: messages.MoveCard) -> None:
        self.app.run_op(ops.move_card, message.factor, message.evidence, message.position)

    @on(messages.Rank)
    def when_rank(self, message: messages.Rank) -> None:
        rank = self.plan.rank_of(message.factor)
        if rank is not None and self.app.run_op(ops.move_factor, message.factor, rank - 1 + message.delta):
            self.call_after_refresh(self._focus_handle, message.factor)

    def _focus_handle(self, factor_id: str) -> None:
        ladder = self.query_one(Ladder)
        ladder.move_cursor(ladder.index_of(("factor", factor_id)))
        ladder.focus()

    @on(messages.MoveParagraph)
    def when_move_paragraph(self, message: messages.MoveParagraph) -> None:
        index = next(i for i, p in enumerate(self.plan.paragraphs) if p.factor == message.factor)
        if self.app.run_op(ops.move_paragraph, message.factor, index + message.delta) and self.focused:
            self.call_after_refresh(self.focused.scroll_visible, animate=False)

    @on(messages.Change)
    def when_change(self, message: messages.Change) -> None:
        if self.app.run_op(message.change) and message.done:
            self.notify(message.done, timeout=2)

    @on(messages.PlanEdit)
    def when_plan_edit(self, message: messages.PlanEdit) -> None:
        """Links, weights, the judgement line, own factors and evidence: one operation each."""
        done = self.app.run_op(message.apply, self.pack, merge_key=message.merge_key, text=message.typed)
        if done and isinstance(message, messages.AddOwnFactor):
            # The new factor is ranked last: show it, with the cursor on it, ready to move up.
            new = self.plan.own_factors[-1]
            self.notify(f"Added {new.title}, ranked last: ctrl+↑ moves it up.", timeout=3)
            if self.current == VIEWS[0].id:
                self.call_after_refresh(self._focus_handle, new.id)

    def action_add_own_factor(self) -> None:
        from essayplan.tui.own import ask_own_factor  # (with the Plan view's own lines: not needed at start)

        ask_own_factor(self)

    @on(messages.Drop)
    def when_drop(self, message: messages.Drop) -> None:
        self.app.run_op(drops.apply_drop, self.pack, message.payload, message.place)

    # -- drag and drop --------------------------------------------------------------

    def places_for(self, payload: Payload) -> list:
        """Keyboard places for a lifted payload, in screen order: (Place, widget)."""
        if self.current == "plan":
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
            self.mount(hint)
        hint.display = True
        where = place.hint if place else "nowhere (release to cancel)"
        if self.drag.lifted:
            keys = ("↑/↓ choose · Enter drop · Esc cancel", "↑↓ · Enter · Esc")
        else:
            keys = ("release to drop · Esc cancel", "release · Esc cancels")
        # At 80 columns something must give: the keys' words, then the names; never the position.
        label, where, keys = drag_hint(clean(payload.label), clean(where), keys, self.size.width - 2)
        hint.update(Text.assemble(("Moving ", "bold"), label, " → ", (where, "bold"), f"   {keys}"))

    def on_key(self, event) -> None:
        if event.key == "escape" and self.drag.active:
            self.drag.cancel()
            event.stop()
        elif self.focused is None and typed(event) is not None:
            # Typed while a view is being built, before its field has the focus: kept for it.
            self._held.append((time.monotonic(), events.Key(event.key, event.character)))
            event.stop()
            event.prevent_default()

    def set_focus(self, widget, *args, **kwargs) -> None:
        super().set_focus(widget, *args, **kwargs)
        if self._held and self.focused is not None:
            # The keys held go first, in order, before any the app hands on from now (#15).
            held, self._held = self._held, []
            for when, key in held:
                if time.monotonic() - when < 2:  # (older ones were not meant for this widget)
                    self.focused.post_message(key)
