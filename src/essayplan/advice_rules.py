"""The examiner's margin notes (issue 13): rules 1–10, each a function (plan, pack) -> list[Advice].

What each rule looks for and its known limits: docs/advice.md. The pack passed in already
holds the plan's own factors (advice.advise adds them). Each item says where: `part` for the
student, `where` (the plan field: "question", "introduction", "criteria", "conclusion",
"point", "evidence", "explain", "link", "counter", "ranking", "links", "extent") and
`factor` (the paragraph's factor) for the app to jump to.
"""

from __future__ import annotations


from essayplan import names as naming
from essayplan.advice import Advice
from essayplan.advice_text import CAUSAL, COMPARE, JUDGEMENT, REASON, CaseBlind, copied, main_factor, may_name, names, own, sentences, years
from essayplan.model import Pack, Plan
from essayplan.question import (
    asks_how_far, missing_factor, options, outcome, period, quoted_claim, rather_than, stated_factor, words,
)  # fmt: skip

_TEXTS = ("point", "explain", "link", "counter")


def _paragraph_part(plan: Plan, pack: Pack, factor_id: str) -> str:
    number = next(i for i, p in enumerate(plan.paragraphs, 1) if p.factor == factor_id)
    return f"paragraph {number} ({naming.factor_title(pack, factor_id, plan)})"


_LAST_SENTENCES: list = [None, None, []]  # plan, pack, their sentences: several rules ask in one advise


def _own_sentences(plan: Plan, pack: Pack) -> list[tuple[str, str | None]]:
    """Every sentence the student wrote (not copied from a card), with the factor whose paragraph
    or ranking reason holds it (a paragraph's text names its own factor)."""
    last_plan, last_pack, sentences_ = _LAST_SENTENCES
    if plan is last_plan and pack is last_pack:
        return sentences_
    _LAST_SENTENCES[:] = [plan, pack, _find_own_sentences(plan, pack)]
    return _LAST_SENTENCES[2]


def _find_own_sentences(plan: Plan, pack: Pack) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for text in (plan.introduction, plan.conclusion):
        out += [(s, None) for s in sentences(text) if not copied(s, pack)]
    for paragraph in plan.paragraphs:
        for name in _TEXTS:
            out += [(s, paragraph.factor) for s in sentences(getattr(paragraph, name)) if not copied(s, pack)]
    for entry in plan.ranking:
        out += [(s, entry.factor) for s in sentences(entry.reason) if not copied(s, pack)]
    return out


def _weighed_in_words(stated: str, plan: Plan, pack: Pack, sentence_list=None) -> bool:
    factor = pack.factor(stated)
    for sentence, owner in sentence_list if sentence_list is not None else _own_sentences(plan, pack):
        if owner != stated and (factor is None or not may_name(sentence, factor)):
            continue  # it cannot be about the stated factor: no need to find every factor it names
        if not COMPARE.search(sentence):
            continue  # most sentences compare nothing: finding the factors they name can wait
        ids = {f.id for f in names(sentence, pack.factors)} | ({owner} if owner else set())
        if stated in ids and len(ids) >= 2:
            return True
    return False


def _weighed_in_structure(a: str, b: str | None, plan: Plan) -> bool:
    """A link with its sentence between the factors, or weights on both (b None: any other)."""
    for link in plan.links:
        ends = {link.source, link.target}
        if link.how.strip() and a in ends and (b is None or b in ends):
            return True
    weighted = {r.factor for r in plan.ranking if r.weight is not None}
    return a in weighted and (len(weighted - {a}) >= 1 if b is None else b in weighted)


# --- 1. Weighing is a comparison ----------------------------------------------------------------


def stated_not_weighed(plan: Plan, pack: Pack) -> list[Advice]:
    stated = stated_factor(plan.question, pack)
    if stated is None or len(pack.factors) < 2:
        return []
    if _weighed_in_structure(stated.id, None, plan) or _weighed_in_words(stated.id, plan, pack):
        return []
    has_paragraph = plan.paragraph(stated.id) is not None
    part = _paragraph_part(plan, pack, stated.id) if has_paragraph else "conclusion"
    return [
        Advice(
            part,
            f"weigh {stated.title} against another factor, not just beside it: say which mattered more and why "
            "(e.g. '… only mattered because …', '… outweighed …').",
            "stated-factor-not-weighed",
            stated.id,
            "link" if has_paragraph else "conclusion",
        )
    ]


# --- 2. Consistency -------------------------------------------------------------------------------


def parts_disagree(plan: Plan, pack: Pack) -> list[Advice]:
    if not plan.ranking:
        return []
    first = naming.factor(pack, plan.ranking[0].factor, plan)
    factors = pack.factors if pack.factor(first.id) else pack.factors + (first,)
    intro = main_factor(own(plan.introduction, pack), factors)
    conclusion = main_factor(own(plan.conclusion, pack), factors)
    out = []
    if conclusion is not None and conclusion.id != first.id:
        out.append(
            Advice(
                "conclusion",
                f"it calls {conclusion.title} the main reason, but {first.title} is ranked first: "
                "change the ranking or the conclusion so they agree.",
                "conclusion-not-first",
                None,
                "conclusion",
            )
        )
    against = conclusion or first
    if intro is not None and intro.id != against.id:
        said = "your conclusion says" if conclusion is not None else "your ranking puts first"
        out.append(
            Advice(
                "introduction",
                f"it argues {intro.title} mattered most, but {said} {against.title}: make your line of argument "
                "the same from start to end.",
                "introduction-disagrees",
                None,
                "introduction",
            )
        )
    return out


