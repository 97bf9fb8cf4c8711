"""The pack editor: a full screen to add, edit, delete and reorder factors and cards.

Every change is one packedit function on an immutable pack, so undo is a list
of packs. Saving goes through packedit.save_user_pack: checked first, written
atomically, and a bundled pack becomes the user's own copy.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Label, Static, TextArea, Tree

from essayplan import packdraft, packedit
from essayplan.errors import UserError
from essayplan.model import Pack, plural
from essayplan.ops import History
from essayplan.paths import display
from essayplan.tui.labels import short
from essayplan.tui.screens import ChoiceScreen, PromptScreen
from essayplan.tui.status import StatusLine
from essayplan.tui.text import clean, literal

DRAFT_SECONDS = 0.5  # at most this long between an edit and its draft
Key = tuple[str, str | None]  # ("pack", None), ("factor", id) or ("card", id)
PACK: Key = ("pack", None)

# The footer's notation (^ is ctrl), to fit 80 columns.
HELP_LINE = "^f factor · ^n card · del delete · ^↑↓ move · ^z undo · ^s save · esc close"


def confirm_delete(message: str) -> ChoiceScreen:
    return ChoiceScreen(message, [("delete", "Delete", "error"), ("cancel", "Cancel", "default")])


def ask_unsaved(title: str) -> ChoiceScreen:
    return ChoiceScreen(
        f"The pack {title!r} has unsaved changes.",
        [("save", "Save", "primary"), ("discard", "Discard", "error"), ("cancel", "Cancel", "default")],
    )


# -- the editor ---------------------------------------------------------------


class Form(VerticalScroll, can_focus=False):
    """A form's fields; Tab goes straight from the tree to the first field."""


class PackTree(Tree[Key]):
    """The pack, its factors and their cards."""

    ALLOW_SELECT = False


