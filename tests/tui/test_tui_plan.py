"""The plan view, driven as a student would: typing, keys, pickers, drags, undo."""

from __future__ import annotations

import pytest

from essayplan.plans import load_plan
from essayplan.tui import EssayPlanApp
from essayplan.tui.cards import AttachedCard
from essayplan.tui import app as app_module
from essayplan.tui.planview import (
    AddEvidence,
    EvidencePicker,
    ParagraphBox,
    ParagraphHeading,
    PartArea,
    PlanView,
    StarterPicker,
)
from helpers import wait_until

SIZE = (120, 40)


def plan_view(app) -> PlanView:
    return app.query_one(PlanView)


def area(app, part: str, factor: str | None = None) -> PartArea:
    return plan_view(app).field(part, factor)


def heading(app, factor: str) -> ParagraphHeading:
    return plan_view(app).boxes[factor].query_one(ParagraphHeading)


def attached(app, factor: str) -> list[str]:
    return [c.evidence for c in plan_view(app).boxes[factor].query(AttachedCard)]


def essay_order(app) -> list[str]:
    return [p.factor for p in app.plan.paragraphs]


def shown_order(app) -> list[str]:
    return [box.factor for box in app.query(ParagraphBox)]


async def open_plan(pilot) -> None:
    await pilot.press("f3")
    await pilot.pause()