# --- 3. A judgement needs a reason ----------------------------------------------------------------


def judgement_without_reason(plan: Plan, pack: Pack) -> list[Advice]:
    text = own(plan.conclusion, pack)
    if not text.strip() or not JUDGEMENT.search(text) or REASON.search(text):
        return []
    return [
        Advice(
            "conclusion",
            "your judgement has no reason: add why, with 'because …' (e.g. 'because without it the others would not have worked').",
            "judgement-without-reason",
            None,
            "conclusion",
        )
    ]


# --- 4. Criteria ------------------------------------------------------------------------------------

_STOP = frozenset(
    "the and that this which what with were would have from they their them other others than then there these those "
    "will shall should could most more important reason reasons factor factors judge judging decide deciding whether "
    "into onto because also been being only some such very much many each about over under".split()
)
_CRITERION_WORDS = CaseBlind(
    r"\b(?:necessary|sufficient|without|depend\w*|enabl\w+|long[-\s]term|short[-\s]term|trigger|underlying|precondition"
    r"|made\s+(?:it\s+)?possible|allowed|lasting|on\s+(?:its|their)\s+own|alone|in\s+combination|combined|only\s+because)\b",
)


def _stems(text: str) -> set[str]:
    return {w[:5] for w in words(text) if len(w) >= 4 and w not in _STOP}


def criteria(plan: Plan, pack: Pack) -> list[Advice]:
    if not plan.criteria.strip():
        return [
            Advice(
                "criteria",
                "say how you will judge which factor mattered most (e.g. 'the factor without which the others would not have worked').",
                "criteria-empty",
                None,
                "criteria",
            )
        ]
    text = own(plan.conclusion, pack)
    # The question's own words ("Stalin", "rise") are in every conclusion: they apply no test.
    if not text.strip() or _CRITERION_WORDS.search(text) or (_stems(plan.criteria) - _stems(plan.question)) & _stems(text):
        return []
    return [
        Advice(
            "conclusion",
            "use your criteria: judge the factors by the test you set in your criteria, in their words.",
            "criteria-not-applied",
            None,
            "conclusion",
        )
    ]


# --- 5. Counter-argument ----------------------------------------------------------------------------


def counter_argument(plan: Plan, pack: Pack) -> list[Advice]:
    if not (asks_how_far(plan.question) or quoted_claim(plan.question)) or not plan.paragraphs:
        return []
    stated = stated_factor(plan.question, pack)
    counters = [p for p in plan.paragraphs if own(p.counter, pack).strip()]
    home = stated.id if stated is not None and plan.paragraph(stated.id) else plan.paragraphs[0].factor
    if not counters:
        return [
            Advice(
                _paragraph_part(plan, pack, home),
                "the question asks how far: write a counter-argument, a 'However, …' that argues against the view.",
                "counter-missing",
                home,
                "counter",
            )
        ]
    if stated is None or plan.paragraph(stated.id) is None:
        return []
    if any(p.factor == stated.id or any(f.id == stated.id for f in names(p.counter, pack.factors)) for p in counters):
        return []
    return [
        Advice(
            _paragraph_part(plan, pack, stated.id),
            f"argue against the question's own factor too: say in a counter-argument why {stated.title} may not "
            "have been the main reason.",
            "counter-not-on-stated",
            stated.id,
            "counter",
        )
    ]


# --- 6. Narrative -----------------------------------------------------------------------------------


def _narrative(text: str, pack: Pack) -> bool:
    if not text.strip() or CAUSAL.search(own(text, pack)):
        return False
    return bool(years(text)) or len(sentences(text)) >= 2 or not own(text, pack).strip()


def narrative(plan: Plan, pack: Pack) -> list[Advice]:
    what = outcome(plan.question) or "what the question asks about"
    return [
        Advice(
            _paragraph_part(plan, pack, p.factor),
            f"this tells what happened: explain how it helped cause {what} (e.g. 'This meant that …').",
            "explain-narrative",
            p.factor,
            "explain",
        )
        for p in plan.paragraphs
        if _narrative(p.explain, pack)
    ]


# --- 7. Question demands ---------------------------------------------------------------------------


def question_empty(plan: Plan, pack: Pack) -> list[Advice]:
    if plan.question.strip():
        return []
    return [Advice("question", "choose or type a question first: the rest of the advice depends on it.", "question-empty", None, "question")]


def _option_words(option: str) -> set[str]:
    from essayplan.question import GENERIC

    return {w for w in words(option) if len(w) >= 4 and w not in GENERIC and w not in _STOP}


