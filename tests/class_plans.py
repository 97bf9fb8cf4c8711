"""A class folder of generated plans of mixed quality, with what the report must say about it.

`make_class(folder, pack, other)` writes, through the model's operations and plans.save_plan,
33 readable plans (most in the student's own folder as `essayplan serve` keeps them, 4
handed in flat, one student with two plans, 3 plans on a second pack, 6 with nothing
written, one whose pack is missing) and the broken files a real folder collects: bad
TOML, a folder named .toml, a FIFO, a 25 MB file, a symbolic link. Also a pack and a
save-conflict copy, which are left out. Every number is kept as it was generated, for the
tests to compare the report against.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from essayplan import ops
from essayplan.model import Pack, Plan
from essayplan.plans import save_plan

WORDS = "the party machine gave Stalin the votes he needed in every congress vote".split()


@dataclass
class Made:
    student: str
    path: Path  # relative to the class folder
    plan: Plan
    pack: Pack | None  # None: the plan names a pack that does not exist
    first: str  # the title of the factor ranked first
    first_key: str  # the id of the factor ranked first
    extent: int | None
    links: int
    cards: tuple[str, ...]
    words: int


@dataclass
class Class:
    folder: Path
    made: list[Made] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # relative path → words its error must contain
    skipped: list[str] = field(default_factory=list)  # relative paths left out on purpose


def text(count: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def _plan(index: int, pack: Pack) -> tuple[Plan, dict]:
    """Plan number `index`: which factor goes first, how much is written, which cards, links, extent."""
    plan = ops.new_plan(pack)
    factors = [f.id for f in pack.factors]
    if index % 6 == 0:  # nothing written: the new plan as it is (one in six)
        return plan, {"words": 0}
    first = factors[(index * 7) % len(factors)]
    plan = ops.move_factor(plan, first, 0)
    plan = ops.set_question(plan, pack.questions[index % len(pack.questions)])
    written = 0
    if index % 3:
        plan = ops.set_text(plan, "introduction", text(index % 9 + 1))
        written += index % 9 + 1
    plan = ops.set_text(plan, "point", text(index % 5 + 2, index), first)
    written += index % 5 + 2
    if index % 4 == 1:
        plan = ops.set_text(plan, "conclusion", "The main reason was " + text(6))
        written += 4 + 6
    cards = []
    # Cards of the first factor, then of the second: more for later students, so counts differ.
    for factor_id in factors[:2]:
        factor = pack.factor(factor_id)
        for card in factor.evidence[: (index + len(factor_id)) % 4]:
            plan = ops.attach(plan, pack, first, card.id)
            cards.append(card.id)
    links = index % 3
    for source, target in zip(factors, factors[1:links + 1]):
        plan = ops.add_link(plan, source, target, how=text(3) if index % 2 else "")
    extent = (index * 10) % 110 if index % 5 else None
    plan = ops.set_extent(plan, extent)
    return plan, {"words": written, "first": first, "cards": tuple(cards), "links": links, "extent": extent}


def make_class(folder: Path, pack: Pack, other: Pack) -> Class:
    folder.mkdir(parents=True, exist_ok=True)
    made = Class(folder)
    for index in range(32):
        student = f"student-{index:02d}"
        use = other if index in (5, 11, 17) else pack
        # Five plans handed in by email sit flat in the folder; the rest in the student's folder.
        relative = Path(f"{student}.toml") if index % 7 == 3 else Path(student) / f"{use.id}.toml"
        if index == 31:  # a second plan of student-30
            student, relative = "student-30", Path("student-30") / "second.toml"
        plan, said = _plan(index, use)
        _save(made, student, relative, plan, use, said)
    # A plan on a pack nobody has: still read, counted with what can be said.
    lost = ops.set_text(ops.new_plan(pack), "introduction", text(4))
    from dataclasses import replace

    lost = replace(lost, pack="no-such-pack")
    _save(made, "zoe", Path("zoe") / "lost.toml", lost, None, {"words": 4, "first": pack.factors[0].id})
    _broken(made)
    return made


def _save(made: Class, student: str, relative: Path, plan: Plan, pack: Pack | None, said: dict) -> None:
    path = made.folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    save_plan(plan, path)
    first = said.get("first", plan.ranking[0].factor)
    title = pack.factor(first).title if pack is not None else first
    made.made.append(
        Made(student, relative, plan, pack, title, first, said.get("extent"), said.get("links", 0), said.get("cards", ()), said["words"])
    )


def _broken(made: Class) -> None:
    root = made.folder
    (root / "broken").mkdir()
    (root / "broken" / "plan.toml").write_text('schema = 1\npack = "stalin-rise"\nquestion = "unfinished\n', encoding="utf-8")
    made.broken["broken/plan.toml"] = "line 3"
    (root / "folder.toml").mkdir()
    made.broken["folder.toml"] = "is a folder"
    os.mkfifo(root / "pipe.toml")
    made.broken["pipe.toml"] = "FIFO"
    with open(root / "huge.toml", "wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: 25 MB to the reader, nothing on disk
    made.broken["huge.toml"] = "too big (25.0 MB)"
    (root / "link.toml").symlink_to(root / "student-01" / "stalin-rise.toml")
    made.broken["link.toml"] = "symbolic link"
    # Left out: a pack handed in beside the plans, and a copy kept after a save conflict.
    from essayplan.packs import save_pack

    save_pack(made.made[0].pack, root / "own-pack.toml")
    (root / "student-01" / "stalin-rise (conflict 2026-01-01 10-00).toml").write_bytes(
        (root / "student-01" / "stalin-rise.toml").read_bytes()
    )
    made.skipped += ["own-pack.toml", "student-01/stalin-rise (conflict 2026-01-01 10-00).toml"]