async def type_into(pilot, widget, text: str) -> None:
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def saved(pilot, app):
    """The plan file as the autosave wrote it."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    return load_plan(app.session.path)


async def attach(pilot, app, factor: str, *cards: str) -> None:
    for card in cards:
        app.run_op(__import__("essayplan.ops", fromlist=["attach"]).attach, app.pack, factor, card)
    await pilot.pause()


async def test_plan_view_shows_a_paragraph_per_factor_in_essay_order():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        assert plan_view(app).display
        assert shown_order(app) == essay_order(app) == ["policies", "opposition", "personality", "legacy"]
        text = str(heading(app, "opposition").render())
        assert "¶2" in text and "Weakness of the opposition" in text and "(ranked #2)" in text
        # Arriving in the plan view puts the cursor in the plan, not in the hidden board
        # (once the view has taken it: on a loaded machine that can take more than one pause).
        for _ in range(100):
            if app.focused is not None and plan_view(app) in app.focused.ancestors:
                break
            await pilot.pause()
        assert plan_view(app) in app.focused.ancestors


@pytest.mark.parametrize(
    ("part", "factor"),
    [
        ("point", "opposition"),
        ("explain", "opposition"),
        ("link", "policies"),
        ("counter", "personality"),
        ("introduction", None),
        ("criteria", None),
        ("conclusion", None),
    ],
)
async def test_typing_in_a_field_changes_the_plan_and_its_file(part, factor):
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await type_into(pilot, area(app, part, factor), "Trotsky was arrogant")
        plan = app.plan
        value = getattr(plan.paragraph(factor), part) if factor else getattr(plan, part)
        assert value == "Trotsky was arrogant"
        on_disk = await saved(pilot, app)
        assert (getattr(on_disk.paragraph(factor), part) if factor else getattr(on_disk, part)) == value


async def test_autosave_writes_the_typed_point(monkeypatch):
    monkeypatch.setattr(app_module, "AUTOSAVE_SECONDS", 0.05)  # a second in the app
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await type_into(pilot, area(app, "point", "policies"), "Popular")
        await wait_until(pilot, lambda: not app.session.dirty, what="the autosave")
        assert load_plan(app.session.path).paragraph("policies").point == "Popular"


async def test_word_counts_follow_the_text():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await type_into(pilot, area(app, "point", "policies"), "one two three")
        await type_into(pilot, area(app, "conclusion"), "four five")
        assert "3 words" in str(heading(app, "policies").render())
        assert "5 words" in str(app.query_one("#plan-status").render())


async def test_undo_and_redo_of_typing_restore_the_text_shown():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        point = area(app, "point", "opposition")
        await type_into(pilot, point, "first")
        await type_into(pilot, area(app, "explain", "opposition"), "later")
        # One undo step per field: the explanation goes, then the whole point.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area(app, "explain", "opposition").text == "" == app.plan.paragraph("opposition").explain
        assert point.text == "first"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert point.text == "" == app.plan.paragraph("opposition").point
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert point.text == "first" == app.plan.paragraph("opposition").point


async def test_undo_in_the_focused_field_keeps_the_cursor_in_the_text():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        point = area(app, "point", "policies")
        await type_into(pilot, point, "abc")
        point.blur()
        await type_into(pilot, point, "def")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert point.text == "abc"
        assert app.focused is point
        assert point.cursor_location == (0, 3)
        await pilot.press("x")
        await pilot.pause()
        assert app.plan.paragraph("policies").point == "abcx"


async def test_add_evidence_through_the_picker_own_factor_first():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        area(app, "point", "opposition").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, EvidencePicker)
        first_card = next(o for o in picker.options if not o.disabled)
        assert first_card.id == app.pack.factor("opposition").evidence[0].id
        await pilot.press("enter")  # the first card is highlighted
        await pilot.pause()
        assert app.plan.paragraph("opposition").evidence == (first_card.id,)
        assert attached(app, "opposition") == [first_card.id]
        # The card shows its text in the paragraph.
        card = plan_view(app).boxes["opposition"].query_one(AttachedCard)
        assert app.pack.evidence(first_card.id).text[:20] in str(card.render())


async def test_add_evidence_line_opens_the_picker_and_marks_cards_already_here():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await attach(pilot, app, "policies", "mood-against-nep")
        add = plan_view(app).boxes["policies"].query_one(AddEvidence)
        add.focus()
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, EvidencePicker)
        here = next(o for o in picker.options if o.id == "mood-against-nep")
        assert here.disabled
        await pilot.press("enter")  # the first card not already here is highlighted
        await pilot.pause()
        assert app.plan.paragraph("policies").evidence == ("mood-against-nep", "socialism-in-one-country")
        await pilot.press("ctrl+n", "escape")  # Escape chooses nothing
        await pilot.pause()
        assert app.plan.paragraph("policies").evidence == ("mood-against-nep", "socialism-in-one-country")


async def test_detach_and_reorder_attached_cards_by_keys():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await attach(pilot, app, "policies", "mood-against-nep", "true-socialism", "humble-origins")
        cards = plan_view(app).boxes["policies"].query(AttachedCard)
        cards[2].focus()
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert app.plan.paragraph("policies").evidence == ("mood-against-nep", "humble-origins", "true-socialism")
        assert attached(app, "policies") == list(app.plan.paragraph("policies").evidence)
        assert app.focused.evidence == "humble-origins"  # the moved card keeps the focus
        await pilot.press("d")
        await pilot.pause()
        assert app.plan.paragraph("policies").evidence == ("mood-against-nep", "true-socialism")
        assert attached(app, "policies") == ["mood-against-nep", "true-socialism"]
        assert plan_view(app) in app.focused.ancestors  # the cursor stays in the paragraph


async def drag(pilot, source, target, target_offset=(2, 0)) -> None:
    source.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.mouse_down(source, offset=(2, 0))
    await pilot.hover(source, offset=(6, 2))
    target.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    await pilot.hover(target, offset=target_offset)
    await pilot.mouse_up(target, offset=target_offset)
    await pilot.pause()


async def test_drag_an_attached_card_to_another_paragraph():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await attach(pilot, app, "policies", "mood-against-nep")
        card = plan_view(app).boxes["policies"].query_one(AttachedCard)
        await drag(pilot, card, heading(app, "personality"))
        assert app.plan.paragraph("policies").evidence == ()
        assert app.plan.paragraph("personality").evidence == ("mood-against-nep",)
        assert attached(app, "personality") == ["mood-against-nep"]


async def test_drag_an_attached_card_onto_another_to_reorder():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await attach(pilot, app, "policies", "mood-against-nep", "true-socialism")
        first, second = plan_view(app).boxes["policies"].query(AttachedCard)
        await drag(pilot, second, first)
        assert app.plan.paragraph("policies").evidence == ("true-socialism", "mood-against-nep")


async def test_drag_a_paragraph_heading_reorders_the_essay_not_the_ranking():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        ranking = [r.factor for r in app.plan.ranking]
        await drag(pilot, heading(app, "opposition"), heading(app, "policies"))
        assert essay_order(app) == ["opposition", "policies", "personality", "legacy"]
        assert shown_order(app) == essay_order(app)
        assert [r.factor for r in app.plan.ranking] == ranking
        assert "¶1" in str(heading(app, "opposition").render())
        assert "(ranked #2)" in str(heading(app, "opposition").render())


async def test_paragraph_order_by_keys_lift_and_drop():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        heading(app, "policies").focus()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert essay_order(app) == ["opposition", "personality", "policies", "legacy"]
        assert app.focused is heading(app, "policies")


async def test_paragraph_order_by_ctrl_arrows_then_order_as_ranked():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        heading(app, "personality").focus()
        await pilot.press("ctrl+up", "ctrl+up")
        await pilot.pause()
        assert essay_order(app) == ["personality", "policies", "opposition", "legacy"]
        assert shown_order(app) == essay_order(app)
        assert app.focused is heading(app, "personality")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert essay_order(app) == ["policies", "opposition", "personality", "legacy"] == shown_order(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert essay_order(app) == ["personality", "policies", "opposition", "legacy"] == shown_order(app)


async def test_order_as_ranked_button():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        heading(app, "policies").focus()
        await pilot.press("ctrl+down")
        await pilot.click("#order-as-ranked")
        await pilot.pause()
        assert essay_order(app) == ["policies", "opposition", "personality", "legacy"]


async def test_template_switch_relabels_the_fields_and_is_undoable():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        box = plan_view(app).boxes["policies"]
        label = box.fields["explain"].query_one(".part-label")
        assert str(label.render()) == "Explain"
        area(app, "point", "policies").focus()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.plan.template == "peal"
        assert str(label.render()) == "Analyse"
        assert str(area(app, "explain", "policies").placeholder).startswith("Analyse why it mattered")
        assert (await saved(pilot, app)).template == "peal"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert str(label.render()) == "Explain"


async def test_template_switch_from_the_command_palette():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Switch paragraph")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan.template == "peal"


async def test_the_palette_offers_each_view_and_the_plan_commands():
    from essayplan.tui.commands import PlanCommands

    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        commands = {title: callback for title, _help, callback in PlanCommands(app.screen).commands()}
        assert {"Rank view", "Plan view", "Check view", "Save as…", "Order paragraphs as ranked"} <= set(commands)
        commands["Check view"]()
        await pilot.pause()
        assert app.plan_screen.current == "check"


async def test_starters_are_offered_and_inserted_at_the_cursor():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        point = area(app, "point", "opposition")
        await type_into(pilot, point, "So:")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, StarterPicker)
        await pilot.press("down", "enter")  # "A key factor in … was …"
        await pilot.pause()
        assert point.text == "So: A key factor in … was …"
        assert app.plan.paragraph("opposition").point == point.text
        # The first gap is selected: typing fills it in.
        await pilot.press(*"the rise")
        await pilot.pause()
        assert app.plan.paragraph("opposition").point == "So: A key factor in the rise was …"


async def test_starters_can_be_declined():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        conclusion = area(app, "conclusion")
        conclusion.focus()
        await pilot.press("ctrl+t", "escape")
        await pilot.pause()
        assert conclusion.text == "" == app.plan.conclusion
        assert app.focused is conclusion


async def test_stated_factor_is_shown_for_a_how_far_question():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        line = app.query_one("#stated-factor")
        assert not line.display
        question = "How far was the weakness of the opposition the main reason for Stalin's rise to power?"
        app.run_op(__import__("essayplan.ops", fromlist=["set_question"]).set_question, question)
        await pilot.pause()
        assert line.display
        assert "Stated factor: Weakness of the opposition" in str(line.render())
        assert "stated factor" in str(heading(app, "opposition").render())


async def test_advice_count_in_the_plan_view_follows_the_writing():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        status = app.query_one("#plan-status")
        before = int(str(status.render()).split(" things to do")[0].rsplit("· ", 1)[1])
        await type_into(pilot, area(app, "introduction"), "Stalin won")
        await wait_until(pilot, lambda: plan_view(app)._advice_timer is None, what="the advice count")  # after a pause in typing
        after = int(str(status.render()).split(" things to do")[0].rsplit("· ", 1)[1])
        assert after == before - 1


async def test_sync_updates_in_place_without_remounting():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        areas_before = list(app.query(PartArea))
        boxes_before = list(app.query(ParagraphBox))
        await type_into(pilot, area(app, "point", "policies"), "abc")
        heading(app, "policies").focus()
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert set(app.query(PartArea)) == set(areas_before)
        assert set(app.query(ParagraphBox)) == set(boxes_before)


async def test_narrow_terminal_stacks_labels_and_scrolls_to_everything():
    app = EssayPlanApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        assert not app.screen.has_class("-wide")
        conclusion = area(app, "conclusion")
        conclusion.focus()

        def in_view() -> bool:
            view = plan_view(app).region
            return view.y <= conclusion.region.y and conclusion.region.bottom <= view.bottom

        for _ in range(30):  # scrolling follows focus after a refresh or two; allow a slow machine
            await pilot.pause(0.1)
            if in_view():
                break
        assert in_view()


async def test_ctrl_g_selects_the_next_gap_a_starter_left():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        point = area(app, "point", "policies")
        point.focus()
        await pilot.press("ctrl+t", "down", "down", "enter")  # "… was important because …"
        await pilot.press(*"Propaganda", "ctrl+g", *"people liked it")
        await pilot.pause()
        assert app.plan.paragraph("policies").point == "Propaganda was important because people liked it"


async def test_typing_on_the_add_evidence_line_writes_the_explanation():
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        from essayplan.tui.planview import AddEvidence

        line = next(w for w in app.query(AddEvidence) if w.factor == "opposition")
        line.focus()
        await pilot.press(*"This meant")
        await pilot.pause()
        assert app.plan.paragraph("opposition").explain == "This meant"
        assert app.screen is app.screen_stack[0]  # no picker opened


async def test_typing_on_a_paragraph_heading_writes_its_point():
    # Tab stops on each heading (ctrl+↑/↓ move the paragraph): letters typed there were lost.
    app = EssayPlanApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        factor = app.plan.paragraphs[1].factor
        heading(app, factor).focus()
        await pilot.press(*"Stalin won")
        await wait_until(pilot, lambda: app.plan.paragraph(factor).point == "Stalin won")
        assert app.focused is area(app, "point", factor)
        assert all(p.point == "" for p in app.plan.paragraphs if p.factor != factor)
        await pilot.press("ctrl+down")  # the heading's own keys still move the paragraph
        await pilot.pause()
        assert app.plan.paragraphs[1].point == "Stalin won"
