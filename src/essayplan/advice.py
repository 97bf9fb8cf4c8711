"""Advice: the plan check. It names a part of the plan and says what to do next.

Advice never blocks (teachers warn that PEEL becomes a formula when enforced):
it is a list, shown as the student writes and printed by `essayplan check`.
A plan with every part in place gets no advice.

Rules, in the order a student reads the essay:

- introduction-empty: no line of argument.
- paragraph-empty: nothing written and no card attached (one item, not four).
- paragraph-no-point / -no-evidence / -no-explain / -no-link: a started
  paragraph missing one of its parts.
- conclusion-empty; conclusion-no-judgement: no judgement word ("most
  important", "main reason", "key", "outweigh"…, see JUDGEMENT).
- conclusion-not-first: the judgement does not name the factor ranked first,
  and does not say why not. Saying why not means: a sentence with a contrast
  word ("although", "however", "rather than", "instead", "whereas",
  "despite") that names another factor.
- factors-not-linked: no paragraph's explain, link or counter names another
  factor; the plan never connects factors.
- stated-factor-not-weighed: the question states a factor (question.py) and
  fewer than two other factors are weighed against it. Another factor is
  weighed against it when its own paragraph has a point or evidence, and one
  text names both: the conclusion, or a part of any paragraph (a paragraph
  counts as naming its own factor).
- evidence-unused: one item per factor whose cards are in no paragraph.

Factors are matched by title and keywords, as in question.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from essayplan import names
from essayplan.model import Factor, Pack, Paragraph, Plan
from essayplan.paragraph_templates import get_template
from essayplan.question import mentioned, mentions, stated_factor

RULES = (
    "introduction-empty",
    "paragraph-empty",
    "paragraph-no-point",
    "paragraph-no-evidence",
    "paragraph-no-explain",
    "paragraph-no-link",
    "conclusion-empty",
    "conclusion-no-judgement",
    "conclusion-not-first",
    "factors-not-linked",
    "stated-factor-not-weighed",
    "evidence-unused",
)

# Words that show a conclusion makes a judgement, not just a summary.
JUDGEMENT = re.compile(
    r"\b(?:most|main(?:ly)?|key|crucial|decisive|more\s+(?:than|important|significant|decisive)|outweigh\w*"
    r"|primar(?:y|ily)|above\s+all|chief(?:ly)?|principal(?:ly)?|fundamental(?:ly)?|biggest|greatest|vital"
    r"|essential|ultimately|less\s+important|least|without\s+(?:which|this|it)|only\s+possible)\b",
    re.IGNORECASE,
)
# Words that show a conclusion says why it departs from the ranking.
CONTRAST = re.compile(
    r"\b(?:although|though|however|rather\s+than|instead|whereas|despite|on\s+the\s+other\s+hand)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_LISTED = 4  # cards named in one evidence item before "and N more"


class Advice(NamedTuple):
    part: str  # "introduction", "paragraph 2 (Weakness of the opposition)", "conclusion", "plan", "evidence (…)"
    message: str  # what to do next
    rule: str  # a stable id from RULES
    factor: str | None = None  # the paragraph's or the cards' factor, for the app to go to


def _blank(text: str) -> bool:
    return not text.strip()


# A started paragraph's missing parts: (part, rule, what to do next).
_MISSING = (
    ("point", "paragraph-no-point", "write one sentence that answers the question about this factor."),
    ("evidence", "paragraph-no-evidence", "attach at least one card from the bank that supports your point."),
    ("explain", "paragraph-no-explain", "say how this evidence answers the question."),
    ("link", "paragraph-no-link", "tie this factor back to the question, or on to another factor."),
)


def _paragraph_advice(number: int, paragraph: Paragraph, factor: Factor, label: Callable[[str], str]) -> list[Advice]:
    part = f"paragraph {number} ({factor.title})"
    missing = {
        "point": _blank(paragraph.point),
        "evidence": not paragraph.evidence,
        "explain": _blank(paragraph.explain),
        "link": _blank(paragraph.link),
    }
    if all(missing.values()) and _blank(paragraph.counter):
        message = (
            f"not started: write a {label('point')}, attach {label('evidence')}, "
            f"then {label('explain')} and {label('link')}."
        )
        return [Advice(part, message, "paragraph-empty", paragraph.factor)]
    return [
        Advice(part, f"no {label(name)} yet: {todo}", rule, paragraph.factor)
        for name, rule, todo in _MISSING
        if missing[name]
    ]


def _conclusion_advice(plan: Plan, pack: Pack) -> list[Advice]:
    text = plan.conclusion
    if _blank(text):
        message = "write your judgement: which factor mattered most, and why it outweighs the others."
        return [Advice("conclusion", message, "conclusion-empty")]
    if not JUDGEMENT.search(text):
        return [
            Advice(
                "conclusion",
                "make a judgement, not a summary: say which factor was the most important and why "
                "(e.g. 'the main reason was … because …').",
                "conclusion-no-judgement",
            )
        ]
    if not plan.ranking:
        return []
    first = names.factor(pack, plan.ranking[0].factor)
    if mentions(text, first):
        return []
    others = [f for f in pack.factors if f.id != first.id]
    says_why_not = any(CONTRAST.search(s) and mentioned(s, others) for s in _SENTENCE.split(text))
    if says_why_not:
        return []
    return [
        Advice(
            "conclusion",
            f"your judgement does not name {first.title}, ranked first: name it, "
            "or say why another factor matters more (e.g. 'Although …, … rather than …').",
            "conclusion-not-first",
        )
    ]


def _paragraph_texts(paragraph: Paragraph) -> tuple[str, ...]:
    return (paragraph.point, paragraph.explain, paragraph.link, paragraph.counter)


def _links_advice(plan: Plan, pack: Pack) -> list[Advice]:
    if len(plan.paragraphs) < 2:
        return []
    for paragraph in plan.paragraphs:
        others = [f for f in pack.factors if f.id != paragraph.factor]
        for text in (paragraph.explain, paragraph.link, paragraph.counter):
            if mentioned(text, others):
                return []
    return [
        Advice(
            "plan",
            "link your factors: in at least one paragraph, say how its factor connects to another "
            "(e.g. 'This was only possible because …').",
            "factors-not-linked",
        )
    ]


def _weighed_against(stated: Factor, plan: Plan, pack: Pack) -> list[Factor]:
    """Other factors with a started paragraph that some text names together with the stated factor."""
    named_together: set[str] = set()
    texts: list[tuple[str, str | None]] = [(plan.conclusion, None)]
    texts += [(t, p.factor) for p in plan.paragraphs for t in _paragraph_texts(p)]
    for text, owner in texts:
        if _blank(text):
            continue
        ids = {f.id for f in mentioned(text, pack.factors)} | ({owner} if owner else set())
        if stated.id in ids:
            named_together |= ids
    started = {p.factor for p in plan.paragraphs if p.evidence or not _blank(p.point)}
    return [f for f in pack.factors if f.id != stated.id and f.id in named_together and f.id in started]


def _stated_advice(plan: Plan, pack: Pack) -> list[Advice]:
    stated = stated_factor(plan.question, pack)
    if stated is None:
        return []
    needed = min(2, len(pack.factors) - 1)
    weighed = _weighed_against(stated, plan, pack)
    if len(weighed) >= needed:
        return []
    so_far = ", ".join(f.title for f in weighed) or "none"
    return [
        Advice(
            f"stated factor ({stated.title})",
            f"the question names it, so weigh it against at least {needed} other factors "
            f"(so far: {so_far}). In your conclusion or a link, say which mattered more, and why.",
            "stated-factor-not-weighed",
        )
    ]


def _opening(text: str, words: int = 6) -> str:
    """The first few words of a card, enough to find it in the bank."""
    head = text.split()
    return " ".join(head[:words]).rstrip(".,;:") + ("…" if len(head) > words else "")


def _evidence_advice(plan: Plan, pack: Pack) -> list[Advice]:
    used = {card for p in plan.paragraphs for card in p.evidence}
    out = []
    for factor in pack.factors:
        # Students know a card by its words, not its id.
        unused = [f"“{_opening(card.text)}”" for card in factor.evidence if card.id not in used]
        if not unused:
            continue
        listed = ", ".join(unused[:_LISTED]) + (f" and {len(unused) - _LISTED} more" if len(unused) > _LISTED else "")
        cards = "card" if len(unused) == 1 else "cards"
        out.append(
            Advice(
                f"evidence ({factor.title})",
                f"{len(unused)} {cards} not used in any paragraph: {listed}. "
                "Attach those that support a point, or leave them out on purpose.",
                "evidence-unused",
                factor.id,
            )
        )
    return out


def advise(plan: Plan, pack: Pack) -> list[Advice]:
    """Everything the plan could still do, in essay order; [] when every part is in place."""
    label = get_template(plan.template).label
    out = []
    if _blank(plan.introduction):
        message = "write your line of argument: which factor mattered most, in a sentence or two."
        out.append(Advice("introduction", message, "introduction-empty"))
    for number, paragraph in enumerate(plan.paragraphs, start=1):
        out += _paragraph_advice(number, paragraph, names.factor(pack, paragraph.factor), label)
    out += _conclusion_advice(plan, pack)
    out += _links_advice(plan, pack)
    out += _stated_advice(plan, pack)
    out += _evidence_advice(plan, pack)
    return out


def format_advice(items: list[Advice]) -> list[str]:
    """One line per item: "Part: message", read as a sentence."""
    return [f"{item.part[:1].upper()}{item.part[1:]}: {item.message}" for item in items]
