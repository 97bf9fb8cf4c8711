"""Advice from the plan's structure (issue 12): links, weights, counterfactuals and the
judgement line. These rules read the fields the student set, never guess from words
(except the conclusion's band words, checked against the mark), so they hold for any
pack and any wording. Each rule is a function (plan, pack) -> list[Advice].

- no-links: two or more factors ranked and no arrow between any two.
- link-without-sentence: an arrow with no sentence saying how.
- weights-not-100: weights set that do not add up to 100 (says the sum).
- ranking-against-weights: a factor ranked above one with a larger weight (names both).
- never-below-anyway: a factor without which it would "never" have happened ranked
  below one without which it would have happened "anyway".
- no-extent: a how-far question (question.asks_how_far) with no mark on the line.

no-links and no-extent ask for structure, so they speak only once the student has begun
it (a link, weight, counterfactual, role, mark or own factor: `uses_structure`): a plan
written before issue 12 gets the advice it always had.
- conclusion-against-extent: the conclusion's wording falls in another band than the mark.
"""

from __future__ import annotations

import re

from essayplan import names
from essayplan.advice import Advice
from essayplan.lazyre import Lazy
from essayplan.model import Pack, Plan
from essayplan.question import asks_how_far

# The judgement line's bands, as (lowest, highest, name): 0 not at all … 100 entirely.
BANDS = (
    (0, 0, "not at all"),
    (10, 30, "to a limited extent"),
    (40, 60, "partly"),
    (70, 90, "largely"),
    (100, 100, "entirely"),
)
# Words in a conclusion that place the judgement in a band (index into BANDS).
_BAND_WORDS = (
    (0, r"not\s+at\s+all|to\s+no\s+extent|in\s+no\s+way"),
    (1, r"(?:to\s+)?(?:a|only\s+a)\s+(?:limited|small|slight|minor)\s+extent|slightly|only\s+a\s+little|marginally"),
    (2, r"partly|partially|in\s+part|to\s+some\s+extent|to\s+a\s+(?:certain|moderate)\s+extent|half"),
    (3, r"largely|mainly|mostly|(?:to\s+)?a\s+(?:large|great|considerable|significant)\s+extent|in\s+large\s+part|chiefly|primarily"),
    (4, r"entirely|completely|wholly|totally|fully|solely|to\s+a\s+full\s+extent"),
)
_BAND_RE = [(band, Lazy(rf"(?<!not\s)\b(?:{words})\b", re.IGNORECASE)) for band, words in _BAND_WORDS]


def band(extent: int) -> str:
    """The name of the band a mark falls in: 70 → 'largely'."""
    return next(name for low, high, name in BANDS if low <= extent <= high)


def _title(plan: Plan, pack: Pack, factor_id: str) -> str:
    return names.factor_title(pack, factor_id, plan)


def uses_structure(plan: Plan) -> bool:
    fields = (r.weight is not None or r.without or r.role for r in plan.ranking)
    return bool(plan.links or plan.own_factors or plan.extent is not None or any(fields))


def no_links(plan: Plan, pack: Pack) -> list[Advice]:
    if plan.links or len(plan.ranking) < 2 or not uses_structure(plan):
        return []
    return [
        Advice(
            "links",
            "draw at least one link: an arrow from one factor to another, with a sentence saying how "
            "the first enabled, strengthened or weakened the second.",
            "no-links",
            None,
            "links",
        )
    ]


def link_without_sentence(plan: Plan, pack: Pack) -> list[Advice]:
    return [
        Advice(
            f"link ({_title(plan, pack, link.source)} → {_title(plan, pack, link.target)})",
            f"say how: one sentence across the arrow on how {_title(plan, pack, link.source)} "
            f"{link.kind} {_title(plan, pack, link.target)}.",
            "link-without-sentence",
            link.source,
            "links",
        )
        for link in plan.links
        if not link.how.strip()
    ]


def weights_not_100(plan: Plan, pack: Pack) -> list[Advice]:
    weights = [r.weight for r in plan.ranking if r.weight is not None]
    if not weights or sum(weights) == 100:
        return []
    return [
        Advice(
            "ranking",
            f"your weights add up to {sum(weights)}%, not 100%: share the outcome out between the factors.",
            "weights-not-100",
            None,
            "ranking",
        )
    ]


def ranking_against_weights(plan: Plan, pack: Pack) -> list[Advice]:
    """One item per factor ranked above a heavier one (the heaviest such one named)."""
    out = []
    for index, upper in enumerate(plan.ranking):
        if upper.weight is None:
            continue
        heavier = [r for r in plan.ranking[index + 1 :] if r.weight is not None and r.weight > upper.weight]
        if not heavier:
            continue
        lower = max(heavier, key=lambda r: r.weight)
        out.append(
            Advice(
                "ranking",
                f"{_title(plan, pack, upper.factor)} ({upper.weight}%) is ranked above "
                f"{_title(plan, pack, lower.factor)} ({lower.weight}%), which weighs more: "
                "change the order or the weights, or say why.",
                "ranking-against-weights",
                upper.factor,
                "ranking",
            )
        )
    return out


def never_below_anyway(plan: Plan, pack: Pack) -> list[Advice]:
    out = []
    for index, upper in enumerate(plan.ranking):
        if upper.without != "anyway":
            continue
        for lower in plan.ranking[index + 1 :]:
            if lower.without == "never":
                out.append(
                    Advice(
                        "ranking",
                        f"without {_title(plan, pack, lower.factor)} it would never have happened, yet it is ranked "
                        f"below {_title(plan, pack, upper.factor)}, without which it would have happened anyway: "
                        "rank the necessary factor higher, or say why not.",
                        "never-below-anyway",
                        lower.factor,
                        "ranking",
                    )
                )
    return out


def no_extent(plan: Plan, pack: Pack) -> list[Advice]:
    if plan.extent is not None or not asks_how_far(plan.question) or not uses_structure(plan):
        return []
    return [
        Advice(
            "judgement line",
            "the question asks how far: put your mark on the line from 'not at all' to 'entirely'.",
            "no-extent",
            None,
            "extent",
        )
    ]


def conclusion_against_extent(plan: Plan, pack: Pack) -> list[Advice]:
    if plan.extent is None or not plan.conclusion.strip():
        return []
    found = [(match.start(), BANDS[b][2], match.group()) for b, rx in _BAND_RE for match in rx.finditer(plan.conclusion)]
    mark = band(plan.extent)
    if not found or any(name == mark for _, name, _ in found):
        return []
    _, name, words = min(found)
    return [
        Advice(
            "conclusion",
            f"it says “{words}” ({name}) but your mark on the judgement line is {plan.extent} ({mark}): "
            "move the mark or change the wording.",
            "conclusion-against-extent",
            None,
            "conclusion",
        )
    ]


RULES = (
    no_links,
    link_without_sentence,
    weights_not_100,
    ranking_against_weights,
    never_below_anyway,
    no_extent,
    conclusion_against_extent,
)


def structure_advice(plan: Plan, pack: Pack) -> list[Advice]:
    """Every structural rule's advice, in the order of RULES."""
    return [item for rule in RULES for item in rule(plan, pack)]
