"""Operations: pure functions that take a plan and return a new one.

Every gesture in the app becomes one of these, so undo, autosave and tests see
one stream of changes. An impossible operation raises OperationError and the
plan it was given is untouched (plans are immutable).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from essayplan import names
from essayplan.model import EXTENT_STEP, KINDS, ROLES, WITHOUT, Link, OwnFactor, Pack, Paragraph, Plan, Ranked
from essayplan.typing_steps import TypingSteps

PLAN_TEXTS = ("question", "introduction", "criteria", "conclusion")
PARAGRAPH_TEXTS = ("point", "explain", "link", "counter")


class OperationError(ValueError):
    """An operation that cannot be done on this plan."""


def new_plan(pack: Pack, question: str = "") -> Plan:
    """Every factor ranked in pack order, one empty paragraph per factor."""
    return Plan(
        pack=pack.id,
        question=question,
        ranking=tuple(Ranked(f.id) for f in pack.factors),
        paragraphs=tuple(Paragraph(f.id) for f in pack.factors),
    )


def _ranking_index(plan: Plan, factor_id: str) -> int:
    for index, entry in enumerate(plan.ranking):
        if entry.factor == factor_id:
            return index
    raise OperationError(f"factor {factor_id!r} is not in the ranking")


def _paragraph_index(plan: Plan, factor_id: str) -> int:
    for index, paragraph in enumerate(plan.paragraphs):
        if paragraph.factor == factor_id:
            return index
    raise OperationError(f"there is no paragraph for factor {factor_id!r}")


def _moved(items: tuple, source: int, target: int) -> tuple:
    if not 0 <= target < len(items):
        raise OperationError(f"position {target + 1} is out of range 1–{len(items)}")
    rest = list(items)
    item = rest.pop(source)
    rest.insert(target, item)
    return tuple(rest)


def _with_paragraph(plan: Plan, index: int, paragraph: Paragraph) -> Plan:
    paragraphs = list(plan.paragraphs)
    paragraphs[index] = paragraph
    return replace(plan, paragraphs=tuple(paragraphs))


def move_factor(plan: Plan, factor_id: str, position: int) -> Plan:
    """Put a factor at a 0-based position in the ranking.

    Essay order follows the ranking until the student orders the paragraphs
    differently (move_paragraph); from then on it is theirs to keep.
    """
    moved = replace(plan, ranking=_moved(plan.ranking, _ranking_index(plan, factor_id), position))
    if _follows_ranking(plan):
        moved = order_paragraphs_by_ranking(moved)
    return moved


def _follows_ranking(plan: Plan) -> bool:
    return plan.paragraphs == order_paragraphs_by_ranking(plan).paragraphs


def move_paragraph(plan: Plan, factor_id: str, position: int) -> Plan:
    """Put a factor's paragraph at a 0-based position in essay order."""
    moved = _moved(plan.paragraphs, _paragraph_index(plan, factor_id), position)
    return replace(plan, paragraphs=moved)


def order_paragraphs_by_ranking(plan: Plan) -> Plan:
    """Essay order = ranking order; paragraphs of unranked factors go last."""
    ranks = {entry.factor: i for i, entry in enumerate(plan.ranking)}
    ordered = sorted(plan.paragraphs, key=lambda p: ranks.get(p.factor, len(ranks)))
    return replace(plan, paragraphs=tuple(ordered))


def attach(plan: Plan, pack: Pack, factor_id: str, evidence_id: str, position: int | None = None) -> Plan:
    """Attach a card from the bank to a factor's paragraph (at the end by default)."""
    if pack.evidence(evidence_id) is None:
        raise OperationError(f"there is no card {evidence_id!r} in pack {pack.id!r}")
    index = _paragraph_index(plan, factor_id)
    paragraph = plan.paragraphs[index]
    if evidence_id in paragraph.evidence:
        raise OperationError(f"that card is already in the paragraph on {names.factor_title(pack, factor_id, plan)}")
    cards = list(paragraph.evidence)
    if position is None:
        position = len(cards)
    if not 0 <= position <= len(cards):
        raise OperationError(f"position {position + 1} is out of range 1–{len(cards) + 1}")
    cards.insert(position, evidence_id)
    return _with_paragraph(plan, index, replace(paragraph, evidence=tuple(cards)))


