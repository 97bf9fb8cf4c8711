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

from essayplan.advice_words import Phrases, may_contain
from essayplan.lazyre import Lazy
from essayplan.model import Factor, Pack

_APOSTROPHES = "\u2019\u2018\u02bc`\u00b4\u2032"  # read as 
_WORD = Lazy(r"[^\W_]+(?:'[^\W_]+)*")
# Words that never decide which factor is meant.
_FILLER = frozenset({"the", "a", "an", "his", "her", "its", "their"})


def _straight(text: str) -> str:
    """Every apostrophe-like mark made '. (str.translate with a table is ~20× slower on
    text that is not ASCII, as most students' text is not: a dash or a curly quote.)"""
    for mark in _APOSTROPHES:
        if mark in text:
            text = text.replace(mark, "'")
    return text


def _clean(text: str) -> str:
    return " ".join(_straight(text).lower().split())


def _word(raw: str) -> str:
    if raw.endswith("'s"):
        raw = raw[:-2]
    raw = raw.replace("'", "")
    # A plural s is ignored on both sides, so "rivals" finds the keyword "rival".
    if len(raw) > 3 and raw.endswith("s") and not raw.endswith("ss"):
        raw = raw[:-1]
    return raw


# Each word as _word makes it ("" for filler), worked out once: a plan's texts use a few
# hundred distinct words many times over.
_KEYS: dict[str, str] = {}


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # The advice asks for the words of the same texts many times on every change: keep them.
    keys = _KEYS
    if len(keys) > 100_000:
        keys.clear()
    out = []
    for raw in _WORD.findall(_straight(text).lower()):  # words: no need to even out the spaces
        key = keys.get(raw)
        if key is None:
            key = _word(raw)
            key = keys[raw] = "" if key in _FILLER else key
        if key:
            out.append(key)
    return tuple(out)


def words(text: str) -> list[str]:
    """The text as words, normalised the way factor names are matched."""
    return list(_words(text))


def _terms(factor: Factor) -> list[list[str]]:
    """The factor's title and keywords, as word sequences."""
    return [list(t) for t in term_tuples(factor.title, factor.keywords)]


