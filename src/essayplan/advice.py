"""Advice: the plan check, as an examiner's margin notes. Each item names a part of the plan,
says what is wrong and one way to act on it, in words a 16-year-old reads at a glance.

Advice never blocks (teachers warn that PEEL becomes a formula when enforced): it is a
list, shown as the student writes and printed by `essayplan check`. A plan with every part
in place gets no advice.

Each item: `part` (for the student: "paragraph 2 (Weakness of the opposition)"), `message`,
`rule` (a stable code from RULES), `factor` (the paragraph's factor) and `where` (the plan
field to go to: "question", "introduction", "criteria", "point", "evidence", "explain",
"link", "counter", "conclusion", "ranking", "links", "extent"). `code` is "rule:factor".

Here: the parts left blank (introduction-empty, paragraph-empty, paragraph-no-*,
conclusion-empty, conclusion-no-judgement) and factors-not-linked. The examiner's rules of
issue 13 are in advice_rules.py, the structure's (issue 12) in advice_structure.py; what
each looks for and its limits: docs/advice.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from essayplan import names
from essayplan.advice_text import CaseBlind
from essayplan.model import Factor, Pack, Paragraph, Plan
from essayplan.paragraph_templates import get_template
from essayplan.question import mentioned, mentions

RULES = (
    "question-empty",
    "question-factor-missing",
    "introduction-empty",
    "introduction-disagrees",
    "criteria-empty",
    "paragraph-empty",
    "paragraph-no-point",
    "paragraph-no-evidence",
    "paragraph-no-explain",
    "paragraph-no-link",
    "explain-narrative",
    "date-outside-period",
    "conclusion-empty",
    "conclusion-no-judgement",
    "conclusion-not-first",
    "judgement-without-reason",
    "criteria-not-applied",
    "no-links",
    "link-without-sentence",
    "weights-not-100",
    "ranking-against-weights",
    "never-below-anyway",
    "no-extent",
    "conclusion-against-extent",
    "factors-not-linked",
    "stated-factor-not-weighed",
    "counter-missing",
    "counter-not-on-stated",
    "options-not-weighed",
    "rather-than-not-compared",
    "evidence-unused",
    "card-not-in-pack",
    "factor-not-in-pack",
)

# Words that show a conclusion says why it departs from the ranking.
CONTRAST = CaseBlind(r"\b(?:although|though|however|rather\s+than|instead|whereas|despite|on\s+the\s+other\s+hand)\b")


class Advice(NamedTuple):
    part: str  # "introduction", "paragraph 2 (Weakness of the opposition)", "conclusion", "plan", "evidence"
    message: str  # what to do next
    rule: str  # a stable id from RULES
    factor: str | None = None  # the paragraph's or the cards' factor, for the app to go to
    where: str | None = None  # the plan field to go to (see the module's docstring); None: no one field

    @property
    def code(self) -> str:
        """The stable code with its factor: "stated-factor-not-weighed:opposition"."""
        return f"{self.rule}:{self.factor}" if self.factor else self.rule


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
        "evidence": not paragraph.evidence and not any(line.strip() for line in paragraph.own_evidence),
        "explain": _blank(paragraph.explain),
        "link": _blank(paragraph.link),
    }
    if all(missing.values()) and _blank(paragraph.counter):
        message = (
            f"not started: write a {label('point')}, attach {label('evidence')}, "
            f"then {label('explain')} and {label('link')}."
        )
        return [Advice(part, message, "paragraph-empty", paragraph.factor, "point")]
    return [
        Advice(part, f"no {label(name)} yet: {todo}", rule, paragraph.factor, name)
        for name, rule, todo in _MISSING
        if missing[name]
    ]


def _gone_advice(number: int, paragraph: Paragraph, pack: Pack) -> list[Advice]:
    """What the pack no longer has (a card or factor deleted in the pack editor): the
    paragraph keeps its text and the ids; the student decides what to do with them."""
    part = f"paragraph {number} ({names.factor(pack, paragraph.factor).title})"
    out = []
    if pack.factor(paragraph.factor) is None:
        message = (
            f"its factor is no longer in the pack ({paragraph.factor}): your text stays; "
            "move it into another paragraph, or add the factor back to the pack."
        )
        out.append(Advice(part, message, "factor-not-in-pack", paragraph.factor, "point"))
    gone = [card for card in paragraph.evidence if pack.evidence(card) is None]
    if gone:
        which = "a card" if len(gone) == 1 else f"{len(gone)} cards"
        message = (
            f"uses {which} no longer in the pack: {', '.join(gone)}. "
            "Take it out (Del on it) or attach another card; your text stays."
        )
        out.append(Advice(part, message, "card-not-in-pack", paragraph.factor, "evidence"))
    return out


def _conclusion_advice(plan: Plan, pack: Pack) -> list[Advice]:
    from essayplan.advice_rules import parts_disagree
    from essayplan.advice_text import JUDGEMENT, main_factor, own, sentences

    text = own(plan.conclusion, pack)
    if _blank(plan.conclusion):
        message = "write your judgement: which factor mattered most, and why it outweighs the others."
        return [Advice("conclusion", message, "conclusion-empty", None, "conclusion")]
    if not JUDGEMENT.search(text):
        return [
            Advice(
                "conclusion",
                "make a judgement, not a summary: say which factor was the most important and why "
                "(e.g. 'the main reason was … because …').",
                "conclusion-no-judgement",
                None,
                "conclusion",
            )
        ]
    if not plan.ranking:
        return []
    first = names.factor(pack, plan.ranking[0].factor)
    if main_factor(text, pack.factors + ((first,) if pack.factor(first.id) is None else ())) is not None:
        return [a for a in parts_disagree(plan, pack) if a.rule == "conclusion-not-first"]
    # No clear main factor: the judgement should still name the first-ranked one, or say why not.
    if mentions(text, first):
        return []
    others = [f for f in pack.factors if f.id != first.id]
    if any(CONTRAST.search(s) and mentioned(s, others) for s in sentences(text)):
        return []
    return [
        Advice(
            "conclusion",
            f"your judgement does not name {first.title}, ranked first: name it, "
            "or say why another factor matters more (e.g. 'Although …, … rather than …').",
            "conclusion-not-first",
            None,
            "conclusion",
        )
    ]


def _links_advice(plan: Plan, pack: Pack) -> list[Advice]:
    from essayplan.advice_rules import linked_in_words

    if len(plan.paragraphs) < 2 or any(not _blank(link.how) for link in plan.links):
        return []  # an arrow with its sentence links two factors, whatever the paragraphs say
    if linked_in_words(plan, pack):
        return []
    return [
        Advice(
            "plan",
            "link your factors: in at least one paragraph, say how its factor connects to another "
            "(e.g. 'This was only possible because …').",
            "factors-not-linked",
            None,
            "link",
        )
    ]


def advise(plan: Plan, pack: Pack) -> list[Advice]:
    """Everything the plan could still do, in essay order; [] when every part is in place."""
    from essayplan import advice_rules as rules
    from essayplan.advice_structure import structure_advice

    pack = names.with_own_factors(plan, pack)  # own factors are advised on like the pack's
    label = get_template(plan.template).label
    out = rules.question_empty(plan, pack)
    demands = rules.question_demands(plan, pack)
    out += [a for a in demands if a.rule == "question-factor-missing"]
    if _blank(plan.introduction):
        message = "write your line of argument: which factor mattered most, in a sentence or two."
        out.append(Advice("introduction", message, "introduction-empty", None, "introduction"))
    disagree = rules.parts_disagree(plan, pack)
    out += [a for a in disagree if a.rule == "introduction-disagrees"]
    out += rules.criteria(plan, pack)[:1] if _blank(plan.criteria) else []
    narrative = {a.factor: a for a in rules.narrative(plan, pack)}
    all_dates = rules.dates(plan, pack)
    dates = {a.factor: a for a in all_dates if a.factor}
    for number, paragraph in enumerate(plan.paragraphs, start=1):
        out += _gone_advice(number, paragraph, pack)
        out += _paragraph_advice(number, paragraph, names.factor(pack, paragraph.factor), label)
        out += [item for item in (narrative.get(paragraph.factor), dates.get(paragraph.factor)) if item]
    conclusion = _conclusion_advice(plan, pack)
    out += conclusion
    if not any(a.rule in ("conclusion-empty", "conclusion-no-judgement") for a in conclusion):
        out += rules.judgement_without_reason(plan, pack)
        out += rules.criteria(plan, pack) if not _blank(plan.criteria) else []
    out += [a for a in all_dates if a.factor is None]
    out += structure_advice(plan, pack)
    out += _links_advice(plan, pack)
    out += rules.stated_not_weighed(plan, pack)
    out += rules.counter_argument(plan, pack)
    out += [a for a in demands if a.rule != "question-factor-missing"]
    out += rules.evidence_unused(plan, pack)
    return out


def format_advice(items: list[Advice]) -> list[str]:
    """One line per item: "Part: message", read as a sentence."""
    return [f"{item.part[:1].upper()}{item.part[1:]}: {item.message}" for item in items]
