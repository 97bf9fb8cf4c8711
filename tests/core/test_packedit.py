"""Pack editing: pure edits on packs, and saving that never overwrites a bundled pack."""

from __future__ import annotations

import pytest

from essayplan import packedit as pe
from essayplan.model import Evidence, Factor, Pack
from essayplan.packs import load_pack
from samples import ww1_pack


# -- factors --------------------------------------------------------------------


def test_add_factor_makes_a_readable_unique_id():
    pack = ww1_pack()
    once = pe.add_factor(pack, "  Imperialism  and   empire ")
    assert once.factors[-1] == Factor(id="imperialism-and-empire", title="Imperialism and empire")
    twice = pe.add_factor(once, "Imperialism and empire")
    assert [f.id for f in twice.factors][-2:] == ["imperialism-and-empire", "imperialism-and-empire-2"]
    assert pe.add_factor(pack, "Alliances").factors[-1].id == "alliances-2"


def test_add_factor_at_a_position():
    pack = pe.add_factor(ww1_pack(), "Nationalism", position=1)
    assert [f.id for f in pack.factors] == ["alliances", "nationalism", "militarism"]


def test_edit_factor_keeps_its_id():
    pack = pe.edit_factor(ww1_pack(), "alliances", title="The alliance system", summary=" Blocs. ",
                          keywords=["entente", " ", "alliance ", "entente"])
    factor = pack.factor("alliances")
    assert (factor.title, factor.summary, factor.keywords) == ("The alliance system", "Blocs.", ("entente", "alliance"))
    assert factor.evidence == ww1_pack().factor("alliances").evidence


def test_edit_factor_leaves_what_is_not_given():
    pack = pe.edit_factor(ww1_pack(), "alliances", summary="New")
    assert pack.factor("alliances").title == "Alliances"
    assert pack.factor("alliances").keywords == ("entente",)


def test_delete_factor_removes_its_cards():
    pack = pe.delete_factor(ww1_pack(), "alliances")
    assert [f.id for f in pack.factors] == ["militarism"]
    assert pack.evidence("triple-entente") is None


def test_move_factor():
    pack = pe.move_factor(ww1_pack(), "militarism", 0)
    assert [f.id for f in pack.factors] == ["militarism", "alliances"]


# -- evidence -------------------------------------------------------------------


def test_add_evidence_id_from_its_text_unique_across_the_pack():
    pack = pe.add_evidence(ww1_pack(), "militarism", "The Schlieffen Plan of 1905", group=" Plans ", date="1905")
    card = pack.factor("militarism").evidence[-1]
    assert card == Evidence(id="schlieffen-plan-1905", text="The Schlieffen Plan of 1905", group="Plans", date="1905")
    again = pe.add_evidence(pack, "alliances", "The Schlieffen Plan of 1905")
    assert again.factor("alliances").evidence[-1].id == "schlieffen-plan-1905-2"


def test_add_evidence_at_a_position():
    pack = pe.add_evidence(ww1_pack(), "alliances", "Anglo-Russian Entente 1907", position=1)
    assert [c.id for c in pack.factor("alliances").evidence] == ["triple-entente", "anglo-russian-entente-1907", "triple-alliance"]


def test_edit_evidence_keeps_its_id():
    pack = pe.edit_evidence(ww1_pack(), "dreadnought", text="HMS Dreadnought, 1906: a new arms race", date="")
    card = pack.evidence("dreadnought")
    assert card == Evidence(id="dreadnought", text="HMS Dreadnought, 1906: a new arms race")


def test_delete_evidence_may_leave_a_factor_empty_while_editing():
    pack = pe.delete_evidence(ww1_pack(), "dreadnought")
    assert pack.factor("militarism").evidence == ()
    assert pe.problems(pack) == ["factor 2 ('Militarism') has no evidence cards: add one, or delete the factor"]


