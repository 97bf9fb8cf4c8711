"""Operations: pure functions that take a plan and return a new one.

Every gesture in the app becomes one of these, so undo, autosave and tests see
one stream of changes. An impossible operation raises OperationError and the
plan it was given is untouched (plans are immutable).
"""

from __future__ import annotations

from dataclasses import replace

from essayplan import names
from essayplan.model import Pack, Paragraph, Plan, Ranked

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
        raise OperationError(f"that card is already in the paragraph on {names.factor_title(pack, factor_id)}")
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
    missing_para = tuple(Paragraph(f.id) for f in pack.factors if f.id not in written)
    for entry in missing_rank:
        notes.append(f"ranking: factor {entry.factor!r} is new in the pack; ranked last")
    if missing_rank or missing_para:
        plan = replace(plan, ranking=plan.ranking + missing_rank, paragraphs=plan.paragraphs + missing_para)
    return plan, notes


class History:
    """Undo and redo: the list of plans, and where we are in it."""

    def __init__(self, plan: Plan) -> None:
        self._plans = [plan]
        self._index = 0
        self._floor = 0  # undo stops here (the plan before it used another pack)
        self._merge_key: object = None

    @property
    def plan(self) -> Plan:
        return self._plans[self._index]

    def push(self, plan: Plan, merge_key: object = None) -> Plan:
        """Record a new plan; it drops any redo beyond the current one.

        Consecutive pushes with the same merge_key (typing in one field) make
        one undo step, not one per keystroke.
        """
        if plan == self.plan:
            return plan
        del self._plans[self._index + 1 :]
        if merge_key is not None and merge_key == self._merge_key and self._index > self._floor:
            self._plans[self._index] = plan
        else:
            self._plans.append(plan)
            self._index += 1
        self._merge_key = merge_key
        return plan

    def seal(self) -> None:
        """End the current typing run: the next edit is a new undo step."""
        self._merge_key = None

    def set_floor(self) -> None:
        """Undo may not go back past the current plan (its pack was swapped)."""
        self._floor = self._index
        self._merge_key = None

    @property
    def can_undo(self) -> bool:
        return self._index > self._floor

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._plans) - 1

    def undo(self) -> Plan | None:
        if not self.can_undo:
            return None
        self._merge_key = None
        self._index -= 1
        return self.plan

    def redo(self) -> Plan | None:
        if not self.can_redo:
            return None
        self._merge_key = None
        self._index += 1
        return self.plan


# An undo names what it took back and the view that shows it ("rank" or "plan"). Fields are
# checked in this order, the order a student reads the plan; a field missing here is only
# ever "a change to the plan" (a test fails when a field of the model has no entry).
PLAN_CHANGES: dict[str, tuple[str, str] | None] = {
    "question": ("the question", "rank"),
    "introduction": ("the introduction", "plan"),
    "criteria": ("the criteria", "plan"),
    "conclusion": ("the conclusion", "plan"),
    "ranking": None,  # entry by entry: RANKED_CHANGES
    "paragraphs": None,  # paragraph by paragraph: PARAGRAPH_CHANGES
    "template": ("the paragraph labels", "plan"),
    "pack": ("the plan's pack", "rank"),
    "pack_file": ("the plan's pack", "rank"),
    "created": ("when the plan was started", "plan"),
    "modified": ("when the plan was last changed", "plan"),
}
# {title} is the factor's title, {label} the field's label in the plan's paragraph template.
RANKED_CHANGES = {"factor": ("the ranking", "rank"), "reason": ("the reason for {title}", "rank")}
PARAGRAPH_CHANGES = {
    "factor": ("the order of the paragraphs", "plan"),
    "evidence": ("the evidence for {title}", "rank"),
    **{part: ("the {label} of the paragraph on {title}", "plan") for part in PARAGRAPH_TEXTS},
}
SOME_CHANGE = ("a change to the plan", "plan")


def describe_change(before: Plan, after: Plan, pack: Pack) -> tuple[str, str]:
    """What differs between two plans, in the student's words, and the view it shows in
    ("rank" or "plan"): an undo says what it took back, even out of sight."""
    for name, change in PLAN_CHANGES.items():
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if name in ("ranking", "paragraphs"):
            changes = RANKED_CHANGES if name == "ranking" else PARAGRAPH_CHANGES
            return _entries_change(old, new, changes, pack, after.template)
        if change is not None:
            return change
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
