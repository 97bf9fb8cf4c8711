"""Turn a revision card into a pack: `essayplan import CARD`.

Two inputs. A *card* is plain text copied from a revision site (the seed is
../shared/seed/stalin-rise-revision-card.txt): a title, "Created by/on" lines,
section headings, sub-headings ending in ":", numbered points and bullets,
sub-points run on after a long run of spaces, "N of M" page markers and site
boilerplate. A *Markdown outline* starts with "# Title".

Sections become factors, sub-headings groups, points evidence. Layouts vary
from card to card, so each line is read in context (see `_role`), and the
result is always a pack that `essayplan check` accepts, or a UserError.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path

from essayplan.errors import UserError
from essayplan.model import Evidence, Factor, Pack
from essayplan.slugs import STOP_WORDS, UniqueIds, slug

# -- Reading -----------------------------------------------------------------


def import_file(path: Path) -> Pack:
    """Read a card (UTF-8, with or without BOM; UTF-16 with BOM) and import it."""
    from essayplan.reading import read_bytes

    path = Path(path)
    raw = read_bytes(path, "revision card")  # refuses FIFOs, devices and huge files
    return _parse(_decode(raw, path), name=path.name, where=str(path))


def import_card(text: str, name: str = "card") -> Pack:
    """Import a card's text; `name` is used in messages, the source line and as the id of last resort."""
    return _parse(text, name=name, where=name)


def _decode(raw: bytes, path: Path) -> str:
    # Notepad's "Unicode" is UTF-16 with a BOM: its NUL bytes are not binary data.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise UserError(f"{path}: is a binary file, not a revision card (expected plain text or Markdown)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UserError(f"{path}:{line}: not UTF-8 text (save the card as UTF-8 text)") from None


# -- Lines -------------------------------------------------------------------

_PAGE = re.compile(r"^(?:page\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}$", re.IGNORECASE)
_CREATED = re.compile(r"^(?:[•*·-]\s*)?created\s+(by|on)\s*:?\s*(.*)$", re.IGNORECASE)
_SIMILAR = re.compile(r"^similar\s+(.+?)\s+resources\s*:?$", re.IGNORECASE)
_SEE_ALL = re.compile(r"see\s+all\s+(.+?)\s+resources\s*»?", re.IGNORECASE)
_NO_COMMENTS = re.compile(r"^no\s+comments\s+have\s+(?:yet\s+)?been\s+made(?:\s+yet)?\.?$", re.IGNORECASE)
# List markers: "1)", "1.", "(1)", "1 -", "a)", "(a)", "a.", "iv)", and bullets.
_MARKER = re.compile(
    r"^(?:\(?\d{1,2}\s*[.)]|\d{1,2}\s+[-–—]|\(?[a-zA-Z]\)|[a-z]\.|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]"
    r"|[-–—•*·▪◦‣●○■□➢►+])\s+(?=\S)"
)
# A sub-point run on after a long run of spaces (or non-breaking spaces) on the same line.
_RUN_ON = re.compile(r"\s{5,}")


@dataclass
class _Line:
    kind: str  # "line", "blank" or "break" (a page marker)
    text: str = ""
    indent: int = 0
    run_on: bool = False  # split off the line before it


@dataclass
class _Card:
    """What a card says about itself, apart from its sections."""

    title: str = ""
    author: str = ""
    created: str = ""
    subject: str = ""
    lines: list[_Line] = field(default_factory=list)


def _clean_text(text: str) -> str:
    """Normalise line endings and tabs; control characters become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\t", "    ")
    return "".join(
        ch if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs") else " " for ch in text
    )


def _read_card(text: str) -> _Card:
    """Pick out metadata and boilerplate, so that only the card's outline is left."""
    card = _Card()
    for raw in text.split("\n"):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not any(ch.isalnum() for ch in stripped):
            card.lines.append(_Line("blank"))
            continue
        created = _CREATED.match(stripped)
        similar = _SIMILAR.match(stripped)
        if created:
            value = created[2].strip()
            if created[1].lower() == "by":
                card.author = card.author or value
            else:
                card.created = card.created or (value.split() or [""])[0]
            card.lines.append(_Line("blank"))
        elif _PAGE.match(stripped):
            card.lines.append(_Line("break"))
        elif similar or _NO_COMMENTS.match(stripped) or not _SEE_ALL.sub("", stripped).strip():
            see_all = _SEE_ALL.search(stripped)
            card.subject = card.subject or (similar[1] if similar else see_all[1] if see_all else "")
            card.lines.append(_Line("blank"))
        else:
            card.lines.append(_Line("line", stripped, indent))
    return card


