"""Word-list patterns matched on words (advice_words.Phrases) find what their regular
expressions find: the same first match's start, on generated text and on every text (and
sentence) of the advice corpus."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan import advice_text, question
from essayplan.advice_words import Phrases
from paths import ADVICE_CORPUS

CASE_BLIND = [advice_text.JUDGEMENT, advice_text.CAUSAL, advice_text._MAIN]

# Every word the phrases name, pieces of them, and what may sit between two words.
WORDS = sorted(
    set(
        re.findall(
            r"[a-z]+",
            " ".join(p.pattern for p in CASE_BLIND) + question._HOW_FAR_PATTERN.replace(r"\s", " ").replace(r"\b", " "),
        )
    )
    - {"s", "w", "b", "d", "n"}
)
GAPS = [" ", "  ", "\t", "\n", "\u2028", "\xa0", "-", ",", ".", "'", "’", "_", "1", "é", "İ", "ı", "ſ", "K", ""]
PIECE = st.sampled_from(WORDS) | st.sampled_from(GAPS) | st.sampled_from([w.upper() for w in WORDS[:20]])
TEXT = st.lists(PIECE, max_size=25).map("".join) | st.text(max_size=30)


def _start(match) -> int | None:
    return None if match is None else match.start()


@settings(max_examples=1500)
@given(TEXT, st.sampled_from(CASE_BLIND))
def test_case_blind_phrases_start_where_the_regex_does(text, pattern):
    # The phrases on the lowered text are the lower-case regex on it (CaseBlind's other path) ...
    lowered = text.lower()
    assert _start(pattern.phrases.search(lowered)) == _start(re.search(pattern.pattern, lowered))
    # ... and the pattern, by whichever path, starts where re.IGNORECASE does.
    assert _start(pattern.search(text)) == _start(re.search(pattern.pattern, text, re.IGNORECASE))


def test_phrases_serve_the_first_searches_then_the_compiled_regex():
    blind = advice_text.CaseBlind(advice_text.CAUSAL.pattern, advice_text.CAUSAL.phrases)
    texts = (["It failed SO badly", "a story", "the Causes", "as a  result"] * advice_text.PHRASE_SEARCHES)[: advice_text.PHRASE_SEARCHES]
    starts = [_start(blind.search(text)) for text in texts]
    assert "compiled" not in vars(blind._lower)  # not yet: the phrases answered
    starts += [_start(blind.search(text)) for text in texts]
    assert "compiled" in vars(blind._lower)  # the regex, compiled once the phrases had served their turn
    assert starts == [_start(re.search(blind.pattern, text, re.IGNORECASE)) for text in texts * 2]


@settings(max_examples=1500)
@given(TEXT)
def test_how_far_phrases_match_where_the_regex_does(text):
    for seen in (text, question._clean(text)):
        assert _start(question._HOW_FAR.search(seen)) == _start(re.search(question._HOW_FAR_PATTERN, seen))


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted(ADVICE_CORPUS.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and item.strip():
                texts.append(item)
    return texts


def test_the_corpus_is_matched_as_by_the_regexes():
    texts = _corpus_texts()
    assert len(texts) > 100
    pieces = texts + [s for text in texts for s in advice_text.sentences(text)]
    for text in pieces:
        for pattern in CASE_BLIND:
            lowered = text.lower()
            assert _start(pattern.phrases.search(lowered)) == _start(re.search(pattern.pattern, lowered)), text
            assert _start(pattern.search(text)) == _start(re.search(pattern.pattern, text, re.IGNORECASE)), text
        cleaned = question._clean(text)
        assert _start(question._HOW_FAR.search(cleaned)) == _start(re.search(question._HOW_FAR_PATTERN, cleaned))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("to a greatextent", 0),  # \s* lets the size and "extent" be one word
        ("it was, to some  lesser\textent, right", 8),
        ("to a extent", 0),
        ("to an extent", None),
        ("more—than", None),  # only white space between a phrase's words
        ("outweighs", 0),
        ("the cause", None),  # caus\w+: one letter at least after the prefix
        ("causes", None),  # …in JUDGEMENT: no
    ],
)
def test_phrases_written_as_the_regex_reads(text, start):
    assert _start(advice_text.JUDGEMENT.search(text)) == start


def test_a_prefix_word_needs_what_follows_it():
    phrases = Phrases("caus+ of", "result*")
    assert phrases.search("caus of") is None
    assert phrases.search("the causes of war").start() == 4
    assert phrases.search("result").start() == 0
    assert phrases.search("") is None


QUESTION_PIECES = st.sampled_from(
    ["rather", "RATHER", "Rather", "raTher", "than", "THAN", " ", ", ", "reason", "REASONS", "reaſon", "cauſes", "Cause",
     "causes", "explanation", "EXPLANATION", " for ", " of ", " OF ", "Stalin", "Trotsky", "İ", "ı", "ſ", "K", "?", "1929",
     "why", "was", " by 1929", "’", "x"]
)  # fmt: skip
QUESTION = st.lists(QUESTION_PIECES, max_size=16).map("".join) | st.text(max_size=30)


def _old_rather_than(text):  # question.rather_than as it was: the pattern searched every time
    match = question._RATHER.search(text)
    if not match:
        return None
    before = re.split(r"\b(?:why|was|were|did|how\s+far|extent|that|is)\b", match["a"], flags=re.IGNORECASE)[-1]
    first, second = before.strip(" ,"), match["b"].strip()
    return (first, second) if first and second else None


def _old_outcome(text):
    match = question._OUTCOME.search(text)
    return question._OUTCOME_TAIL.sub("", match["o"]).strip() if match else ""


@settings(max_examples=1500)
@given(QUESTION)
def test_questions_without_the_words_skip_the_patterns(text):
    assert question.rather_than(text) == _old_rather_than(text)
    assert question.outcome(text) == _old_outcome(text)
    if not question.may_contain(text, "rather"):
        assert question._RATHER.search(text) is None
    if not question.may_contain(text, "reason", "cause", "explanation"):
        assert question._OUTCOME.search(text) is None


def test_an_odd_letter_is_searched_as_before():
    assert question.rather_than("Why Stalin, raTher than Trotsky?") == ("Stalin", "Trotsky")
    assert question.outcome("What were the reaſons for the war?") == "the war"  # ſ is an s to re.IGNORECASE
    assert question.outcome("What were the reasons") == ""
