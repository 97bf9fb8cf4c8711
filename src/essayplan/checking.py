"""`essayplan check`: is a file a good pack or plan, and what advice has a plan."""

from __future__ import annotations

from pathlib import Path

from essayplan.errors import UserError
from essayplan.model import Pack, Plan, plural
from essayplan.tomlcheck import read_toml


class Packs:
    """Packs read once per run: 200 plans of one pack in `essayplan check` find it, read it and
    index its cards for the advice once; at start-up the pack asked for and the plan's pack,
    most often one pack, are found once (the files are not expected to change meanwhile)."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], Pack | UserError] = {}

    def _once(self, key: tuple[str, str], read) -> Pack:
        if key not in self._found:
            try:
                self._found[key] = read()
            except UserError as error:
                self._found[key] = error
        found = self._found[key]
        if isinstance(found, UserError):
            raise found
        return found

    def by_id(self, pack_id: str) -> Pack:
        from essayplan.packs import pack_by_id

        return self._once(("id", pack_id.casefold()), lambda: pack_by_id(pack_id))

    def find(self, id_or_path: str) -> Pack:
        """As packs.find_pack: a pack by id, or by a path the user typed."""
        from essayplan.packs import _looks_like_path

        return self.load(Path(id_or_path)) if _looks_like_path(id_or_path) else self.by_id(id_or_path)

    def load(self, path: Path) -> Pack:
        from essayplan.packs import load_pack

        return self._once(("path", str(Path(path).resolve())), lambda: load_pack(path))


def check_file(path: Path, packs: Packs | None = None) -> tuple[bool, list[str]]:
    """(valid, lines to print); a control character in a text is a warning with its line and column.
    `packs`: shared by the files of one run."""
    from essayplan.textcheck import control_warnings

    ok, lines = _check_file(path, packs or Packs())
    return ok, lines + control_warnings(Path(path))


def _check_file(path: Path, packs: Packs) -> tuple[bool, list[str]]:
    """(valid, lines to print). A plan's advice is printed but never fails it."""
    path = Path(path)
    try:
        data = read_toml(path, "pack or plan")
        keys = data.keys()
        if not ({"factors", "id", "title", "pack", "ranking", "paragraphs"} & keys):
            # Guessing would report a dozen missing fields of the wrong kind of file.
            return False, [f"{path}: neither a pack (it has no [[factors]]) nor a plan (it has no pack = \"…\")"]
        is_plan = "pack" in keys or ("factors" not in keys and bool({"ranking", "paragraphs"} & keys))
        if not is_plan:
            from essayplan.packs import pack_from_dict

            pack = pack_from_dict(data, path)
            return True, [
                f"{path}: ok: pack {pack.id!r}, {plural(len(pack.factors), 'factor')}, {plural(pack.evidence_count, 'evidence card')}"
            ] + _clash_notes(pack, path)
        from essayplan.plans import plan_from_dict

        plan = plan_from_dict(data, path)
    except UserError as error:
        return False, error.problems
    lines = [f"{path}: ok: plan for pack {plan.pack!r}"]
    try:
        pack = find_plan_pack(plan, path, packs)
    except UserError as error:
        lines.append(f"{path}: note: cannot give advice: {error.problems[0]}")
        return True, lines
    clashes = own_factor_clashes(plan, pack, path) + unknown_set_aside(plan, pack, path)
    if clashes:
        return False, clashes
    from essayplan.advice import advise, format_advice
    from essayplan.ops import reconcile

    plan, notes = reconcile(plan, pack)
    lines += [f"{path}: note: {note}" for note in notes]
    advice = format_advice(advise(plan, pack))
    lines += [f"{path}: advice: {line}" for line in advice]
    if not advice:
        lines.append(f"{path}: advice: none — every part of the plan is in place")
    return True, lines


def own_factor_clashes(plan: Plan, pack: Pack, path: Path) -> list[str]:
    """`PATH: own_factors[0].id: …` for each own factor whose id the pack already has."""
    return [
        f"{path}: own_factors[{index}].id: {own.id!r} is already a factor of pack {pack.id!r} (give your own factor another id)"
        for index, own in enumerate(plan.own_factors)
        if pack.factor(own.id) is not None
    ]


def unknown_set_aside(plan: Plan, pack: Pack, path: Path) -> list[str]:
    """`PATH: set_aside[0]: …` for each card set aside that the pack does not have (a typo silences nothing)."""
    return [
        f"{path}: set_aside[{index}]: unknown card {card!r} (pack {pack.id!r} has no card with this id)"
        for index, card in enumerate(plan.set_aside)
        if pack.evidence(card) is None
    ]


def _clash_notes(pack: Pack, path: Path) -> list[str]:
    """Say when the pack folders hold another pack with this id (ignoring case), and which one wins."""
    from essayplan.packs import clashes
    from essayplan.paths import display

    others = clashes(pack)
    if not others:
        return []
    winner = next((item for item in others if item.shadowed_by is None), None)
    opens = f"essayplan opens {display(winner.path)}" if winner else "essayplan opens this one"
    listed = ", ".join(f"{display(item.path)} ({item.pack.id!r})" for item in others if item.pack)
    return [f"{path}: note: pack ids are the same ignoring case: {listed}; {opens}"]


def find_plan_pack(plan: Plan, plan_path: Path, packs: Packs | None = None) -> Pack:
    """The plan's pack: its pack_file, else a pack beside the plan, else the pack folders, by id.

    A plan may come from someone else: its `pack` is only ever an id (checked
    when the plan is read), and a relative pack_file is read from the plan's
    own folder, never from wherever essayplan happens to run.
    """
    from essayplan.packs import load_pack, pack_by_id, same_id

    if packs is not None:
        load_pack, pack_by_id = packs.load, packs.by_id
    folder = Path(plan_path).parent
    if plan.pack_file:
        given = folder / Path(plan.pack_file).expanduser()  # an absolute pack_file stays as it is
        if given.is_file():
            try:
                pack = load_pack(given)
                if same_id(pack.id, plan.pack):
                    return pack
            except UserError:
                pass  # fall back to the pack folders, which may have a good copy
    beside = folder / f"{plan.pack}.toml"
    if beside.is_file() and beside.resolve() != Path(plan_path).resolve():
        try:
            pack = load_pack(beside)
            if same_id(pack.id, plan.pack):
                return pack
        except UserError:
            pass
    return pack_by_id(plan.pack)


def load_plan_and_pack(path: Path, packs: Packs | None = None) -> tuple[Plan, Pack, list[str]]:
    """A plan fitted to its pack, with notes on anything the pack no longer has."""
    from essayplan.ops import reconcile
    from essayplan.plans import load_plan
    from essayplan.startup import collector_paused

    with collector_paused():
        plan = load_plan(path)
        pack = find_plan_pack(plan, path, packs)
        plan, notes = reconcile(plan, pack)
    return plan, pack, notes
