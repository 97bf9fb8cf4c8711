"""The board: the evidence bank and the ranking ladder.

Each is one line-drawn list (see itemlist.py) rebuilt from the plan by
`sync`; a drop redraws lines and mounts nothing. A factor's reason is typed
in a one-line field laid over its line while the student writes.

Typing never changes the plan (keys.py): in the bank it searches the cards,
in the ranking it writes the reason of the factor under the cursor.
"""

from __future__ import annotations

from rich.text import Span, Text
from textual.binding import Binding
from textual.containers import Container
from textual.geometry import Offset

from essayplan import ops
from essayplan.model import Pack, Plan, plural
from essayplan.tui import messages
from essayplan.tui.drag import DropTarget, Payload, Place, drag_of
from essayplan.tui.itemlist import Entry, ItemList
from essayplan.tui.keys import typed
from essayplan.tui.labels import card_line, card_text, factor_title, paragraph_label, short
from essayplan.tui.text import clean, literal
from essayplan.tui.weights import WeighPanel, ladder_line

REASON_PLACEHOLDER = "Why this rank? (one line)"


class Bank(DropTarget, ItemList):
    """Every factor with its cards under their group headings; Enter on a factor folds it.

    Typing searches: the cards that match stay, Esc shows them all again."""

    COMPONENT_CLASSES = {f"list--{kind}" for kind in ("heading", "summary", "group", "card", "used", "hint", "bar", "bar-used")}
    # Above this many cards, factors start folded: a student opens the one they need.
    FOLD_ABOVE = 120
    TITLE = "Evidence bank · type to search"

    BINDINGS = [
        Binding("ctrl+a", "attach", "Attach"),
        *[Binding(f"alt+{n}", f"attach_to({n})", f"Attach to #{n}", show=False) for n in range(1, 10)],
        Binding("delete", "set_aside", "Set aside", show=False),  # in the help: the key bar keeps Export at 80 columns
        Binding("escape", "clear_search", "Clear search"),  # (on_key acts on it; the key bar shows it)
    ]

    def __init__(self, pack: Pack, plan: Plan) -> None:
        super().__init__(id="bank")
        self.pack = pack
        self.border_title = self.TITLE
        self.search: str | None = None  # what the student typed to find cards (None: no search)
        small = pack.evidence_count <= self.FOLD_ABOVE
        self.expanded = {f.id for i, f in enumerate(pack.factors) if small or i == 0}
        self.plan = plan
        self.selected: str | None = None  # the factor `a` attaches to (the plan screen says which)
        self.entries = self.build()
        self.cursor = self._first_card()

    def _first_card(self) -> int:
        return next((i for i, e in enumerate(self.entries) if e.key[0] == "card"), 0)

    def build(self) -> list[Entry]:
        if self.search is not None:
            return self._found()
        entries: list[Entry] = []
        for factor in self.pack.factors:
            open_ = factor.id in self.expanded
            heading = Text.assemble(
                (f"{'▾' if open_ else '▸'} {clean(factor.title)}", "bold"), (f"  {plural(len(factor.evidence), 'card')}", "dim")
            )
            entries.append(Entry(("factor", factor.id), heading, "heading", gap=1 if entries else 0))
            if not open_:
                continue
            if factor.summary:
                entries.append(Entry(("summary", factor.id), Text(clean(factor.summary, multiline=True)), "summary", selectable=False))
            self._cards(entries, factor.id, factor.evidence)
        return entries

    def _cards(self, entries: list[Entry], factor_id: str, cards) -> None:
        group = None
        for card in cards:
            if card.group and card.group != group:
                group = card.group
                entries.append(Entry(("group", factor_id, group), Text(clean(group)), "group", selectable=False))
            entries.append(self._card(card, gap=1 if entries[-1].key[0] == "card" else 0))

    def _found(self) -> list[Entry]:
        """The cards matching every word of the search, under their factors (folded or not)."""
        words = self.search.casefold().split()
        entries: list[Entry] = []
        for factor in self.pack.factors:
            cards = [c for c in factor.evidence if all(w in self._searched(factor, c) for w in words)]
            if cards:
                heading = Text.assemble((clean(factor.title), "bold"), (f"  {len(cards)} of {plural(len(factor.evidence), 'card')}", "dim"))
                entries.append(Entry(("factor", factor.id), heading, "heading", selectable=False, gap=1 if entries else 0))
                self._cards(entries, factor.id, cards)
        if not entries:
            entries.append(Entry(("none",), Text(f"No card matches “{clean(self.search)}”: Backspace or Esc."), "hint", selectable=False))
        return entries

    @staticmethod
    def _searched(factor, card) -> str:
        return " ".join((card.date or "", card.text, card.group or "", factor.title)).casefold()

    def _card(self, card, gap: int) -> Entry:
        used = self.plan.uses(card.id)
        text = Text()
        if card.date:
            text.append(f"{clean(card.date)}  ", style="bold")
        text.append(clean(card.text, multiline=True))
        # A used or set-aside card is marked on its first line, not under it: the cards below
        # stay where the student saw them (the border says where it is used).
        mark = "✓ " if used else "– " if card.id in self.plan.set_aside else ""
        kind, bar = ("used", "bar-used") if mark else ("card", "bar")
        return Entry(("card", card.id), text, kind, prefix="▌ ", bar=bar, gap=gap, mark=mark)

    def card_status(self) -> str | None:
        """Where the card under the cursor is used, or that it is set aside (None: neither)."""
        if self.current is None or self.current.key[0] != "card":
            return None
        card = self.current.key[1]
        used = self.plan.uses(card)
        if used:
            return "✓ used in " + ", ".join(paragraph_label(self.plan, self.pack, f) for f in used)
        if card in self.plan.set_aside:
            return "– set aside on purpose: Delete brings it back"
        return None

    def show_status(self) -> None:
        """The bottom border says where the card under the cursor is used (a drag borrows it)."""
        if not drag_of(self).active:
            status = self.card_status()
            self.border_subtitle = literal(status) if status else None

    def cursor_moved(self) -> None:
        self.show_status()

    def sync(self, plan: Plan, pack: Pack) -> None:
        super().sync(plan, pack)
        self.show_status()

    def on_mount(self) -> None:
        self.show_status()

    def payload_of(self, entry: Entry) -> Payload | None:
        if entry.key[0] != "card":
            return None
        return Payload("card", short(entry.text.plain.split("\n")[0], 36), evidence=entry.key[1])

    def drop_place(self, payload: Payload, offset: Offset | None) -> Place | None:
        if payload.kind == "attached":
            return Place("bank", "back to the bank (take it out of the paragraph)", factor=payload.factor)
        return None

    # -- the search ----------------------------------------------------------------

    def on_key(self, event) -> None:
        character = typed(event)
        drag = drag_of(self)
        if self.search is not None and event.key in ("escape", "backspace") and not drag.active:
            self.set_search(None if event.key == "escape" else self.search[:-1] or None)
        elif character is not None and character in "123456789" and drag.lifted and drag.source is self:
            drag.choose(int(character) - 1)  # a lifted card: 3 aims it at the factor ranked 3 (Enter drops)
        elif character is not None and (self.search is not None or character not in " ?"):
            # Without a search, Space lifts the card and ? is the help; everything else typed searches.
            if drag.active:
                drag.cancel()  # typing, not moving: the card goes back where it was
            self.set_search((self.search or "") + character)
        else:
            return
        event.stop()
        event.prevent_default()

    def action_clear_search(self) -> None:
        if drag_of(self).active:
            drag_of(self).cancel()
        else:
            self.set_search(None)

    def set_search(self, text: str | None) -> None:
        """Show the cards matching `text` (None: all of them again, the cursor on the card it was on)."""
        if text is None and self.current is not None and self.current.key[0] == "card":
            self.expanded |= {f.id for f in self.pack.factors if any(c.id == self.current.key[1] for c in f.evidence)}
        self.search = text
        self.rebuild(self.build())
        if text is not None:
            first = self._first_card()
            self.move_cursor(first if self.entries[first].selectable else self.cursor)
            # What was typed (its end, when long) on the border, and how to get out when there is room
            # (the key bar says it too).
            room = max(8, (self.outer_size.width or 40) - len("╭─ Search: ▏ ─╮") - 1)
            hint = " · Esc clears" if len(text) + len(" · Esc clears") <= room else ""
            shown = text if len(text) <= room else "…" + text[1 - room :]
            self.border_title = literal(f"Search: {shown}▏{hint}")
        else:
            self.border_title = self.TITLE
            self.call_after_refresh(lambda: self.show_entry(self.cursor))  # the card found, in the whole bank
        self.refresh_bindings()

    # -- keys and clicks -----------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("attach", "attach_to"):
            return self.current is not None and self.current.key[0] == "card"
        if action == "clear_search":
            return self.search is not None or drag_of(self).active
        if action == "set_aside":  # a card in a paragraph is used, not left out
            return self.current is not None and self.current.key[0] == "card" and not self.plan.uses(self.current.key[1])
        return True

    def action_activate(self) -> None:
        if self.current is not None and self.current.key[0] == "factor" and not drag_of(self).lifted:
            self.toggle(self.current.key[1])
        else:
            super().action_activate()

    async def clicked(self, key: tuple | None) -> None:
        if key is not None and key[0] == "factor" and self.search is None:
            self.toggle(key[1])
        self.focus()

    def toggle(self, factor_id: str) -> None:
        """Fold a factor's cards away, or show them."""
        self.expanded ^= {factor_id}
        self.rebuild(self.build())
        self.move_cursor(self.index_of(("factor", factor_id)))

    def key_label(self, action: str, description: str) -> str:
        """What the key bar says for a key: `a` names the factor it attaches to."""
        if action == "attach":
            factor = self.selected or self.plan.ranking[0].factor
            return f"Attach to #{self.plan.rank_of(factor) or 1}"
        if action == "activate" and self.current is not None and self.current.key[0] == "factor":
            return "Fold/unfold"
        if action == "set_aside" and self.current is not None and self.current.key[1] in self.plan.set_aside:
            return "Bring back"
        return description

    def action_set_aside(self) -> None:
        """Leave the card out on purpose (the advice stops counting it as unused), or bring it back."""
        if self.current is None or self.current.key[0] != "card":
            return
        card = self.current.key[1]
        if card in self.plan.set_aside:
            self.post_message(messages.Change(lambda plan: ops.restore(plan, card), "Brought back: the advice counts it again."))
        else:
            self.post_message(messages.Change(lambda plan: ops.set_aside(plan, card), "Set aside on purpose: Delete brings it back."))

    def action_attach(self) -> None:
        if self.current is not None and self.current.key[0] == "card":
            self.post_message(messages.Attach(self.current.key[1], factor=self.selected))

    def action_attach_to(self, rank: int) -> None:
        if self.current is not None and self.current.key[0] == "card":
            self.post_message(messages.Attach(self.current.key[1], rank=rank))


