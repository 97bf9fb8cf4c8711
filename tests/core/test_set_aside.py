"""Cards set aside on purpose (issue 13): the plan field, its file, `check`, the operations and undo."""

from __future__ import annotations

import pytest

from essayplan import ops
from essayplan.advice import advise
from essayplan.cli import main
from essayplan.model import Evidence, Factor, Pack
from essayplan.ops import OperationError, describe_change, new_plan
from essayplan.packs import save_pack
from essayplan.plans import dump_plan, load_plan, save_plan

PACK = Pack(
    "topic",
    "Topic",
    factors=(
        Factor("policies", "Policies", evidence=(Evidence("nep", "Many were unhappy with the NEP."),)),
        Factor("opposition", "Opposition", evidence=(Evidence("trotsky", "Trotsky missed Lenin's funeral."),)),
    ),
)


def test_set_aside_and_restore_with_undo_words():
    plan = new_plan(PACK)
    aside = ops.set_aside(plan, "trotsky")
    assert aside.set_aside == ("trotsky",)
    assert describe_change(plan, aside, PACK) == ("setting aside the card “Trotsky missed Lenin's funeral.”", "rank")
    back = ops.restore(aside, "trotsky")
    assert back.set_aside == ()
    assert describe_change(aside, back, PACK) == ("putting back the card “Trotsky missed Lenin's funeral.”", "rank")
    with pytest.raises(OperationError, match="already set aside"):
        ops.set_aside(aside, "trotsky")
    with pytest.raises(OperationError, match="not set aside"):
        ops.restore(plan, "trotsky")


def test_set_aside_round_trips_and_is_absent_when_empty(tmp_path):
    plan = ops.set_aside(ops.set_aside(new_plan(PACK), "nep"), "trotsky")
    save_plan(plan, tmp_path / "p.toml")
    assert load_plan(tmp_path / "p.toml") == plan
    assert 'set_aside = [\n    "nep",\n    "trotsky",\n]' in dump_plan(plan) or 'set_aside = ["nep", "trotsky"]' in dump_plan(plan)
    assert "set_aside" not in dump_plan(new_plan(PACK))


def test_a_card_set_aside_twice_is_refused_with_its_place(tmp_path, capsys):
    plan = ops.set_aside(new_plan(PACK), "nep")
    text = dump_plan(plan).replace('"nep"', '"nep", "nep"')
    (tmp_path / "p.toml").write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path / "p.toml")]) == 2
    assert "set_aside[1]: card 'nep' is set aside twice" in capsys.readouterr().err


def test_check_names_a_card_set_aside_that_the_pack_lacks(tmp_path, capsys):
    save_pack(PACK, tmp_path / "topic.toml")
    save_plan(ops.set_aside(ops.set_aside(new_plan(PACK), "nep"), "no-such-card"), tmp_path / "p.toml")
    assert main(["check", str(tmp_path / "p.toml")]) != 0
    out = capsys.readouterr()
    assert f"{tmp_path / 'p.toml'}: set_aside[1]: unknown card 'no-such-card'" in out.out + out.err
    save_plan(ops.set_aside(new_plan(PACK), "nep"), tmp_path / "p.toml")
    assert main(["check", str(tmp_path / "p.toml")]) == 0


def test_a_card_set_aside_is_not_counted_as_unused():
    plan = new_plan(PACK)
    assert [a.message for a in advise(plan, PACK) if a.rule == "evidence-unused"][0].startswith("2 cards")
    plan = ops.set_aside(plan, "nep")
    assert [a.message for a in advise(plan, PACK) if a.rule == "evidence-unused"][0].startswith("1 card ")
    plan = ops.set_aside(plan, "trotsky")
    assert not [a for a in advise(plan, PACK) if a.rule == "evidence-unused"]