def _split_run_ons(lines: list[_Line]) -> list[_Line]:
    out = []
    for line in lines:
        if line.kind != "line":
            out.append(line)
            continue
        first, *rest = _RUN_ON.split(line.text)
        out.append(_Line("line", first, line.indent))
        out.extend(_Line("line", part, line.indent, run_on=True) for part in rest if part)
    return out


# -- Reading the outline -----------------------------------------------------


@dataclass
class _Event:
    kind: str  # "section", "group", "point" or "break"
    text: str = ""
    indent: int = 0


def _title_like(text: str) -> bool:
    """Short, starts with a capital or digit, no sentence punctuation at the end."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return (
        len(text.split()) <= 8
        and len(text) <= 60
        and (first.isupper() or first.isdigit())
        and not text.endswith((".", ",", ";", "!"))
    )


def _could_be_title(line: _Line) -> bool:
    return (
        line.kind == "line"
        and not _MARKER.match(line.text)
        and not line.text.endswith(":")
        and len(line.text.split()) <= 16
        and len(line.text) <= 120
    )


def _text_events(lines: list[_Line]) -> list[_Event]:
    has_markers = any(line.kind == "line" and _MARKER.match(line.text) for line in lines)
    paged = any(line.kind == "break" for line in lines)
    # A card pasted with every line indented is not all sub-points.
    base = min((line.indent for line in lines if line.kind == "line"), default=0)
    lines = [replace(line, indent=line.indent - base) for line in lines]
    events: list[_Event] = []
    previous = None  # the role of the line before, in this page
    for index, line in enumerate(lines):
        if line.kind == "blank":
            continue
        if line.kind == "break":
            events.append(_Event("break"))
            previous = None
            continue
        role = _role(lines, index, previous, has_markers, paged)
        text = _MARKER.sub("", line.text, count=1) if role == "point" else line.text.rstrip(":").rstrip()
        events.append(_Event(role, text, line.indent))
        previous = role
    return events


def _role(lines: list[_Line], index: int, previous: str | None, has_markers: bool, paged: bool) -> str:
    """Is this line a section heading, a sub-heading (group) or a point?

    Markers, indentation and run-ons make points; a trailing ":" makes a
    sub-heading, or a section heading when a sub-heading follows. A plain line
    is judged by its shape and place: first on a page, before a sub-heading, or
    starting a block of lines in a card whose points are marked.
    """
    line = lines[index]
    if _MARKER.match(line.text) or line.run_on:
        return "point"
    following = [other for other in lines[index + 1 :] if other.kind != "blank"]
    after = following[0] if following and following[0].kind == "line" else None
    after_is_sub = after is not None and after.text.endswith(":") and not _MARKER.match(after.text)
    if line.text.endswith(":"):
        return "section" if after_is_sub and after.indent <= line.indent else "group"
    if line.indent >= 2 or previous == "group" or not _title_like(line.text):
        return "point"
    if previous is None:
        return "section"
    starts_block = lines[index - 1].kind != "line"
    if paged:
        # Sections start pages; a short plain line inside a page is a sub-heading without its ":".
        return "group" if has_markers and starts_block else "point"
    if after_is_sub:
        return "section"
    if has_markers:
        return "section" if starts_block else "point"
    # Unmarked lines: a heading stands alone, or leads a block of longer lines.
    next_line = lines[index + 1] if index + 1 < len(lines) else None
    if starts_block and (next_line is None or next_line.kind != "line" or not _title_like(next_line.text)):
        return "section"
    return "point"


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(?=\S)")


def _markdown_events(lines: list[_Line]) -> tuple[str, list[_Event]]:
    """'#' is the title, the next level down sections, deeper headings groups; list items and paragraphs points."""
    headings = [_MD_HEADING.match(line.text) for line in lines if line.kind == "line"]
    levels = [len(match[1]) for match in headings if match]
    section_level = min(levels[1:], default=2)
    title, events = "", []
    open_point = False  # a line straight after a point continues it
    for line in lines:
        if line.kind != "line":
            open_point = False
            if line.kind == "break":
                events.append(_Event("break"))
            continue
        text = re.sub(r"^(?:>\s*)+", "", line.text)
        heading = _MD_HEADING.match(text)
        if heading:
            name = heading[2].rstrip(":").rstrip()
            if not title and not events:
                title = name
            else:
                events.append(_Event("section" if len(heading[1]) <= section_level else "group", name))
            open_point = False
        elif _MD_ITEM.match(text):
            events.append(_Event("point", _MD_ITEM.sub("", text, count=1), line.indent))
            open_point = True
        elif open_point:
            events[-1].text += " " + text
        else:
            events.append(_Event("point", text, line.indent))
            open_point = True
    return title, events


_MD_INLINE = (
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def _plain_markdown(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def _promote_parents(events: list[_Event]) -> list[_Event]:
    """An outline with no headings at all, only a list with indented sub-points
    ("1. Militarism" then "   - the arms race"): its outermost items with
    sub-points are the sections."""
    points = [e for e in events if e.kind == "point"]
    if not points or any(e.kind in ("section", "group") for e in events):
        return events
    outer = min(e.indent for e in points)
    out = []
    for event, after in zip(events, events[1:] + [_Event("break")]):
        parent = event.kind == "point" and event.indent == outer and after.kind == "point" and after.indent > outer
        out.append(_Event("section", event.text.rstrip(":").rstrip()) if parent else event)
    return out


# -- Building the pack -------------------------------------------------------


@dataclass
class _Section:
    title: str | None  # None: points met before any section heading
    points: list[tuple[str, str]] = field(default_factory=list)  # (group, text)
    has_groups: bool = False


def _sections(events: list[_Event], merge_empty: bool) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    group = ""
    for event in events:
        if event.kind == "break":
            current, group = None, ""
        elif event.kind == "section":
            if merge_empty and current is not None and current.title is not None and not current.points and not current.has_groups:
                # Two headings in a row: the second is a sub-heading written without its ":".
                group, current.has_groups = event.text, True
            else:
                current, group = _Section(event.text), ""
                sections.append(current)
        else:
            if current is None:
                current = _Section(None)
                sections.append(current)
            if event.kind == "group":
                group, current.has_groups = event.text, True
            else:
                current.points.append((group, event.text))
    return sections


def _factors(sections: list[_Section]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(group, text)]) per factor. Sub-headings outside any section become factors
    themselves; points outside any section and sub-heading go to "Other points"."""
    if not any(s.title is not None and s.points for s in sections) and not any(
        group for s in sections for group, _ in s.points
    ):
        return []
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for section in sections:
        if section.title is not None:
            if section.points:
                out.append((section.title, section.points))
            continue
        for group, points in groupby(section.points, key=lambda point: point[0]):
            out.append((group or "Other points", [("", text) for _, text in points]))
    return out


