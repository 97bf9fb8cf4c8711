"""`essayplan class FOLDER`: the teacher's overview of every plan under a folder (issue 17).

A served class folder keeps each student's plans in FOLDER/<name-slug>/*.toml; plans
handed in by email may sit flat in FOLDER. Both are read: every *.toml under FOLDER, a
few levels deep, at most MAX_FILES of them. Each file goes through the core's bounded
readers (reading.read_bytes: ordinary files only, up to 20 MB), and one that cannot be
read is listed with its one-line problem: it never stops the report.

The numbers only; classtext.py writes them for the terminal, export/classdoc.py for Word
and Markdown. No Textual here.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from itertools import islice
from dataclasses import dataclass, field, replace
from pathlib import Path

from essayplan import names
from essayplan.advice import Advice
from essayplan.errors import UserError
from essayplan.conflicts import is_conflict_copy
from essayplan.model import Pack, Plan
from essayplan.wordcount import plan_words

MAX_FILES = 2000  # plan files read; a class is 30, a year group a few hundred
MAX_DEPTH = 4  # folder levels under FOLDER: FOLDER/student/plan.toml is 1
MAX_ENTRIES = 50_000  # directory entries looked at, whatever they are
TOP_ADVICE = 3  # advice notes shown per student
TOP_EVIDENCE = 5  # cards listed as most and least used
TOP_COMMON = 5  # advice rules listed as the class's most common


def cards_used(plan: Plan) -> tuple[str, ...]:
    """The distinct cards attached to the plan's paragraphs, in essay order."""
    return tuple(dict.fromkeys(card for p in plan.paragraphs for card in p.evidence))


@dataclass(frozen=True)
class Entry:
    """One plan file under the folder: what it says, or why it cannot be read (`error`)."""

    student: str  # the student's folder, or the file's name for a plan handed in flat
    path: Path  # as found under the folder (relative to it)
    error: str = ""  # one line when the file cannot be read as a plan
    plan: Plan | None = None
    pack: Pack | None = None  # None: the pack cannot be found (`pack_note` says why)
    pack_note: str = ""
    advice: tuple[Advice, ...] | None = None  # None: unknown (no pack)
    name: str = ""  # as listed: the student, and the file's name when the student has several plans

    @property
    def readable(self) -> bool:
        return self.plan is not None

    @property
    def question(self) -> str:
        return self.plan.question if self.plan else ""

    @property
    def extent(self) -> int | None:
        return self.plan.extent if self.plan else None

    @property
    def first(self) -> str:
        """The title of the factor ranked first ('' when none is)."""
        if self.plan is None or not self.plan.ranking:
            return ""
        factor_id = self.plan.ranking[0].factor
        if self.pack is None:
            own = self.plan.own_factor(factor_id)
            return own.title if own else factor_id
        return names.factor_title(self.pack, factor_id, self.plan)

    @property
    def links(self) -> int:
        return len(self.plan.links) if self.plan else 0

    @property
    def cards(self) -> tuple[str, ...]:
        return cards_used(self.plan) if self.plan else ()

    @property
    def words(self) -> int:
        return plan_words(self.plan) if self.plan else 0

    def notes(self, count: int = TOP_ADVICE) -> list[str]:
        """The first `count` advice notes, each cut to its gist: 'Paragraph 1 (Policies): no Explain yet'."""
        return [f"{a.part[:1].upper()}{a.part[1:]}: {gist(a.message)}" for a in (self.advice or ())[:count]]


