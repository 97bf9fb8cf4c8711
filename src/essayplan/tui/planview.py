"""The plan view: introduction, one PEEL paragraph per factor in essay order, conclusion.

Widgets are mounted once and `sync` updates them in place (text only when it
differs, paragraphs moved rather than rebuilt), because it runs on every
keystroke. Typing and every other change are posted as messages (messages.py)
that the plan screen applies as operations, so undo, redo and autosave see
every change.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from essayplan import ops
from essayplan.model import Pack, Paragraph, Plan, plural
from essayplan.paragraph_templates import ParagraphTemplate, get_template
from essayplan.question import stated_factor
from essayplan.classroom import policy_of
from essayplan.tui import messages
from essayplan.tui.cards import AttachedCard, DraggableStatic
from essayplan.tui.drag import DropTarget, Payload, Place
from essayplan.tui.keys import typed
from essayplan.tui.labels import add_evidence, factor_title, paragraph_label, short
from essayplan.tui.own import OwnEvidence
from essayplan.tui.planpreview import Preview
from essayplan.tui.pending import Echoes
from essayplan.tui.text import clean, literal
from essayplan.wordcount import paragraph_words, plan_words

ADVICE_DELAY = 0.3  # seconds of quiet typing before the advice count is recomputed
OTHER_TEMPLATE = {"peel": "peal", "peal": "peel"}


class PartArea(TextArea):
    """A multi-line field for one part of the plan (factor None: a part of the whole plan)."""

    is_text_field = True  # leaving it ends a typing run: the app seals the undo step

    BINDINGS = [
        Binding("ctrl+t", "starters", "Starters"),
        Binding("ctrl+g", "next_gap", "Next gap (…)", show=False),
    ]

    def __init__(self, part: str, factor: str | None = None) -> None:
        super().__init__(
            soft_wrap=True, compact=True, tab_behavior="focus", highlight_cursor_line=False, classes="part-area"
        )
        self.part = part
        self.factor = factor
        self.shown = ""  # the plan's text as this field shows it (cleaned of control characters)
        self.echoes = Echoes()  # typing sent to the plan that has not come back yet

    def show(self, text: str) -> None:
        """Show the plan's text (after undo, redo, a starter…), the cursor where it changed:
        after an undo where the burst taken back was, after a redo at the end of the burst."""
        text = clean(text, multiline=True)
        if not self.echoes.is_news(text):
            self.shown = text  # the plan has it (on_text_area_changed: typing back to it is an edit again)
            return  # its own typing coming back: the words typed since are already in the field (#15)
        self.shown = text
        before = self.text
        if before == text:
            return
        same = 0  # the text before the change, then after it, kept by both
        while same < min(len(before), len(text)) and before[same] == text[same]:
            same += 1
        tail = 0
        while tail < min(len(before), len(text)) - same and before[-1 - tail] == text[-1 - tail]:
            tail += 1
        self.load_text(text)
        head = text[: len(text) - tail].split("\n")
        self.move_cursor((len(head) - 1, len(head[-1])))

    def action_starters(self) -> None:
        template = get_template(self.query_ancestor(PlanView).plan.template)
        starters = template.starters_for(self.part)
        if not starters:
            self.app.notify(f"No sentence starters for {template.label(self.part)}.", timeout=2)
            return

        def chosen(starter: str | None) -> None:
            if starter:
                self.insert_starter(starter)

        self.app.push_screen(StarterPicker(template.label(self.part), starters), chosen)

    def insert_starter(self, starter: str) -> None:
        """Insert at the cursor and select the first gap (…), so typing fills it in."""
        start = self.cursor_location
        if self.text and start[1] > 0 and not self.document.get_line(start[0])[: start[1]].endswith((" ", "\n")):
            starter = " " + starter
        result = self.insert(starter, start)
        self.focus()
        gap = starter.find("…")
        if gap < 0 or "\n" in starter[:gap]:
            self.move_cursor(result.end_location)
            return
        self._select_gap((start[0], start[1] + gap))

    def _select_gap(self, where: tuple[int, int]) -> None:
        self.selection = Selection(where, (where[0], where[1] + 1))

    def action_next_gap(self) -> None:
        """Select the next … a starter left, so typing fills it in."""
        lines = self.text.split("\n")
        row, column = self.selection.end
        # After the cursor first, then from the top of the field.
        for index, start in [(i, column if i == row else 0) for i in range(row, len(lines))] + [
            (i, 0) for i in range(row + 1)
        ]:
            found = lines[index].find("…", start)
            if found >= 0:
                self._select_gap((index, found))
                return
        self.app.notify("No gap (…) to fill in this field.", timeout=2)


class PartField(Horizontal):
    """A label and its field. Stacked when narrow, side by side when the screen is wide
    (its breakpoints, planscreen.py)."""

    def __init__(self, part: str, factor: str | None = None, label: str | None = None) -> None:
        super().__init__(classes=f"part-field part-{part}")
        self.part = part
        self.fixed_label = label  # "Line of argument": not a template word
        self.area = PartArea(part, factor)

    def compose(self) -> ComposeResult:
        yield Label(literal(self.fixed_label or ""), classes="part-label")
        yield self.area

    def relabel(self, template: ParagraphTemplate) -> None:
        self.query_one(".part-label", Label).update(literal(self.fixed_label or template.label(self.part)))
        self.area.placeholder = literal(template.hint(self.part) or "", multiline=True)


class ParagraphHeading(DraggableStatic):
    """'¶2 ⠿ Weakness of the opposition (ranked #1)': drag it, or ctrl+↑/↓, to reorder the essay."""

    BINDINGS = [
        Binding("ctrl+up,shift+up", "order(-1)", "Earlier"),
        Binding("ctrl+down,shift+down", "order(1)", "Later"),
        Binding("ctrl+n", "add_evidence", "Add evidence"),
    ]

    def __init__(self, factor: str) -> None:
        super().__init__(classes="paragraph-heading")
        self.factor = factor
        self.title = ""  # the factor's title, set by the paragraph's sync
        self.line: Text | None = None  # the heading line shown (None: not synced yet)
        self.preview: Preview | None = None  # until its paragraph is built: its parts, drawn below the line
        self._screen = None

    def show(self, line: Text, preview: Preview | None = None) -> None:
        """The heading line; with a preview, the paragraph's parts drawn below it."""
        if preview is not None:
            if not preview.same(self.preview):
                self.line, self.preview = line, preview
                self.refresh(layout=True)
        elif self.preview is not None or line != self.line or self.line.style != line.style:
            self.line, self.preview = line, None
            self.update(line)

    def render(self):
        if self.preview is None:
            return super().render()
        # As Content: Textual draws a Rich Text through Rich's console, measuring every line again.
        return Content.from_rich_text(Text("\n").join(self.preview.lines(self.size.width, self._wide())))

    def get_content_height(self, container, viewport, width: int) -> int:
        if self.preview is None:
            return super().get_content_height(container, viewport, width)
        # Wrapped here, once per width (planpreview.py): Textual's wrapping was the slow part.
        return self.preview.height(width, self._wide())

    def _wide(self) -> bool:
        """The screen is wide: labels beside their fields (asked at every layout: the screen
        is looked up once, not by walking up the DOM each time)."""
        if self._screen is None:
            self._screen = self.screen
        return self._screen.has_class("-wide")

    def drag_payload(self) -> Payload:
        return Payload("paragraph", self.title, factor=self.factor)

    def render_lines(self, crop):
        # Drawn on screen while its paragraph is not built: the fields come next (only what
        # the compositor draws, what is on screen, is ever built without being asked for).
        box = self.parent
        if isinstance(box, ParagraphBox) and not box.built and self.preview is not None:  # drawn as it is (synced)
            self.call_later(box.build)
        return super().render_lines(crop)

    def action_order(self, delta: int) -> None:
        self.post_message(messages.MoveParagraph(self.factor, delta))

    def on_key(self, event) -> None:
        # A student typing here (Tab stops on the heading) meant the paragraph's Point: the
        # letters go there instead of nowhere.
        character = typed(event)
        if character is not None:
            event.stop()
            event.prevent_default()
            self.query_ancestor(PlanView).type_into("point", self.factor, character)

    def action_add_evidence(self) -> None:
        self.query_ancestor(PlanView).pick_evidence(self.factor)


