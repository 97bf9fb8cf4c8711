"""What goes into an exported plan, worked out once for every format.

The Word and Markdown writers only lay out what this module decides, so the two
exports never disagree about the words, the order or what is left out.
An empty text stays in the document as a faint gap: the teacher sees what is
still to write.
"""

# No `from __future__ import annotations` here: typing.NamedTuple turns each field's annotation
# string into a ForwardRef, compiling it (~40 compiles, ~0.6 ms of every export); written as
# real types, they are only checked.

from datetime import datetime, timezone
from typing import NamedTuple

from essayplan import names
from essayplan.lazyre import Lazy
from essayplan.model import Pack, Plan
from essayplan.paragraph_templates import get_template

NOT_WRITTEN = "(not written yet)"
NOT_RANKED = "not ranked yet"
STATED = "★"  # marks the factor the question names (table, headings, the judgement box)
STATED_NOTE = "★ the factor the question names"
TICK_BOX = "☐"
BLANK_NAME = "____________________"
BLANK_CLASS = "________"
NO_EVIDENCE = "(no evidence attached yet)"
RANKING_HEADER = ("Rank", "Factor", "Reason")
OWN_FACTOR = "(own factor)"
OWN_KNOWLEDGE = "(own knowledge)"
NO_SENTENCE = "(no sentence yet)"
UNSET = "–"  # a weight, counterfactual or role not chosen
# Characters XML 1.0 cannot hold: a pasted control character must not break Word; nor a file
# name's undecodable byte (Python keeps it as a lone surrogate, which UTF-8 cannot write).
_UNSAFE = Lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _UNSAFE.sub("", text).replace("\r\n", "\n").replace("\r", "\n").strip()


# The records are NamedTuples, immutable like frozen dataclasses but several times
# cheaper to define: `essayplan export` is a fresh process that defines them every run.
class Part(NamedTuple):
    """A labelled text: 'Point: …'. An empty text shows `empty` instead."""

    label: str
    text: str
    empty: str = NOT_WRITTEN


class Bullets(NamedTuple):
    """An optional bold label on its own line, then a bulleted list."""

    label: str
    items: tuple[str, ...]
    empty: str = ""  # shown (faint) when there are no items
    own: tuple[str, ...] = ()  # the student's own knowledge, after the cards, in its own style
    ticks: bool = False  # a checklist: each item with a box to tick instead of a bullet


class Box(NamedTuple):
    """The judgement box: labelled lines set apart (bordered and shaded in Word, a quote in Markdown)."""

    parts: tuple[Part, ...]


class Grid(NamedTuple):
    """The writing frame's grid: one row per paragraph, a column per PEEL part, room to write."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""  # a cell left empty shows this (faint)
    bars: int = -1  # a column of per cents ("45%") that Word draws as bars too; -1: none
    # Relative widths: of every column, or of those after a narrow first one (the rank); () the default.
    widths: tuple[int, ...] = ()


class LinkMap(NamedTuple):
    """The arrows between factors: Word draws them as a picture, then lists them; Markdown lists them."""

    factors: tuple[str, ...]  # the titles of the factors the links join, in ranking order
    links: tuple[tuple[int, int, str, str], ...]  # (from, to) as indexes into factors, kind, how
    alt: str  # the picture's description, for screen readers


class Scale(NamedTuple):
    """The judgement line with the student's mark (0–100): drawn in Word, said in words in Markdown."""

    mark: int


class BarChart(NamedTuple):
    """Counts as bars (the class report's "ranked first"): a picture in Word, a table in Markdown."""

    header: tuple[str, str]  # what the labels are, what is counted: ("Factor", "Plans")
    bars: tuple[tuple[str, int], ...]
    alt: str  # the picture's description, for screen readers


class Note(NamedTuple):
    """A plain sentence, shown faint: 'Every card in the pack is used.'"""

    text: str


Block = Part | Bullets | Table | Note | LinkMap | Scale | Box | Grid | BarChart


class Section(NamedTuple):
    heading: str
    level: int  # 1 or 2
    blocks: tuple[Block, ...] = ()
    new_page: bool = False
    keep: bool = False  # a PEEL block: kept on one page where it fits