@dataclass
class Report:
    folder: Path
    entries: list[Entry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files left out on purpose, one line each
    stopped: str = ""  # set when a bound stopped the walk: the report is partial

    @property
    def plans(self) -> list[Entry]:
        return [e for e in self.entries if e.readable]

    @property
    def unreadable(self) -> list[Entry]:
        return [e for e in self.entries if not e.readable]

    @property
    def students(self) -> list[str]:
        """The students with a plan that can be read (a broken file's name may be anyone's)."""
        return sorted({e.student for e in self.plans}, key=str.casefold)

    # -- the class ------------------------------------------------------------------

    def packs(self) -> list[Pack]:
        """The packs the readable plans use, once each, in the order first met."""
        found: dict[str, Pack] = {}
        for entry in self.plans:
            if entry.pack is not None:
                found.setdefault(entry.pack.id, entry.pack)
        return list(found.values())

    def ranked_first(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """Per pack (its title): each factor with how many plans rank it first, most first,
        0 included. Plans with nothing written are left out: a new plan ranks the pack's
        factors in pack order, which is no student's choice. A plan whose pack is missing
        counts under its pack id, its factors by id."""
        groups: dict[str, tuple[str, dict[str, str], Counter[str]]] = {}
        for pack in self.packs():
            groups[pack.id] = (pack.title, {f.id: f.title for f in pack.factors}, Counter())
        for entry in self.counted():
            pack_id, factor_id = entry.plan.pack, entry.plan.ranking[0].factor
            if pack_id not in groups:
                groups[pack_id] = (f"{pack_id} (pack not found)", {}, Counter())
            _title, titles, counts = groups[pack_id]
            titles.setdefault(factor_id, entry.first)
            counts[factor_id] += 1
        out = []
        for title, titles, counts in groups.values():
            order = list(titles)  # pack order among equals
            ranked = sorted(order, key=lambda f: (-counts[f], order.index(f)))
            out.append((title, [(titles[f], counts[f]) for f in ranked]))
        return out

    def counted(self) -> list[Entry]:
        """The plans the 'ranked first' chart counts: readable, ranked, with something written."""
        return [e for e in self.plans if e.plan.ranking and e.words > 0]

    def evidence_use(self) -> list[tuple[Pack, list[tuple[str, int]]]]:
        """Per pack in use: each card (its text) with the number of plans that attach it,
        most used first, pack order among equals. Only plans whose pack is found count."""
        out = []
        for pack in self.packs():
            counts = Counter(card for e in self.plans if e.pack is not None and e.pack.id == pack.id for card in e.cards)
            cards = [card for factor in pack.factors for card in factor.evidence]
            place = {card.id: index for index, card in enumerate(cards)}
            ranked = sorted(cards, key=lambda c: (-counts[c.id], place[c.id]))
            out.append((pack, [(card.text, counts[card.id]) for card in ranked]))
        return out

    def common_advice(self) -> list[tuple[str, str, int]]:
        """(rule, the gist of its first message, how many plans have it), most common first."""
        counts: Counter[str] = Counter()
        example: dict[str, str] = {}
        for entry in self.plans:
            for item in {a.rule: a for a in entry.advice or ()}.values():  # one count per plan
                counts[item.rule] += 1
                # "Paragraph: not started", "Evidence: cards not used …" (each plan's own number left out)
                part = re.sub(r" \d+ \(.*\)$", "", item.part)
                said = re.sub(r"^\d+ ", "", gist(item.message))
                example.setdefault(item.rule, f"{part[:1].upper()}{part[1:]}: {said}")
        return [(rule, example[rule], count) for rule, count in counts.most_common()]

    def nothing_written(self) -> list[str]:
        """Students with at least one readable plan and no word written in any of them."""
        by_student: dict[str, int] = {}
        for entry in self.plans:
            by_student[entry.student] = by_student.get(entry.student, 0) + entry.words
        return sorted((s for s, n in by_student.items() if n == 0), key=str.casefold)


def gist(message: str) -> str:
    """An advice message without its how-to: up to its first colon, example or semicolon."""
    cut = re.split(r": | \(e\.g\.|; ", message, maxsplit=1)[0].rstrip(".")
    return cut if len(cut) >= 6 else message.rstrip(".")


def most_used(use: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The most used cards of Report.evidence_use's list (used ones only), at most TOP_EVIDENCE."""
    return [(text, n) for text, n in use if n][:TOP_EVIDENCE]


def least_used(use: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The least used cards, fewest first, unused ones included, pack order among equals."""
    return sorted(use, key=lambda item: item[1])[:TOP_EVIDENCE]


# -- reading the folder ---------------------------------------------------------------


def class_report(folder: Path) -> Report:
    """Every plan under `folder`, read and advised on. UserError only when the folder itself
    cannot be read; a plan that cannot be read is an entry with its error."""
    folder = Path(folder)
    try:
        info = folder.stat()
    except FileNotFoundError:
        raise UserError(f"{folder}: no such folder") from None
    except OSError as error:
        raise UserError(f"{folder}: cannot read: {error.strerror or error}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise UserError(f"{folder}: not a folder; give the class folder (or a folder of plans handed in)")
    report = Report(folder)
    for relative, error in _walk(folder, report):
        entry = _entry(folder, relative, error)
        if entry is None:
            report.skipped.append(f"{relative}: a pack, not a plan (not counted)")
        else:
            report.entries.append(entry)
    report.entries.sort(key=lambda e: (e.student.casefold(), str(e.path).casefold()))
    several = Counter(e.student for e in report.plans)
    report.entries = [
        replace(e, name=f"{e.student} ({e.path.stem})" if several[e.student] > 1 else e.student) for e in report.entries
    ]
    return report


def _walk(folder: Path, report: Report):
    """(path relative to folder, error or '') for each *.toml under the folder, in name order,
    within the bounds; a folder that cannot be listed is an entry with its error."""
    seen = files = 0
    pending = [Path()]
    while pending:
        relative = pending.pop(0)
        try:
            with os.scandir(folder / relative) as listing:
                # At most the entries still allowed: a folder of a million files is not read whole.
                items = sorted(islice(listing, MAX_ENTRIES - seen + 1), key=lambda item: item.name)
        except OSError as error:
            yield relative, f"cannot read the folder: {error.strerror or error}"
            continue
        for item in items:
            seen += 1
            if seen > MAX_ENTRIES or files >= MAX_FILES:
                report.stopped = f"stopped after {files} plan files (at most {MAX_FILES}, in at most {MAX_ENTRIES} entries)"
                return
            path = relative / item.name
            is_toml = item.name.lower().endswith(".toml")
            try:
                link, folder_entry = item.is_symlink(), item.is_dir(follow_symlinks=False)
            except OSError as error:
                yield path, f"cannot read: {error.strerror or error}"
                continue
            if link:
                if is_toml:
                    files += 1
                    yield path, "a symbolic link; the class report reads only ordinary files"
                continue
            if folder_entry:
                if is_toml:
                    files += 1
                    yield path, "is a folder, not a plan file"
                elif not item.name.startswith(".") and len(path.parts) < MAX_DEPTH:
                    pending.append(path)
                continue
            if not is_toml:
                continue
            if is_conflict_copy(item.name):  # a second copy of one student's plan: not counted twice
                report.skipped.append(f"{path}: a copy kept after a save conflict (not counted)")
                continue
            files += 1
            yield path, ""


def student_of(relative: Path) -> str:
    """A plan in a student's folder belongs to that folder's name; one handed in flat, to its file's."""
    parts = relative.parts
    return parts[0] if len(parts) > 1 else Path(parts[-1]).stem if parts else ""


def _entry(folder: Path, relative: Path, error: str) -> Entry | None:
    """The plan at `relative`, or why it cannot be read; None for a pack."""
    student = student_of(relative)
    if error:
        return Entry(student, relative, error=error)
    path = folder / relative
    try:
        plan = _read_plan(path)
    except UserError as problem:
        return Entry(student, relative, error=_one_line(problem, path))
    except (RecursionError, ValueError, MemoryError) as problem:  # never expected: read_toml turns them into lines
        return Entry(student, relative, error=f"cannot read: {type(problem).__name__}")
    if plan is None:
        return None
    return _fitted(student, relative, path, plan)


def _read_plan(path: Path) -> Plan | None:
    """The plan in the file; None when the file is a pack (a pack beside the plans is no error)."""
    from essayplan.plans import plan_from_dict
    from essayplan.tomlcheck import read_toml

    data = read_toml(path, "plan")
    if "pack" not in data and "factors" in data:
        return None
    return plan_from_dict(data, path)


def _fitted(student: str, relative: Path, path: Path, plan: Plan) -> Entry:
    """The plan fitted to its pack, with its advice; without the pack, what the plan alone says."""
    from essayplan.advice import advise
    from essayplan.checking import find_plan_pack
    from essayplan.ops import reconcile

    try:
        pack = find_plan_pack(plan, path)
    except UserError as problem:
        return Entry(student, relative, plan=plan, pack_note=_one_line(problem, path))
    try:
        plan, _notes = reconcile(plan, pack)
        items = advise(plan, pack)
    except Exception as error:  # noqa: BLE001 — one odd plan must never stop the class's report
        return Entry(student, relative, plan=plan, pack=pack, pack_note=f"no advice: {type(error).__name__}: {error}")
    return Entry(student, relative, plan=plan, pack=pack, advice=tuple(items))


def _one_line(problem: UserError, path: Path) -> str:
    """The first problem, without the file's path (the report names the file), and how many more."""
    lines = problem.problems or [str(problem)]
    first = lines[0].split("\n")[0]
    if first.startswith(str(path)):
        first = first[len(str(path)) :]
        place = re.match(r":(\d+):(\d+):\s*", first)  # "PATH:3:5: …" from the TOML parser
        first = f"line {place[1]}, column {place[2]}: {first[place.end():]}" if place else first.removeprefix(":").strip()
    more = len(lines) - 1
    return first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