def _handle_line(rank: int, title: str) -> Text:
    """'2 ⠿ Title': the rank reversed, the title bold. One Text with its spans (as Text.assemble
    would make it, at a fraction of the cost: a plan may rank thousands of lost factors)."""
    number = str(rank)
    start = len(number) + 3
    spans = [Span(0, len(number), "bold reverse")] + ([Span(start, start + len(title), "bold")] if title else [])
    return Text(f"{number} ⠿ {title}", spans=spans)


class Ladder(DropTarget, ItemList):
    """The factors in order of importance, most important first, each with its reason and cards."""

    COMPONENT_CLASSES = {f"list--{kind}" for kind in ("handle", "reason", "no-reason", "attached", "hint")}
    BINDINGS = [
        Binding("ctrl+up,shift+up", "move(-1)", "Up a rank"),
        Binding("ctrl+down,shift+down", "move(1)", "Down a rank"),
        Binding("delete", "detach", "Detach"),
    ]

    def __init__(self, pack: Pack, plan: Plan) -> None:
        super().__init__(id="ladder")
        self.border_title = "Ranking — most important first"
        self.pack = pack
        self.plan = plan
        self.editing: str | None = None  # the factor whose reason is being typed
        self.entries = self.build()

    def build(self) -> list[Entry]:
        entries: list[Entry] = []
        for rank, ranked in enumerate(self.plan.ranking, 1):
            factor = ranked.factor
            title = _handle_line(rank, factor_title(self.pack, factor, self.plan))
            entries.append(Entry(("factor", factor), title, "handle", gap=1 if entries else 0, hang=len(f"{rank} ⠿ ")))
            weighed = ladder_line(ranked)
            if weighed is not None:  # its weight, counterfactual and role, once the student has set them
                entries.append(Entry(("weight", factor), weighed, "reason", selectable=False, prefix="   ", one_line=True))
            if factor == self.editing:  # the field on top shows it
                entries.append(Entry(("reason", factor), Text("✎"), "reason", one_line=True))
            elif ranked.reason:
                entries.append(Entry(("reason", factor), Text("✎ " + clean(ranked.reason)), "reason", hang=2))
            else:
                entries.append(Entry(("reason", factor), Text("✎ " + REASON_PLACEHOLDER), "no-reason"))
            paragraph = self.plan.paragraph(factor)
            cards = paragraph.evidence if paragraph else ()
            for card in cards:
                line = card_line(self.pack, card)
                entries.append(Entry(("attached", factor, card), line, "attached", prefix="   ", one_line=True))
            if not cards:
                entries.append(Entry(("hint", factor), Text("Drop evidence cards here."), "hint", selectable=False, prefix="   "))
        return entries

    def sync(self, plan: Plan, pack: Pack) -> None:
        super().sync(plan, pack)
        if self.editing is not None:
            # An undo or redo while the field is open: it shows the reason as it is now. (Not while
            # its own typing is still coming back: a fast typist's next words are already in it.)
            editor = self.screen.query_one("#reason-editor")
            reason = self._reason(self.editing)
            if reason is not None and editor.echoes.is_news(clean(reason)) and editor.value != clean(reason):
                editor.open(self.editing, reason)
        self.place_editor()

    def _reason(self, factor: str) -> str | None:
        return next((r.reason for r in self.plan.ranking if r.factor == factor), None)

    def factor_at(self, number: int) -> str | None:
        """The factor a line of the ladder belongs to (gaps belong to the factor below)."""
        if 0 <= number < len(self._lines):
            return self.entries[self._lines[number]].key[1]
        return None

    def payload_of(self, entry: Entry) -> Payload | None:
        kind, factor, *rest = entry.key
        if kind == "factor":
            return Payload("factor", factor_title(self.pack, factor, self.plan), factor=factor)
        if kind == "attached":
            return Payload("attached", short(card_text(self.pack, rest[0]), 36), factor, rest[0])
        return None

    def cursor_moved(self) -> None:
        if self.current is not None:
            self.post_message(messages.SelectFactor(self.current.key[1]))

    def on_focus(self) -> None:
        super().on_focus()
        self.cursor_moved()

    # -- drops -----------------------------------------------------------------------

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        """Where a drop at a screen offset lands."""
        number = offset.y - self.content_region.y + self.scroll_offset.y
        if number >= len(self._lines) and self.region.contains_point(offset):
            number = len(self._lines) - 1  # the space below the last factor is the last factor's
        factor = self.factor_at(number)
        if factor is None:
            return None
        index = self.entry_at_line(number)
        if index is None:  # a gap: the factor's heading below it
            index = self.index_of(("factor", factor))
        return self.place_on(payload, self.entries[index])

    def place_on(self, payload: Payload, entry: Entry) -> Place | None:
        factor = entry.key[1]
        rank = self.plan.rank_of(factor)
        if payload.kind == "factor":
            return Place("rank", f"stays at #{rank}" if payload.factor == factor else f"rank #{rank}", position=rank - 1)
        if payload.kind not in ("card", "attached"):
            return None
        if entry.key[0] == "attached":
            position = self.plan.paragraph(factor).evidence.index(entry.key[2])
            label = paragraph_label(self.plan, self.pack, factor)
            return Place("paragraph", f"into {label}, as card {position + 1}", factor=factor, position=position)
        if payload.kind == "attached" and payload.factor == factor:
            return Place("paragraph", "move to the end of this paragraph", factor=factor)
        return Place("paragraph", f"attach to #{rank} {short(factor_title(self.pack, factor, self.plan), 30)}", factor=factor)

    def places_for(self, payload: Payload) -> list[Place]:
        """Keyboard places: one per factor, in ranking order."""
        return [self.place_on(payload, Entry(("factor", r.factor), Text(), "handle")) for r in self.plan.ranking]

    def target_keys(self) -> set[tuple]:
        place = drag_of(self).place
        if place is None:
            return set()
        if place.kind == "rank":
            factor = self.plan.ranking[place.position].factor
        elif place.kind == "paragraph" and place.position is not None:
            card = self.plan.paragraph(place.factor).evidence[place.position]
            return {("attached", place.factor, card)}
        else:
            factor = place.factor
        return {e.key for e in self.entries if e.key[1] == factor}

    def show_place(self, place: Place) -> None:
        """Scroll a keyboard move's place into view."""
        factor = self.plan.ranking[place.position].factor if place.kind == "rank" else place.factor
        index = self.index_of(("factor", factor))
        if index is not None:
            self.show_entry(index)

    # -- keys --------------------------------------------------------------------------

    def key_label(self, action: str, description: str) -> str:
        """What the key bar says for a key: on a ✎ line, Enter writes the reason."""
        kind = self.current.key[0] if self.current is not None else None
        if action == "activate" and kind == "reason":
            return "Write the reason"
        if action.startswith("move(") and kind == "attached":  # the card moves in its paragraph
            return "Earlier" if action == "move(-1)" else "Later"
        return description

    def check_action(self, action: str, parameters) -> bool | None:
        kind = self.current.key[0] if self.current is not None else None
        if action == "detach":
            return kind == "attached"
        if action == "move":
            return kind in ("factor", "reason", "attached")
        return True

    def action_move(self, delta: int) -> None:
        kind, factor, *rest = self.current.key
        if kind == "attached":
            position = self.plan.paragraph(factor).evidence.index(rest[0])
            self.post_message(messages.MoveCard(factor, rest[0], position + delta))
        else:
            self.post_message(messages.Rank(factor, delta))

    def action_detach(self) -> None:
        kind, factor, *rest = self.current.key
        if kind == "attached":
            self.post_message(messages.Detach(factor, rest[0]))

    async def action_activate(self) -> None:
        if self.current is not None and self.current.key[0] == "reason" and not drag_of(self).lifted:
            await self.edit_reason(self.current.key[1])
        else:
            super().action_activate()

    async def on_key(self, event) -> None:
        if self.editing is not None:
            # Keys typed faster than the field took the focus: they belong in it, in order.
            editor = self.screen.query_one("#reason-editor")
            if typed(event) is not None:
                editor.insert_text_at_cursor(event.character)
            elif event.key == "backspace":
                editor.action_delete_left()
            else:
                return
            event.stop()
            event.prevent_default()
            return
        # Typing on any line of a factor writes its reason, where the student meant it to go
        # (Space lifts, ? is the help; a move in progress is put back first).
        character = typed(event)
        if character is not None and character not in " ?" and self.current is not None:
            event.stop()
            event.prevent_default()
            drag_of(self).cancel()
            await self.edit_reason(self.current.key[1], character)

    async def clicked(self, key: tuple | None) -> None:
        if key is not None and key[0] == "reason":
            await self.edit_reason(key[1])
        elif not drag_of(self).active:
            self.focus()

    # -- the reason field ------------------------------------------------------------

    async def edit_reason(self, factor: str, typed: str = "") -> None:
        """Open the one-line field over a factor's reason, with the cursor at its end."""
        editor = await self._editor()
        if self.editing != factor:
            self.editing = factor
            self.rebuild(self.build())
            self.move_cursor(self.index_of(("reason", factor)))
            editor.open(factor, self._reason(factor) or "")
            self.place_editor()
            editor.focus()
        if typed:
            editor.insert_text_at_cursor(typed)

    async def _editor(self):
        # Mounted the first time a reason is typed: start-up pays nothing for it.
        from essayplan.tui.reason import ReasonEditor

        found = self.screen.query(ReasonEditor)
        if found:
            return found.first()
        editor = ReasonEditor(REASON_PLACEHOLDER)
        await self.screen.mount(editor)
        return editor

    def place_editor(self) -> None:
        """Keep the open field over its line as the ladder scrolls, wraps or changes."""
        if self.editing is None:
            return
        editor = self.screen.query_one("#reason-editor")
        index = self.index_of(("reason", self.editing))
        if index is None:  # its factor went (a new pack)
            self.close_editor()
            return
        start, _ = self.span_of(index)
        region = self.content_region
        y = start - self.scroll_offset.y
        if not 0 <= y < region.height:
            self.show_entry(index)
            y = self.span_of(index)[0] - self.scroll_offset.y
        editor.styles.offset = (region.x + 3, region.y + max(0, min(y, region.height - 1)))
        editor.styles.width = max(8, region.width - 4)

    def close_editor(self) -> None:
        """Put the field away (its text is already in the plan)."""
        if self.editing is not None:
            self.editing = None
            editor = self.screen.query_one("#reason-editor")
            editor.display = False
            # (`screen.focused`, not `has_focus`: the field's own blur handler runs before
            # Textual clears its `has_focus`, and the focus is already on its way elsewhere.)
            if self.screen.focused is editor:
                self.screen.set_focus(self)  # the line it opened from; another view takes it after
            self.rebuild(self.build())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.place_editor()

    def on_resize(self) -> None:
        super().on_resize()
        self.place_editor()


class RankView(Container):
    """The Rank view: the bank beside the ladder, the weighing under the ladder."""

    # One grid, not a column inside a row: every container draws each line of its area into
    # Textual's caches, though the lists cover it (~0.1 MiB at the first frame; RESULTS.md).
    DEFAULT_CSS = """
    RankView { layout: grid; grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr auto; }
    RankView > Bank { row-span: 2; }
    """

    BLANK = True  # as Views (planscreen.py): no border, no content, its lists cover it

    def __init__(self, pack: Pack, plan: Plan) -> None:
        super().__init__(Bank(pack, plan), Ladder(pack, plan), WeighPanel(pack, plan), id="rank")

    def sync(self, plan: Plan, pack: Pack) -> None:
        for board in self.query(ItemList):
            board.sync(plan, pack)
        self.query_one("#weigh").sync(plan, pack)