class AddEvidence(Static):
    """'+ Add evidence…': opens the picker of the pack's cards."""

    can_focus = True
    ALLOW_SELECT = False
    BINDINGS = [Binding("enter", "pick", "Add evidence", show=False)]

    def __init__(self, factor: str) -> None:
        super().__init__(add_evidence(), classes="add-evidence")
        self.factor = factor

    def on_mount(self) -> None:
        key = policy_of(self.app).key_label("ctrl+n")  # in a browser, the key that works there
        if key != "ctrl+n":
            self.update(add_evidence(key))

    def on_click(self) -> None:
        self.action_pick()

    def on_key(self, event) -> None:
        # A student typing here meant the next part (Explain): write it there.
        if event.is_printable:
            event.stop()
            event.prevent_default()
            self.query_ancestor(PlanView).type_into("explain", self.factor, event.character)

    def action_pick(self) -> None:
        self.query_ancestor(PlanView).pick_evidence(self.factor)


class ParagraphBox(DropTarget, Vertical):
    """One PEEL paragraph: heading, point, evidence cards, explain, link, counter.

    Built (its fields mounted) when its heading is first drawn on screen, when the cursor
    comes to it or when one of its fields is asked for; until then its heading draws its
    parts below itself (planpreview.py).
    """

    def __init__(self, factor: str, built: bool = False) -> None:
        super().__init__(classes="paragraph-box")
        self.factor = factor
        self.number = 0
        self.title = ""
        self.cards: tuple[str, ...] | None = None
        self.fields: dict[str, PartField] = {}  # made when built: each holds a TextArea, slow to make
        self.built = built
        self.ready = built  # its fields are mounted and composed (built() says so for a late build)
        self._made: list[Widget] | None = None
        self.add_evidence: AddEvidence | None = None  # made with the fields

    def compose(self) -> ComposeResult:
        yield ParagraphHeading(self.factor)  # until built, it draws the parts below itself too (sync)
        if self.built:
            yield from self._parts()

    def build(self) -> None:
        """Mount the fields in place of the drawing; they show the plan after the next refresh."""
        if self.built:
            return
        self.built = True
        parts = self._parts()  # made now: field() can hand them out before they are mounted
        headings = self.query(ParagraphHeading)
        if not headings:  # not composed yet: compose mounts them with the heading, as if built from the start
            self.ready = True
            return
        # The heading keeps its drawing until the fields show the plan (PlanView.built): drawn
        # empty first, they would let the next paragraph come on screen and be built too.
        self.mount_all(parts, after=headings.first())
        self.call_after_refresh(self.query_ancestor(PlanView).built, self)

    def _parts(self) -> list[Widget]:
        """The fields and the evidence column, made once (not with compose's `with`: build()
        mounts them outside compose)."""
        if self._made is None:
            self.fields = {part: PartField(part, self.factor) for part in ops.PARAGRAPH_TEXTS}
            self.add_evidence = AddEvidence(self.factor)
            evidence = Horizontal(
                Label("Evidence", classes="part-label"),
                Vertical(Vertical(classes="plan-cards"), self.add_evidence, OwnEvidence(self.factor), classes="evidence"),
                classes="part-field part-evidence",
            )
            self._made = [self.fields["point"], evidence, *(self.fields[part] for part in ("explain", "link", "counter"))]
        return self._made

    def relabel(self, template: ParagraphTemplate) -> None:
        if not self.ready:
            return  # drawn (labelled at each sync), or being built (PlanView.built labels it)
        for field in self.fields.values():
            field.relabel(template)
        self.query_one(".part-evidence .part-label", Label).update(literal(template.label("evidence")))

    def sync(self, plan: Plan, pack: Pack, paragraph: Paragraph, number: int, stated: str | None) -> None:
        self.number = number
        self.title = factor_title(pack, self.factor, plan)
        heading = Text.assemble((f"¶{number}", "bold reverse"), " ⠿ ", (self.title, "bold"))
        rank = plan.rank_of(self.factor)
        heading.append(f"  (ranked #{rank})" if rank else "  (not ranked)", style="italic")
        if stated == self.factor:
            heading.append("  stated factor", style="bold italic")
        heading.append(f"  · {plural(paragraph_words(paragraph), 'word')}", style="dim")
        title = self.query_one(ParagraphHeading)
        title.title = self.title
        if self.built:
            title.show(heading)
        else:
            # One widget for a paragraph away from the screen: its heading, and its parts drawn below.
            template = self.query_ancestor(PlanView).template or get_template(plan.template)
            add_key = policy_of(self.app).key_label("ctrl+n")
            title.show(heading, Preview(heading, pack, paragraph, template, add_key))
        if not self.ready:
            return  # not built, or its fields are being mounted (PlanView.built shows the plan in them)
        for part, field in self.fields.items():
            field.area.show(getattr(paragraph, part))
        self.query_one(OwnEvidence).sync(plan, pack)
        label = paragraph_label(plan, pack, self.factor)
        if paragraph.evidence != self.cards:
            self.cards = paragraph.evidence
            self._show_cards(pack, paragraph.evidence, label)
        for card in self.query(AttachedCard):
            card.label = label

    def _show_cards(self, pack: Pack, cards: tuple[str, ...], label: str) -> None:
        box = self.query_one(".plan-cards", Vertical)
        focused = self.screen.focused
        focused_card = focused.evidence if isinstance(focused, AttachedCard) and focused.factor == self.factor else None
        box.remove_children()
        widgets = [AttachedCard(pack, self.factor, card, i, label) for i, card in enumerate(cards)]
        box.mount_all(widgets)
        for widget in widgets:
            if widget.evidence == focused_card:
                self.call_after_refresh(widget.focus)
        if focused_card is not None and focused_card not in cards:
            # The focused card was detached: stay in this paragraph.
            add = self.query_one(AddEvidence)
            self.call_after_refresh(add.focus)

    def on_descendant_focus(self, event) -> None:
        self.build()  # the cursor came to its heading (tab, a click): its fields come next
        self.post_message(messages.SelectFactor(self.factor))

    def drop_place(self, payload: Payload, offset: Offset) -> Place | None:
        title = short(self.title, 30)
        if payload.kind == "paragraph":
            if payload.factor == self.factor:
                return Place("order", f"stays ¶{self.number}", factor=self.factor, position=self.number - 1)
            return Place("order", f"essay position ¶{self.number}", factor=self.factor, position=self.number - 1)
        if payload.kind in ("card", "attached"):
            return Place("paragraph", f"add to ¶{self.number} {title}", factor=self.factor)
        return None