def _point_text(text: str) -> str:
    """Collapse whitespace and capitalise the first letter; the words stay the card's own."""
    text = " ".join(text.split())
    for index, ch in enumerate(text):
        if ch.isalpha():
            return text[:index] + ch.upper() + text[index + 1 :]
    return text


_YEAR = re.compile(r"(?<![\d£$€.,])(1\d{3}|20\d{2})(?!\d)")
_YEAR_END = re.compile(r"^(s\b|\s?[-–—/]\s?(\d{4}|\d{2})(?![\d]))")


def first_date(text: str) -> str:
    """The first year in the text: "1924", "1923–25" (any dash becomes –), "1920s"; else ""."""
    match = _YEAR.search(text)
    if not match:
        return ""
    year = match[1]
    end = _YEAR_END.match(text[match.end() :])
    if end and end[1] == "s":
        return year + "s"
    if end:
        last = end[2]
        whole = int(year[:2] + last) if len(last) == 2 else int(last)
        if int(year) < whole < int(year) + 100:
            return f"{year}–{last}"
    return year


def _parse(text: str, name: str, where: str) -> Pack:
    text = _clean_text(text)
    if not text.strip():
        raise UserError(f"{where}: is empty (expected a revision card: a title, then sections with points)")
    card = _read_card(text)
    lines = card.lines
    first = next((i for i, line in enumerate(lines) if line.kind == "line"), None)
    markdown = first is not None and lines[first].text.startswith("# ")
    if markdown:
        card.title, events = _markdown_events(lines)
        events = [replace(e, text=_plain_markdown(e.text)) for e in events]
        card.title = _plain_markdown(card.title)
    else:
        if first is not None and _could_be_title(lines[first]):
            card.title = lines[first].text
            lines = lines[first + 1 :]
        events = _text_events(_split_run_ons(lines))
    factors = _factors(_sections(_promote_parents(events), merge_empty=not markdown))
    factors = [(title, [(g, t) for g, t in points if _point_text(t)]) for title, points in factors]
    factors = [(title, points) for title, points in factors if points and title.strip()]
    if not factors:
        raise UserError(
            f"{where}: no sections with points found (expected a title, then section headings with points under them)"
        )
    return _pack(card, factors, name)


