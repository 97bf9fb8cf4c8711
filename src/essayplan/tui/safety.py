"""Dialogs that keep work from being lost or overwritten: the app only calls these.

The lock on open, a read-only plan, a plan changed on disk (conflict), replacing
a file on export or Save as, emergency copies offered back at start, and the pack
editor's drafts. Every path, host or title shown here is someone else's text:
it goes through safetext.clean and is shown as literal Text (never markup).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from essayplan import recovery
from essayplan.errors import UserError
from essayplan.paths import display
from essayplan.safetext import clean


def shown(path: Path | str) -> str:
    """A path as the student reads it, with nothing in it the terminal would act on."""
    return clean(display(Path(path)) if isinstance(path, Path) else path)


def say(app, message: str, **options) -> None:
    """A notification shown literally (a path may hold `[`)."""
    app.notify(clean(message, multiline=True), markup=False, **options)


def ask(app, message: str, choices: list[tuple[str, str, str]], dialog_id: str, done: Callable[[str | None], None]) -> None:
    """A question with buttons, shown literally; `done` gets the chosen id (None on Esc or Cancel)."""
    from essayplan.tui.screens import ChoiceScreen  # the dialogs' widgets load when one is first shown

    app.push_screen(ChoiceScreen(message, choices, id=dialog_id), done)


# -- on start: lock, read-only, emergency copies ----------------------------------


def on_start(app) -> None:
    """Take the plan's lock (or ask), say when it is read-only, then offer emergency copies."""
    from essayplan.locks import Locked

    session = app.session
    if session.read_only:
        say_read_only(app)
        offer_recovery(app)
        return
    try:
        session.take_lock()
    except Locked as held:

        def done(choice: str | None) -> None:
            if choice != "anyway":  # Esc too: the safe choice
                session.read_only = True
                say_read_only(app, f"{shown(session.path)} is open in another essayplan")
            app.refresh_status()
            offer_recovery(app)

        message = (
            f"{shown(session.path)} is already open in another essayplan:\n"
            f"{clean(held.holder.describe())}.\n\n"
            "Open it read-only (your changes are not saved there; Save as keeps them), "
            "or open it anyway (each app then warns before saving over the other's changes)?"
        )
        ask(app, message, [("read-only", "Open read-only", "primary"), ("anyway", "Open anyway", "warning")], "lock-dialog", done)
        return
    offer_recovery(app)


def say_read_only(app, why: str | None = None) -> None:
    why = why or f"{shown(app.session.path)} is read-only"
    say(app, f"{why}: your changes are not saved to it. Use Save as (ctrl+p) to keep them.",
        title="Read-only", severity="warning", timeout=10)  # fmt: skip
    app.refresh_status()


def offer_recovery(app, copies: list | None = None) -> None:
    """Each emergency copy in the data folder, one dialog at a time: recover, discard or later."""
    copies = recovery.pending() if copies is None else copies
    if not copies:
        return
    copy, rest = copies[0], copies[1:]

    def done(choice: str | None) -> None:
        try:
            if choice == "recover":
                recover(app, copy)
            elif choice == "discard":
                recovery.discard(copy)
        except UserError as error:
            say(app, str(error), title="Could not recover", severity="error", timeout=10)
        offer_recovery(app, rest)

    message = (
        f"essayplan closed on {copy.written:%Y-%m-%d %H:%M} before it could save {shown(copy.original)}.\n"
        f"A copy of that plan was kept: {shown(copy.path)}.\n\nRecover it, discard it, or decide later?"
    )
    buttons = [("recover", "Recover", "primary"), ("discard", "Discard", "error"), ("later", "Later", "default")]
    ask(app, message, buttons, "recovery-dialog", done)


def recover(app, copy) -> None:
    """The plan open now takes the copy back as one undoable step; any other plan is put
    back as a file of its own beside its original (never over anything)."""
    from essayplan import ops

    session = app.session
    same = copy.original.resolve() == session.path.resolve() if session.path.exists() else copy.original == session.path.absolute()
    if same and not session.read_only:
        plan, _notes = ops.reconcile(recovery.load(copy), session.pack)
        session.history.seal()
        app.apply(plan)
        recovery.discard(copy)
        say(app, f"Recovered the unsaved copy into {shown(session.path)} (ctrl+z undoes it).", title="Recovered", timeout=8)
        return
    restored = recovery.restore(copy)
    say(app, f"Recovered to {shown(restored)}. Open it with: essayplan {shown(restored)}", title="Recovered", timeout=12)


