"""Recognising the factor a question states, and naming factors in text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from essayplan.model import Factor, Pack
from essayplan.question import mentioned, mentions, stated_factor

PACK = Pack(
    id="stalin-rise",
    title="Stalin's Rise to Power",
    factors=(
        Factor("policies", "Stalin's policies", keywords=("policies", "socialism in one country", "industrialisation")),
        Factor("opposition", "Weakness of the opposition", keywords=("opposition", "trotsky", "rivals")),
        Factor(
            "personality",
            "Stalin's personality and position as General Secretary",
            keywords=("personality", "general secretary", "position"),
        ),
    ),
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How far was the weakness of the opposition the main reason for Stalin's rise to power?", "opposition"),
        ("Was Stalin's position as General Secretary the most important reason why he became leader?", "personality"),
        ("To what extent were Stalin's policies responsible for his rise to power?", "policies"),
        ("How important was Stalin's personality in his rise to power by 1929?", "personality"),
        ("'The weakness of the opposition was the main reason Stalin became leader.' How far do you agree?", "opposition"),
        ("\u201cStalin\u2019s policies were the key reason for his success.\u201d How far do you agree?", "policies"),
        ("How far do you agree that Stalin's rivals were the main reason he rose to power?", "opposition"),
        ("How far did Socialism in One Country explain Stalin's success?", "policies"),
        ("Assess the importance of industrialisation in Stalin's rise.", "policies"),
        ("How far was Stalin's rise to power due to the failures of Trotsky?", "opposition"),
        ("HOW FAR WAS THE WEAKNESS OF THE OPPOSITION THE MAIN REASON FOR STALIN'S RISE?", "opposition"),
        # Curly and straight apostrophes, with and without "the".
        ("How far was Stalin\u2019s position the main reason for his rise?", "personality"),
        ("How far was weakness of opposition the main reason for Stalin's rise?", "opposition"),
    ],
)
def test_stated_factor_is_recognised(question, expected):
    factor = stated_factor(question, PACK)
    assert factor is not None and factor.id == expected


@pytest.mark.parametrize(
    "question",
    [
        "Why was Stalin able to become leader of the Soviet Union by 1929?",
        "Assess the reasons why Stalin, rather than Trotsky, succeeded Lenin.",
        "Explain why Stalin's policies helped him to power.",
        "How far was luck the main reason for Stalin's rise to power?",
        "",
    ],
)
def test_open_questions_state_no_factor(question):
    assert stated_factor(question, PACK) is None


def test_the_slot_wins_over_a_factor_named_elsewhere():
    # Trotsky (opposition) is in the question, but the slot names the position.
    question = "How far was Stalin's position, rather than Trotsky's mistakes, the main reason for his rise?"
    assert stated_factor(question, PACK).id == "personality"
    # Outside the slot, policies covers more words; the slot still wins.
    question = "How far was Trotsky the main reason for the success of Stalin's policies and Socialism in One Country?"
    assert stated_factor(question, PACK).id == "opposition"


def test_a_recognised_shape_without_a_factor_in_the_slot_falls_back_to_the_best_match():
    question = "How far was the main reason for Stalin's rise the weakness of Trotsky?"
    assert stated_factor(question, PACK).id == "opposition"
    # …but a factor only contrasted with the stated one is not it.
    question = "How far was Stalin's cunning the main reason for his rise, rather than Trotsky's mistakes?"
    assert stated_factor(question, PACK) is None


def test_the_factor_covering_most_words_of_the_slot_wins():
    # "position" alone is personality's keyword; the title covers more.
    both = Pack("p", "p", factors=(Factor("a", "Position", keywords=("position",)), PACK.factors[2]))
    question = "How far was Stalin's position as General Secretary the main reason for his rise?"
    assert stated_factor(question, both).id == "personality"


def test_keywords_match_whole_words_only():
    pack = Pack("p", "p", factors=(Factor("key", "Keys", keywords=("key",)),))
    assert not mentions("A monkey was the main reason.", pack.factors[0])
    assert stated_factor("How far was the monkey the main reason for it?", pack) is None
    assert mentions("The key reason was…", pack.factors[0])


def test_mentioned_lists_factors_in_the_order_they_are_named():
    text = "Without Trotsky's blunders, Stalin's policies would not have won votes."
    assert [f.id for f in mentioned(text, PACK.factors)] == ["opposition", "policies"]
    assert mentioned("Lenin died in 1924.", PACK.factors) == []


def test_the_bundled_pack_questions(bundled_pack):
    found = {q: stated_factor(q, bundled_pack) for q in bundled_pack.questions}
    ids = [f.id if f else None for f in found.values()]
    assert ids == [
        None, "policies", "opposition", "personality", "legacy",  # one "how far" question per factor
        "personality", "opposition",  # AQA and Edexcel name a factor in other words
        None, None,  # OCR's "assess the reasons" and the GCSE's two bullets weigh no one factor
        "personality",
    ]  # fmt: skip


# Skeletons of each shape and of near misses, with a slot filled from WORDS.
SKELETONS = (
    "how far {be} {x} the main reason for his rise?", "to what extent {be} {x} responsible?",
    "how important {be} {x} in 1929?", "how significant {be} {x} to stalin?", "how far did {x} explain it?",
    "assess the importance of {x} in his rise.", "evaluate the role of {x}.", "{be} {x} the key factor?",
    "'{x} {be} the main cause.' how far do you agree?", "{x} {be} most to blame.", "was his rise due to {x}?",
    "how far was it because of {x}?", "{x}", "why {be} {x}?", "explain {x}.",
)  # fmt: skip
WORDS = (
    "the main most important key reason cause factor responsible significant decisive "
    "stalin's policies opposition trotsky general secretary personality rise power why luck weakness rivals"
).split()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SKELETONS), st.sampled_from(["was", "were", "is"]), st.lists(st.sampled_from(WORDS), max_size=6))
def test_skipping_questions_without_the_shapes_words_changes_no_answer(skeleton, be, slot):
    import essayplan.question as question_module

    question = skeleton.format(be=be, x=" ".join(slot))
    quick = stated_factor(question, PACK)
    saved = question_module._NEEDED
    question_module._NEEDED = ("",)  # every text has "": the patterns always run
    question_module._slots.cache_clear()  # the slots of a question are cached: read them again
    try:
        assert stated_factor(question, PACK) == quick
    finally:
        question_module._NEEDED = saved
        question_module._slots.cache_clear()


# Pieces of questions for the quick checks before a pattern (quoted claims, "which … more"): white
# space of every kind before an opening quote, the quotes, and the words the patterns seek.
QUESTION_PIECES = st.sampled_from(
    ["'", '"', "‘", "“", "’", "”", " ", "\t", "\n", "\u2028", "\u00a0", "\u3000", "\x1c", "Stalin's rise",
     "How far do you agree?", "assess the validity", "Which", "WHICH was the more important", "which were",
     "more important", ":", "•", " or ", "x"]
)  # fmt: skip
QUESTION = st.lists(QUESTION_PIECES, max_size=12).map("".join) | st.text(max_size=30)


@settings(max_examples=400)
@given(QUESTION)
@example("\u3000\n \u2028‘Stalin's rise was due to luck.’ How far do you agree?")
@example("\x1c\"Trotsky was to blame\" Assess the validity of this view.")
@example("Which was the more important reason: • the Ban • the Lenin Enrolment?")
def test_the_checks_before_the_question_patterns_change_no_answer(question):
    import re

    from essayplan import question as q

    claim = q._CLAIM.pattern
    match = re.match(claim, question, re.DOTALL)
    expected = match["claim"] if match and re.search(q._ASSESS.pattern, q._clean(match["rest"])) else ""
    assert q.quoted_claim(question) == expected
    if not re.search(q._WHICH.pattern, q._clean(question)):
        assert q.options(question) is None