def test_move_evidence_within_and_between_factors():
    within = pe.move_evidence(ww1_pack(), "triple-alliance", "alliances", 0)
    assert [c.id for c in within.factor("alliances").evidence] == ["triple-alliance", "triple-entente"]
    between = pe.move_evidence(ww1_pack(), "triple-entente", "militarism", 0)
    assert [c.id for c in between.factor("alliances").evidence] == ["triple-alliance"]
    assert [c.id for c in between.factor("militarism").evidence] == ["triple-entente", "dreadnought"]
    to_end = pe.move_evidence(ww1_pack(), "triple-entente", "militarism")
    assert [c.id for c in to_end.factor("militarism").evidence] == ["dreadnought", "triple-entente"]


# -- the pack -------------------------------------------------------------------


def test_set_questions_drops_blanks_and_repeats():
    pack = pe.set_questions(ww1_pack(), ["Q one?", "", "  ", "Q  two?", "Q one?"])
    assert pack.questions == ("Q one?", "Q two?")


def test_rename_pack():
    pack = pe.rename_pack(ww1_pack(), "WW1", new_id="ww1-causes")
    assert (pack.id, pack.title) == ("ww1-causes", "WW1")
    assert pe.rename_pack(ww1_pack(), "WW1").id == "ww1"


def test_empty_pack_passes_the_pack_checks(tmp_path):
    pack = pe.empty_pack("  The  Cold War ")
    assert (pack.id, pack.title) == ("the-cold-war", "The Cold War")
    path = tmp_path / "cold.toml"
    from essayplan.packs import save_pack

    save_pack(pack, path)
    assert load_pack(path) == pack


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: pe.add_factor(p, "   "), "needs a title"),
        (lambda p: pe.add_factor(p, "X", position=9), "out of range"),
        (lambda p: pe.edit_factor(p, "nope", title="X"), "no factor 'nope'"),
        (lambda p: pe.edit_factor(p, "alliances", keywords="entente"), "list of words"),
        (lambda p: pe.delete_factor(p, "nope"), "no factor"),
        (lambda p: pe.delete_factor(pe.delete_factor(p, "alliances"), "militarism"), "at least one factor"),
        (lambda p: pe.move_factor(p, "alliances", 2), "out of range"),
        (lambda p: pe.move_factor(p, "alliances", -1), "out of range"),
        (lambda p: pe.add_evidence(p, "nope", "text"), "no factor"),
        (lambda p: pe.add_evidence(p, "alliances", " \n "), "needs some text"),
        (lambda p: pe.edit_evidence(p, "nope", text="x"), "no evidence card 'nope'"),
        (lambda p: pe.delete_evidence(p, "nope"), "no evidence card"),
        (lambda p: pe.move_evidence(p, "dreadnought", "nope", 0), "no factor"),
        (lambda p: pe.move_evidence(p, "dreadnought", "alliances", 3), "out of range"),
        (lambda p: pe.set_questions(p, "one question"), "a list"),
        (lambda p: pe.rename_pack(p, "T", new_id="has space"), "not a valid pack id"),
    ],
)
def test_impossible_edits_raise_and_leave_the_pack_as_it_was(edit, message):
    pack = ww1_pack()
    with pytest.raises(pe.PackEditError, match=message):
        edit(pack)
    assert pack == ww1_pack()


# -- saving ---------------------------------------------------------------------


def test_problems_name_what_a_teacher_must_fix():
    pack = pe.edit_evidence(pe.edit_factor(pe.rename_pack(ww1_pack(), " "), "militarism", title=""), "dreadnought", text="")
    assert pe.problems(pack) == [
        "the pack needs a title",
        "factor 2 needs a title",
        "card 1 of factor 2 has no text: write some, or delete the card",
    ]


def test_save_a_new_pack_to_the_user_folder(user_home):
    from essayplan import paths

    path = pe.save_user_pack(ww1_pack())
    assert path == paths.user_packs() / "ww1.toml"
    assert load_pack(path) == ww1_pack()


