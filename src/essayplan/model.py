"""The model: plain, immutable dataclasses for packs and plans.

Immutability is what makes operations pure and undo a simple list of plans. Each class is
a `record`: a frozen dataclass made without compiling six methods a class at every start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path

from essayplan.records import record

PACK_SCHEMA = 1
PLAN_SCHEMA = 1

# A cause's place in time, the words of DESIGN.md and the plan's ranking (issue 12).
ROLES = ("long-term", "short-term", "precondition", "trigger")



def _first_of(pairs: Iterable[tuple[str, object]]) -> dict:
    """A look-up by id from (id, value) pairs; of a repeated id, the first wins."""
    found: dict = {}
    for key, value in pairs:
        found.setdefault(key, value)
    return found

@record(slots=True, utf8=("text",))  # a pack may have thousands
class Evidence:
    """One card: a block of evidence for a factor."""

    id: str
    text: str
    group: str = ""
    date: str = ""
    # When the card's cause acts: one of ROLES, or "" (not said).
    role: str = ""


@record
class Factor:
    """A cause, with its evidence in pack order."""

    id: str
    title: str
    summary: str = ""
    keywords: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@record
class Pack:
    """One topic: its questions, factors and evidence."""

    id: str
    title: str
    subject: str = ""
    # The years the topic covers, as a teacher writes them: "1924–29", "1914".
    period: str = ""
    source: str = ""
    questions: tuple[str, ...] = ()
    factors: tuple[Factor, ...] = ()
    # Where the pack was read from; not part of its value.
    path: Path | None = field(default=None, compare=False)

    def factor(self, factor_id: str) -> Factor | None:
        return self._factors.get(factor_id)

    def evidence(self, evidence_id: str) -> Evidence | None:
        found = self._cards.get(evidence_id)
        return found[0] if found else None

    def owner(self, evidence_id: str) -> Factor | None:
        """The factor a card belongs to in the bank."""
        found = self._cards.get(evidence_id)
        return found[1] if found else None

    # Look-ups by id, built on first use (a pack never changes): with 2,000 cards, a
    # scan per look-up made every list of cards quadratic. The first of a repeated id wins.
    @cached_property
    def _factors(self) -> dict[str, Factor]:
        return _first_of((factor.id, factor) for factor in self.factors)

    @cached_property
    def _cards(self) -> dict[str, tuple[Evidence, Factor]]:
        return _first_of((card.id, (card, factor)) for factor in self.factors for card in factor.evidence)

    @property
    def evidence_count(self) -> int:
        return sum(len(f.evidence) for f in self.factors)


# The words of the top-level plan (issue 12), as the plan file spells them.
KINDS = ("enabled", "strengthened", "weakened", "depended on")  # what a link says one factor did to another
WITHOUT = ("anyway", "later", "never")  # the counterfactual: without this factor it would have happened …
EXTENT_STEP = 10  # the judgement line: 0 = not at all … 100 = entirely


@record
class Ranked:
    """A factor's place in the ranking, with the student's reason for it.

    weight: its share of the outcome in per cent (0–100); without: one of WITHOUT;
    role: one of ROLES. None: not set (and not written to the file).
    """

    factor: str
    reason: str = ""
    weight: int | None = None
    without: str | None = None
    role: str | None = None


@record
class Link:
    """An arrow from one factor to another, with the sentence across it ("from"/"to" in the file)."""

    source: str
    target: str
    kind: str = KINDS[0]
    how: str = ""


@record
class OwnFactor:
    """A factor the student adds that the pack lacks (it has no cards; own evidence holds its facts)."""

    id: str
    title: str


@record
class Paragraph:
    """One PEEL paragraph about one factor."""

    factor: str
    point: str = ""
    evidence: tuple[str, ...] = ()
    explain: str = ""
    link: str = ""
    counter: str = ""
    own_evidence: tuple[str, ...] = ()  # the student's own knowledge, one line each


def now() -> datetime:
    """The current time in UTC, to the second (TOML keeps what we write)."""
    return datetime.now(timezone.utc).replace(microsecond=0)


@record
class Plan:
    """The student's work on one question of one pack."""

    pack: str
    question: str = ""
    introduction: str = ""
    criteria: str = ""
    conclusion: str = ""
    template: str = "peel"
    # Where the pack was read from when it lives outside the pack folders
    # (`--pack PATH`), so the plan finds it again; "" for packs found by id.
    pack_file: str = ""
    created: datetime = field(default_factory=now)
    modified: datetime = field(default_factory=now)
    ranking: tuple[Ranked, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    # Issue 12: where the judgement sits on the line (None: no mark), the arrows between
    # factors, and factors of the student's own.
    extent: int | None = None
    links: tuple[Link, ...] = ()
    own_factors: tuple[OwnFactor, ...] = ()
    # Issue 13: cards the student leaves out on purpose (their ids); the advice stays quiet on them.
    set_aside: tuple[str, ...] = ()

    def paragraph(self, factor_id: str) -> Paragraph | None:
        return self._paragraphs.get(factor_id)

    def rank_of(self, factor_id: str) -> int | None:
        """1-based rank of a factor, or None when it is not ranked."""
        return self._ranks.get(factor_id)

    def link(self, source: str, target: str) -> Link | None:
        return next((k for k in self.links if (k.source, k.target) == (source, target)), None)

    def own_factor(self, factor_id: str) -> OwnFactor | None:
        return next((f for f in self.own_factors if f.id == factor_id), None)

    def uses(self, evidence_id: str) -> tuple[str, ...]:
        """The factors whose paragraphs use a card, in essay order."""
        return self._uses.get(evidence_id, ())

    # Look-ups built on first use: a plan never changes (an operation makes a new one), and
    # the board asks them for every card and factor on every change.
    @cached_property
    def _paragraphs(self) -> dict[str, Paragraph]:
        return _first_of((paragraph.factor, paragraph) for paragraph in self.paragraphs)

    @cached_property
    def _ranks(self) -> dict[str, int]:
        return _first_of((entry.factor, index) for index, entry in enumerate(self.ranking, 1))

    @cached_property
    def _uses(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for paragraph in self.paragraphs:
            for card in dict.fromkeys(paragraph.evidence):
                found.setdefault(card, []).append(paragraph.factor)
        return {card: tuple(factors) for card, factors in found.items()}


def plural(count: int, noun: str) -> str:
    """'1 factor', '3 factors'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
