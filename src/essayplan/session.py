"""A working session: which plan, on which pack, saved where, with its history.

The app holds one Session; every change goes through `apply`, so undo, redo
and saving see one stream of plans. No Textual here.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from essayplan import paths
from essayplan.paths import expand
from essayplan.errors import UserError
from essayplan.model import Pack, Plan, now
from essayplan.ops import History, new_plan

DEFAULT_PACK = "stalin-rise"
STATE_FILE = "state.toml"


class Session:
    def __init__(self, pack: Pack, plan: Plan, path: Path, notes: list[str] | None = None) -> None:
        self.pack = pack
        self.path = Path(path)
        self.history = History(plan)
        self.notes = notes or []
        self.saved_plan: Plan | None = None

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

    def apply(self, plan: Plan, merge_key: object = None) -> Plan:
        return self.history.push(plan, merge_key)

    def undo(self) -> Plan | None:
        return self.history.undo()

    def redo(self) -> Plan | None:
        return self.history.redo()

    def save(self) -> Path:
        """Write the plan, stamped with the time, atomically."""
        from essayplan.plans import save_plan

        plan = self.plan
        if plan != self.saved_plan:
            stamped = replace(plan, modified=now())
            if self.in_data_folder:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise UserError(f"{self.path}: cannot save: {error.strerror or error}") from None
            save_plan(stamped, self.path)
        self.saved_plan = plan
        return self.path

    def save_as(self, path: Path) -> Path:
        path = expand(path)
        if path.suffix.lower() != ".toml":
            # Append, not replace: "Mr. Smith" must not become "Mr.toml".
            path = path.with_name(path.name + ".toml")
        if not path.parent.is_dir():
            raise UserError(f"{path}: cannot save: folder {path.parent} does not exist")
        old = self.path
        self.path = path
        self.saved_plan = None
        try:
            saved = self.save()
        except UserError:
            self.path = old
            raise
        remember_last(saved)
        return saved


def open_session(plan_path: Path | None = None, pack: str | None = None) -> Session:
    """What `essayplan [PLAN] [--pack X]` opens.

    No arguments: the plan last worked on, else a new plan on the bundled pack
    in the user's data folder. A plan path that does not exist is created there.
    """
    from essayplan.packs import find_pack

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

    chosen = find_pack(pack or DEFAULT_PACK)
    if plan_path is None:
        plan_path = paths.user_data() / "plans" / f"{chosen.id}.toml"
        if plan_path.exists():
            return _open_existing(plan_path)
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


def _open_existing(path: Path) -> Session:
    from essayplan.checking import load_plan_and_pack

    from essayplan.atomic import remove_leftovers

    plan, pack, notes = load_plan_and_pack(path)
    remove_leftovers(path)
    session = Session(pack, plan, path, notes)
    session.saved_plan = plan if not notes else None
    remember_last(path)
    return session


def last_plan() -> Path | None:
    from essayplan.reading import read_bytes

    state = paths.user_data() / STATE_FILE
    try:
        data = tomllib.loads(read_bytes(state, "state file", limit=64 * 1024).decode("utf-8"))
    except (UserError, ValueError, RecursionError):  # no state yet, or a broken one: start afresh
        return None
    last = data.get("last_plan")
    if isinstance(last, str) and Path(last).is_file():
        return Path(last)
    return None


def remember_last(path: Path) -> None:
    from essayplan.atomic import write_atomic
    from essayplan.tomlwrite import dumps

    folder = paths.user_data()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / STATE_FILE, dumps({"last_plan": str(Path(path).resolve())}).encode())
    except (OSError, UserError):
        pass  # remembering is a convenience; never fail the save for it
