"""What goes into an exported plan, worked out once for every format.

The Word and Markdown writers only lay out what this module decides, so the two
exports never disagree about the words, the order or what is left out.
An empty text stays in the document as a faint gap: the teacher sees what is
still to write.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import NamedTuple

from essayplan import names
from essayplan.model import Pack, Plan
from essayplan.paragraph_templates import get_template

NOT_WRITTEN = "(not written yet)"
NO_EVIDENCE = "(no evidence attached yet)"
RANKING_HEADER = ("Rank", "Factor", "Reason")
# Characters XML 1.0 cannot hold: a pasted control character must not break Word.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""  # a cell left empty shows this (faint)


class Note(NamedTuple):
    """A plain sentence, shown faint: 'Every card in the pack is used.'"""

    text: str


Block = Part | Bullets | Table | Note


class Section(NamedTuple):
    heading: str
    level: int  # 1 or 2
    blocks: tuple[Block, ...] = ()
    new_page: bool = False


class Content(NamedTuple):
    title: str
    meta: str  # the line under the title: pack and date
    sections: tuple[Section, ...]
    # Document properties
    subject: str
    author: str
    created: datetime
    modified: datetime
    keywords: str = "essayplan"


def utc(moment: datetime) -> datetime:
    """A plan's time in UTC; a time without a zone is taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def long_date(moment: datetime) -> str:
    """'3 May 2024' on every platform (strftime's %-d is not portable)."""
    return f"{moment.day} {moment:%B %Y}"


def card_line(card_id: str, pack: Pack) -> str:
    """A card as the document shows it: its text and, when it has one, its date."""
    card = names.card(pack, card_id)
    text = clean(card.text)
    date = clean(card.date)
    return f"{text} ({date})" if date else text


def factor_title(factor_id: str, pack: Pack) -> str:
    return clean(names.factor_title(pack, factor_id))


def build(plan: Plan, pack: Pack, *, author: str = "", advice: list[str] | None = None, appendix: bool = True) -> Content:
    """Everything the export shows, in reading order."""
    labels = dict(get_template(plan.template).labels)
    label = labels.get
    question = clean(plan.question)
    pack_title = clean(pack.title) or pack.id
    created, modified = utc(plan.created), utc(plan.modified)

    sections = [
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
            (
                Table(
                    RANKING_HEADER,
                    tuple(
                        (str(rank), factor_title(entry.factor, pack), clean(entry.reason))
                        for rank, entry in enumerate(plan.ranking, start=1)
                    ),
                    empty=NOT_WRITTEN,
                )
                if plan.ranking
                else Note("No factors are ranked yet."),
            ),
        ),
    ]
    for number, paragraph in enumerate(plan.paragraphs, start=1):
        blocks: list[Block] = [
            Part(label("point", "Point"), clean(paragraph.point)),
            Bullets(label("evidence", "Evidence"), tuple(card_line(c, pack) for c in paragraph.evidence), NO_EVIDENCE),
            Part(label("explain", "Explain"), clean(paragraph.explain)),
            Part(label("link", "Link"), clean(paragraph.link)),
        ]
        if clean(paragraph.counter):  # optional: a gap here is not a fault
            blocks.append(Part(label("counter", "Counter-argument"), clean(paragraph.counter)))
        sections.append(Section(f"Paragraph {number}: {factor_title(paragraph.factor, pack)}", 1, tuple(blocks)))
    if not plan.paragraphs:
        sections.append(Section("Paragraphs", 1, (Note("No paragraphs are planned yet."),)))
    sections.append(Section(label("conclusion", "Conclusion"), 1, (Part("Judgement", clean(plan.conclusion)),)))
    if appendix:
        sections += _appendix(plan, pack, advice)

    return Content(
        title=question or f"Essay plan: {pack_title}",
        meta=" · ".join(x for x in (pack_title, long_date(modified)) if x),
        sections=tuple(sections),
        subject=pack_title,
        author=clean(author),
        created=created,
        modified=modified,
    )


def _appendix(plan: Plan, pack: Pack, advice: list[str] | None) -> list[Section]:
    unused = tuple(
        Bullets(clean(factor.title), tuple(card_line(card.id, pack) for card in cards))
        for factor in pack.factors
        if (cards := [card for card in factor.evidence if not plan.uses(card.id)])
    )
    sections = [
        Section("Appendix", 1, new_page=True),
        Section("Evidence not used", 2, unused or (Note("Every card in the pack is used."),)),
    ]
    if advice is not None:
        lines = tuple(clean(line) for line in advice if clean(line))
        sections.append(
            Section("Advice", 2, (Bullets("", lines),) if lines else (Note("No advice: every part of the plan is in place."),))
        )
    return sections