def detach(plan: Plan, factor_id: str, evidence_id: str) -> Plan:
    """Take a card out of a paragraph (it stays in the bank)."""
    index = _paragraph_index(plan, factor_id)
    paragraph = plan.paragraphs[index]
    if evidence_id not in paragraph.evidence:
        raise OperationError(f"card {evidence_id!r} is not in the {factor_id!r} paragraph")
    cards = tuple(c for c in paragraph.evidence if c != evidence_id)
    return _with_paragraph(plan, index, replace(paragraph, evidence=cards))


def move_card(plan: Plan, factor_id: str, evidence_id: str, position: int) -> Plan:
    """Reorder a card within its paragraph (0-based position)."""
    index = _paragraph_index(plan, factor_id)
    paragraph = plan.paragraphs[index]
    if evidence_id not in paragraph.evidence:
        raise OperationError(f"card {evidence_id!r} is not in the {factor_id!r} paragraph")
    cards = _moved(paragraph.evidence, paragraph.evidence.index(evidence_id), position)
    return _with_paragraph(plan, index, replace(paragraph, evidence=cards))


def transfer_card(
    plan: Plan, pack: Pack, source: str, target: str, evidence_id: str, position: int | None = None
) -> Plan:
    """Move a card from one paragraph to another in one operation."""
    if source == target:
        if position is None:
            position = len(plan.paragraphs[_paragraph_index(plan, source)].evidence) - 1
        return move_card(plan, source, evidence_id, position)
    return attach(detach(plan, source, evidence_id), pack, target, evidence_id, position)


def set_text(plan: Plan, name: str, value: str, factor_id: str | None = None) -> Plan:
    """Set one of the plan's texts.

    Without a factor: question, introduction, criteria or conclusion.
    With a factor: its ranking `reason`, or its paragraph's point, explain, link or counter.
    """
    if not isinstance(value, str):
        raise OperationError(f"{name} must be text")
    if factor_id is None:
        if name not in PLAN_TEXTS:
            raise OperationError(f"a plan has no text called {name!r}")
        return replace(plan, **{name: value})
    if name == "reason":
        index = _ranking_index(plan, factor_id)
        ranking = list(plan.ranking)
        ranking[index] = replace(ranking[index], reason=value)
        return replace(plan, ranking=tuple(ranking))
    if name not in PARAGRAPH_TEXTS:
        raise OperationError(f"a paragraph has no text called {name!r}")
    index = _paragraph_index(plan, factor_id)
    return _with_paragraph(plan, index, replace(plan.paragraphs[index], **{name: value}))


def set_question(plan: Plan, question: str) -> Plan:
    return set_text(plan, "question", question)


def set_template(plan: Plan, template: str) -> Plan:
    if not template or not isinstance(template, str):
        raise OperationError("a paragraph template needs a name")
    return replace(plan, template=template)


def set_pack(plan: Plan, pack_id: str, pack_file: str = "") -> Plan:
    """Point the plan at another pack (the user's copy of an edited bundled pack).

    pack_file: where that pack lives when it cannot be found by its id.
    """
    if not pack_id or not isinstance(pack_id, str):
        raise OperationError("a plan's pack needs an id")
    return replace(plan, pack=pack_id, pack_file=pack_file)


def reconcile(plan: Plan, pack: Pack) -> tuple[Plan, list[str]]:
    """Fit a plan to its pack after the pack has changed.

    Factors new to the pack are ranked last with an empty paragraph. Ids the
    pack no longer has are kept (no text is ever dropped) and reported.
    """
    notes: list[str] = []
    for own in plan.own_factors:
        if pack.factor(own.id) is not None:
            notes.append(f"own factor {own.id!r} has the id of a factor in pack {pack.id!r}; the pack's is used")
    pack = names.with_own_factors(plan, pack)  # own factors are known, and ranked like the pack's
    known = {f.id for f in pack.factors}
    ranked = {r.factor for r in plan.ranking}
    written = {p.factor for p in plan.paragraphs}
    for entry in plan.ranking:
        if entry.factor not in known:
            notes.append(f"ranking: factor {entry.factor!r} is not in pack {pack.id!r}; kept")
    for paragraph in plan.paragraphs:
        if paragraph.factor not in known:
            notes.append(f"paragraph {paragraph.factor!r}: factor is not in pack {pack.id!r}; kept")
        for card in paragraph.evidence:
            if pack.evidence(card) is None:
                notes.append(f"paragraph {paragraph.factor!r}: card {card!r} is not in pack {pack.id!r}; kept")
    missing_rank = tuple(Ranked(f.id) for f in pack.factors if f.id not in ranked)
    # Say "new in the pack" only of the pack's own; an own factor is just given its place.
    missing_para = tuple(Paragraph(f.id) for f in pack.factors if f.id not in written)
    for entry in missing_rank:
        if plan.own_factor(entry.factor) is None:
            notes.append(f"ranking: factor {entry.factor!r} is new in the pack; ranked last")
    if missing_rank or missing_para:
        plan = replace(plan, ranking=plan.ranking + missing_rank, paragraphs=plan.paragraphs + missing_para)
    return plan, notes