def _compares(plan: Plan, pack: Pack, a: str, b: str, sentence_list) -> bool:
    """Does a sentence name both sides (as a factor or by their own words) with comparative language?"""
    from essayplan.question import _best, _by_card

    sides = []
    for option, other in ((a, b), (b, a)):
        factor = _best(option, pack.factors) or _by_card(option, pack)
        # A side that is a factor is named as one; else by its own words ("Stalin" against "Trotsky").
        sides.append((factor.id, set()) if factor else (None, _option_words(option) - _option_words(other)))
    if sides[0][0] and sides[1][0] and sides[0][0] != sides[1][0] and _weighed_in_structure(sides[0][0], sides[1][0], plan):
        return True
    for sentence, owner in sentence_list:
        if not COMPARE.search(sentence):
            continue
        ids = {f.id for f in names(sentence, pack.factors)} | ({owner} if owner else set())
        sentence_words = set(words(sentence))
        if all((fid is not None and fid in ids) or (ws and ws & sentence_words) for fid, ws in sides):
            return True
    return False


def question_demands(plan: Plan, pack: Pack) -> list[Advice]:
    out = []
    missing = missing_factor(plan.question, pack)
    if missing:
        out.append(
            Advice(
                "question",
                f"it asks about “{missing}”, which is not a factor here: add it as your own factor, then weigh it against the others.",
                "question-factor-missing",
                None,
                "ranking",
            )
        )
    pair = options(plan.question) or rather_than(plan.question)
    if pair and not _compares(plan, pack, *pair, _own_sentences(plan, pack)):
        rule = "options-not-weighed" if options(plan.question) else "rather-than-not-compared"
        out.append(
            Advice(
                "conclusion",
                f"the question asks you to compare {pair[0]} with {pair[1]}: say which mattered more, and why.",
                rule,
                None,
                "conclusion",
            )
        )
    return out


# --- 9. Unused evidence ----------------------------------------------------------------------------


def unused_cards(plan: Plan, pack: Pack) -> list:
    """The pack's cards in no paragraph and not set aside on purpose, in the pack's order."""
    used = {card for p in plan.paragraphs for card in p.evidence} | set(plan.set_aside)
    return [card for factor in pack.factors for card in factor.evidence if card.id not in used]


def evidence_unused(plan: Plan, pack: Pack) -> list[Advice]:
    unused = unused_cards(plan, pack)
    if not unused:
        return []
    count = f"{len(unused)} card" + ("s" if len(unused) > 1 else "")
    # One note for the plan; its factor is the first with an unused card, so the app has somewhere to go.
    first = next(f.id for f in pack.factors if any(card in unused for card in f.evidence))
    return [
        Advice(
            "evidence",
            f"{count} not used in any paragraph (see them in the bank): attach those that back a point, "
            "or set aside the ones you leave out on purpose.",
            "evidence-unused",
            first,
            "evidence",
        )
    ]


# --- 10. Dates -------------------------------------------------------------------------------------


def _label(span: tuple[int | None, int]) -> str:
    start, end = span
    if start is None:
        return f"by {end}"
    return f"{start}–{end % 100:02d}" if start // 100 == end // 100 else f"{start}–{end}"


def _outside(spans: list[tuple[int, int]], limits: tuple[int | None, int]) -> list[tuple[int, int]]:
    """Spans after the period's end, and, when nothing is inside the period, spans before its start."""
    start, end = limits
    late = [s for s in spans if s[0] > end]
    early = [s for s in spans if start is not None and s[1] < start]
    inside = [s for s in spans if s not in late and s not in early]
    return late + (early if not inside else [])


def _spans_words(spans: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in dict.fromkeys(spans))


def dates(plan: Plan, pack: Pack) -> list[Advice]:
    limits = period(plan.question)
    if limits is None:
        return []
    out = []
    for paragraph in plan.paragraphs:
        spans = [s for name in _TEXTS for s in years(getattr(paragraph, name))]
        spans += [s for line in paragraph.own_evidence for s in years(line)]
        cards = [s for card in paragraph.evidence if (c := pack.evidence(card)) for s in years(c.date or "")]
        outside = _outside(spans + cards, limits)
        if outside:
            where = "evidence" if all(s in cards for s in outside) else "explain"
            out.append(
                Advice(
                    _paragraph_part(plan, pack, paragraph.factor),
                    f"{_spans_words(outside)} is outside the question's period ({_label(limits)}): use evidence from "
                    "the period, or say how it shaped those years.",
                    "date-outside-period",
                    paragraph.factor,
                    where,
                )
            )
    for name in ("introduction", "conclusion"):
        late = [s for s in years(getattr(plan, name)) if s[0] > limits[1]]
        if late:
            out.append(
                Advice(
                    name,
                    f"{_spans_words(late)} is after the question's period ({_label(limits)}): keep to what happened by then.",
                    "date-outside-period",
                    None,
                    name,
                )
            )
    return out


def linked_in_words(plan: Plan, pack: Pack) -> bool:
    """Does any explain, link or counter relate its factor to another, by the student's own words?"""
    for paragraph in plan.paragraphs:
        others = [f for f in pack.factors if f.id != paragraph.factor]
        for text in (paragraph.explain, paragraph.link, paragraph.counter):
            if names(own(text, pack), others):
                return True
    return False
