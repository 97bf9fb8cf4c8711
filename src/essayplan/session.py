"""A working session: which plan, on which pack, saved where, with its history.

The app holds one Session; every change goes through `apply`, so undo, redo
and saving see one stream of plans. No Textual here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from essayplan import paths
from essayplan.atomic import write_atomic
from essayplan.conflicts import Conflict, Fingerprint, fingerprint, fingerprint_of, write_conflict_copy
from essayplan.locks import Lock
from essayplan.paths import expand
from essayplan.reading import read_bytes
from essayplan.errors import UserError
from essayplan.model import Pack, Plan, now
from essayplan.ops import History, new_plan

if TYPE_CHECKING:
    from essayplan.checking import Packs

DEFAULT_PACK = "stalin-rise"
STATE_FILE = "state.toml"


class ReadOnly(UserError):
    """The plan file has no write permission: this app never writes it (Save as still can)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: read-only; your changes are not saved there (use Save as to keep them)")


class PlanExists(UserError):
    """Save as onto another plan: the app asks before replacing it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: a plan already exists there")


def writable(path: Path) -> bool:
    """Has the file a write permission bit, and may this user write it? (Root may write
    anything: the mode bits say what its owner meant.) A missing file is writable."""
    import os

    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return True
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def is_plan_file(path: Path) -> bool:
    """A regular file that reads as a plan (Save as may replace only such a file, and asks)."""
    import stat

    from essayplan.plans import load_plan

    try:
        info = Path(path).stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size > 20_000_000:
        return False
    try:
        load_plan(path)
    except (UserError, RecursionError, ValueError):
        return False
    return True


class Session:
    def __init__(self, pack: Pack, plan: Plan, path: Path, notes: list[str] | None = None) -> None:
        self.pack = pack
        self.path = Path(path)
        self.history = History(plan)
        self.notes = notes or []
        self.saved_plan: Plan | None = None
        # The file as this session last read or wrote it: a save over anything else is a conflict.
        self.fingerprint: Fingerprint | None = None
        self.read_only = False
        self.lock: Lock | None = None

    @property
    def plan(self) -> Plan:
        return self.history.plan

    @property
    def dirty(self) -> bool:
        return self.plan != self.saved_plan

    @property
    def in_data_folder(self) -> bool:
        """True while the plan lives in the user's data folder (not yet saved elsewhere)."""
        try:
            self.path.resolve().relative_to(paths.user_data().resolve())
            return True
        except ValueError:
            return False

    def apply(self, plan: Plan, merge_key: object = None, text: str | None = None) -> Plan:
        return self.history.push(plan, merge_key, text)

    def undo(self) -> Plan | None:
        return self.history.undo()

    def redo(self) -> Plan | None:
        return self.history.redo()

    def save(self, force: bool = False) -> Path:
        """Write the plan, stamped with the time, atomically.

        Raises ReadOnly for a read-only plan, and Conflict (writing nothing) when the
        file changed on disk since this session read or wrote it, unless `force`.
        """
        plan = self.plan
        if plan != self.saved_plan:
            if self.read_only:
                raise ReadOnly(self.path)
            if not force:
                self.check_disk()
            if self.in_data_folder:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise UserError(f"{self.path}: cannot save: {error.strerror or error}") from None
            self._write(plan)
        self.saved_plan = plan
        return self.path

    def _encoded(self, plan: Plan) -> tuple[bytes, dict]:
        """The file's bytes for `plan`, stamped with the time, and the data they parse to."""
        from essayplan.plans import encode_plan

        return encode_plan(replace(plan, modified=now()))

    def _bytes(self, plan: Plan) -> bytes:
        return self._encoded(plan)[0]

    def _write(self, plan: Plan) -> None:
        from essayplan.plans import write_plan

        raw, data = self._encoded(plan)
        write_plan(self.path, raw, data)  # with a parsed copy: reopening parses nothing
        self.fingerprint = fingerprint_of(raw, self.path)

    def check_disk(self) -> None:
        """Raise Conflict when the file is not what this session last read or wrote.
        A file gone from disk is no conflict: saving writes it again."""
        if self.fingerprint is None:
            return
        current = fingerprint(self.path)
        if current is not None and not current.same_bytes(self.fingerprint):
            raise Conflict(self.path)

    def keep_mine(self) -> Path:
        """After a Conflict: the file on disk goes to a conflict copy, this plan is saved."""
        theirs = read_bytes(self.path, "plan file")
        copy = write_conflict_copy(self.path, theirs)
        self.saved_plan = None
        self.save(force=True)
        return copy

    def take_theirs(self) -> tuple[Path, list[str]]:
        """After a Conflict: this plan goes to a conflict copy, the file on disk is loaded
        (as one step that undo can take back). Returns the copy and the pack's notes."""
        from essayplan.ops import reconcile
        from essayplan.plans import load_plan

        seen = fingerprint(self.path)
        theirs = load_plan(self.path)
        copy = write_conflict_copy(self.path, self._bytes(self.plan))
        fitted, notes = reconcile(theirs, self.pack)
        self.history.seal()
        self.apply(fitted)
        self.history.seal()
        self.saved_plan = theirs
        self.fingerprint = seen
        return copy, notes

    def emergency_copy(self) -> Path:
        """When the plan cannot be saved where it lives: a copy in the data folder."""
        from essayplan.recovery import save_emergency

        return save_emergency(self._bytes(self.plan), self.path)

    # -- the lock beside the plan ---------------------------------------------------

    def take_lock(self) -> None:
        """Raise Locked when another live essayplan has this plan open."""
        from essayplan.locks import acquire

        self.lock = acquire(self.path)

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def save_as(self, path: Path, replace_plan: bool = False) -> Path:
        """Save to another file and go on there. Never over a file that is not a plan;
        over a plan only with `replace_plan` (else PlanExists, for the app to ask)."""
        path = expand(path)
        if path.suffix.lower() != ".toml":
            # Append, not replace: "Mr. Smith" must not become "Mr.toml".
            path = path.with_name(path.name + ".toml")
        if not path.parent.is_dir():
            raise UserError(f"{path}: cannot save: folder {path.parent} does not exist")
        same = path.exists() and self.path.exists() and path.resolve() == self.path.resolve()
        if path.exists() and not same:
            if not is_plan_file(path):
                raise UserError(f"{path}: not a plan (a pack or another file); Save as never replaces it: choose another name")
            if not writable(path):
                raise ReadOnly(path)
            if not replace_plan:
                raise PlanExists(path)
        state = (self.path, self.saved_plan, self.fingerprint, self.read_only, self.lock)
        new_lock = None
        if self.lock is not None and not same:
            from essayplan.locks import acquire

            new_lock = acquire(path)  # Locked: another app has that plan open
        self.path, self.saved_plan, self.read_only = path, None, False
        if not same:
            self.fingerprint = None  # a file chosen to be replaced is no conflict
        try:
            saved = self.save(force=not same)
        except UserError:
            self.path, self.saved_plan, self.fingerprint, self.read_only, self.lock = state
            if new_lock is not None:
                new_lock.release()
            raise
        if new_lock is not None:
            state[4].release()
            self.lock = new_lock
        remember_last(saved)
        return saved


