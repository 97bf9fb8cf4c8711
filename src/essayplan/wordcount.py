"""How many words the student wrote: the Plan view's counts and the class report's are one count."""

from __future__ import annotations

from essayplan.model import Paragraph, Plan


def words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts)


def paragraph_words(paragraph: Paragraph) -> int:
    """What the student wrote in a paragraph (the cards are the pack's words)."""
    return words(paragraph.point, paragraph.explain, paragraph.link, paragraph.counter)


def plan_words(plan: Plan) -> int:
    """Introduction, criteria, conclusion and each paragraph's own words."""
    return words(plan.introduction, plan.criteria, plan.conclusion) + sum(map(paragraph_words, plan.paragraphs))