class Content(NamedTuple):
    title: str
    meta: str  # the line under the title: pack and date
    byline: str  # "Name: … · Class: … · Date: …", blanks to fill when unknown
    sections: tuple[Section, ...]
    # Document properties
    subject: str
    author: str
    created: datetime
    modified: datetime
    keywords: str = "essayplan"
    frame: bool = False  # a writing frame: empty parts are ruled boxes to write in
    grid: Grid | None = None  # the frame's landscape grid, on its own page at the end


def utc(moment: datetime) -> datetime:
    """A plan's time in UTC; a time without a zone is taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def long_date(moment: datetime) -> str:
    """'3 May 2024' on every platform (strftime's %-d is not portable)."""
    return f"{moment.day} {moment:%B %Y}"


def card_line(card_id: str, pack: Pack) -> str:
    """A card as a historian reads it: the date first, "1924 — Trotsky failed …".

    A text that already ends with its date in brackets loses the brackets: the date
    is said once, first."""
    card = names.card(pack, card_id)
    text = clean(card.text)
    date = clean(card.date)
    if not date:
        return text
    if text.endswith(f"({date})"):
        text = text[: -len(date) - 2].rstrip()
    return f"{date} — {text}" if text else date


def _short_card(card_id: str, pack: Pack, words: int = 8) -> str:
    """A card in a few words, for the writing frame's grid: the row must stay small."""
    line = card_line(card_id, pack).split()
    return " ".join(line[:words]) + ("…" if len(line) > words else "")


def factor_title(factor_id: str, pack: Pack) -> str:
    return clean(names.factor_title(pack, factor_id))


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _touched(entry) -> bool:
    return bool(clean(entry.reason)) or any(getattr(entry, name) is not None for name in ("weight", "without", "role"))


def ranks(plan: Plan, pack: Pack) -> dict[str, int]:
    """The rank the student gave each factor; a factor missing here is not ranked yet.

    The rule: a new plan ranks every factor in the pack's order, so a ranking still in
    the pack's order (own factors after) with no reason, weight, "without it" or role
    is not the student's: nothing is ranked. Otherwise the entries are ranked in
    order, except a tail of entries with nothing set whose paragraph is empty too:
    what `ops.reconcile` appends when a pack gains a factor (or a factor just added).
    """
    order = [entry.factor for entry in plan.ranking]
    default = [f.id for f in pack.factors if f.id in order] + [o.id for o in plan.own_factors if pack.factor(o.id) is None]
    default = [f for f in default if f in order] + [f for f in order if f not in default]
    if order == default and not any(_touched(entry) for entry in plan.ranking):
        return {}
    written = {p.factor for p in plan.paragraphs if _has_text(p)}
    last = len(plan.ranking)
    while last > 0 and not _touched(plan.ranking[last - 1]) and plan.ranking[last - 1].factor not in written:
        last -= 1
    return {entry.factor: number for number, entry in enumerate(plan.ranking[:last], start=1)}


def _has_text(paragraph) -> bool:
    return bool(
        clean(paragraph.point) or clean(paragraph.explain) or clean(paragraph.link) or clean(paragraph.counter)
        or paragraph.evidence or any(clean(line) for line in paragraph.own_evidence)
    )  # fmt: skip


def byline(author: str, group: str, moment: datetime) -> str:
    """The line a teacher looks for: who, which class, when; blanks to fill in when unknown."""
    return f"Name: {clean(author) or BLANK_NAME} · Class: {clean(group) or BLANK_CLASS} · Date: {long_date(moment)}"


def _stated(plan: Plan, pack: Pack) -> str | None:
    if not plan.question.strip():
        return None
    from essayplan.question import stated_factor

    factor = stated_factor(plan.question, pack)
    return None if factor is None else factor.id


def build(
    plan: Plan,
    pack: Pack,
    *,
    author: str = "",
    group: str = "",
    advice: list[str] | None = None,
    appendix: bool = True,
    frame: bool = False,
) -> Content:
    """Everything the export shows, in reading order. `group`: the student's class."""
    pack = names.with_own_factors(plan, pack)  # own factors are shown like the pack's
    labels = dict(get_template(plan.template).labels)
    label = labels.get
    question = clean(plan.question)
    pack_title = clean(pack.title) or pack.id
    created, modified = utc(plan.created), utc(plan.modified)
    stated = _stated(plan, pack)
    ranked = ranks(plan, pack)
    covered = {}  # factor → the number of the first paragraph that covers it
    for number, paragraph in enumerate(plan.paragraphs, start=1):
        covered.setdefault(paragraph.factor, number)

    sections = [
        Section("The answer", 1, (_judgement_box(plan, pack, question, stated, label),)),
        Section(
            label("introduction", "Introduction"),
            1,
            (
                Part("Line of argument", clean(plan.introduction)),
                Part(label("criteria", "Criteria"), clean(plan.criteria)),
            ),
        ),
        Section(
            "Ranking",
            1,
            (_ranking(plan, pack, ranked, stated, covered),) if plan.ranking else (Note("No factors are ranked yet."),),
        ),
    ]
    if plan.links:
        sections.append(Section("Links", 1, (_link_map(plan, pack),)))
    for number, paragraph in enumerate(plan.paragraphs, start=1):
        own = tuple(f"{clean(line)} {OWN_KNOWLEDGE}" for line in paragraph.own_evidence if clean(line))
        blocks: list[Block] = [
            Part(label("point", "Point"), clean(paragraph.point)),
            Bullets(
                label("evidence", "Evidence"),
                tuple(card_line(c, pack) for c in paragraph.evidence),
                NO_EVIDENCE,
                own=own,
            ),
            Part(label("explain", "Explain"), clean(paragraph.explain)),
            Part(label("link", "Link"), clean(paragraph.link)),
        ]
        if clean(paragraph.counter):  # optional: a gap here is not a fault
            blocks.append(Part(label("counter", "Counter-argument"), clean(paragraph.counter)))
        sections.append(Section(paragraph_heading(number, paragraph.factor, pack, ranked, stated), 1, tuple(blocks), keep=True))
    if not plan.paragraphs:
        sections.append(Section("Paragraphs", 1, (Note("No paragraphs are planned yet."),)))
    conclusion: tuple[Block, ...] = (_judgement_box(plan, pack, None, None, label, end=True),)
    if plan.extent is not None:
        conclusion += (Scale(plan.extent),)
    sections.append(Section(label("conclusion", "Conclusion"), 1, conclusion))
    if appendix:
        sections += _appendix(plan, pack, advice)
    grid = None
    if frame:
        grid = Grid(
            ("Paragraph", label("point", "Point"), label("evidence", "Evidence"), label("explain", "Explain"), label("link", "Link")),
            tuple(
                (
                    f"¶{number} {factor_title(p.factor, pack)}",
                    clean(p.point),
                    "; ".join((*(_short_card(c, pack) for c in p.evidence), *(clean(x) for x in p.own_evidence if clean(x)))),
                    clean(p.explain),
                    clean(p.link),
                )
                for number, p in enumerate(plan.paragraphs, start=1)
            ),
        )

    return Content(
        title=question or f"Essay plan: {pack_title}",
        meta=" · ".join(x for x in (pack_title, long_date(modified)) if x),
        byline=byline(author, group, modified),
        sections=tuple(sections),
        subject=pack_title,
        author=clean(author),
        created=created,
        modified=modified,
        frame=frame,
        grid=grid,
    )


def paragraph_heading(number: int, factor_id: str, pack: Pack, ranked: dict[str, int], stated: str | None) -> str:
    """"¶1 · Ranked 2nd — Weakness of the opposition ★"."""
    rank = f"Ranked {ordinal(ranked[factor_id])}" if factor_id in ranked else NOT_RANKED.capitalize()
    mark = f" {STATED}" if factor_id == stated else ""
    return f"¶{number} · {rank} — {factor_title(factor_id, pack)}{mark}"


def _judgement_box(plan: Plan, pack: Pack, question: str | None, stated: str | None, label, end: bool = False) -> Box:
    """The answer at a glance: the question (its factor marked), the line of argument, the
    mark on the judgement line, the judgement. At the end (the conclusion) the same style
    holds the mark and the judgement only."""
    parts = []
    if not end:
        shown = question or NO_QUESTION
        if stated is not None:
            shown = f"{shown} ({STATED} {factor_title(stated, pack)})"
        parts.append(Part("Question", shown if question else "", NO_QUESTION))
        parts.append(Part("Line of argument", _first_sentence(clean(plan.introduction))))
    if plan.extent is not None:
        from essayplan.advice_structure import band

        parts.append(Part("Judgement line", f"{plan.extent}/100: {band(plan.extent)}"))
    parts.append(Part(label("conclusion", "Conclusion") if end else "Judgement", clean(plan.conclusion) if end else _first_sentence(clean(plan.conclusion))))
    return Box(tuple(parts))


NO_QUESTION = "(no question set yet)"
_SENTENCE_END = Lazy(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(])")


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


# The ranking table's optional columns: (field, header, relative width); shown when any entry sets it.
_RANKED_COLUMNS = (("weight", "Weight", 9), ("without", "Without it", 7), ("role", "Role", 8))


def _ranking(plan: Plan, pack: Pack, ranked: dict[str, int], stated: str | None, covered: dict[str, int]) -> Table:
    """Rank ("not ranked yet" when the student has not ranked it), factor (★ the question's),
    (weight, without it, role: only those set anywhere), reason, and the paragraph that covers it."""
    shown = [(name, header, width) for name, header, width in _RANKED_COLUMNS if any(getattr(r, name) is not None for r in plan.ranking)]
    rows = []
    for entry in plan.ranking:
        title = factor_title(entry.factor, pack)
        if plan.own_factor(entry.factor) is not None and title == clean(plan.own_factor(entry.factor).title):
            title = f"{title} {OWN_FACTOR}"
        if entry.factor == stated:
            title = f"{title} {STATED}"
        extra = []
        for name, _header, _width in shown:
            value = getattr(entry, name)
            extra.append(UNSET if value is None else f"{value}%" if name == "weight" else value)
        rank = ordinal(ranked[entry.factor]) if entry.factor in ranked else NOT_RANKED
        where = f"¶{covered[entry.factor]}" if entry.factor in covered else "none"
        rows.append((rank, title, *extra, clean(entry.reason), where))
    header = ("Rank", "Factor", *(h for _n, h, _w in shown), "Reason", "Para")
    bars = 2 if shown and shown[0][0] == "weight" else -1
    widths = (10, *(w for _n, _h, w in shown), 14, 5) if shown else (10, 20, 5)
    return Table(header, tuple(rows), empty=NOT_WRITTEN, bars=bars, widths=widths)


def _link_map(plan: Plan, pack: Pack) -> LinkMap:
    order = [r.factor for r in plan.ranking] + [p.factor for p in plan.paragraphs]
    joined = {end for link in plan.links for end in (link.source, link.target)}
    ids = list(dict.fromkeys(f for f in order if f in joined)) + sorted(joined - set(order))
    index = {ident: i for i, ident in enumerate(ids)}
    titles = tuple(factor_title(ident, pack) for ident in ids)
    links = tuple((index[k.source], index[k.target], k.kind, clean(k.how)) for k in plan.links)
    said = "; ".join(f"{titles[a]} {kind} {titles[b]}" for a, b, kind, _how in links)
    return LinkMap(titles, links, f"Link map: {said}.")


def link_line(factors: tuple[str, ...], link: tuple[int, int, str, str]) -> tuple[str, str]:
    """'From → To (kind)' and the sentence, as both exports list a link."""
    source, target, kind, how = link
    return f"{factors[source]} → {factors[target]} ({kind})", how


def _appendix(plan: Plan, pack: Pack, advice: list[str] | None) -> list[Section]:
    unused: list[Block] = []
    if not any(plan.uses(card.id) for factor in pack.factors for card in factor.evidence):
        # Nothing attached yet: listing the whole pack would fill pages and say nothing.
        unused.append(Note("No card is attached to a paragraph yet: every card in the pack is still free to use."))
    for factor in pack.factors if not unused else ():
        cards = [card for card in factor.evidence if not plan.uses(card.id)]
        groups = dict.fromkeys(clean(card.group) for card in cards)  # in the pack's order
        for group in groups:
            title = clean(factor.title) + (f" — {group}" if group else "")
            unused.append(Bullets(title, tuple(card_line(card.id, pack) for card in cards if clean(card.group) == group)))
    sections = [
        Section("Appendix", 1),
        Section("Evidence not used", 2, tuple(unused) or (Note("Every card in the pack is used."),)),
    ]
    if advice is not None:
        # The unused cards are listed above: their advice line would only repeat them.
        lines = tuple(clean(line) for line in advice if clean(line) and not _repeats_unused(line))
        sections.append(
            Section(
                "Advice: a checklist",
                2,
                (Bullets("", lines, ticks=True),) if lines else (Note("No advice: every part of the plan is in place."),),
            )
        )
    return sections


def _repeats_unused(line: str) -> bool:
    return "not used in any paragraph" in line or (line.lower().startswith("evidence (") and "in no paragraph" in line)
