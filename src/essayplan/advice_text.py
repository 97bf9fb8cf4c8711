"""Reading a student's text for the advice (issue 13): sentences, the factors a sentence
names, what was copied from a card, the factor a judgement calls the main one, years.

Everything here is pack-agnostic: factors are named by their title and keywords
(question.py), except that a keyword which is one ordinary word ("position", "policy",
"party") never names a factor on its own, and a sentence copied from a card is not the
student's own. Patterns are compiled once, when first used (lazyre).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from essayplan.advice_words import ODD, Hit, Phrases
from essayplan.lazyre import Lazy
from essayplan.model import Factor, Pack
from essayplan.question import GENERIC, _words, term_tuples

# A sentence ends at . ! ? ; followed by white space (taken out), or at a line break. The marks are
# found by one character class, which the regex engine skips to: a pattern led by a look-behind
# (?<=[.!?;])\s+|\n+ gives the same pieces, trying its branches at every character, 3× slower.
_MARK = Lazy(r"[.!?;\n]")
_SPACE = Lazy(r"\s*")
_NEWLINES = Lazy(r"\n*")


PHRASE_SEARCHES = 32  # ~ where the regex's compiling (0.3–0.7 ms) pays for itself


class CaseBlind:
    """A pattern matched regardless of case, ~3× faster than re.IGNORECASE: the text is lowered
    and matched case-sensitively (the pattern is written in lower case). That finds the same
    matches at the same places for every text without İ, ı or ſ, the only characters that
    re.IGNORECASE pairs with an ASCII letter (or '\\w', or one character) otherwise than lower()
    does (checked over every code point); a text with one is matched as before."""

    _ODD = ODD  # İ ı ſ

    def __init__(self, pattern: str, phrases: Phrases | None = None) -> None:
        # (A pattern its own lower case has none to take out: no escape to strip, no regex to compile.)
        if pattern != pattern.lower() and re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
            raise ValueError(f"write a CaseBlind pattern in lower case: {pattern}")
        self.pattern = pattern
        self._lower = Lazy(pattern)  # compiled when first searched
        # The same pattern as phrases of words, when it is one (advice_words): a command that searches
        # a few texts compiles no regex; the regex, once compiled, is faster per text (~7 against
        # ~24 µs for CAUSAL on 500 letters), so after PHRASE_SEARCHES searches it is compiled.
        self.phrases = phrases
        self._phrase_searches = 0

    def search(self, text: str) -> re.Match[str] | Hit | None:
        """Where the pattern first matches in `text` (the match's own text is lowered); given
        phrases, only where it starts (`start()`)."""
        if any(odd in text for odd in self._ODD):
            return re.search(self.pattern, text, re.IGNORECASE)  # compiled once, in re's own cache
        if self.phrases is not None and self._phrase_searches < PHRASE_SEARCHES:
            self._phrase_searches += 1
            return self.phrases.search(text.lower())
        return self._lower.search(text.lower())


# Clauses of a judgement: "Although A, B was the main reason" has two.
_CLAUSE = Lazy(r"[,;:]\s*|\s+(?:but|although|though|whereas|while|however|yet)\s+", re.IGNORECASE)

# Comparative or causal language relating one factor to another (rule 1): "more important than",
# "outweighed", "only because", "without", "depended on", "rather than".
COMPARE = CaseBlind(
    r"\b(?:more|less|greater|bigger|larger|smaller|stronger|weaker)\b[^.;]{0,60}?\bthan\b|\boutweigh\w*|\brather\s+than"
    r"|\bonly\s+(?:because|possible|mattered|worked|succeeded|after|when|once|through|as|since)\b|\bwithout\b"
    r"|\bdepend\w*\s+(?:on|upon)\b|\brel(?:y|ied|ies|ying)\s+on\b|\bcompared\s+(?:to|with)\b|\bwhereas\b"
    r"|\benabl\w+|\ballow\w*|\bmade\s+(?:it\s+)?possible\b|\bmeant\s+that\b|\bled\s+to\b|\bexploit\w*"
    r"|\bbecause\b(?!\s+of)|\bon\s+(?:its|their)\s+own\b|\bby\s+itself\b|\bnecessary\b|\bsufficient\b|\bin\s+combination\b"
    r"|\bcombined\s+with\b|\bkey\s+to\b|\bunless\b|\bbut\s+for\b|\bwould\s+(?:not|never|have)\b|\bwouldn't\b"
    r"|\bcould\s+not\s+have\b|\bcouldn't\s+have\b|\bmattered\s+(?:more|less)\b|\bturned\s+\w+\s+against\b",
)
# A reason given for a judgement (rule 3).
REASON = CaseBlind(
    r"\b(?:because|as\s+(?:it|this|that|he|she|they|there|these|those|his|her|their|without|only)|since|without|so"
    r"|therefore|thus|hence|given\s+that|as\s+a\s+result|meant|allowed"
    r"|enabled|through|only\s+when|by\s+\w+ing|which\s+(?:let|gave|made))\b",
)
# Causal connectives: an explanation has at least one; a story of events has none (rule 6).
CAUSAL = CaseBlind(
    r"\b(?:because|so|therefore|thus|hence|as\s+a\s+result|consequently|meant|made|gave|allowed|enabled|helped|led"
    r"|let|so\s+that|in\s+order\s+to|without|due\s+to|result\w*|caus\w+|why|able\s+to|could|would|shows?|showed"
    r"|explains?|weaken\w*|strengthen\w*|ensur\w*|undermin\w*|depend\w*|relied|exploit\w*)\b",
    Phrases(
        "because/so/therefore/thus/hence/consequently/meant/made/gave/allowed/enabled/helped/led/let/without/why"
        "/could/would/show/shows/showed/explain/explains/relied",
        "as a result", "so that", "in order to", "due to", "able to",
        "result*", "caus+", "weaken*", "strengthen*", "ensur*", "undermin*", "depend*", "exploit*",
    ),
)  # fmt: skip
_EXTENT_BY = "great/large/limited/certain/considerable/significant/lesser/greater/small"
# Words that make a conclusion a judgement, including extent language ("largely valid",
# "to a great extent", "necessary but not sufficient") (rule 3).
JUDGEMENT = CaseBlind(
    r"\b(?:most|main(?:ly)?|key|crucial|decisive|more\s+(?:than|important|significant|decisive)|outweigh\w*"
    r"|primar(?:y|ily)|above\s+all|chief(?:ly)?|principal(?:ly)?|fundamental(?:ly)?|biggest|greatest|vital"
    r"|essential|ultimately|less\s+important|least|without\s+(?:which|this|it|him)|only\s+possible|largely|partly"
    r"|partially|mostly|entirely|wholly|to\s+(?:a|some)\s+(?:great|large|limited|certain|considerable|significant"
    r"|lesser|greater|small)?\s*extent|(?:in)?valid(?:ity)?|necessary|sufficient|(?:dis)?agree|on\s+balance)\b",
    Phrases(
        "most/main/mainly/key/crucial/decisive/primary/primarily/chief/chiefly/principal/principally/fundamental"
        "/fundamentally/biggest/greatest/vital/essential/ultimately/least/largely/partly/partially/mostly/entirely"
        "/wholly/valid/invalid/validity/invalidity/necessary/sufficient/agree/disagree",
        "more than/important/significant/decisive", "outweigh*", "above all", "less important",
        "without which/this/it/him", "only possible", "on balance",
        # to\s+(?:a|some)\s+(?:ADJ)?\s*extent: no ADJ, ADJ then a space, ADJ and "extent" as one word
        "to a/some extent", f"to a/some {_EXTENT_BY} extent",
        "to a/some " + "/".join(f"{size}extent" for size in _EXTENT_BY.split("/")),
    ),
)  # fmt: skip
# The claim that one factor was the main one (rule 2), and what cancels it in its clause.
_MAIN = CaseBlind(
    r"\b(?:main|key|crucial|decisive|chief|principal|primary|biggest|greatest|fundamental|mainly|primarily|chiefly"
    r"|most\s+(?:important|significant|decisive|crucial|influential)|single\s+most|above\s+all|largely\s+(?:valid|right|true|correct))\b",
    Phrases(
        "main/key/crucial/decisive/chief/principal/primary/biggest/greatest/fundamental/mainly/primarily/chiefly",
        "most important/significant/decisive/crucial/influential", "single most", "above all",
        "largely valid/right/true/correct",
    ),
)  # fmt: skip
_NEGATION = CaseBlind(r"\b(?:not|never|no|less|rather\s+than|instead\s+of|more\s+than)\b|n't\b")
# A year from 1500 to 2049, and "1924–29", "1919-23", "1917 to 1922".
_YEARS = Lazy(r"\b(1[5-9]\d\d|20[0-4]\d)(?:\s*(?:[-\u2013\u2014]|to)\s*(\d{2}(?:\d\d)?)\b)?(s\b)?")
# Every year _YEARS finds starts so: a text without one (most) is not searched. This pattern begins
# with a literal digit, which the regex engine skips to; _YEARS begins with \b, tried everywhere.
_YEAR_START = Lazy(r"1[5-9]\d\d|20[0-4]\d")
_NGRAM = 5  # words in a row shared with a card that mark a sentence as copied


def sentences(text: str) -> tuple[str, ...]:
    return _sentences(text)


@functools.lru_cache(maxsize=1024)  # the rules read the same few texts several times in one advice
def _sentences(text: str) -> tuple[str, ...]:
    out, start = [], 0
    for mark in _MARK.finditer(text):
        at = mark.start()
        if at < start:
            continue  # in the white space the last sentence's end took out
        if text[at] == "\n":
            end = _NEWLINES.match(text, at).end()
            out.append(text[start:at])
        else:
            end = _SPACE.match(text, at + 1).end()
            if end == at + 1:
                continue  # "1.5", "e.g.": no space after it
            out.append(text[start : at + 1])
        start = end
    out.append(text[start:])
    return tuple(s for s in out if s.strip())


@functools.lru_cache(maxsize=512)
def _own_terms(title: str, keywords: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The factor's terms, less those that are one ordinary word (rule 8)."""
    return tuple(t for t in term_tuples(title, keywords) if not (len(t) == 1 and t[0] in GENERIC))


# The last factors' terms, by identity (like _NGRAMS below): names() runs for every sentence.
_TERMS: dict[int, tuple[object, list[tuple[Factor, tuple[tuple[str, ...], ...]]]]] = {}


def _factor_terms(factors: Iterable[Factor]) -> list[tuple[Factor, tuple[tuple[str, ...], ...]]]:
    cached = _TERMS.get(id(factors))
    if cached is not None and cached[0] is factors:
        return cached[1]
    terms = [(factor, _own_terms(factor.title, factor.keywords)) for factor in factors]
    if isinstance(factors, tuple):  # a tuple cannot change behind the cache's back
        if len(_TERMS) > 8:
            _TERMS.clear()
        _TERMS[id(factors)] = (factors, terms)
    return terms


def may_name(text: str, factor: Factor) -> bool:
    """False when `names` cannot find the factor in the text (no term's first word is in it): a
    quick test before looking for every factor."""
    present = set(_words(text))
    return any(term[0] in present for term in _own_terms(factor.title, factor.keywords))


def names(text: str, factors: Iterable[Factor]) -> list[Factor]:
    """The factors a text names, in order, by terms that are more than one ordinary word."""
    text_words = _words(text)
    present = set(text_words)
    found = []
    for factor, terms in _factor_terms(factors):
        starts = [at for term in terms if term[0] in present and (at := _first(text_words, term)) is not None]
        if starts:
            found.append((min(starts), factor))
    found.sort(key=lambda pair: pair[0])
    return [factor for _, factor in found]


def _first(text_words: tuple[str, ...], term: tuple[str, ...]) -> int | None:
    """Where the term first occurs in the words, or None: only where its first word is (tuple.index)."""
    head, size = term[0], len(term)
    try:
        at = text_words.index(head)
        while size > 1 and text_words[at : at + size] != term:
            at = text_words.index(head, at + 1)
    except ValueError:
        return None
    return at


# The last pack's card n-grams, by identity: hashing a pack and all its cards on every call costs more.
_NGRAMS: dict[int, tuple[Pack, frozenset[tuple[str, ...]]]] = {}


def _card_ngrams(pack: Pack) -> frozenset[tuple[str, ...]]:
    cached = _NGRAMS.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    grams = set()
    for factor in pack.factors:
        for card in factor.evidence:
            card_words = _words(card.text)
            grams.update(card_words[i : i + _NGRAM] for i in range(len(card_words) - _NGRAM + 1))
    if len(_NGRAMS) > 8:
        _NGRAMS.clear()
    _NGRAMS[id(pack)] = (pack, frozenset(grams))
    return _NGRAMS[id(pack)][1]


# The last pack's answers, by identity like _NGRAMS: each rule asks again of the texts it reads.
_COPIED: dict[int, tuple[Pack, dict[str, bool]]] = {}


def copied(sentence: str, pack: Pack) -> bool:
    """Is most of the sentence a card's words, run for run?"""
    kept = _COPIED.get(id(pack))
    if kept is None or kept[0] is not pack or len(kept[1]) > 20_000:
        if len(_COPIED) > 8:
            _COPIED.clear()
        kept = _COPIED[id(pack)] = (pack, {})
    answer = kept[1].get(sentence)
    if answer is None:
        answer = kept[1][sentence] = _copied(sentence, pack)
    return answer


def _copied(sentence: str, pack: Pack) -> bool:
    sentence_words = _words(sentence)
    if len(sentence_words) < _NGRAM:
        return False
    grams = _card_ngrams(pack)
    covered: set[int] = set()
    for i in range(len(sentence_words) - _NGRAM + 1):
        if sentence_words[i : i + _NGRAM] in grams:
            covered.update(range(i, i + _NGRAM))
    return len(covered) >= 0.6 * len(sentence_words)


def own(text: str, pack: Pack) -> str:
    """The text without the sentences copied from a card: what the student said."""
    if not text.strip():
        return ""
    return " ".join(s for s in sentences(text) if not copied(s, pack))


def main_factor(text: str, factors: Iterable[Factor]) -> Factor | None:
    """The factor a judgement calls the main one ("…the main reason was X"), or None when unclear.

    The first clause with a main-claim word that names a factor decides; a negation before
    the claim ("X was not the main reason") cancels that clause; factors after "rather
    than" or "not" are the ones set aside, not the main one.
    """
    from essayplan.question import mentioned  # generic words count here: "his position was the main reason"

    factors = tuple(factors)
    for clause in (c for sentence in sentences(text) for c in _CLAUSE.split(sentence)):
        claim = _MAIN.search(clause)
        if not claim:
            continue
        negation = _NEGATION.search(clause)
        if negation and negation.start() < claim.start():
            head = clause[: negation.start()]
            if mentioned(head, factors) and not re.search(r"rather|instead|more", negation.group(), re.I):
                continue  # "X was not the main reason"
            clause = head if mentioned(head, factors) else clause[negation.end() :]
        elif negation:
            clause = clause[: negation.start()]
        found = mentioned(clause, factors)
        if found:
            return found[0]
    return None


def years(text: str) -> list[tuple[int, int]]:
    """Each year or span of years a text names: "1924–29" → (1924, 1929), "the 1920s" → (1920, 1929)."""
    out = []
    if not _YEAR_START.search(text):
        return out
    for match in _YEARS.finditer(text):
        first = int(match[1])
        last = first
        if match[2]:
            tail = match[2]
            last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
            if last < first:
                last = first
        elif match[3]:
            last = first + 9
        out.append((first, last))
    return out