def test_save_goes_back_to_the_file_it_came_from(tmp_path):
    source = tmp_path / "mine.toml"
    pe.save_user_pack(ww1_pack(), source)
    pack = pe.add_factor(load_pack(source), "Nationalism")
    pack = pe.add_evidence(pack, "nationalism", "Serbian nationalism and the Black Hand")
    assert pe.save_user_pack(pack) == source
    assert load_pack(source) == pack


def test_save_refuses_an_incomplete_pack_and_writes_nothing(tmp_path):
    pack = pe.add_factor(ww1_pack(), "Nationalism")
    with pytest.raises(pe.PackEditError, match="factor 3 \\('Nationalism'\\) has no evidence cards"):
        pe.save_user_pack(pack, tmp_path / "p.toml")
    assert not (tmp_path / "p.toml").exists()


def test_save_will_not_replace_another_pack_in_the_user_folder(user_home):
    pe.save_user_pack(ww1_pack())
    other = pe.rename_pack(ww1_pack(), "Another topic")
    with pytest.raises(pe.PackEditError, match="already holds another pack"):
        pe.save_user_pack(other)


def test_bundled_pack_is_never_overwritten(user_home, bundled):
    from essayplan import paths

    before = bundled.read_bytes()
    pack = load_pack(bundled)
    assert pe.is_bundled(pack)
    edited = pe.edit_factor(pack, pack.factors[0].id, title="Stalin's clever policies")
    path = pe.save_user_pack(edited)
    assert bundled.read_bytes() == before
    assert path == paths.user_packs() / "stalin-rise-mine.toml"
    copy = load_pack(path)
    assert copy.id == "stalin-rise-mine"
    assert copy.factors[0].title == "Stalin's clever policies"
    assert [f.id for f in copy.factors] == [f.id for f in pack.factors]  # plans still find their factors
    assert not pe.is_bundled(copy)

    # A second copy gets another id, unique among the packs found.
    assert pe.copy_id(pack) == "stalin-rise-mine-2"
    assert pe.save_user_pack(edited) == paths.user_packs() / "stalin-rise-mine-2.toml"
    assert bundled.read_bytes() == before


def test_a_path_inside_the_bundled_folder_becomes_a_copy(user_home, bundled):
    from essayplan import paths

    before = bundled.read_bytes()
    pack = load_pack(bundled)
    path = pe.save_user_pack(pack, bundled)
    assert bundled.read_bytes() == before
    assert path == paths.user_packs() / "stalin-rise-mine.toml"
    # Even a user pack aimed at the bundled folder goes to the user's folder instead.
    mine = pe.save_user_pack(ww1_pack(), paths.bundled_factors() / "ww1.toml")
    assert mine.parent == paths.user_packs()
    assert not (paths.bundled_factors() / "ww1.toml").exists()


def test_a_bundled_pack_saved_to_a_chosen_path_gets_a_new_id(tmp_path, bundled):
    path = pe.save_user_pack(load_pack(bundled), tmp_path / "stalin.toml")
    assert path == tmp_path / "stalin.toml"
    assert load_pack(path).id == "stalin-rise-mine"


def test_unique_pack_id_avoids_discovered_packs(user_home, bundled):
    assert pe.unique_pack_id("stalin-rise") == "stalin-rise-2"
    assert pe.unique_pack_id("ww1") == "ww1"
    pe.save_user_pack(ww1_pack())
    assert pe.unique_pack_id("ww1") == "ww1-2"


def test_set_pack_points_a_plan_at_the_copy():
    from essayplan import ops

    plan = ops.new_plan(ww1_pack())
    moved = ops.set_pack(plan, "ww1-mine")
    assert moved.pack == "ww1-mine"
    assert (moved.ranking, moved.paragraphs) == (plan.ranking, plan.paragraphs)
    with pytest.raises(ops.OperationError):
        ops.set_pack(plan, "")
