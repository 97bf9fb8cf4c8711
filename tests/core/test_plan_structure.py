"""Top-level planning (issue 12): the new plan fields in files and `check`, own factors seen
everywhere a pack factor is, and every operation with its undo."""

from __future__ import annotations

import shutil

import pytest

from essayplan import names, ops
from essayplan.checking import check_file, load_plan_and_pack
from essayplan.cli import main
from essayplan.model import Evidence, Factor, Link, OwnFactor, Pack, Paragraph, Plan
from essayplan.ops import History, OperationError, describe_change, new_plan
from essayplan.plans import dump_plan, load_plan, save_plan
from paths import CORPUS

PACK = Pack(
    "topic",
    "Topic",
    factors=(
        Factor("policies", "Policies", evidence=(Evidence("nep", "NEP."),)),
        Factor("opposition", "Opposition", evidence=(Evidence("trotsky", "Trotsky."),)),
        Factor("position", "Position", evidence=(Evidence("gensec", "General Secretary."),)),
    ),
)


@pytest.fixture
def plan() -> Plan:
    return new_plan(PACK)


# -- Files -------------------------------------------------------------------


def test_a_plan_without_the_new_fields_saves_byte_for_byte_as_it_was(tmp_path):
    # As essayplan wrote it before issue 12 (the corpus file ends with one blank line more).
    original = (CORPUS / "good-plan.toml").read_bytes().rstrip(b"\n") + b"\n"
    plan = load_plan(CORPUS / "good-plan.toml")
    assert (plan.extent, plan.links, plan.own_factors) == (None, (), ())
    assert all((r.weight, r.without, r.role) == (None, None, None) for r in plan.ranking)
    assert dump_plan(plan).encode("utf-8") == original


def test_the_new_fields_are_written_with_the_issues_names_and_read_back(tmp_path, plan):
    plan = ops.add_own_factor(plan, PACK, "Luck and Lenin's illness")
    luck = plan.own_factors[-1].id
    plan = ops.set_extent(plan, 70)
    plan = ops.set_weight(ops.set_without(ops.set_role(plan, luck, "trigger"), luck, "later"), luck, 45)
    plan = ops.add_link(plan, "opposition", luck, "depended on", "The stroke kept Lenin silent.")
    plan = ops.add_own_evidence(plan, luck, "Lenin's third stroke in March 1923.")
    text = dump_plan(plan)
    for line in (
        "extent = 70",
        "[[own_factors]]",
        f'id = "{luck}"',
        'title = "Luck and Lenin\'s illness"',
        "weight = 45",
        'without = "later"',
        'role = "trigger"',
        "[[links]]",
        'from = "opposition"',
        f'to = "{luck}"',
        'kind = "depended on"',
        'how = "The stroke kept Lenin silent."',
        "own_evidence = [",
        '    "Lenin\'s third stroke in March 1923.",',
    ):
        assert line in text.splitlines(), line
    save_plan(plan, tmp_path / "plan.toml")
    assert load_plan(tmp_path / "plan.toml") == plan


def test_check_refuses_an_own_factor_with_a_pack_factors_id(tmp_path, capsys):
    shutil.copy(CORPUS / "good-plan.toml", tmp_path / "plan.toml")
    path = tmp_path / "plan.toml"
    path.write_text(path.read_text() + '\n[[own_factors]]\nid = "policies"\ntitle = "My policies"\n')
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: own_factors[0].id: 'policies' is already a factor of pack 'stalin-rise'" in err


