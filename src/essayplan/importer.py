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
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

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
    return _CONTROL.sub(" ", text)


# Unicode's Cc (controls) and Cs (surrogates), but for the newline.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


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
    following = next((lines[i] for i in range(index + 1, len(lines)) if lines[i].kind != "blank"), None)
    after = following if following is not None and following.kind == "line" else None
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


# A heading that says when causes acted, not what they were: "Long-term causes",
# "Short term factors", "Trigger – February 1917", "Immediate cause", "Preconditions".
_TIME_HEADING = re.compile(
    r"(?i)^(?:the\s+)?(?P<when>long[-\s]?term|short[-\s]?term|underlying|immediate|triggers?|preconditions?)\b"
)
_ROLE_OF = {"long": "long-term", "underlying": "long-term", "short": "short-term", "immediate": "trigger",
            "trigger": "trigger", "precondition": "precondition"}  # fmt: skip


def time_role(heading: str) -> str:
    """The role a time heading gives its causes ("" when the heading names a cause)."""
    match = _TIME_HEADING.match(heading.strip())
    if not match:
        return ""
    when = re.split(r"[-\s]", match["when"].lower())[0].rstrip("s")
    return _ROLE_OF.get(when, "")


def _by_cause(sections: list[tuple[str, list[tuple[str, str]]]]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(factor title, [(group, text, role)]): under a time heading the sub-headings are the causes.

    "Long-term causes" / "Nicholas II:" / points becomes the factor "Nicholas II", its
    cards grouped under "Long-term causes" with the role long-term; a cause met under
    two time headings is one factor. A section named after a cause stays as it is.
    """
    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    by_title: dict[str, list[tuple[str, str, str]]] = {}  # causes named under time headings, to merge
    for heading, points in sections:
        heading = " ".join(heading.split())
        role = time_role(heading)
        if not role:
            cards = [(group, text, "") for group, text in points]
            out.append((heading, cards))
            by_title.setdefault(heading, cards)
            continue
        for group, text in points:
            cause = " ".join(group.split()) or heading  # points straight under the time heading
            if cause not in by_title:
                by_title[cause] = []
                out.append((cause, by_title[cause]))
            by_title[cause].append((heading if cause != heading else "", text, role))
    return out


def _pack(card: _Card, sections: list[tuple[str, list[tuple[str, str]]]], name: str) -> Pack:
    stem = Path(name).stem or name
    title = " ".join(card.title.split()) or _point_text(re.sub(r"[-_]+", " ", stem)) or "Imported pack"
    factor_ids, card_ids = UniqueIds(), UniqueIds()
    causes = _by_cause(sections)
    taken = _shared_words(causes)
    factors = []
    for heading, points in causes:
        evidence = []
        for group, raw, role in points:
            text = _point_text(raw)
            evidence.append(
                Evidence(
                    id=card_ids.take(slug(text, "evidence", max_words=4)),
                    text=text,
                    group=" ".join(group.split()),
                    date=first_date(text),
                    role=role,
                )
            )
        factors.append(
            Factor(
                id=factor_ids.take(slug(heading, "factor")),
                title=heading,
                keywords=_keywords(heading, [g for g, _, _ in points], taken),
                evidence=tuple(evidence),
            )
        )
    source = f"Imported from {name}: '{title}'"
    if card.author:
        source += f" by {card.author}"
    if card.created:
        source += f", created {card.created}"
    return Pack(
        id=slug(title, "", max_len=48) or slug(stem, "imported-pack", max_len=48),
        title=title,
        subject=card.subject,
        period=title_period(title),
        source=source,
        questions=default_questions(title, factors),
        factors=tuple(factors),
    )


# -- Keywords ----------------------------------------------------------------


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text.lower().replace("’", "'"))
    return [w for w in words if len(w) > 2 and w not in STOP_WORDS and w not in _VAGUE]


# Words that name no particular cause, so they never make a keyword on their own.
_VAGUE = frozenset("""causes cause reasons reason factors factor problems problem issues issue long short term
    immediate underlying trigger triggers other points role importance""".split())


def _shared_words(causes: list[tuple[str, list[tuple[str, str, str]]]]) -> set[str]:
    """Words in more than one factor's title: a keyword of one of them would find the other."""
    seen: dict[str, int] = {}
    for title, _ in causes:
        for word in set(_content_words(title)):
            seen[word] = seen.get(word, 0) + 1
    return {word for word, count in seen.items() if count > 1}


def _keywords(title: str, groups: list[str], shared: set[str]) -> tuple[str, ...]:
    """How a question may name the factor: its title, its groups, its title's own words."""
    out: list[str] = []

    def add(phrase: str) -> None:
        phrase = re.sub(r"\s*\([^)]*\)", "", phrase)  # "General Secretary (1922)"
        phrase = " ".join(re.sub(r"^(?:the|a|an)\s+", "", phrase.strip().lower().replace("’", "'")).split())
        if phrase and not time_role(phrase) and phrase not in _VAGUE and phrase not in out:
            out.append(phrase)

    add(title)
    parts = [p for p in re.split(r"\s*(?:,|;|&|/|\band\b)\s*", title) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            add(part)
    for group in groups:
        add(group)
    for part in parts:  # the head noun of each part: "opposition" in "Weakness of the opposition"
        words = _content_words(part)
        if len(words) > 1 and words[-1] not in shared:
            add(words[-1])
    return tuple(out)


# -- The period --------------------------------------------------------------

_BY_YEAR = re.compile(r"(?i)\b(?:by|before|until|up\s+to)\s+(1\d{3}|20\d{2})\b")


def title_period(title: str) -> str:
    """The period the title gives, when it gives years ("1919–23", "1917"); "by 1929" is no period."""
    if _BY_YEAR.search(title):
        return ""
    found = first_date(title)
    return "" if found.endswith("s") else found


def _span(date: str) -> tuple[int, int] | None:
    found = first_date(date)
    if not found:
        return None
    first = int(found[:4])
    if found.endswith("s"):
        return first, first + 9
    if "–" in found:
        last = found.split("–")[1]
        return first, int(found[: 4 - len(last)] + last)
    return first, first


def period_notes(pack: Pack) -> list[str]:
    """A note for each card dated outside the period the title gives.

    A card after the period's end cannot have caused what it explains; a card
    before its start is noted too unless it is a long-term cause or a
    precondition. The title "…in 1917" or "…by 1929" gives only an end.
    """
    by = _BY_YEAR.search(pack.title)
    span = _span(by[1]) if by else _span(pack.period or pack.title)
    if span is None:
        return []
    start, end = span
    if by or pack.period == str(start):
        start = None  # one year is when it happened; its causes come before
    notes = []
    for factor in pack.factors:
        for card in factor.evidence:
            dates = _span(card.date)
            if dates is None:
                continue
            outside = None
            if dates[0] > end:
                outside = "after"
            elif start is not None and dates[1] < start and card.role not in ("long-term", "precondition"):
                outside = "before"
            if outside:
                period = pack.period or (by[0] if by else str(end))
                notes.append(
                    f"card {card.id!r} ({factor.title}) is dated {card.date}, {outside} the title's period "
                    f"({period}): check its date, or that it belongs in this pack"
                )
    return notes


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
    """A word compared without case, a possessive or a plural s: "Nazis" and "Nazi's" are "Nazi"."""
    return re.sub(r"['’]s$", "", word.lower()).removesuffix("s")


_DETERMINERS = frozenset("the a an his her its their this that these those our my".split())


class _Capitals(NamedTuple):
    """How the card's points write their words: `names` with a capital, `ordinary` in lower case."""

    names: frozenset[str]
    lower: frozenset[str]
    capital: frozenset[str]


def _capitals(factors: list[Factor]) -> _Capitals:
    """Read every card's words once (per pack, not per factor: a long card has hundreds of factors)."""
    capital, lower, initial = set(), set(), set()
    keys: dict[str, str] = {}  # each distinct word's key, worked out once
    for factor in factors:
        for card in factor.evidence:
            found = _WORD.findall(card.text)
            for index, word in enumerate(found):
                key = keys.get(word)
                if key is None:
                    key = keys[word] = _key(word)
                if word[0].islower():
                    lower.add(key)
                elif index == 0:
                    initial.add(key)  # a capital at the start of a sentence proves little…
                elif found[index - 1][0].islower() or found[index - 1].lower() in STOP_WORDS:
                    capital.add(key)  # …inside a sentence it makes a name (not "Ship Money": its second word)
    return _Capitals(frozenset(capital | (initial - lower)), frozenset(lower), frozenset(capital))


_WORD = re.compile(r"[^\W\d_]+")


def _phrase(title: str, capitals: _Capitals) -> str:
    """A factor's title as it reads inside a sentence, in the card's own capitals.

    A capital is dropped only from an ordinary word: one the card writes in lower
    case, a small word, or a heading's first word the card never uses as a name.
    Names stay: a word the card's points write with a capital ("Stresemann",
    "Weimar"), acronyms, and a run of capitals inside the title ("the First World War").
    """
    names, lower, capital = capitals
    tokens = re.split(r"([^\W\d_]+(?:['’][^\W\d_]+)*)", title)  # words at odd indexes
    words = tokens[1::2]
    keep = [False] * len(words)
    index = 0
    while index < len(words):
        word = words[index]
        if not word[0].isupper():
            index += 1
            continue
        # A run of capitals, joined by spaces or by "of"/"on"/"the" between capitals: "Treaty of Versailles".
        end = index + 1
        while end < len(words):
            if words[end][0].isupper() and tokens[2 * end].strip() in ("", "-"):
                end += 1
            elif words[end] in ("of", "on", "the") and end + 1 < len(words) and words[end + 1][0].isupper():
                end += 2
            else:
                break
        capitals = [i for i in range(index, end) if words[i][0].isupper()]
        before = words[index - 1] if index else ""
        mid_title = bool(before) and (before[0].islower() or before.lower() in STOP_WORDS)
        if len(capitals) > 1 and words[index].lower() in ("the", "a", "an"):
            capitals, mid_title = capitals[1:], True  # "The First World War": the name follows "The"
        for i in capitals:
            key = _key(words[i])
            if words[i][1:] != words[i][1:].lower() or words[i] == "I":
                keep[i] = True  # an acronym or a mixed-case name
            elif key in names and key not in (lower - capital):
                keep[i] = True  # the card writes it as a name
            elif mid_title and len(capitals) > 1:
                keep[i] = True  # "the First World War", "the Treaty of Versailles"
            elif mid_title and key not in lower and words[i].lower() not in STOP_WORDS:
                keep[i] = True  # "the Depression", unless the card writes "depression"
        index = end
    out = list(tokens)
    for i, word in enumerate(words):
        if word[0].isupper() and not keep[i]:
            out[2 * i + 1] = word.lower()
    return "".join(out)


def _plural(phrase: str) -> bool:
    """"Alliances", "Stresemann and economic recovery": were; "Weakness of the opposition": was."""
    if re.search(r"\s(?:and|&)\s", phrase):
        return True
    head = re.split(r"\s+(?:of|in|on|for|against|with|between|from|to)\s+", phrase)[0].split()
    last = head[-1].lower() if head else ""
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics"))


def _with_article(phrase: str) -> str:
    """"weakness of the opposition" → "the weakness of the opposition"; names and plurals as they are."""
    words = phrase.split()
    if not words or not words[0][0].islower() or words[0].lower() in _DETERMINERS:
        return phrase
    if len(words) > 1 and words[1].lower() == "of":
        return "the " + phrase
    return phrase


def _is_name(phrase: str) -> bool:
    """People or named things, kept in capitals by _phrase: "Stresemann", "Nicholas II", "Hindenburg and Papen"."""
    words = [w for w in phrase.split() if w not in ("and", "&")]
    if not words or not words[0][0].isupper() or words[0].lower() in _DETERMINERS or len(words) > 3:
        return False
    return all(w[0].isupper() for w in words) or (len(words) == 2 and words[0].endswith(("'s", "’s")))


_NOUN_OF = {
    "survive": "survival", "collapse": "collapse", "fall": "fall", "rise": "rise", "win": "victory",
    "lose": "defeat", "fail": "failure", "abdicate": "abdication", "succeed": "success", "decline": "decline",
    "emerge": "emergence", "break out": "outbreak", "come to power": "rise to power", "rise to power": "rise to power",
    "take power": "seizure of power", "seize power": "seizure of power", "gain power": "rise to power",
}  # fmt: skip


def _event_phrase(title: str) -> str | None:
    """"Why did the Weimar Republic survive 1919–23?" → "the survival of the Weimar Republic, 1919–23"."""
    bare = title.rstrip("?").strip()
    did = re.match(r"(?i)^why\s+did\s+(.+)$", bare)
    if not did:
        return None
    rest = did[1]
    for verb in sorted(_NOUN_OF, key=len, reverse=True):
        match = re.search(rf"(?i)^(.+?)\s+{verb}\b(.*)$", rest)
        if match:
            subject, after = match[1].strip(), match[2].strip()
            when = ""
            if after:
                when = f", {after}" if re.match(r"\d", after) else f" {after}"
            return f"the {_NOUN_OF[verb]} of {subject}{when}"
    return None


def default_questions(title: str, factors: list[Factor]) -> tuple[str, ...]:
    """An open question and one question per cause, worded as a teacher would set them.

    "How far was the weakness of the opposition the main reason why…", "How far were
    alliances the main reason for…"; a person gets "How important was Stresemann in
    the survival of the Weimar Republic, 1919–23?". Every one names its factor, so
    the app finds the stated factor. Time headings ("Long-term causes") are no cause.
    """
    capitals = _capitals(factors)
    if title.endswith("?"):
        questions, reason = [title], _reason_clause(title)
        event = _event_phrase(title)
    else:
        topic = re.sub(r"(?i)^(?:the\s+)?(?:causes|reasons)\s+(?:of|for)\s+", "", title).rstrip(".") or title
        topic = _phrase(topic, capitals)
        topic = re.sub(r"^The\b", "the", topic)
        questions, reason = [f"Assess the reasons for {topic}."], f"for {topic}"
        event = topic if topic != title or not re.match(r"(?i)the\s+(?:causes|reasons)", title) else None
    for factor in factors:
        if time_role(factor.title) and all(card.role for card in factor.evidence):
            continue  # points straight under "Trigger – February 1917": no cause is named
        # "Personality/General Secretary" reads "personality and General Secretary" in a sentence.
        phrase = _with_article(_phrase(re.sub(r"\s*/\s*", " and ", factor.title), capitals))
        if event and _is_name(phrase) and (not _plural(phrase) or " and " in phrase):
            questions.append(f"How important {'were' if _plural(phrase) else 'was'} {phrase} in {event}?")
        elif reason:
            be = "were" if _plural(phrase) else "was"
            questions.append(f"How far {be} {phrase} the main reason {reason}?")
        else:
            be = "were" if _plural(phrase) else "was"
            questions.append(f"{title} How far {be} {phrase} the main reason?")
    return tuple(dict.fromkeys(questions))