class PlanView(VerticalScroll):
    """The whole plan as the student writes it, top to bottom."""

    # The view's styles come with it: start-up parses only the board's (app.tcss).
    DEFAULT_CSS = (Path(__file__).parent / "plan.tcss").read_text(encoding="utf-8")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+n", "add_evidence", "Add evidence"),
        Binding("ctrl+o", "order_as_ranked", "Order as ranked"),
        Binding("ctrl+l", "switch_template", "PEEL↔PEAL"),
    ]

    def __init__(self, pack: Pack, plan: Plan, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pack = pack
        self.plan = plan
        self.template: ParagraphTemplate | None = None
        self.question: str | None = None
        self.stated: str | None = None
        self.advice_count: int | None = None
        self._advice_timer = None
        self._first_count_due = False
        self._last_focus = None
        self._ready = False  # mounted: its widgets can be brought in step
        self.intro = PartField("introduction", label="Line of argument")
        self.criteria = PartField("criteria")
        self.conclusion = PartField("conclusion", label="Judgement")
        # Each built when it is first drawn on screen, so a long plan opens as fast as a short one.
        self.boxes: dict[str, ParagraphBox] = {p.factor: ParagraphBox(p.factor) for p in plan.paragraphs}

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="plan-status")
        yield Static(id="stated-factor")
        with Horizontal(id="plan-tools"):
            yield Button("Order as ranked (ctrl+o)", id="order-as-ranked", compact=True)
            yield Button("PEEL ↔ PEAL (ctrl+l)", id="switch-template", compact=True)
        with Vertical(id="plan-introduction", classes="plan-part"):
            yield self.intro
            yield self.criteria
        with Vertical(id="paragraphs"):
            yield from self.boxes.values()
        with Vertical(id="plan-conclusion", classes="plan-part"):
            yield self.conclusion

    def on_mount(self) -> None:
        # The fields are composed after this widget mounts: sync once they are.
        self.call_after_refresh(self._first_sync)

    def _first_sync(self) -> None:
        self._ready = True
        self.sync(self.plan, self.pack)

    def built(self, box: ParagraphBox) -> None:
        """A box's fields are mounted: label them and show the plan in them."""
        box.ready = True
        if self.template is not None:
            box.relabel(self.template)
        self._late_sync(box)

    def on_show(self) -> None:
        self.take_focus()

    def take_focus(self) -> None:
        """Coming back to the plan: the cursor goes where the student left it."""
        if not self._ready:  # just built: its fields come after the next refresh
            self.call_after_refresh(self.take_focus)
            return
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            last = self._last_focus
            (last if last is not None and last.is_attached else self.intro.area).focus()

    def on_descendant_focus(self, event) -> None:
        self._last_focus = event.widget

    # -- keeping in step with the plan ---------------------------------------

    def sync(self, plan: Plan, pack: Pack) -> None:
        self.plan, self.pack = plan, pack
        if not self._ready:
            return
        template = get_template(plan.template)
        if template is not self.template:
            self.template = template
            self._relabel(template)
        if plan.question != self.question:
            self.question = plan.question
            self._show_stated(plan)
        self.intro.area.show(plan.introduction)
        self.criteria.area.show(plan.criteria)
        self.conclusion.area.show(plan.conclusion)
        self._sync_paragraphs(plan)
        self._show_status()
        self._schedule_advice()

    def _relabel(self, template: ParagraphTemplate) -> None:
        for field in (self.intro, self.criteria, self.conclusion):
            field.relabel(template)
        for box in self.boxes.values():
            box.relabel(template)
        self.query_one("#plan-introduction").border_title = literal(template.label("introduction"))
        self.query_one("#plan-conclusion").border_title = literal(template.label("conclusion"))
        other = get_template(OTHER_TEMPLATE.get(template.id, "peel"))
        self.query_one("#switch-template", Button).label = literal(f"Use {other.name} (ctrl+l)")

    def _show_stated(self, plan: Plan) -> None:
        factor = stated_factor(plan.question, self.pack)
        self.stated = factor.id if factor else None
        line = self.query_one("#stated-factor", Static)
        line.display = factor is not None
        if factor is not None:
            line.update(
                Text.assemble(("Stated factor: ", "bold"), (clean(factor.title), "bold"), " — weigh it against the others.")
            )

    def _sync_paragraphs(self, plan: Plan) -> None:
        container = self.query_one("#paragraphs", Vertical)
        for index, paragraph in enumerate(plan.paragraphs):
            box = self.boxes.get(paragraph.factor)
            if box is None:  # a factor new to the plan (its pack was edited)
                box = self.boxes[paragraph.factor] = ParagraphBox(paragraph.factor)
                container.mount(box)
            if container.children.index(box) != index:
                container.move_child(box, before=index)
            if box.is_mounted and box.children:
                box.sync(plan, self.pack, paragraph, index + 1, self.stated)
            else:
                box.call_after_refresh(self._late_sync, box)

    def _late_sync(self, box: ParagraphBox) -> None:
        plan = self.plan
        for index, paragraph in enumerate(plan.paragraphs):
            if paragraph.factor == box.factor:
                box.sync(plan, self.pack, paragraph, index + 1, self.stated)

    def _show_status(self) -> None:
        plan = self.plan
        text = Text.assemble(
            (clean(self.template.name) if self.template else "PEEL", "bold"),
            f" plan · {plural(len(plan.paragraphs), 'paragraph')} · {plural(plan_words(plan), 'word')}",
        )
        if self.advice_count is not None:
            text.append(" · ")
            if self.advice_count:
                check = policy_of(self.app).key_label("f4")  # in a browser, the key that works there
                text.append(f"{plural(self.advice_count, 'thing')} to do ({check} Check)", style="bold")
            else:
                text.append("nothing to do ✓", style="bold")
        self.query_one("#plan-status", Static).update(text)

    def _schedule_advice(self) -> None:
        # Counting advice on every keystroke is wasted work: wait for a pause. The first count
        # comes just after the view's first frame, not before it (~25 ms with 40 paragraphs).
        if self.advice_count is None:
            if not self._first_count_due:
                self._first_count_due = True
                self.call_after_refresh(self._count_advice)
            return
        if self._advice_timer is not None:
            self._advice_timer.stop()
        self._advice_timer = self.set_timer(ADVICE_DELAY, self._count_advice)

    def _count_advice(self) -> None:
        from essayplan.advice import advise

        self._advice_timer = None
        self.advice_count = len(advise(self.plan, self.pack))
        self._show_status()

    # -- what the student does -------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if isinstance(area, PartArea):
            event.stop()
            if area.text == area.shown:
                return  # the plan's own text, shown (cleaned of control characters): not an edit
            # Equal text (sync showing the plan) makes no operation: the plan is unchanged.
            area.echoes.send(area.text)
            self.post_message(messages.EditText(area.part, area.text, area.factor))
            if area.has_focus:
                # The field grows as the student types: keep its new lines in view.
                self.call_after_refresh(self.scroll_to_widget, area, animate=False)

    @on(Button.Pressed, "#order-as-ranked")
    def action_order_as_ranked(self) -> None:
        if self.plan.paragraphs == ops.order_paragraphs_by_ranking(self.plan).paragraphs:
            self.notify("The paragraphs are already in ranking order.", timeout=2)
            return
        self.post_message(messages.Change(ops.order_paragraphs_by_ranking, "Paragraphs put in ranking order."))

    @on(Button.Pressed, "#switch-template")
    def action_switch_template(self) -> None:
        other = OTHER_TEMPLATE.get(self.plan.template, "peel")
        change = partial(ops.set_template, template=other)
        self.post_message(messages.Change(change, f"Paragraph template: {get_template(other).name}."))

    def _focused_factor(self) -> str | None:
        node = self.screen.focused
        while node is not None and node is not self:
            if isinstance(node, ParagraphBox):
                return node.factor
            node = node.parent
        return None

    def action_add_evidence(self) -> None:
        factor = self._focused_factor()
        if factor is None:
            self.notify("Move to a paragraph first, then add evidence to it.", timeout=2)
            return
        self.pick_evidence(factor)

    def pick_evidence(self, factor_id: str) -> None:
        """Open the picker of the pack's cards (this factor's first) and attach the one chosen."""
        paragraph = self.plan.paragraph(factor_id)
        if paragraph is None:
            return

        def chosen(card: str | None) -> None:
            if card:
                self.post_message(messages.Attach(card, factor=factor_id))
                self.call_after_refresh(self.boxes[factor_id].query_one(AddEvidence).focus)

        self.app.push_screen(EvidencePicker(self.plan, self.pack, factor_id), chosen)

    # -- for the app: keyboard drags and jumping to a part -------------------

    def ordered_boxes(self) -> list[ParagraphBox]:
        return [self.boxes[p.factor] for p in self.plan.paragraphs if p.factor in self.boxes]

    def places_for(self, payload: Payload) -> list:
        """Where a lifted paragraph or attached card can go, in screen order: (Place, widget)."""
        places = []
        for number, box in enumerate(self.ordered_boxes(), start=1):
            title = short(box.title, 30)
            if payload.kind == "paragraph":
                hint = f"stays ¶{number}" if box.factor == payload.factor else f"essay position ¶{number}"
                places.append((Place("order", hint, factor=box.factor, position=number - 1), box))
            elif payload.kind == "attached" and box.factor == payload.factor:
                # Lifting and dropping in place changes nothing; ctrl+↑/↓ reorders within.
                current = self.plan.paragraph(box.factor).evidence.index(payload.evidence)
                places.append((Place("paragraph", f"stays in ¶{number}", factor=box.factor, position=current), box))
            elif payload.kind in ("card", "attached"):
                places.append((Place("paragraph", f"move to ¶{number} {title}", factor=box.factor), box))
        return places

    def field(self, part: str, factor: str | None = None):
        """The widget where a part of the plan is written (evidence: its 'add' line)."""
        if factor is None:
            return {"introduction": self.intro, "criteria": self.criteria, "conclusion": self.conclusion}[part].area
        box = self.boxes[factor]
        box.build()  # asked for one of its fields: they are mounted now
        if part == "evidence":
            return box.add_evidence
        return box.fields[part].area

    def type_into(self, part: str, factor: str, text: str) -> None:
        """Put the cursor in a paragraph's part and type `text` there (built first if need be)."""
        box = self.boxes[factor]
        if not box.ready:
            box.build()
            self.call_after_refresh(self.type_into, part, factor, text)
            return
        area = self.field(part, factor)
        area.focus()
        area.insert(text)

    def focus_part(self, part: str, factor: str | None = None) -> None:
        """Put the cursor in that part (the plan screen shows this view first)."""
        box = self.boxes.get(factor) if factor is not None else None
        if not self._ready or (box is not None and not box.ready):  # just built: its fields are not composed yet
            if box is not None:
                box.build()
            self.call_after_refresh(self.focus_part, part, factor)
            return
        widget = self.field(part, factor)
        self._last_focus = widget  # on_show, whenever it comes, focuses it too
        self.call_after_refresh(widget.focus)
        self.call_after_refresh(widget.scroll_visible, animate=False, top=True)


