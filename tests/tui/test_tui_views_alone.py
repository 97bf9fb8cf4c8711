"""The board's views live without EssayPlanApp: mounted in a bare app, they post messages."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult

from essayplan import ops
from essayplan.tui import messages
from essayplan.tui.board import Bank, Ladder, RankView


class Host(App):
    """A bare app with the Rank view on its default screen; it only records what it is told."""

    def __init__(self, pack, plan) -> None:
        super().__init__()
        self.pack, self.plan = pack, plan
        self.told: list[messages.PlanMessage] = []

    def compose(self) -> ComposeResult:
        yield RankView(self.pack, self.plan)

    @on(messages.PlanMessage)
    def record(self, message: messages.PlanMessage) -> None:
        self.told.append(message)


async def test_bank_and_ladder_post_messages_in_any_app(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    app = Host(bundled_pack, plan)
    async with app.run_test(size=(120, 40)) as pilot:
        # Synced with a plan that has a card attached: the bank and ladder show it.
        first = plan.ranking[0].factor
        card = bundled_pack.factors[0].evidence[0].id
        app.query_one(RankView).sync(ops.attach(plan, bundled_pack, first, card), bundled_pack)
        ladder = app.query_one(Ladder)
        assert ladder.index_of(("attached", first, card)) is not None

        bank = app.query_one(Bank)
        other = bundled_pack.factors[0].evidence[1].id
        bank.focus()
        bank.move_cursor(bank.index_of(("card", other)))
        await pilot.press("alt+2")
        await pilot.pause()
        attach = [m for m in app.told if isinstance(m, messages.Attach)]
        assert [(m.evidence, m.rank) for m in attach] == [(other, 2)]

        # Dragging the attached card back to the bank posts a drop; nothing changes by itself.
        ladder.focus()
        ladder.move_cursor(ladder.index_of(("attached", first, card)))
        await pilot.press("delete")
        await pilot.pause()
        assert any(isinstance(m, messages.Detach) and (m.factor, m.evidence) == (first, card) for m in app.told)
        assert ladder.plan.paragraph(first).evidence == (card,)  # the host did not apply it


async def test_a_mouse_drop_posts_a_drop_message(bundled_pack):
    plan = ops.new_plan(bundled_pack)
    app = Host(bundled_pack, plan)
    async with app.run_test(size=(120, 40)) as pilot:
        bank, ladder = app.query_one(Bank), app.query_one(Ladder)
        card = bundled_pack.factors[0].evidence[0].id
        last = plan.ranking[-1].factor
        start = bank.offset_of(("card", card))
        over = ladder.offset_of(("factor", last), 4)
        await pilot.mouse_down(bank, offset=(start.x, start.y))
        await pilot.hover(bank, offset=(start.x + 4, start.y + 2))
        await pilot.hover(ladder, offset=(over.x, over.y))
        await pilot.mouse_up(ladder, offset=(over.x, over.y))
        await pilot.pause()
        drops = [m for m in app.told if isinstance(m, messages.Drop)]
        assert [(d.payload.evidence, d.place.kind, d.place.factor) for d in drops] == [(card, "paragraph", last)]