# --- Top-level planning (issue 12): extent, weights, links, own factors, own evidence ---------


def set_extent(plan: Plan, extent: int | None) -> Plan:
    """Put the mark on the judgement line: 0 (not at all) … 100 (entirely), steps of 10; None clears it."""
    if extent is not None and (
        isinstance(extent, bool) or not isinstance(extent, int) or not 0 <= extent <= 100 or extent % EXTENT_STEP
    ):
        raise OperationError(f"the mark on the judgement line is 0 to 100 in steps of {EXTENT_STEP}, not {extent!r}")
    return replace(plan, extent=extent)


def _with_ranked(plan: Plan, factor_id: str, **changes) -> Plan:
    index = _ranking_index(plan, factor_id)
    ranking = list(plan.ranking)
    ranking[index] = replace(ranking[index], **changes)
    return replace(plan, ranking=tuple(ranking))


def set_weight(plan: Plan, factor_id: str, weight: int | None) -> Plan:
    """A ranked factor's share of the outcome, a whole per cent 0–100; None clears it."""
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100):
        raise OperationError(f"a weight is a whole number from 0 to 100, not {weight!r}")
    return _with_ranked(plan, factor_id, weight=weight)


def set_without(plan: Plan, factor_id: str, without: str | None) -> Plan:
    """The counterfactual for a ranked factor: "anyway", "later" or "never"; None clears it."""
    if without is not None and without not in WITHOUT:
        raise OperationError(f"without is one of {', '.join(WITHOUT)}, not {without!r}")
    return _with_ranked(plan, factor_id, without=without)


def set_role(plan: Plan, factor_id: str, role: str | None) -> Plan:
    """A ranked factor's role: "long-term", "short-term", "precondition" or "trigger"; None clears it."""
    if role is not None and role not in ROLES:
        raise OperationError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    return _with_ranked(plan, factor_id, role=role)


def plan_factor_ids(plan: Plan) -> list[str]:
    """The factors a plan holds (ranked, written about, or its own), in ranking order first."""
    out = [r.factor for r in plan.ranking]
    for ident in [p.factor for p in plan.paragraphs] + [f.id for f in plan.own_factors]:
        if ident not in out:
            out.append(ident)
    return out


def _link_index(plan: Plan, source: str, target: str) -> int:
    for index, link in enumerate(plan.links):
        if (link.source, link.target) == (source, target):
            return index
    raise OperationError(f"there is no link from {source!r} to {target!r}")


def _with_link(plan: Plan, index: int, link: Link) -> Plan:
    links = list(plan.links)
    links[index] = link
    return replace(plan, links=tuple(links))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise OperationError(f"a link's kind is one of {', '.join(KINDS)}, not {kind!r}")


def add_link(plan: Plan, source: str, target: str, kind: str = KINDS[0], how: str = "") -> Plan:
    """Draw an arrow from one factor of the plan to another (at most one each way)."""
    _check_kind(kind)
    known = plan_factor_ids(plan)
    for end in (source, target):
        if end not in known:
            raise OperationError(f"factor {end!r} is not in the plan")
    if source == target:
        raise OperationError("a link joins two different factors")
    if plan.link(source, target) is not None:
        raise OperationError(f"there is already a link from {source!r} to {target!r}")
    return replace(plan, links=plan.links + (Link(source, target, kind, how),))


def set_link_kind(plan: Plan, source: str, target: str, kind: str) -> Plan:
    _check_kind(kind)
    index = _link_index(plan, source, target)
    return _with_link(plan, index, replace(plan.links[index], kind=kind))


def set_link_how(plan: Plan, source: str, target: str, how: str) -> Plan:
    """The sentence across the arrow: how one factor did that to the other."""
    if not isinstance(how, str):
        raise OperationError("a link's sentence must be text")
    index = _link_index(plan, source, target)
    return _with_link(plan, index, replace(plan.links[index], how=how))