def open_session(plan_path: Path | None = None, pack: str | None = None) -> Session:
    """What `essayplan [PLAN] [--pack X]` opens.

    No arguments: the plan last worked on, else a new plan on the bundled pack
    in the user's data folder. A plan path that does not exist is created there.
    """
    from essayplan.checking import Packs

    packs = Packs()  # the pack asked for is, most often, the plan's: found and read once
    if plan_path is None and pack is None:
        last = last_plan()
        if last is not None:
            try:
                return _open_existing(last)
            except UserError as error:
                # The student did not name this file: say how to get going anyway.
                hint = " (to start another plan instead: essayplan NEW-PLAN.toml)"
                raise UserError(error.problems[0] + hint, *error.problems[1:]) from None
    if plan_path is not None and Path(plan_path).exists():
        return _open_existing(Path(plan_path))

    chosen = packs.find(pack or DEFAULT_PACK)
    if plan_path is None:
        plan_path = paths.user_data() / "plans" / f"{chosen.id}.toml"
        if plan_path.exists():
            return _open_existing(plan_path, packs)
    plan_path = Path(plan_path)
    if plan_path.suffix.lower() != ".toml":
        raise UserError(f"{plan_path}: a plan file ends in .toml")
    if not plan_path.parent.exists() and plan_path.parent != paths.user_data() / "plans":
        raise UserError(f"{plan_path}: folder {plan_path.parent} does not exist")
    plan = new_plan(chosen)
    plan = replace(plan, pack_file=pack_file_for(chosen))
    session = Session(chosen, plan, plan_path)
    session.save()
    remember_last(plan_path)
    return session


def pack_file_for(pack: Pack) -> str:
    """What a plan records as its pack_file: "" when the pack folders find this very file by id."""
    from essayplan.packs import pack_by_id

    if pack.path is None:
        return ""
    try:
        found = pack_by_id(pack.id)
        if found.path is not None and found.path.resolve() == pack.path.resolve():
            return ""
    except UserError:
        pass
    return str(pack.path.resolve())


def _open_existing(path: Path, packs: Packs | None = None) -> Session:
    from essayplan.checking import load_plan_and_pack

    from essayplan.atomic import remove_leftovers

    seen = fingerprint(path)  # before reading: a change meanwhile shows as a conflict, never lost
    plan, pack, notes = load_plan_and_pack(path, packs)
    remove_leftovers(path)
    session = Session(pack, plan, path, notes)
    session.saved_plan = plan if not notes else None
    session.fingerprint = seen
    session.read_only = not writable(path)
    remember_last(path)
    return session


def open_read_only(path: Path) -> Session:
    """Someone else's plan to read (a teacher's, from `essayplan class --open`): never written,
    no lock taken, and not remembered as the plan last worked on."""
    from essayplan.checking import load_plan_and_pack

    seen = fingerprint(path)
    plan, pack, notes = load_plan_and_pack(path)
    session = Session(pack, plan, path, notes)
    session.saved_plan, session.fingerprint, session.read_only = plan, seen, True
    return session


def last_plan() -> Path | None:
    last = _remembered()
    if last is not None and Path(last).is_file():
        return Path(last)
    return None


def _remembered() -> str | None:
    """The plan the state file names (None: no state yet, or a broken one)."""
    from essayplan.parsecache import read_toml_cached

    state = paths.user_data() / STATE_FILE
    try:
        # Read from the copy kept when we wrote it: no TOML parser at start-up.
        data = read_toml_cached(state, "state", limit=64 * 1024)
    except (UserError, ValueError, RecursionError):  # no state yet, or a broken one: start afresh
        return None
    last = data.get("last_plan")
    return last if isinstance(last, str) else None


def remember_last(path: Path) -> None:
    last = str(Path(path).resolve())
    if _remembered() == last:
        return  # already remembered: reopening a plan writes (and syncs) nothing
    from essayplan import parsecache
    from essayplan.tomlwrite import dumps

    folder = paths.user_data()
    data = {"last_plan": last}
    raw = dumps(data).encode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / STATE_FILE, raw)
        parsecache.keep(folder / STATE_FILE, raw, data)
    except (OSError, UserError):
        pass  # remembering is a convenience; never fail the save for it
