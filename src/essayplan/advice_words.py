"""Word-list patterns matched on words, without compiling a regular expression.

A pattern such as \\b(?:main|key|most\\s+important|outweigh\\w*)\\b is a list of phrases, each of
whole words separated by white space. Compiling one is pure Python (re._parser), ~0.2–0.7 ms
each, which a one-shot command (`essayplan export`) paid for every such pattern it used. Here
the text is cut into its \\w+ runs (one tiny pattern) and each phrase looked up by its first word
in a dict: the same places as the regex, where a run of \\w is a word and the gap between two
words of a phrase must be white space only (\\s+). Written as strings: "more than/important"
is `more\\s+(?:than|important)`; a word ending "*" is a prefix followed by \\w*, "+" by \\w+.
tests/core/test_advice_words.py checks each pattern against its regex on generated text.
"""

from __future__ import annotations

import functools

from essayplan.lazyre import Lazy

_RUN = Lazy(r"\w+")
# The only characters re.IGNORECASE pairs with an ASCII letter otherwise than str.lower() does
# (İ ı ſ; checked over every code point): a text without them can be lowered and searched instead.
ODD = ("\u0130", "\u0131", "\u017f")


def may_contain(text: str, *literals: str) -> bool:
    """False only when a case-blind search (re.IGNORECASE) could find none of the literals (words of
    lower-case ASCII letters) in `text`: a pattern that needs one of them need not be compiled."""
    if any(odd in text for odd in ODD):
        return True
    lowered = text.lower()
    return any(literal in lowered for literal in literals)


class Hit:
    """Where a phrase starts (the regex's match.start()), worked out when asked: most callers
    only ask whether there is one."""

    __slots__ = ("_text", "_run", "_spans")

    def __init__(self, text: str, run: int, spans: list[tuple[int, int]] | None) -> None:
        self._text, self._run, self._spans = text, run, spans

    def start(self) -> int:
        spans = self._spans or [match.span() for match in _RUN.finditer(self._text)]
        return spans[self._run][0]


# One word of a phrase: the words it may be, or a prefix and how many \w must follow it (0 or 1).
_Word = frozenset[str] | tuple[str, int]


def _word(spec: str) -> _Word:
    if spec[-1] in "*+":
        return (spec[:-1], 0 if spec[-1] == "*" else 1)
    return frozenset(spec.split("/"))


def _fits(word: _Word, run: str) -> bool:
    if isinstance(word, frozenset):
        return run in word
    prefix, more = word
    return run.startswith(prefix) and len(run) >= len(prefix) + more


def _may_be_in(word: _Word, present: set[str]) -> bool:
    """Could the word be one of the runs present? (A prefix: not ruled out here.)"""
    return not isinstance(word, frozenset) or not word.isdisjoint(present)


class Phrases:
    """\\b(?:phrase|phrase|…)\\b, case-sensitive, for `search` (the first match's start) only."""

    def __init__(self, *phrases: str) -> None:
        self.phrases = phrases  # indexed when first searched: a command may never search them

    @functools.cached_property
    def _index(self) -> tuple[dict[str, list[tuple[_Word, ...]]], list[tuple[tuple[str, int], tuple[_Word, ...]]], tuple[str, ...]]:
        exact: dict[str, list[tuple[_Word, ...]]] = {}  # first word → the rest of each phrase
        prefixed: list[tuple[tuple[str, int], tuple[_Word, ...]]] = []  # (prefix, \w after it), the rest
        for phrase in self.phrases:
            first, *rest = (_word(spec) for spec in phrase.split())
            if isinstance(first, frozenset):
                for word in first:
                    exact.setdefault(word, []).append(tuple(rest))
            else:
                prefixed.append((first, tuple(rest)))
        return exact, prefixed, tuple(prefix for (prefix, _more), _rest in prefixed)

    def search(self, text: str) -> Hit | None:
        exact, prefixed, prefixes = self._index
        runs = _RUN.findall(text)
        present = set(runs)
        # The phrases whose words are all in the text (most texts have few), by first word.
        live = {}
        for first in exact.keys() & present:
            tails = [rest for rest in exact[first] if all(_may_be_in(word, present) for word in rest)]
            if tails:
                live[first] = tails
        near = tuple(prefix for prefix in prefixes if prefix in text)  # a prefixed run needs its prefix
        if not live and not near:
            return None
        spans = None  # the runs' places, found only when a phrase of several words needs its gaps
        for i, run in enumerate(runs):
            tails = live.get(run, [])
            if near and run.startswith(near):
                tails = tails + [rest for first, rest in prefixed if _fits(first, run)]
            if not tails:
                continue
            if () in tails:  # a phrase of one word: the run is it
                return Hit(text, i, spans)
            if spans is None:
                spans = [match.span() for match in _RUN.finditer(text)]
            if any(self._follows(text, runs, spans, i, rest) for rest in tails):
                return Hit(text, i, spans)
        return None

    @staticmethod
    def _follows(text: str, runs: list[str], spans: list[tuple[int, int]], i: int, rest: tuple[_Word, ...]) -> bool:
        """Do the phrase's other words follow run i, one a run, with white space only between?"""
        if i + len(rest) >= len(runs):
            return False
        for step, word in enumerate(rest, start=1):
            if not text[spans[i + step - 1][1] : spans[i + step][0]].isspace() or not _fits(word, runs[i + step]):
                return False
        return True
