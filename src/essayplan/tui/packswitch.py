"""Working on another pack: the library picker and that pack's own plan, or an edited pack swapped in."""

from __future__ import annotations

from essayplan import ops
from essayplan.errors import UserError
from essayplan.model import Pack, Plan
from essayplan.tui import safety
from essayplan.tui.board import Bank
from essayplan.tui.saving import catch_up
from essayplan.tui.text import clean


def choose_pack(app) -> None:
    """The library, by subject and period, with a filter: the chosen pack opens with its own plan."""
    from essayplan.packs import discover
    from essayplan.tui.packpicker import PackPicker

    packs = [item.pack for item in discover() if item.pack is not None and item.shadowed_by is None]

    async def chosen(pack_id: str | None) -> None:
        if pack_id and pack_id != app.pack.id:
            await open_pack(app, pack_id)

    app.push_screen(PackPicker(packs, app.pack.id), chosen)


async def open_pack(app, pack_id: str) -> None:
    """Save this plan, then work on the chosen pack's plan in the data folder (made if new)."""
    from essayplan.session import open_session, remember_last

    if app._autosave_timer is not None:
        app._autosave_timer.stop()
        app._autosave_timer = None
    await catch_up(app)
    if app.session.read_only and app.session.dirty:
        app.notify("This plan is read-only and has changes: use Save as first.", severity="warning", timeout=8)
        return
    if app.session.dirty and not app.save(quiet=True):
        return  # save said why; the student stays with their work
    try:
        session = open_session(pack=pack_id)
    except UserError as error:
        app.notify(str(error), title="Could not open the pack", severity="error", timeout=10)
        return
    app.session.release_lock()
    app.session = session
    remember_last(session.path)
    app.plan_screen.selected_factor = None
    await _show(app, app.pack, app.plan)
    app.sync()
    app.plan_screen.focus_start()  # a new plan: on its question
    safety.on_start(app)  # the new plan's lock, read-only, emergency copies


async def replace_pack(app, pack: Pack) -> None:
    """Swap in an edited pack: the plan follows its id (one operation), views are remounted."""
    from essayplan.session import pack_file_for

    # The plan follows the pack: its id, and its file when the id alone won't find it.
    plan = ops.set_pack(app.plan, pack.id, pack_file_for(pack))
    plan, _notes = ops.reconcile(plan, pack)  # new factors are ranked last; nothing is dropped
    app.session.pack = pack
    await _show(app, pack, plan)
    app.session.history.seal()
    app.apply(plan)
    # Undo must not point the plan back at a pack the app no longer shows.
    app.session.history.set_floor()
    app.sync()
    app.plan_screen.query_one(Bank).focus()


async def _show(app, pack: Pack, plan: Plan) -> None:
    app.plan_screen.drag.cancel()
    app.sub_title = clean(pack.title)
    await app.plan_screen.remount(pack, plan)