class PackEditor(Screen[Pack | None]):
    """Edit pack: factors and cards on the left, the selected one's form on the right.

    Dismisses with the last pack saved, or None. `on_save(pack)` (may be async)
    runs after each save: the app uses it to swap the edited pack in.
    """

    # Keys the app must leave to this screen (see EssayPlanApp.check_action).
    SCREEN_OWNS = ("undo", "redo", "save", "export", "quit")
    # Priority only where a field has the same key (its own text undo): a priority
    # binding runs before the tree has handled the keys typed just before it.
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+z", "undo", "Undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", priority=True),
        Binding("ctrl+f", "add_factor", "Add factor"),
        Binding("ctrl+n", "add_card", "Add card"),
        Binding("ctrl+up,alt+up", "move(-1)", "Move up"),
        Binding("ctrl+down,alt+down", "move(1)", "Move down"),
        Binding("delete", "delete", "Delete"),  # fields keep Delete for text
        Binding("escape", "close", "Close"),
        Binding("ctrl+q", "quit", "Quit"),
    ]
    DEFAULT_CSS = """
    PackEditor { layout: vertical; }
    PackEditor #pe-header { height: 1; padding: 0 1; background: $primary-background; text-wrap: nowrap; text-overflow: ellipsis; }
    PackEditor #pe-body { height: 1fr; }
    PackEditor PackTree { width: 34; height: 1fr; border: round $panel-lighten-2; border-title-color: $text-accent; scrollbar-size-vertical: 1; overflow-x: hidden; }
    PackEditor PackTree:focus { border: round $accent; }
    PackEditor #pe-forms { width: 1fr; height: 1fr; }
    PackEditor .pe-form { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    PackEditor .pe-form Label { margin-top: 1; color: $text-accent; }
    PackEditor .pe-form Label.first { margin-top: 0; }
    PackEditor .pe-form Input { margin: 0; }
    PackEditor #pack-questions { height: 1fr; min-height: 5; }
    PackEditor #factor-summary { height: 4; }
    PackEditor #card-text { height: 6; }
    PackEditor .pe-info { color: $text-muted; margin-top: 1; }
    PackEditor #pe-buttons { height: 1; }
    PackEditor #pe-buttons Button { margin-right: 1; min-width: 4; }
    PackEditor #pe-help { height: 1; padding: 0 1; color: $text-muted; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(
        self,
        pack: Pack,
        *,
        on_save: Callable[[Pack], object] | None = None,
        new: bool = False,
        draft: Pack | None = None,
    ) -> None:
        super().__init__()
        self.history = History(pack)  # ops.History holds any immutable value: here, packs
        # Unsaved edits are kept as a draft in the data folder (packdraft): a crash loses none.
        self.draft_key = packdraft.key_of(pack)
        self._draft_timer = None
        if draft is not None:  # restored from a draft: one undo step back to the pack as saved
            self.history.push(replace(draft, path=pack.path))
            self.history.seal()
        # Where the pack lives once saved (a bundled pack's copy has a new id and
        # file): every undo step is shown with it, so undo never points back.
        self.home: tuple[str, Path | None] | None = None
        self.saved: Pack | None = None if new else pack
        self.saved_any: Pack | None = None
        self.on_save = on_save
        self.selected: Key = PACK
        self.collapsed: set[str] = set()
        # A field's value we set ourselves: its first Changed event is not an edit.
        self._loading: dict[str, str] = {}

    @property
    def pack(self) -> Pack:
        pack = self.history.plan
        if self.home is not None and (pack.id, pack.path) != self.home:
            pack = replace(pack, id=self.home[0], path=self.home[1])
        return pack

    @property
    def dirty(self) -> bool:
        return self.pack != self.saved

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="pe-header")
        with Horizontal(id="pe-body"):
            tree = PackTree("", data=PACK, id="pe-tree")
            tree.guide_depth = 2  # narrow guides leave room for the text
            tree.border_title = "Factors and cards"
            yield tree
            with ContentSwitcher(id="pe-forms", initial="pack-form"):
                with Form(id="pack-form", classes="pe-form"):
                    yield Label("Pack title", classes="first")
                    yield Input(id="pack-title", compact=True)
                    yield Label("Questions, one per line")
                    # Numbered lines show where each question starts when long ones wrap.
                    yield TextArea(id="pack-questions", soft_wrap=True, compact=True, show_line_numbers=True)
                    yield Static(id="pack-info", classes="pe-info")
                with Form(id="factor-form", classes="pe-form"):
                    yield Label("Factor title", classes="first")
                    yield Input(id="factor-title", compact=True)
                    yield Label("Summary")
                    yield TextArea(id="factor-summary", soft_wrap=True, compact=True)
                    yield Label("Keywords, separated by commas")
                    yield Input(id="factor-keywords", compact=True)
                    yield Static(id="factor-info", classes="pe-info")
                with Form(id="card-form", classes="pe-form"):
                    yield Label("Evidence text", classes="first")
                    yield TextArea(id="card-text", soft_wrap=True, compact=True)
                    yield Label("Group heading (optional)")
                    yield Input(id="card-group", compact=True)
                    yield Label("Date (optional, e.g. 1924)")
                    yield Input(id="card-date", compact=True)
                    yield Static(id="card-info", classes="pe-info")
        with Horizontal(id="pe-buttons"):
            yield Button("+ Factor", id="add-factor", action="screen.add_factor", compact=True, tooltip="Add a factor (ctrl+f)")
            yield Button("+ Card", id="add-card", action="screen.add_card", compact=True, tooltip="Add an evidence card (ctrl+n)")
            yield Button("Delete", id="delete", action="screen.delete", compact=True, variant="error", tooltip="Delete the selected item (Del)")
            yield Button("↑", id="move-up", action="screen.move(-1)", compact=True, tooltip="Move up (ctrl+↑)")
            yield Button("↓", id="move-down", action="screen.move(1)", compact=True, tooltip="Move down (ctrl+↓)")
            yield Button("Undo", id="undo", action="screen.undo", compact=True, tooltip="Undo (ctrl+z)")
            yield Button("Save", id="save", action="screen.save", compact=True, variant="primary", tooltip="Save the pack (ctrl+s)")
            yield Button("Save as…", id="save-as", action="screen.save_as", compact=True, tooltip="Save the pack to a file you choose")
            yield Button("Close", id="close", action="screen.close", compact=True, tooltip="Close the editor (Esc)")
        yield StatusLine()  # the editor's messages, over nothing
        yield Static(HELP_LINE, id="pe-help")

    def on_mount(self) -> None:
        self._rebuild(PACK)
        self.query_one(PackTree).focus()

    # -- showing the pack -----------------------------------------------------

    def _pack_label(self) -> Text:
        return Text(clean(self.pack.title or "(untitled pack)"), style="bold")

    def _factor_label(self, factor) -> Text:
        label = Text(short(clean(factor.title or "(untitled factor)"), 20), style="bold")
        label.append(f" ({len(factor.evidence)})", style="dim" if factor.evidence else "bold red")
        return label

    def _card_label(self, card) -> Text:
        label = Text()
        if card.date:
            label.append(f"{clean(card.date)} ", style="bold")
        label.append(clean(card.text) if card.text else "(no text)")
        label.truncate(24, overflow="ellipsis")
        return label

    def _show_header(self) -> None:
        parts = [("Edit pack: ", "bold"), (clean(self.pack.title or "(untitled)"), "bold")]
        if self.dirty:
            parts.append(("  · unsaved changes", "italic"))
        if packedit.is_bundled(self.pack):
            parts.append(("  · bundled: saving makes your own copy", "dim"))
        self.query_one("#pe-header", Static).update(Text.assemble(*parts))

    def _rebuild(self, select: Key) -> None:
        """Rebuild the tree from the pack (after a structural change) and select a node."""
        tree = self.query_one(PackTree)
        tree.clear()
        tree.root.set_label(self._pack_label())
        tree.root.expand()
        nodes = {PACK: tree.root}
        for factor in self.pack.factors:
            node = tree.root.add(self._factor_label(factor), data=("factor", factor.id))
            nodes[("factor", factor.id)] = node
            for card in factor.evidence:
                nodes[("card", card.id)] = node.add_leaf(self._card_label(card), data=("card", card.id))
            if factor.id not in self.collapsed:
                node.expand()
        if select[0] == "card" and select[1]:
            owner = self.pack.owner(select[1])
            if owner is not None and owner.id in self.collapsed:
                self.collapsed.discard(owner.id)
                nodes[("factor", owner.id)].expand()
        if select not in nodes:
            select = PACK
        self._show(select)
        tree.get_node_at_line(0)  # lays out the tree's lines now, so the new nodes know theirs
        tree.move_cursor(nodes[select])
        self._show_header()

    def _relabel(self) -> None:
        """After typing: update the labels of the selected node and its factor."""
        tree = self.query_one(PackTree)
        kind, ident = self.selected
        node = tree.cursor_node
        if node is None or node.data != self.selected:
            return
        if kind == "pack":
            node.set_label(self._pack_label())
        elif kind == "factor":
            node.set_label(self._factor_label(self.pack.factor(ident)))
        elif kind == "card":
            node.set_label(self._card_label(self.pack.evidence(ident)))
        self._show_header()

    def _set_field(self, widget_id: str, value: str) -> None:
        widget = self.query_one(f"#{widget_id}")
        # Shown cleaned of control characters; the pack keeps its text until the teacher edits it.
        value = clean(value, multiline=isinstance(widget, TextArea))
        current = widget.text if isinstance(widget, TextArea) else widget.value
        if current == value:
            return
        self._loading[widget_id] = value
        # Shown from its start (a long card's first words say which it is); End goes to its end.
        if isinstance(widget, TextArea):
            widget.load_text(value)
            widget.move_cursor((0, 0))
            widget.scroll_home(animate=False)
        else:
            widget.value = value
            widget.cursor_position = 0

    def _show(self, key: Key) -> None:
        """Fill the form for a pack, factor or card."""
        self.selected = key
        kind, ident = key
        pack = self.pack
        form = self.query_one(f"#{kind}-form")
        self.query_one(ContentSwitcher).current = form.id
        focused = self.focused
        if isinstance(focused, (Input, TextArea)) and form not in focused.ancestors:
            self.query_one(PackTree).focus()  # never type into a form that is hidden
        if kind == "pack":
            self._set_field("pack-title", pack.title)
            self._set_field("pack-questions", "\n".join(pack.questions))
            where = display(pack.path) if pack.path else "not saved yet"
            self.query_one("#pack-info", Static).update(
                literal(
                    f"id: {pack.id} · {plural(len(pack.factors), 'factor')}, "
                    f"{plural(pack.evidence_count, 'card')}\nfile: {where}",
                    multiline=True,
                )
            )
        elif kind == "factor":
            factor = pack.factor(ident)
            self._set_field("factor-title", factor.title)
            self._set_field("factor-summary", factor.summary)
            self._set_field("factor-keywords", ", ".join(factor.keywords))
            self.query_one("#factor-info", Static).update(
                literal(
                    f"id: {factor.id} · {plural(len(factor.evidence), 'card')}"
                    + ("" if factor.evidence else " — add one (ctrl+n) before saving")
                )
            )
        else:
            card = pack.evidence(ident)
            self._set_field("card-text", card.text)
            self._set_field("card-group", card.group)
            self._set_field("card-date", card.date)
            owner = pack.owner(ident)
            self.query_one("#card-info", Static).update(literal(f"id: {card.id} · in {owner.title!r}"))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        # A rebuild clears the tree and moves the cursor: only the node under it counts.
        if event.node is not event.control.cursor_node:
            return
        if event.node.data is not None and event.node.data != self.selected:
            self.history.seal()
            self._show(event.node.data)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed) -> None:
        if event.node.data and event.node.data[0] == "factor":
            self.collapsed.add(event.node.data[1])

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        if event.node.data and event.node.data[0] == "factor":
            self.collapsed.discard(event.node.data[1])

    # -- editing --------------------------------------------------------------

    def apply(self, pack: Pack, merge_key: object = None, text: str | None = None) -> None:
        self.history.push(pack, merge_key, text)
        self._show_header()
        self._draft_later()

    def _draft_later(self) -> None:
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_SECONDS, self.keep_draft)

    def keep_draft(self) -> None:
        """Write the unsaved edits to the draft (or drop it when there are none)."""
        self._draft_timer = None
        if not self.dirty:
            packdraft.remove_draft(self.draft_key)
            return
        try:
            packdraft.save_draft(self.draft_key, self.pack)
        except (OSError, UserError) as error:
            self.notify(f"Could not keep a draft of the pack: {error}", severity="warning", timeout=5, markup=False)

    def on_unmount(self) -> None:
        if self._draft_timer is not None:  # closing with a draft still due: write it now
            self.keep_draft()

    def drop_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        packdraft.remove_draft(self.draft_key)

    def _try(self, edit: Callable[..., Pack], *args, **kwargs) -> Pack | None:
        try:
            return edit(self.pack, *args, **kwargs)
        except packedit.PackEditError as error:
            self.notify(str(error), severity="warning", timeout=5)
            return None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id != "prompt":
            self._field_changed(event.input.id, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._field_changed(event.text_area.id, event.text_area.text)

    def _field_changed(self, field: str, value: str) -> None:
        if self._loading.pop(field, None) == value:
            return
        kind, ident = self.selected
        if not field.startswith(kind):
            return  # a late event from the form just left
        name = field.split("-", 1)[1]
        try:
            if field == "pack-title":
                pack = packedit.rename_pack(self.pack, value)
            elif field == "pack-questions":
                pack = packedit.set_questions(self.pack, value.splitlines())
            elif field == "factor-keywords":
                pack = packedit.edit_factor(self.pack, ident, keywords=value.split(","))
            elif kind == "factor":
                pack = packedit.edit_factor(self.pack, ident, **{name: value})
            else:
                pack = packedit.edit_evidence(self.pack, ident, **{name: value})
        except packedit.PackEditError:
            return  # the item went away under the form (undo): nothing to edit
        self.apply(pack, merge_key=(field, ident), text=value)
        self._relabel()

    def on_descendant_blur(self, event) -> None:
        # Leaving a field ends its typing run: the next edit is a new undo step.
        if isinstance(event.widget, (Input, TextArea)):
            self.history.seal()

    def _catch_up(self) -> Key:
        """The selection as the tree's cursor has it now: keys can outrun its messages."""
        node = self.query_one(PackTree).cursor_node
        if node is not None and node.data is not None and node.data != self.selected:
            self.history.seal()
            self._show(node.data)
        return self.selected

    def _factor_for_new_card(self) -> str | None:
        kind, ident = self._catch_up()
        if kind == "factor":
            return ident
        if kind == "card":
            return self.pack.owner(ident).id
        return None

    def action_add_factor(self) -> None:
        def done(title: str | None) -> None:
            if not title:
                return
            after = self._factor_for_new_card()
            position = None
            if after is not None:
                position = [f.id for f in self.pack.factors].index(after) + 1
            before = {f.id for f in self.pack.factors}
            pack = self._try(packedit.add_factor, title, position)
            if pack is not None:
                self.history.seal()
                self.apply(pack)
                added = next(f.id for f in pack.factors if f.id not in before)
                self._rebuild(("factor", added))
                self.notify("Factor added: now add its evidence cards (ctrl+n).", timeout=4)

        self.app.push_screen(PromptScreen("New factor", "Its title, e.g. Economic problems", "Add factor"), done)

    def action_add_card(self) -> None:
        factor_id = self._factor_for_new_card()
        if factor_id is None:
            self.notify("First choose, in the list, the factor the new card belongs to.", severity="warning", timeout=4)
            return
        factor = self.pack.factor(factor_id)

        def done(text: str | None) -> None:
            if not text:
                return
            position, group = None, ""
            if self.selected[0] == "card":
                # After the selected card, under the same group heading.
                position = [c.id for c in factor.evidence].index(self.selected[1]) + 1
                group = self.pack.evidence(self.selected[1]).group
            pack = self._try(packedit.add_evidence, factor_id, text, group=group, position=position)
            if pack is not None:
                self.history.seal()
                before = {c.id for f in self.pack.factors for c in f.evidence}
                self.apply(pack)
                added = next(c.id for c in pack.factor(factor_id).evidence if c.id not in before)
                self._rebuild(("card", added))

        title = f"New card in {short(factor.title, 40)!r}"
        self.app.push_screen(PromptScreen(title, "Its text (add a group and date next)", "Add card"), done)

    def action_delete(self) -> None:
        kind, ident = self._catch_up()
        if kind == "pack":
            self.notify("Choose a factor or a card to delete.", severity="warning", timeout=3)
            return
        if kind == "factor":
            factor = self.pack.factor(ident)
            if len(self.pack.factors) == 1:
                self._try(packedit.delete_factor, ident)  # explains why not
                return
            cards = plural(len(factor.evidence), "card")
            message = f"Delete the factor {factor.title!r} and its {cards}?"
            where, keep = self._used_in_plan(factor.id, [card.id for card in factor.evidence])
            if where:
                message = f"The factor {factor.title!r} is used in {where}. Delete it and its {cards}? {keep}"
        else:
            where, keep = self._used_in_plan(None, [ident])
            question = f"Card {ident} is used in {where}. Delete it? {keep}" if where else "Delete this card?"
            message = f"{question}\n{short(self.pack.evidence(ident).text, 120)}"

        def done(choice: str | None) -> None:
            if choice != "delete":
                return
            edit = packedit.delete_factor if kind == "factor" else packedit.delete_evidence
            neighbour = self._neighbour(self.selected)
            pack = self._try(edit, ident)
            if pack is not None:
                self.history.seal()
                self.apply(pack)
                self._rebuild(neighbour)

        self.app.push_screen(confirm_delete(message), done)

    def _used_in_plan(self, factor: str | None, cards: list[str]) -> tuple[str, str]:
        """What deleting would take from the open plan (when this is its pack): which
        paragraphs are on the factor or use the cards, and that their text stays."""
        plan = getattr(self.app, "plan", None) if self.on_save is not None else None
        if plan is None:
            return "", ""
        numbers = [
            number
            for number, paragraph in enumerate(plan.paragraphs, 1)
            if paragraph.factor == factor or any(card in paragraph.evidence for card in cards)
        ]
        if not numbers:
            return "", ""
        where = " and ".join(filter(None, [", ".join(f"¶{n}" for n in numbers[:-1]), f"¶{numbers[-1]}"]))
        keep = "The paragraphs keep their text." if len(numbers) > 1 else "The paragraph keeps its text."
        return f"{where} of your plan", keep

    def _neighbour(self, key: Key) -> Key:
        """What to select once an item is deleted: the one after it, else before, else its factor."""
        kind, ident = key
        if kind == "factor":
            ids = [f.id for f in self.pack.factors]
            index = ids.index(ident)
            rest = ids[:index] + ids[index + 1 :]
            return ("factor", rest[min(index, len(rest) - 1)]) if rest else PACK
        owner = self.pack.owner(ident)
        ids = [c.id for c in owner.evidence]
        index = ids.index(ident)
        rest = ids[:index] + ids[index + 1 :]
        return ("card", rest[min(index, len(rest) - 1)]) if rest else ("factor", owner.id)

    def action_move(self, delta: int) -> None:
        kind, ident = self._catch_up()
        pack = self.pack
        if kind == "factor":
            index = [f.id for f in pack.factors].index(ident)
            if not 0 <= index + delta < len(pack.factors):
                return
            new = self._try(packedit.move_factor, ident, index + delta)
        elif kind == "card":
            owner = pack.owner(ident)
            f_index = pack.factors.index(owner)
            index = [c.id for c in owner.evidence].index(ident)
            if 0 <= index + delta < len(owner.evidence):
                new = self._try(packedit.move_evidence, ident, owner.id, index + delta)
            elif 0 <= f_index + delta < len(pack.factors):
                # Past the end of its factor: on into the next (or previous) one.
                target = pack.factors[f_index + delta]
                new = self._try(packedit.move_evidence, ident, target.id, None if delta < 0 else 0)
                self.collapsed.discard(target.id)
            else:
                return
        else:
            return
        if new is not None:
            self.history.seal()
            self.apply(new, merge_key=("move", ident))
            self._rebuild((kind, ident))

    # -- undo -----------------------------------------------------------------

    def action_undo(self) -> None:
        self._step(self.history.undo, "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo, "Nothing to redo.")

    def _step(self, step: Callable[[], object], nothing: str) -> None:
        before = self.pack
        if step() is None:
            self.notify(nothing, timeout=2)
            return
        self._loading.clear()
        key = self.selected
        if key[0] == "card" and self.pack.evidence(key[1]) is None:
            owner = before.owner(key[1])  # a card undone away: stay on its factor
            key = ("factor", owner.id) if owner is not None else PACK
        self._rebuild(key)
        self._draft_later()

    # -- saving and closing ---------------------------------------------------

    async def save(self, path: Path | None = None) -> bool:
        """Check and write the pack; swap it into the app. False (and a message) when it cannot."""
        was_bundled = packedit.is_bundled(self.pack)
        try:
            written = packedit.save_user_pack(self.pack, path)
            from essayplan.packs import load_pack

            saved = load_pack(written)
        except (packedit.PackEditError, UserError) as error:
            self.notify(str(error), title="Pack not saved", severity="error", timeout=10)
            return False
        self.drop_draft()
        self._rebase(saved)
        self.draft_key = packdraft.key_of(saved)
        message = f"Saved to {display(written)}"
        if was_bundled:
            message += f" as your own copy (id {saved.id}); the pack that ships with the app is unchanged"
        if self.on_save is None:  # not the plan's pack: say how to start a plan on it
            message += f". Start a plan on it with: essayplan --pack {saved.id}"
        self.notify(message + ".", title="Pack saved", timeout=8)
        if self.on_save is not None:
            result = self.on_save(saved)
            if inspect.isawaitable(result):
                await result
        self._show_header()
        if self.selected == PACK:
            self._show(PACK)
        return True

    def _rebase(self, saved: Pack) -> None:
        """From now on the pack lives where it was saved, under the id it was saved with."""
        self.home = (saved.id, saved.path)
        self.saved = self.saved_any = saved

    async def action_save(self) -> None:
        if not self.dirty:  # nothing to write: above all, no new copy of a bundled pack
            self.notify("No changes to save.", timeout=3)
            return
        await self.save()

    def action_save_as(self) -> None:
        start = self.pack.path if self.pack.path and not packedit.is_bundled(self.pack) else Path.cwd() / f"{self.pack.id}.toml"

        async def done(value: str | None) -> None:
            if not value:
                return
            path = Path(value).expanduser()
            if path.suffix.lower() != ".toml":
                path = path.with_name(path.name + ".toml")
            same = self.pack.path is not None and path.exists() and path.resolve() == Path(self.pack.path).resolve()
            if same:
                await self.save(path)
            else:  # another file there (a plan, another pack): ask before replacing it
                from essayplan.tui.safety import confirm_replace

                confirm_replace(self.app, path, lambda: self.call_later(self.save, path))

        self.app.push_screen(PromptScreen("Save the pack as", "A file ending in .toml", "Save", str(start)), done)

    def _ask_then(self, then: Callable[[], object]) -> None:
        """With unsaved edits, ask Save / Discard / Cancel before `then`."""
        if not self.dirty:
            self.drop_draft()  # edits undone back to the saved pack: nothing to keep
            self.call_later(then)
            return

        async def done(choice: str | None) -> None:
            if choice == "save" and await self.save():
                await _call(then)
            elif choice == "discard":
                self.drop_draft()
                await _call(then)

        self.app.push_screen(ask_unsaved(self.pack.title), done)

    def action_close(self) -> None:
        self._ask_then(self._dismiss)

    def _dismiss(self) -> None:
        # Not awaited: a screen may not wait for its own dismissal.
        self.dismiss(self.saved_any)

    def action_quit(self) -> None:
        self._ask_then(self.app.action_quit)


async def _call(function: Callable[[], object]) -> None:
    result = function()
    if inspect.isawaitable(result):
        await result


def open_editor(app, pack: Pack | None, on_save: Callable[[Pack], object] | None = None) -> None:
    """Open the editor on a pack; with no pack, ask a title and start an empty one."""
    if isinstance(app.screen, PackEditor):
        app.notify("The pack editor is already open.", timeout=2)
        return
    if pack is not None:
        from essayplan.tui.safety import offer_pack_draft

        offer_pack_draft(app, pack, lambda draft: app.push_screen(PackEditor(pack, on_save=on_save, draft=draft)))
        return

    def done(title: str | None) -> None:
        if title:
            fresh = packedit.empty_pack(title)
            fresh = replace(fresh, id=packedit.unique_pack_id(fresh.id))
            from essayplan.tui.safety import offer_pack_draft

            # A new pack of the same title whose editor was killed left a draft under this id.
            offer_pack_draft(app, fresh, lambda draft: app.push_screen(PackEditor(fresh, on_save=on_save, new=True, draft=draft)))

    app.push_screen(PromptScreen("New pack", "The topic's title, e.g. Causes of the First World War", "Create"), done)