def reverse_link(plan: Plan, source: str, target: str) -> Plan:
    """Turn the arrow round, keeping its kind and sentence."""
    index = _link_index(plan, source, target)
    if plan.link(target, source) is not None:
        raise OperationError(f"there is already a link from {target!r} to {source!r}")
    return _with_link(plan, index, replace(plan.links[index], source=target, target=source))


def delete_link(plan: Plan, source: str, target: str) -> Plan:
    index = _link_index(plan, source, target)
    return replace(plan, links=plan.links[:index] + plan.links[index + 1 :])


def _own_title(title: str) -> str:
    if not isinstance(title, str) or not title.strip():
        raise OperationError("an own factor needs a title")
    return title.strip()


def add_own_factor(plan: Plan, pack: Pack, title: str) -> Plan:
    """Add a factor of the student's own: ranked last with an empty paragraph, like a pack factor
    new to the plan. Its id is made from the title, unique against the pack and the plan; it is
    `result.own_factors[-1].id`."""
    from essayplan.slugs import UniqueIds, slug

    title = _own_title(title)
    ids = UniqueIds()
    ids.taken |= {f.id for f in pack.factors} | set(plan_factor_ids(plan))
    ident = ids.take(slug(title, "own-factor", max_words=4))
    paragraphs = plan.paragraphs if plan.paragraph(ident) else plan.paragraphs + (Paragraph(ident),)
    return replace(
        plan,
        own_factors=plan.own_factors + (OwnFactor(ident, title),),
        ranking=plan.ranking + (Ranked(ident),),
        paragraphs=paragraphs,
    )


def _own_index(plan: Plan, factor_id: str) -> int:
    for index, own in enumerate(plan.own_factors):
        if own.id == factor_id:
            return index
    raise OperationError(f"{factor_id!r} is not one of your own factors")


def rename_own_factor(plan: Plan, factor_id: str, title: str) -> Plan:
    """A new title for an own factor; its id stays, so the ranking, paragraph and links keep it."""
    index = _own_index(plan, factor_id)
    owns = list(plan.own_factors)
    owns[index] = replace(owns[index], title=_own_title(title))
    return replace(plan, own_factors=tuple(owns))


def remove_own_factor(plan: Plan, factor_id: str) -> Plan:
    """Remove an own factor with its ranking entry, paragraph and links.

    Refused while anything the student wrote about it remains (its reason, a text or own
    evidence in its paragraph, a sentence on one of its links): removing never loses words.
    Cards attached to its paragraph go back to the bank.
    """
    index = _own_index(plan, factor_id)
    title = plan.own_factors[index].title
    rank = plan.rank_of(factor_id)
    paragraph = plan.paragraph(factor_id)
    written = []
    if rank is not None and plan.ranking[rank - 1].reason.strip():
        written.append("its reason")
    if paragraph is not None and (
        any(getattr(paragraph, name).strip() for name in PARAGRAPH_TEXTS) or paragraph.own_evidence
    ):
        written.append("its paragraph")
    if any(k.how.strip() for k in plan.links if factor_id in (k.source, k.target)):
        written.append("the sentence on one of its links")
    if written:
        raise OperationError(f"{title} still has words in {' and '.join(written)}: clear them first")
    return replace(
        plan,
        own_factors=plan.own_factors[:index] + plan.own_factors[index + 1 :],
        ranking=tuple(r for r in plan.ranking if r.factor != factor_id),
        paragraphs=tuple(p for p in plan.paragraphs if p.factor != factor_id),
        links=tuple(k for k in plan.links if factor_id not in (k.source, k.target)),
    )


def _own_evidence(plan: Plan, factor_id: str, change) -> Plan:
    index = _paragraph_index(plan, factor_id)
    paragraph = plan.paragraphs[index]
    lines = list(paragraph.own_evidence)
    change(lines)
    return _with_paragraph(plan, index, replace(paragraph, own_evidence=tuple(lines)))


def _line_at(lines: list[str], position: int) -> None:
    if not 0 <= position < len(lines):
        raise OperationError(f"there is no own evidence line {position + 1}")


def add_own_evidence(plan: Plan, factor_id: str, text: str = "", position: int | None = None) -> Plan:
    """Add a line of the student's own knowledge to a paragraph (at the end by default)."""
    if not isinstance(text, str):
        raise OperationError("own evidence must be text")

    def change(lines: list[str]) -> None:
        at = len(lines) if position is None else position
        if not 0 <= at <= len(lines):
            raise OperationError(f"position {at + 1} is out of range 1–{len(lines) + 1}")
        lines.insert(at, text)

    return _own_evidence(plan, factor_id, change)