@functools.lru_cache(maxsize=512)
def term_tuples(title: str, keywords: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A factor's title and keywords as word tuples (keyed by text, not by the factor and its cards)."""
    terms = [_words(title)] + [_words(k) for k in keywords]
    return tuple(t for t in terms if t)


def _spans(text_words: list[str], factor: Factor) -> list[tuple[int, int]]:
    """Every (start, end) where one of the factor's terms occurs in the words."""
    spans = []
    present = set(text_words)
    for term in term_tuples(factor.title, factor.keywords):
        if term[0] not in present:
            continue  # most terms are absent: skip the scan
        size = len(term)
        for start in range(len(text_words) - size + 1):
            if tuple(text_words[start : start + size]) == term:
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


@functools.lru_cache(maxsize=256)
def _slots(text: str) -> tuple[str, ...]:
    """The slot of each stated-factor shape the cleaned question has, contrasted words cut off."""
    if not any(word in text for word in _NEEDED):
        return ()
    return tuple(re.split(_CONTRAST, match["x"])[0] for shape in _shapes() if (match := shape.search(text)))


def _by_card(slot: str, pack: Pack) -> Factor | None:
    """The factor whose cards alone name the slot ("the Ban on Factions"), two words or more."""
    slot_words = [w for w in words(slot) if w not in GENERIC]
    if len(slot_words) < 2:
        return None
    owners = {
        factor.id
        for factor in pack.factors
        for card in factor.evidence
        if _contains(words(card.text), slot_words)
    }
    return pack.factor(owners.pop()) if len(owners) == 1 else None


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def stated_factor(question: str, pack: Pack) -> Factor | None:
    """The factor a question asks the student to weigh, or None for an open question.

    The question must have a stated-factor shape (or quote a claim to assess); the
    factor in its slot wins, then a factor whose cards alone name the slot, else the
    best match in the rest of the question (contrasted factors aside).
    """
    text = _clean(question)
    slots = _slots(text)
    claim = quoted_claim(question)
    if claim and not slots:
        return _best(re.sub(_CONTRAST + r"[^,;:?.!]*", " ", _clean(claim)), pack.factors)
    for slot in slots:
        factor = _best(slot, pack.factors) or _by_card(slot, pack)
        if factor is not None:
            return factor
    if not slots:
        return None
    return _best(re.sub(_CONTRAST + r"[^,;:?.!]*", " ", text), pack.factors)


# Words that never name a factor on their own in a student's text (rule 8 of issue 13):
# "his position", "a policy", "the party" are ordinary words, not a factor.
GENERIC = frozenset(
    _word(w) for w in "position policy power party people leader leadership support reason factor".split()
)
# A slot that is only a pronoun or a name asks about no factor.
_NO_FACTOR = frozenset("it this that these those they he she him them there".split())


def missing_factor(question: str, pack: Pack) -> str | None:
    """What a stated-factor question names that no factor of the pack is ("luck"), or None."""
    text = _clean(question)
    slots = _slots(text)
    if not slots or stated_factor(question, pack) is not None:
        return None
    slot = slots[0].strip(" '\"?.!,")
    content = [w for w in words(slot) if w not in _NO_FACTOR]
    return slot if content and len(slot) <= 60 else None


# The claim runs to the last closing quote before the instruction ("Stalin's" has an apostrophe).
_CLAIM = Lazy(r"^\s*['\"‘“](?P<claim>.+)['\"’”]\s+(?P<rest>[^'\"’”]+)$", re.DOTALL)
_OPENING_QUOTES = ("'", '"', "‘", "“")
_ASSESS = Lazy(r"\b(?:assess\s+the\s+validity|how\s+far\s+do\s+you\s+agree|how\s+valid|how\s+convincing|do\s+you\s+agree)")


def quoted_claim(question: str) -> str:
    """The claim an AQA or Edexcel question quotes for the student to assess, or ""."""
    # The claim opens with a quote (after white space: re's \s is str.isspace): a question
    # without one (most) is not matched, and the pattern not compiled.
    match = _CLAIM.match(question) if question.lstrip()[:1] in _OPENING_QUOTES else None
    if not match or not _ASSESS.search(_clean(match["rest"])):
        return ""
    return match["claim"]


# "Which was the more important reason for X: • A • B?" or "…: A or B?"
_WHICH = Lazy(r"\bwhich\s+(?:was|were|is|of\s+the\s+following\s+was)\s+(?:the\s+)?more\s+(?:important|significant)")
_BULLET = Lazy(r"\s*(?:[•●▪·*]|(?:^|\n)\s*-)\s*")


def options(question: str) -> tuple[str, str] | None:
    """The two things a GCSE two-bullet question asks the student to weigh against each other."""
    cleaned = _clean(question)
    if "which" not in cleaned or not _WHICH.search(cleaned):  # the literal first: most questions lack it
        return None
    parts = [p.strip().split("\n")[0].strip(" ?.:;,") for p in _BULLET.split(question)]
    parts = [p for p in parts[1:] if p]
    if len(parts) != 2:
        tail = question.rsplit(":", 1)[-1] if ":" in question else ""
        parts = [p.strip(" ?.:;,\n") for p in re.split(r"\s+or\s+", tail) if p.strip(" ?.:;,\n")]
    return (parts[0], parts[1]) if len(parts) == 2 else None


_RATHER = Lazy(
    r"(?P<a>[\w'’ ]+?)\s*,?\s+rather\s+than\s+(?P<b>[^,;:?.!]+)", re.IGNORECASE
)


@functools.lru_cache(maxsize=256)  # a pack's few questions, asked of every plan: the pattern backtracks
def rather_than(question: str) -> tuple[str, str] | None:
    """("Stalin", "Trotsky") for "…why Stalin, rather than Trotsky, succeeded Lenin": the comparison asked for."""
    match = _RATHER.search(question) if may_contain(question, "rather") else None  # most questions: not compiled
    if not match:
        return None
    # The first side is the last few words before "rather than", after a question word.
    before = re.split(r"\b(?:why|was|were|did|how\s+far|extent|that|is)\b", match["a"], flags=re.IGNORECASE)[-1]
    first, second = before.strip(" ,"), match["b"].strip()
    return (first, second) if first and second else None


# A question's period: "by 1929", "1924–29", "1919-23", "between 1924 and 1929", "in 1914".
_RANGE = Lazy(r"\b(1\d{3}|20\d{2})\s*(?:[-–—]|to|and)\s*(\d{2,4})\b")
_YEAR = Lazy(r"\b(1\d{3}|20\d{2})\b")


def period(question: str) -> tuple[int | None, int] | None:
    """(first year or None, last year) the question covers, or None when it names no year."""
    match = _RANGE.search(question)
    if match:
        start, end = int(match[1]), match[2]
        last = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if last >= start:
            return start, last
    years = [int(y) for y in _YEAR.findall(question)]
    return (None, max(years)) if years else None


_OUTCOME = Lazy(r"\b(?:reasons?|causes?|explanation)\s+(?:for|of)\s+(?P<o>[^?:;\n]+)", re.IGNORECASE)
_OUTCOME_TAIL = Lazy(r"\s*(?:,|\b(?:by|in|between|from|during)\b)[^,]*\d{4}.*$|[\s'\"’”.]+$")


def outcome(question: str) -> str:
    """What the question asks the causes of ("Stalin's rise to power"), or "" when it cannot tell."""
    match = _OUTCOME.search(question) if may_contain(question, "reason", "cause", "explanation") else None
    return _OUTCOME_TAIL.sub("", match["o"]).strip() if match else ""


# Questions that ask for a place on the judgement line, from "not at all" to "entirely".
# As words (advice_words: no regex to compile); the regex they stand for, which the tests compare them with:
_HOW_FAR_PATTERN = (
    r"\b(?:how\s+far|to\s+what\s+extent|assess\s+the\s+(?:validity|accuracy)|how\s+(?:valid|accurate|convincing)"
    r"|how\s+much\s+do\s+you\s+agree)\b"
)
_HOW_FAR = Phrases("how far/valid/accurate/convincing", "to what extent", "assess the validity/accuracy", "how much do you agree")


def asks_how_far(question: str) -> bool:
    """Is it a 'how far' / 'to what extent' / 'assess the validity' question?"""
    return bool(_HOW_FAR.search(_clean(question)))