# -- saving ------------------------------------------------------------------------


def ask_conflict(app) -> None:
    """The plan changed on disk behind the app: keep mine or load theirs; both are kept."""
    if app.query("#conflict-dialog") or any(getattr(s, "id", None) == "conflict-dialog" for s in app.screen_stack):
        return
    session = app.session

    def done(choice: str | None) -> None:
        try:
            if choice == "mine":
                copy = session.keep_mine()
                say(app, f"Saved your plan. The version on disk is kept in {shown(copy)}.", title="Both kept", timeout=10)
            elif choice == "theirs":
                copy, _notes = session.take_theirs()
                app._changed()  # shown, and saved if fitting it to the pack changed it
                say(app, f"Loaded the plan on disk. Yours is kept in {shown(copy)} (ctrl+z brings it back).",
                    title="Both kept", timeout=10)  # fmt: skip
        except UserError as error:
            say(app, str(error), title="Could not save", severity="error", timeout=10)
        app.refresh_status()

    message = (
        f"{shown(session.path)} changed on disk since you opened it (another app or program saved it).\n"
        "Nothing was saved over it. Keep this plan, or load the one on disk? "
        "The other is kept beside it as a conflict copy."
    )
    buttons = [("mine", "Keep mine", "primary"), ("theirs", "Load theirs", "warning")]
    ask(app, message, buttons, "conflict-dialog", done)


def confirm_replace(app, path: Path, then: Callable[[], object], what: str = "a file") -> None:
    """Ask before `then` replaces an existing file; go straight on when there is none."""
    if not path.exists() or path.is_dir():
        then()
        return

    def done(choice: str | None) -> None:
        if choice == "replace":
            then()

    message = f"{shown(path)} already exists ({what}). Replace it?"
    ask(app, message, [("replace", "Replace", "error"), ("cancel", "Cancel", "default")], "replace-dialog", done)


def ask_read_only_quit(app) -> None:
    """Quitting with changes a read-only plan cannot take: Save as, or quit without them."""

    def done(choice: str | None) -> None:
        if choice == "save-as":
            app.action_save_as()
        elif choice == "quit":
            app.exit()

    message = f"{shown(app.session.path)} is read-only: your changes are not saved there. Save them as another file?"
    buttons = [("save-as", "Save as…", "primary"), ("quit", "Quit without saving", "error"), ("cancel", "Cancel", "default")]
    ask(app, message, buttons, "read-only-dialog", done)


def save_at_exit(app) -> str | None:
    """A signal or a crash: save, else an emergency copy. Returns what to print on exit."""
    session = app.session
    try:
        session.save()
        return None
    except Exception as error:  # any reason at all: the copy below is the last chance
        reason = str(error)
    try:
        copy = session.emergency_copy()
    except Exception as error:
        return clean(f"essayplan could not save your plan ({reason}) nor keep a copy ({error}).")
    return clean(f"essayplan could not save your plan: {reason}\nYour plan is kept in {copy}; the next start offers it back.", multiline=True)


# -- the pack editor's drafts --------------------------------------------------------


def offer_pack_draft(app, pack, open_with: Callable[[object | None], None]) -> None:
    """Edits to this pack kept from an editor that closed unsaved: restore or discard them.
    `open_with(draft_or_None)` opens the editor; Esc opens nothing and keeps the draft."""
    from essayplan import packdraft

    key = packdraft.key_of(pack)
    found = packdraft.load_draft(key)
    if found is None or found[0] == pack:
        packdraft.remove_draft(key)
        open_with(None)
        return
    draft, when = found

    def done(choice: str | None) -> None:
        if choice == "restore":
            open_with(draft)
        elif choice == "discard":
            packdraft.remove_draft(key)
            open_with(None)

    message = (
        f"Unsaved edits to the pack {clean(pack.title)!r} were kept on {when:%Y-%m-%d %H:%M} "
        "(the editor closed before they were saved). Restore them?"
    )
    buttons = [("restore", "Restore", "primary"), ("discard", "Discard them", "error"), ("cancel", "Cancel", "default")]
    ask(app, message, buttons, "draft-dialog", done)