def set_own_evidence(plan: Plan, factor_id: str, position: int, text: str) -> Plan:
    """Change the own evidence line at a 0-based position."""
    if not isinstance(text, str):
        raise OperationError("own evidence must be text")

    def change(lines: list[str]) -> None:
        _line_at(lines, position)
        lines[position] = text

    return _own_evidence(plan, factor_id, change)


def remove_own_evidence(plan: Plan, factor_id: str, position: int) -> Plan:
    def change(lines: list[str]) -> None:
        _line_at(lines, position)
        del lines[position]

    return _own_evidence(plan, factor_id, change)


def set_aside(plan: Plan, evidence_id: str) -> Plan:
    """Leave a card out on purpose: the advice no longer counts it as unused."""
    if not evidence_id or not isinstance(evidence_id, str):
        raise OperationError("a card to set aside needs an id")
    if evidence_id in plan.set_aside:
        raise OperationError(f"card {evidence_id!r} is already set aside")
    return replace(plan, set_aside=plan.set_aside + (evidence_id,))


def restore(plan: Plan, evidence_id: str) -> Plan:
    """Take a card back from the cards set aside."""
    if evidence_id not in plan.set_aside:
        raise OperationError(f"card {evidence_id!r} is not set aside")
    return replace(plan, set_aside=tuple(card for card in plan.set_aside if card != evidence_id))


class History:
    """Undo and redo: the list of plans, and where we are in it."""

    def __init__(self, plan: Plan, clock: Callable[[], float] | None = None) -> None:
        self._plans = [plan]
        self._index = 0
        self._floor = 0  # undo stops here (the plan before it used another pack)
        self._typing = TypingSteps(clock)  # where a run of typing breaks into steps

    @property
    def plan(self) -> Plan:
        return self._plans[self._index]

    def push(self, plan: Plan, merge_key: object = None, text: str | None = None) -> Plan:
        """Record a new plan; it drops any redo beyond the current one.

        Consecutive pushes with the same merge_key (typing in one field, whose `text`
        is now this) make one undo step, until a pause or a sentence's end
        (typing_steps): one ctrl+z takes back a burst, not the whole visit.
        """
        if plan == self.plan:
            return plan
        del self._plans[self._index + 1 :]
        joins = self._typing.continues(merge_key, text)
        if joins and self._index > self._floor:
            self._plans[self._index] = plan
        else:
            self._plans.append(plan)
            self._index += 1
        return plan

    def seal(self) -> None:
        """End the current typing run: the next edit is a new undo step."""
        self._typing.seal()

    def set_floor(self) -> None:
        """Undo may not go back past the current plan (its pack was swapped)."""
        self._floor = self._index
        self._typing.seal()

    @property
    def can_undo(self) -> bool:
        return self._index > self._floor

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._plans) - 1

    def undo(self) -> Plan | None:
        if not self.can_undo:
            return None
        self._typing.seal()
        self._index -= 1
        return self.plan

    def redo(self) -> Plan | None:
        if not self.can_redo:
            return None
        self._typing.seal()
        self._index += 1
        return self.plan