def _pack(card: _Card, sections: list[tuple[str, list[tuple[str, str]]]], name: str) -> Pack:
    stem = Path(name).stem or name
    title = " ".join(card.title.split()) or _point_text(re.sub(r"[-_]+", " ", stem)) or "Imported pack"
    factor_ids, card_ids = UniqueIds(), UniqueIds()
    factors = []
    for heading, points in sections:
        heading = " ".join(heading.split())
        evidence = []
        for group, raw in points:
            text = _point_text(raw)
            evidence.append(
                Evidence(
                    id=card_ids.take(slug(text, "evidence", max_words=4)),
                    text=text,
                    group=" ".join(group.split()),
                    date=first_date(text),
                )
            )
        factors.append(Factor(id=factor_ids.take(slug(heading, "factor")), title=heading, evidence=tuple(evidence)))
    source = f"Imported from {name}: '{title}'"
    if card.author:
        source += f" by {card.author}"
    if card.created:
        source += f", created {card.created}"
    return Pack(
        id=slug(title, "", max_len=48) or slug(stem, "imported-pack", max_len=48),
        title=title,
        subject=card.subject,
        source=source,
        questions=default_questions(title, factors),
        factors=tuple(factors),
    )


# -- Questions ---------------------------------------------------------------

_PAST = {
    "come": "came", "become": "became", "win": "won", "lose": "lost", "fall": "fell", "rise": "rose",
    "begin": "began", "break": "broke", "go": "went", "take": "took", "get": "got", "give": "gave",
    "lead": "led", "fight": "fought", "make": "made", "have": "had", "hold": "held", "keep": "kept",
    "leave": "left", "bring": "brought", "stop": "stopped", "plan": "planned", "spread": "spread",
    "collapse": "collapsed", "fail": "failed", "happen": "happened", "succeed": "succeeded",
    "abdicate": "abdicated", "start": "started", "end": "ended", "gain": "gained", "survive": "survived",
    "decline": "declined", "change": "changed", "join": "joined", "enter": "entered", "declare": "declared",
    "seize": "seized", "introduce": "introduced", "support": "supported", "oppose": "opposed",
    "turn": "turned", "invade": "invaded", "attack": "attacked", "emerge": "emerged", "remain": "remained",
    "last": "lasted", "adopt": "adopted", "want": "wanted", "appease": "appeased", "agree": "agreed",
}


def _reason_clause(title: str) -> str | None:
    """"Why did the Nazis come to power?" → "why the Nazis came to power"; None when we cannot say."""
    bare = title.rstrip("?").strip()
    able = re.match(r"(?i)^why\s+(was|were)\s+(.+?)\s+(able|unable)\s+to\s+(.+)$", bare)
    if able:
        return f"why {able[2]} {able[1].lower()} {able[3].lower()} to {able[4]}"
    did = re.match(r"(?i)^why\s+did\s+(.+)$", bare)
    if did:
        words = did[1].split()
        for index, word in enumerate(words[1:], start=1):
            if word.lower() in _PAST:
                return "why " + " ".join(words[:index] + [_PAST[word.lower()]] + words[index + 1 :])
    return None


def _key(word: str) -> str:
    """A word compared without case or a plural s: "Nazis" is "Nazi"."""
    return word.lower().removesuffix("s")


def _phrase(title: str, factors: list[Factor]) -> str:
    """A factor's title as it reads inside a sentence: "Weakness of Opposition" → "weakness of opposition".

    A capitalised word stays so when the card's points only ever write it that
    way past their first word (a name: "Stalin's", "Weimar"); acronyms stay too.
    """
    capital, lower = set(), set()
    for factor in factors:
        for card in factor.evidence:
            found = re.findall(r"[^\W\d_]+", card.text)
            for before, word in zip(found, found[1:]):
                if word[0].islower():
                    lower.add(_key(word))
                elif before[0].islower() or before.lower() in STOP_WORDS:
                    # Not "Ship Money": a word inside a longer name proves little.
                    capital.add(_key(word))

    def fix(match: re.Match[str]) -> str:
        word = match[0]
        if word[1:] != word[1:].lower() or (_key(word) in capital and _key(word) not in lower) or word == "I":
            return word
        return word.lower()

    return re.sub(r"[^\W\d_]+", fix, title)


def default_questions(title: str, factors: list[Factor]) -> tuple[str, ...]:
    """An open question and one stated-factor question per factor, for the teacher to edit."""
    if title.endswith("?"):
        questions, reason = [title], _reason_clause(title)
    else:
        topic = re.sub(r"(?i)^(?:the\s+)?(?:causes|reasons)\s+(?:of|for)\s+", "", title).rstrip(".") or title
        topic = re.sub(r"^The\b", "the", topic)
        questions, reason = [f"Assess the reasons for {topic}."], f"for {topic}"
    for factor in factors:
        phrase = _phrase(factor.title, factors)
        if reason:
            questions.append(f"How far was {phrase} the main reason {reason}?")
        else:
            questions.append(f"{title} How far was {phrase} the main reason?")
    return tuple(dict.fromkeys(questions))
