"""The Links view: making a link by keys and by dragging, its kind and sentence, reverse, delete; each one operation."""

from __future__ import annotations

from structure_harness import Harness

from essayplan import ops
from essayplan.model import Link
from essayplan.tui.linksview import LinkHint, LinkMap, LinksView
from essayplan.tui.messages import AddLink, DeleteLink, ReverseLink, SetLinkHow, SetLinkKind


def harness(pack, plan=None):
    plan = plan or ops.add_own_factor(ops.new_plan(pack), pack, "Luck and Lenin's illness")
    return Harness(pack, plan, lambda pack, plan: LinksView(pack, plan))


def factors(app) -> list[str]:
    return [r.factor for r in app.plan.ranking]


def box(links_map: LinkMap, factor: str):
    """A spot inside a factor's box, as the map last drew it."""
    rows = [(y, x0) for y, x0, _x1, item in links_map._drawn.hits if item == ("factor", factor)]
    y, x0 = rows[1]  # the title's row
    left = links_map.content_region.x - links_map.region.x
    return (left + x0 + 4, y)


async def test_link_by_keys_then_sentence(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        first, second, third = factors(app)[:3]
        app.query_one(LinkMap).focus()
        # Lift the first factor, go past the second to the third, choose "weakened", type the sentence.
        await pilot.press("enter", "down", "enter", "right", "right", "enter")
        assert app.plan.links == (Link(first, third, "weakened"),)
        await pilot.press(*"It split them")
        await pilot.press("enter")
        assert app.plan.links == (Link(first, third, "weakened", "It split them"),)
        assert [type(m) for m in app.posted][:2] == [AddLink, SetLinkHow]
        assert app.query_one(LinkMap).has_focus
        # The typing was one undo step, the link another.
        app.undo()
        assert app.plan.links == (Link(first, third, "weakened"),)
        app.undo()
        assert app.plan.links == ()


async def test_kind_picker_by_number_and_escape(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        first, second, *_ = factors(app)
        links_map = app.query_one(LinkMap)
        links_map.focus()
        await pilot.press("enter", "escape")
        assert links_map.lifted is None and not app.posted
        await pilot.press("enter", "enter", "4")  # lifted onto the next factor, "depended on"
        await pilot.press("escape")  # no sentence now
        assert app.plan.links == (Link(first, second, "depended on"),)
        assert "no sentence yet" in str(links_map.render())
        assert "Drag a factor" in str(app.query_one(LinkHint).render())


async def test_link_by_dragging_one_box_onto_another(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        links_map = app.query_one(LinkMap)
        second, own = factors(app)[1], factors(app)[-1]
        start, end = box(links_map, own), box(links_map, second)
        await pilot.mouse_down(links_map, offset=start)
        await pilot.hover(links_map, offset=(start[0] + 2, start[1] - 2))
        await pilot.hover(links_map, offset=end)
        assert (links_map.lifted, links_map.target) == (own, second)
        await pilot.mouse_up(links_map, offset=end)
        assert links_map.picking == (own, second, True)
        # The picker's kinds (above the map) answer clicks.
        x0 = next(x0 for x0, _x1, kind in links_map._picker if kind == 1)
        hint = app.query_one(LinkHint)
        await pilot.pause()
        assert "What did" in str(hint.render())
        left = hint.content_region.x - hint.region.x
        await pilot.click(hint, offset=(left + x0 + 1, 1))
        assert app.plan.links == (Link(own, second, "strengthened"),)
        assert app.query_one("#link-how").has_focus


async def test_a_click_without_a_drag_only_selects(bundled_pack):
    app = harness(bundled_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        links_map = app.query_one(LinkMap)
        third = factors(app)[2]
        await pilot.click(links_map, offset=box(links_map, third))
        assert links_map.cursor == ("factor", third)
        assert links_map.picking is None and not app.posted


async def test_edit_kind_reverse_delete(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    first, second, third = (r.factor for r in plan.ranking[:3])
    plan = ops.add_link(ops.add_link(plan, first, second, how="old"), third, first)
    app = harness(bundled_pack, plan)
    async with app.run_test(size=(80, 24)) as pilot:
        links_map = app.query_one(LinkMap)
        links_map.focus()
        await pilot.press(*["down"] * len(app.plan.ranking))  # past the factors: the first link
        assert links_map.cursor == ("link", first, second)
        await pilot.press("k", "right", "enter")
        assert app.plan.link(first, second).kind == "strengthened"
        await pilot.press("enter", "end", *" and new", "enter")
        assert app.plan.link(first, second).how == "old and new"
        await pilot.press("r")
        assert app.plan.link(second, first) is not None and app.plan.link(first, second) is None
        assert links_map.cursor == ("link", second, first)
        await pilot.press("d")
        assert app.plan.links == (Link(third, first),)
        kinds = [type(m) for m in app.posted]
        assert kinds[0] == SetLinkKind and set(kinds[1:-2]) == {SetLinkHow} and kinds[-2:] == [ReverseLink, DeleteLink]
        app.undo()
        assert len(app.plan.links) == 2


async def test_many_factors_are_a_list(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    for n in range(9 - len(plan.ranking)):
        plan = ops.add_own_factor(plan, bundled_pack, f"Own factor {n}")
    app = harness(bundled_pack, plan)
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one(LinkMap).render())
        assert "╭" not in text and "9 Own factor" in text


async def test_titles_are_shown_literally(bundled_pack):
    plan = ops.add_own_factor(ops.new_plan(bundled_pack), bundled_pack, "[bold]Luck[/bold] \x1b[31m")
    app = harness(bundled_pack, plan)
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one(LinkMap).render())
        assert "[bold]Luck[/bold]" in text and "\x1b" not in text
