"""The advice's reading of text gives what the plain regular expressions give, only faster:
sentences as the look-behind split made them, case-blind patterns as re.IGNORECASE finds them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan import advice_text
from essayplan.advice_text import COMPARE, CaseBlind, sentences

# Letters the lowering shortcut must get right (İ ı ſ fold to ASCII letters under IGNORECASE; K, ß,
# Σ and ligatures lower to other letters), the marks that end sentences, and the words the patterns seek.
PIECES = st.sampled_from(
    ["İ", "ı", "ſ", "K", "ß", "Σ", "ﬁ", "é", "’", ".", "!", "?", ";", "\n", "\n\n", " ", "  ", "\t", "\u2028", ",",
     "because", "BECAUSE", "of", "more", "Than", "rather", "RATHER THAN", "without", "main", "NOT", "n't", "1924", "x"]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=40)


@settings(max_examples=400)
@given(TEXT)
def test_sentences_are_the_look_behind_split(text):
    old = [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]
    assert list(sentences(text)) == old


@settings(max_examples=400)
@given(TEXT, st.sampled_from([COMPARE, advice_text._NEGATION]))  # JUDGEMENT, _MAIN, CAUSAL: test_advice_words.py
def test_a_case_blind_pattern_matches_where_ignorecase_does(text, pattern):
    found, blind = pattern.search(text), re.search(pattern.pattern, text, re.IGNORECASE)
    assert (found and found.span()) == (blind and blind.span())


def test_a_case_blind_pattern_must_be_written_in_lower_case():
    CaseBlind(r"\bwould\s+not\b\S")
    with pytest.raises(ValueError):
        CaseBlind(r"\bWould\b")