# An undo names what it took back and the view that shows it ("rank", "plan" or "links"). Fields are
# checked in this order, the order a student reads the plan; a field missing here is only
# ever "a change to the plan" (a test fails when a field of the model has no entry).
PLAN_CHANGES: dict[str, tuple[str, str] | None] = {
    "question": ("the question", "rank"),
    "introduction": ("the introduction", "plan"),
    "criteria": ("the criteria", "plan"),
    "conclusion": ("the conclusion", "plan"),
    "extent": ("the mark on the judgement line", "rank"),
    "own_factors": None,  # factor by factor: _own_change
    "ranking": None,  # entry by entry: RANKED_CHANGES
    "links": None,  # link by link: LINK_CHANGES
    "set_aside": None,  # card by card: _set_aside_change
    "paragraphs": None,  # paragraph by paragraph: PARAGRAPH_CHANGES
    "template": ("the paragraph labels", "plan"),
    "pack": ("the plan's pack", "rank"),
    "pack_file": ("the plan's pack", "rank"),
    "created": ("when the plan was started", "plan"),
    "modified": ("when the plan was last changed", "plan"),
}
# {title} is the factor's title, {label} the field's label in the plan's paragraph template.
RANKED_CHANGES = {
    "factor": ("the ranking", "rank"),
    "reason": ("the reason for {title}", "rank"),
    "weight": ("the weight of {title}", "rank"),
    "without": ("what would have happened without {title}", "rank"),
    "role": ("the role of {title}", "rank"),
}
PARAGRAPH_CHANGES = {
    "factor": ("the order of the paragraphs", "plan"),
    "evidence": ("the evidence for {title}", "rank"),
    "own_evidence": ("your own evidence for {title}", "plan"),
    **{part: ("the {label} of the paragraph on {title}", "plan") for part in PARAGRAPH_TEXTS},
}
# {link} is "the link from A to B".
LINK_CHANGES = {
    "added": ("{link}", "links"),  # a link drawn, or deleted when undone
    "source": ("the direction of {link}", "links"),
    "target": ("the direction of {link}", "links"),
    "kind": ("the kind of {link}", "links"),
    "how": ("the sentence on {link}", "links"),
}
OWN_FACTOR_CHANGES = {
    "added": ("your own factor {title}", "rank"),  # added, or removed when undone
    "id": ("your own factor {title}", "rank"),
    "title": ("the title of your own factor {title}", "rank"),
}
SOME_CHANGE = ("a change to the plan", "plan")


def describe_change(before: Plan, after: Plan, pack: Pack) -> tuple[str, str]:
    """What differs between two plans, in the student's words, and the view it shows in
    ("rank", "plan" or "links"): an undo says what it took back, even out of sight."""
    # Own factors' titles, before or after the change, name what changed.
    pack = names.with_own_factors(after, names.with_own_factors(before, pack))
    for name, change in PLAN_CHANGES.items():
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if name in ("ranking", "paragraphs"):
            changes = RANKED_CHANGES if name == "ranking" else PARAGRAPH_CHANGES
            return _entries_change(old, new, changes, pack, after.template)
        if name == "links":
            return _items_change(old, new, LINK_CHANGES, lambda k: {"link": _link_words(k, pack)})
        if name == "set_aside":
            return _set_aside_change(old, new, pack)
        if name == "own_factors":
            return _items_change(old, new, OWN_FACTOR_CHANGES, lambda f: {"title": getattr(f, "title", "")})
        if change is not None:
            return change
    return SOME_CHANGE


def _set_aside_change(before: tuple[str, ...], after: tuple[str, ...], pack: Pack) -> tuple[str, str]:
    """'setting aside the card “…”' or 'putting back the card “…”': the card a change set aside or restored."""
    added = [card for card in after if card not in before]
    card = added[0] if added else next((c for c in before if c not in after), None)
    if card is None:
        return SOME_CHANGE
    words = "setting aside" if added else "putting back"
    return f"{words} the card “{names.short(names.card_text(pack, card), 40)}”", "rank"


def _link_words(link: object, pack: Pack) -> str:
    source, target = getattr(link, "source", "?"), getattr(link, "target", "?")
    return f"the link from {names.factor_title(pack, source)} to {names.factor_title(pack, target)}"


def _items_change(before: tuple, after: tuple, changes: dict, words) -> tuple[str, str]:
    """The first difference between two lists of links or own factors: one added or taken away,
    else the first field that changed."""
    if len(before) != len(after):
        longer, shorter = (after, before) if len(after) > len(before) else (before, after)
        item = next((x for x in longer if x not in shorter), longer[-1])
        what, view = changes["added"]
        return what.format(**words(item)), view
    for old, new in zip(before, after):
        if old == new:
            continue
        for name, (what, view) in changes.items():
            if name != "added" and getattr(old, name, None) != getattr(new, name, None):
                return what.format(**words(new)), view
        what, view = changes["added"]
        return what.format(**words(new)), view
    return SOME_CHANGE


def _entries_change(
    before: tuple, after: tuple, changes: dict[str, tuple[str, str]], pack: Pack, template: str
) -> tuple[str, str]:
    """The first difference between two rankings or two lists of paragraphs: their factors
    and order first, then each entry's fields."""
    from essayplan.paragraph_templates import get_template

    if [entry.factor for entry in before] != [entry.factor for entry in after]:
        return changes["factor"]
    label = get_template(template).label
    for old, new in zip(before, after):
        for name, (what, view) in changes.items():
            if getattr(old, name) != getattr(new, name):
                return what.format(title=names.factor_title(pack, new.factor), label=label(name)), view
    return SOME_CHANGE