class StarterPicker(ModalScreen[str | None]):
    """Sentence starters for one part; the one chosen is inserted at the cursor."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str, starters: tuple[str, ...]) -> None:
        super().__init__()
        self.label = label
        self.starters = starters

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(literal(f"Sentence starters: {self.label}"), classes="dialog-title")
            yield OptionList(*[Option(Text(clean(s, multiline=True))) for s in self.starters], id="starters")
            yield Label("Enter inserts it at the cursor, … marks a gap to fill: type to fill it, ctrl+g for the next. Esc: none.", classes="picker-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.starters[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class EvidencePicker(ModalScreen[str | None]):
    """The pack's cards, the paragraph's own factor first; the one chosen is attached."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, plan: Plan, pack: Pack, factor_id: str) -> None:
        super().__init__()
        self.factor = factor_id
        here = plan.paragraph(factor_id).evidence
        own = [f for f in pack.factors if f.id == factor_id]
        self.options: list[Option] = []
        for factor in own + [f for f in pack.factors if f.id != factor_id]:
            self.options.append(Option(Text(clean(factor.title), style="bold underline"), disabled=True))
            for card in factor.evidence:
                line = Text("• ")
                if card.date:
                    line.append(f"{clean(card.date)} ", style="bold")
                line.append(clean(card.text, multiline=True))
                used = [u for u in plan.uses(card.id) if u != factor_id]
                if card.id in here:
                    line.append("  ✓ already here", style="italic")
                elif used:
                    line.append("  (used in " + ", ".join(paragraph_label(plan, pack, u) for u in used) + ")", style="italic")
                self.options.append(Option(line, id=card.id, disabled=card.id in here))
        self.title_text = f"Add evidence to {paragraph_label(plan, pack, factor_id)}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield OptionList(*self.options, id="cards")
            yield Label("Enter attaches the card · Esc: none", classes="picker-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
