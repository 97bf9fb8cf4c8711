"""Reading a question: which factor, if any, it names as the one to weigh.

"How far was the weakness of the opposition the main reason for Stalin's rise?"
states a factor; "Why was Stalin able to…" does not. We recognise the shape of
a stated-factor question with a few patterns, each with a slot X where the
factor sits, then match the pack's factors in that slot by title and keywords.

Matching works on words, not letters, so "key" never matches "monkey":
lower case, ’ and ' treated alike, possessive 's dropped ("Stalin's" = "Stalin"),
"the"/"his"/"a" ignored, and a plural s ignored ("rivals" = "rival").
The advice uses the same matching to ask "does this text mention factor F?".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from essayplan.model import Factor, Pack

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Words that never decide which factor is meant.
_FILLER = frozenset({"the", "a", "an", "his", "her", "its", "their"})


def _clean(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def _word(raw: str) -> str:
    if raw.endswith("'s"):
        raw = raw[:-2]
    raw = raw.replace("'", "")
    # A plural s is ignored on both sides, so "rivals" finds the keyword "rival".
    if len(raw) > 3 and raw.endswith("s") and not raw.endswith("ss"):
        raw = raw[:-1]
    return raw


def words(text: str) -> list[str]:
    """The text as words, normalised the way factor names are matched."""
    out = (_word(m.group()) for m in _WORD.finditer(_clean(text)))
    return [w for w in out if w and w not in _FILLER]


def _terms(factor: Factor) -> list[list[str]]:
    """The factor's title and keywords, as word sequences."""
    terms = [words(factor.title)] + [words(k) for k in factor.keywords]
    return [t for t in terms if t]


def _spans(text_words: list[str], factor: Factor) -> list[tuple[int, int]]:
    """Every (start, end) where one of the factor's terms occurs in the words."""
    spans = []
    for term in _terms(factor):
        size = len(term)
        for start in range(len(text_words) - size + 1):
            if text_words[start : start + size] == term:
                spans.append((start, start + size))
    return spans


def mentions(text: str, factor: Factor) -> bool:
    """Does the text name the factor, by its title or one of its keywords?"""
    return bool(_spans(words(text), factor))


def mentioned(text: str, factors: Iterable[Factor]) -> list[Factor]:
    """The factors a text names, in the order they are first named."""
    text_words = words(text)
    found = []
    for factor in factors:
        spans = _spans(text_words, factor)
        if spans:
            found.append((min(start for start, _ in spans), factor))
    found.sort(key=lambda pair: pair[0])
    return [factor for _, factor in found]


def _best(text: str, factors: Iterable[Factor]) -> Factor | None:
    """The factor whose title and keywords cover most words; ties go to the one named first."""
    text_words = words(text)
    best: tuple[int, int] | None = None
    choice = None
    for factor in factors:
        spans = _spans(text_words, factor)
        if not spans:
            continue
        covered = len({i for start, end in spans for i in range(start, end)})
        score = (covered, -min(start for start, _ in spans))
        if best is None or score > best:
            best, choice = score, factor
    return choice


# What follows the slot X in "How far was X the main reason…", "Was X the most important…".
_JUDGED = (
    r"(?:the\s+)?(?:single\s+)?(?:main|most\s+\w+|key|chief|principal|primary|major|decisive|crucial"
    r"|biggest|greatest|real|underlying)\s+(?:reason|cause|factor|explanation)"
)
_TAIL = (
    rf"\s+(?:{_JUDGED}|(?:(?:mainly|chiefly|largely|primarily|mostly|most|more|less)\s+)?"
    r"(?:responsible|to\s+blame|important|significant|decisive)\b)"
)
_BE = r"(?:was|were|is|are)"
# Each pattern recognises one shape of stated-factor question; group x is the slot.
_SHAPE_PATTERNS = (
    # How far was X the main reason… / To what extent was X responsible…
    rf"\b(?:how\s+far|to\s+what\s+extent)\s+{_BE}\s+(?P<x>.+?){_TAIL}",
    # How important was X in…
    rf"\bhow\s+(?:important|significant|decisive|crucial)\s+{_BE}\s+(?P<x>.+?)"
    r"(?:\s+(?:in|to|for|as|at|when|during|behind)\b|\s*[?.!]|$)",
    # How far did X explain… / To what extent can X be seen as…
    r"\b(?:how\s+far|to\s+what\s+extent)\s+(?:did|does|do|can|could)\s+(?P<x>.+?)\s+(?:explain|account|cause|lead"
    r"|contribute|make|allow|enable|help|bring|determine|be\s+seen|be\s+considered|be\s+regarded|be\s+said)\b",
    # Assess the importance of X in…
    r"\b(?:assess|evaluate|explain|analyse|analyze|discuss|examine)\s+(?:the\s+)?(?:importance|significance|role"
    r"|impact|contribution)\s+of\s+(?P<x>.+?)(?:\s+(?:in|to|for|on)\b|\s*[?.!]|$)",
    # Was X the most important…
    rf"(?:^|[.?!]\s+)['\"]?{_BE}\s+(?P<x>.+?){_TAIL}",
    # 'X was the main reason…' How far do you agree?
    rf"^['\"]?(?P<x>.+?)\s+{_BE}{_TAIL}",
    # How far was Stalin's rise due to X?
    r"\b(?:due\s+to|because\s+of|result\s+of|caused\s+by|explained\s+by|down\s+to|thanks\s+to|product\s+of)"
    r"\s+(?P<x>.+?)\s*(?:[?.!\"']|$)",
)
# Every shape needs one of these (its own words, or those its _TAIL needs): a question
# with none of them is open, and is answered without compiling the patterns (~7 ms).
_NEEDED = (
    "how far", "to what extent", "how crucial", "importance", "significance", "role", "impact", "contribution",
    "due to", "because of", "result of", "caused by", "explained by", "down to", "thanks to", "product of",
    "reason", "cause", "factor", "explanation", "responsible", "blame", "important", "significant", "decisive",
)  # fmt: skip


@functools.cache
def _shapes() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in _SHAPE_PATTERNS)


# "X, rather than Y, …": Y is what X is weighed against, not the stated factor.
_CONTRAST = r"\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to|more\s+than|compared\s+(?:to|with))\b"


def stated_factor(question: str, pack: Pack) -> Factor | None:
    """The factor a question asks the student to weigh, or None for an open question.

    The question must have a stated-factor shape; the factor in its slot wins,
    else the best match in the rest of the question (contrasted factors aside).
    """
    text = _clean(question)
    if not any(word in text for word in _NEEDED):
        return None
    recognised = False
    for shape in _shapes():
        match = shape.search(text)
        if not match:
            continue
        recognised = True
        slot = re.split(_CONTRAST, match["x"])[0]  # re caches the compiled pattern
        factor = _best(slot, pack.factors)
        if factor is not None:
            return factor
    if not recognised:
        return None
    return _best(re.sub(_CONTRAST + r"[^,;:?.!]*", " ", text), pack.factors)


# Questions that ask for a place on the judgement line, from "not at all" to "entirely".
_HOW_FAR = re.compile(
    r"\b(?:how\s+far|to\s+what\s+extent|assess\s+the\s+(?:validity|accuracy)|how\s+(?:valid|accurate|convincing)"
    r"|how\s+much\s+do\s+you\s+agree)\b"
)


def asks_how_far(question: str) -> bool:
    """Is it a 'how far' / 'to what extent' / 'assess the validity' question?"""
    return bool(_HOW_FAR.search(_clean(question)))
