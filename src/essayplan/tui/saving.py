"""Saving the plan from the app: Save as, saving on a signal, catching up before quitting."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path

from essayplan import paths
from essayplan.errors import UserError
from essayplan.paths import display
from essayplan.session import PlanExists
from essayplan.tui import safety


def ask_save_as(app) -> None:
    """Ask for a file name and save the plan there; later changes are saved there too."""
    from essayplan.tui.screens import PromptScreen

    def done(path: str | None, replace_plan: bool = False) -> None:
        if not path:
            return
        try:
            saved = app.session.save_as(Path(path), replace_plan)
        except PlanExists as exists:
            safety.confirm_replace(app, exists.path, partial(done, path, True), what="another plan")
            return
        except UserError as error:
            app.notify(str(error), title="Could not save", severity="error", timeout=10)
            return
        app.refresh_status()
        app.notify(f"Saved to {display(saved)}; changes are now saved there.", timeout=4)

    # Beside the plan (not where the app was started); a plan still in the hidden data
    # folder is offered the student's documents, as export does.
    folder = paths.user_documents() if app.session.in_data_folder else app.session.path.parent
    start = str(folder / app.session.path.name)
    app.push_screen(PromptScreen("Save the plan as", "a file name ending in .toml", "Save", start), done)


def save_on_signals(app, save_and_exit: Callable[[], None]) -> None:
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves before leaving."""
    import signal

    loop = asyncio.get_running_loop()
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            try:
                loop.add_signal_handler(number, save_and_exit)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform or not the main thread (tests)


async def catch_up(app, rounds: int = 6, timeout: float = 2.0) -> None:
    """Let every widget handle what it was sent before ctrl+q: keys typed just before it
    wait in the widgets' queues (ctrl+q jumps ahead of them), and each may send more
    (a key, then the field's change, then its message to the plan screen)."""
    for _ in range(rounds):
        handled = []
        for widget in app.screen.walk_children(with_self=True):
            done = asyncio.Event()
            if widget.call_later(done.set):
                handled.append(done.wait())
        try:
            await asyncio.wait_for(asyncio.gather(*handled), timeout)
        except asyncio.TimeoutError:
            return  # a widget that never answers must not keep the student from quitting