def test_check_takes_a_good_structured_plan(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text(
        (CORPUS / "good-plan.toml").read_text()
        + '\n[[own_factors]]\nid = "luck"\ntitle = "Luck"\n'
        + '\n[[links]]\nfrom = "luck"\nto = "policies"\nkind = "enabled"\nhow = "So."\n'
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: ok: plan" in out and "'luck'" not in out  # an own factor is not "missing from the pack"


# -- Own factors everywhere ---------------------------------------------------


def test_an_own_factor_is_named_ranked_and_written_about_like_a_pack_factor(plan):
    plan = ops.add_own_factor(plan, PACK, "Luck")
    assert plan.own_factors == (OwnFactor("luck", "Luck"),)
    assert plan.ranking[-1].factor == "luck" and plan.paragraphs[-1] == Paragraph("luck")
    assert names.factor_title(PACK, "luck", plan) == "Luck"
    assert names.paragraph_label(plan, PACK, "luck") == "¶4 Luck"
    assert [f.id for f in names.plan_factors(plan, PACK)] == ["policies", "opposition", "position", "luck"]
    assert names.with_own_factors(plan, PACK).factor("luck").title == "Luck"
    # reconcile keeps it without a note, and gives a hand-written one its place
    assert ops.reconcile(plan, PACK) == (plan, [])
    bare = Plan("topic", own_factors=(OwnFactor("luck", "Luck"),))
    fitted, notes = ops.reconcile(bare, PACK)
    assert [r.factor for r in fitted.ranking] == ["policies", "opposition", "position", "luck"]
    assert not any("luck" in note for note in notes if "new in the pack" in note)


def test_own_factor_ids_are_unique_against_the_pack_and_the_plan(plan):
    plan = ops.add_own_factor(plan, PACK, "Policies")
    plan = ops.add_own_factor(plan, PACK, "Policies")
    assert [f.id for f in plan.own_factors] == ["policies-2", "policies-3"]
    with pytest.raises(OperationError):
        ops.add_own_factor(plan, PACK, "   ")


def test_own_evidence_counts_as_evidence_in_the_advice(plan):
    from essayplan.advice import advise

    plan = ops.set_text(plan, "point", "Policies won votes.", "policies")
    rules = lambda p: [(a.rule, a.factor) for a in advise(p, PACK)]  # noqa: E731
    assert ("paragraph-no-evidence", "policies") in rules(plan)
    assert ("paragraph-no-evidence", "policies") not in rules(ops.add_own_evidence(plan, "policies", "My fact."))


# -- Operations and undo ------------------------------------------------------


def _undo_says(before: Plan, after: Plan, expected: str) -> None:
    history = History(before)
    history.push(after)
    undone = history.undo()
    assert undone == before
    assert describe_change(before, after, PACK)[0] == expected
    assert history.redo() == after


def test_extent(plan):
    marked = ops.set_extent(plan, 70)
    assert marked.extent == 70 and ops.set_extent(marked, None).extent is None
    _undo_says(plan, marked, "the mark on the judgement line")
    for bad in (75, -10, 110, "70", True):
        with pytest.raises(OperationError):
            ops.set_extent(plan, bad)


@pytest.mark.parametrize(
    ("op", "value", "bad", "said"),
    [
        (ops.set_weight, 45, 101, "the weight of Opposition"),
        (ops.set_without, "never", "perhaps", "what would have happened without Opposition"),
        (ops.set_role, "trigger", "cause", "the role of Opposition"),
    ],
)
def test_weight_without_and_role(plan, op, value, bad, said):
    changed = op(plan, "opposition", value)
    field = {ops.set_weight: "weight", ops.set_without: "without", ops.set_role: "role"}[op]
    assert getattr(changed.ranking[1], field) == value
    assert getattr(op(changed, "opposition", None).ranking[1], field) is None
    _undo_says(plan, changed, said)
    with pytest.raises(OperationError):
        op(plan, "opposition", bad)
    with pytest.raises(OperationError):
        op(plan, "ghost", value)


def test_links(plan):
    linked = ops.add_link(plan, "position", "opposition", "weakened")
    assert linked.links == (Link("position", "opposition", "weakened", ""),)
    _undo_says(plan, linked, "the link from Position to Opposition")
    with_how = ops.set_link_how(linked, "position", "opposition", "He packed the congresses.")
    _undo_says(linked, with_how, "the sentence on the link from Position to Opposition")
    kinded = ops.set_link_kind(with_how, "position", "opposition", "enabled")
    _undo_says(with_how, kinded, "the kind of the link from Position to Opposition")
    reversed_ = ops.reverse_link(kinded, "position", "opposition")
    assert reversed_.links == (Link("opposition", "position", "enabled", "He packed the congresses."),)
    _undo_says(kinded, reversed_, "the direction of the link from Opposition to Position")
    deleted = ops.delete_link(reversed_, "opposition", "position")
    assert deleted.links == ()
    _undo_says(reversed_, deleted, "the link from Opposition to Position")


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [("policies", "policies", "enabled"), ("policies", "ghost", "enabled"), ("policies", "position", "caused")],
)
def test_impossible_links(plan, source, target, kind):
    with pytest.raises(OperationError):
        ops.add_link(plan, source, target, kind)


def test_a_link_is_drawn_once_each_way(plan):
    linked = ops.add_link(plan, "policies", "position")
    with pytest.raises(OperationError):
        ops.add_link(linked, "policies", "position", "weakened")
    both = ops.add_link(linked, "position", "policies")  # the other way is another arrow
    with pytest.raises(OperationError):
        ops.reverse_link(both, "policies", "position")
    with pytest.raises(OperationError):
        ops.delete_link(plan, "policies", "position")


def test_own_factor_add_rename_remove(plan):
    added = ops.add_own_factor(plan, PACK, "Luck")
    _undo_says(plan, added, "your own factor Luck")
    renamed = ops.rename_own_factor(added, "luck", "Sheer luck")
    assert renamed.own_factors[0] == OwnFactor("luck", "Sheer luck")
    _undo_says(added, renamed, "the title of your own factor Sheer luck")
    linked = ops.attach(ops.add_link(renamed, "luck", "policies"), PACK, "luck", "nep")
    removed = ops.remove_own_factor(linked, "luck")
    assert removed.own_factors == () and removed.links == ()
    assert removed.paragraph("luck") is None and removed.rank_of("luck") is None
    _undo_says(linked, removed, "your own factor Sheer luck")
    with pytest.raises(OperationError):
        ops.rename_own_factor(plan, "policies", "Mine")  # a pack factor is not the student's to rename
    with pytest.raises(OperationError):
        ops.remove_own_factor(plan, "policies")


@pytest.mark.parametrize(
    "written",
    [
        lambda p: ops.set_text(p, "reason", "Because.", "luck"),
        lambda p: ops.set_text(p, "point", "Luck mattered.", "luck"),
        lambda p: ops.add_own_evidence(p, "luck", "A fact."),
        lambda p: ops.add_link(p, "policies", "luck", "enabled", "How."),
    ],
)
def test_removing_an_own_factor_never_loses_words(plan, written):
    plan = written(ops.add_own_factor(plan, PACK, "Luck"))
    with pytest.raises(OperationError, match="still has words"):
        ops.remove_own_factor(plan, "luck")


def test_own_evidence(plan):
    added = ops.add_own_evidence(plan, "policies", "Lenin's stroke.")
    assert added.paragraph("policies").own_evidence == ("Lenin's stroke.",)
    _undo_says(plan, added, "your own evidence for Policies")
    first = ops.add_own_evidence(added, "policies", "Earlier fact.", 0)
    assert first.paragraph("policies").own_evidence == ("Earlier fact.", "Lenin's stroke.")
    changed = ops.set_own_evidence(first, "policies", 1, "Lenin's third stroke.")
    assert changed.paragraph("policies").own_evidence == ("Earlier fact.", "Lenin's third stroke.")
    removed = ops.remove_own_evidence(changed, "policies", 0)
    assert removed.paragraph("policies").own_evidence == ("Lenin's third stroke.",)
    _undo_says(changed, removed, "your own evidence for Policies")
    for bad in (lambda: ops.set_own_evidence(plan, "policies", 0, "x"), lambda: ops.remove_own_evidence(plan, "policies", 3)):
        with pytest.raises(OperationError):
            bad()
    with pytest.raises(OperationError):
        ops.add_own_evidence(plan, "ghost", "x")


def test_a_structured_plan_opens_with_its_pack(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text((CORPUS / "good-plan.toml").read_text() + '\n[[own_factors]]\nid = "luck"\ntitle = "Luck"\n')
    plan, pack, notes = load_plan_and_pack(path)
    assert plan.rank_of("luck") == len(plan.ranking) and plan.paragraph("luck") is not None
    assert not [note for note in notes if "luck" in note]  # an own factor is not "missing from the pack"
    assert check_file(path)[0]
