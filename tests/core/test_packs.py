"""Packs: every broken file gets its exact message; discovery, shadowing, round trips."""

from __future__ import annotations

import tomllib

import pytest

from helpers import expected_lines
from essayplan import paths
from essayplan.checking import check_file
from essayplan.cli import main
from essayplan.errors import UserError
from essayplan.model import Evidence, Factor, Pack
from essayplan.packs import discover, dump_pack, find_pack, load_pack, save_pack
from paths import BROKEN

# plan-*.toml are broken plans (tests/core/test_plans.py); the rest are broken packs
# or files that are neither.
BROKEN_PACKS = sorted(p for p in BROKEN.glob("*.toml") if not p.name.startswith("plan-"))
NOT_PACKS = {"neither-pack-nor-plan.toml", "comments-only.toml"}


def pack_text(pack_id: str = "mini", title: str = "Mini topic", factors: int = 2) -> str:
    """A small valid pack, as a teacher would write it."""
    text = f'schema = 1\nid = "{pack_id}"\ntitle = "{title}"\nquestions = ["Why?"]\n'
    for n in range(1, factors + 1):
        text += f'\n[[factors]]\nid = "f{n}"\ntitle = "Factor {n}"\n'
        text += f'[[factors.evidence]]\nid = "f{n}-a"\ntext = "Card A of factor {n}."\n'
        text += f'[[factors.evidence]]\nid = "f{n}-b"\ntext = "Card B of factor {n}."\ndate = "1924"\n'
    return text


# -- Broken packs: the exact lines a teacher reads ---------------------------


def test_the_corpus_is_big_enough():
    assert len(BROKEN_PACKS) >= 25


@pytest.mark.parametrize("path", BROKEN_PACKS, ids=lambda p: p.stem)
def test_a_broken_pack_gets_every_problem_exactly(path):
    ok, lines = check_file(path)
    assert not ok
    assert lines == expected_lines(path)


@pytest.mark.parametrize("path", [p for p in BROKEN_PACKS if p.name not in NOT_PACKS], ids=lambda p: p.stem)
def test_load_pack_raises_the_same_lines(path):
    with pytest.raises(UserError) as caught:
        load_pack(path)
    assert caught.value.problems == expected_lines(path)
    assert str(caught.value) == "\n".join(expected_lines(path))


def test_a_file_with_three_problems_gives_three_lines():
    lines = expected_lines(BROKEN / "three-problems.toml")
    assert len(lines) == 3
    with pytest.raises(UserError) as caught:
        load_pack(BROKEN / "three-problems.toml")
    assert len(caught.value.problems) == 3


def test_a_folder_is_not_a_pack(tmp_path):
    with pytest.raises(UserError) as caught:
        load_pack(tmp_path)
    assert caught.value.problems == [f"{tmp_path}: is a folder, not a pack file"]


def test_a_missing_path(tmp_path):
    missing = tmp_path / "nowhere" / "pack.toml"
    with pytest.raises(UserError) as caught:
        load_pack(missing)
    assert caught.value.problems == [f"{missing}: no such file"]


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + pack_text().replace("\n", "\r\n").encode())
    assert load_pack(path).id == "mini"


def test_a_card_date_may_be_a_bare_year_or_a_toml_date(tmp_path):
    path = tmp_path / "dates.toml"
    text = pack_text(factors=1).replace('date = "1924"', "date = 1924-01-21")
    text = text.replace('text = "Card A of factor 1."', 'text = "Card A of factor 1."\ndate = 1929')
    path.write_text(text, encoding="utf-8")
    cards = load_pack(path).factors[0].evidence
    assert [c.date for c in cards] == ["1929", "1924-01-21"]


def test_a_syntax_error_past_a_non_ascii_character_counts_characters(tmp_path):
    path = tmp_path / "accents.toml"
    path.write_text('schema = 1\ntitle = "Троцкий" x\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_pack(path)
    assert caught.value.problems[0].startswith(f"{path}:2:19: unexpected text after the value")


# -- Writing packs -----------------------------------------------------------


def test_dump_and_load_give_back_the_bundled_pack(bundled_pack, tmp_path):
    text = dump_pack(bundled_pack)
    path = tmp_path / "copy.toml"
    path.write_text(text, encoding="utf-8")
    again = load_pack(path)
    assert again == bundled_pack
    assert again.path == path
    assert dump_pack(again) == text


def test_a_dumped_pack_is_written_for_people(bundled_pack):
    text = dump_pack(bundled_pack)
    assert text.startswith("schema = 1\n")
    assert "\n[[factors]]\n" in text
    assert "\n[[factors.evidence]]\n" in text
    assert "{" not in text.split("[[factors]]")[1]  # no inline tables to unpick by hand
    assert tomllib.loads(text)["id"] == "stalin-rise"


def test_save_pack_refuses_a_pack_that_would_not_load(tmp_path):
    card = Evidence("same", "Text.")
    pack = Pack("dup", "Dup", factors=(Factor("a", "A", evidence=(card,)), Factor("b", "B", evidence=(card,))))
    out = tmp_path / "dup.toml"
    with pytest.raises(UserError) as caught:
        save_pack(pack, out)
    assert caught.value.problems == [f"{out}: factors[1].evidence[0].id: duplicate evidence id 'same' (also factors[0].evidence[0])"]
    assert not out.exists()


def test_save_pack_writes_a_pack_that_loads(bundled_pack, tmp_path):
    out = tmp_path / "saved.toml"
    save_pack(bundled_pack, out)
    assert load_pack(out) == bundled_pack
    assert out.stat().st_mode & 0o777 == 0o644  # shareable, not the temp file's 0600


# -- Finding packs -----------------------------------------------------------


def test_the_bundled_pack_is_found_by_id(elsewhere, bundled_pack):
    pack = find_pack("stalin-rise")
    assert pack == bundled_pack
    assert pack.path.resolve() == (paths.bundled_factors() / "stalin-rise.toml").resolve()


def test_a_pack_is_found_by_path(elsewhere, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(pack_text("mine"), encoding="utf-8")
    assert find_pack(str(path)).id == "mine"
    (elsewhere / "local.toml").write_text(pack_text("local"), encoding="utf-8")
    assert find_pack("local.toml").id == "local"


def test_an_unknown_id_names_the_known_packs(elsewhere):
    with pytest.raises(UserError) as caught:
        find_pack("ww3-causes")
    assert caught.value.problems == ["no pack with id 'ww3-causes' (known packs: bolsheviks-october, hitler-rise, stalin-rise, tsar-fall, weimar-survival, ww1-causes, ww2-causes)"]


def test_a_broken_pack_named_like_the_id_says_what_to_fix(elsewhere):
    (elsewhere / "factors").mkdir()
    broken = elsewhere / "factors" / "ww1.toml"
    broken.write_text(pack_text("ww1").replace('title = "Mini topic"', 'title = 3'), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        find_pack("ww1")
    assert caught.value.problems == [f"{broken}: title: expected a string, found an integer"]


def test_discovery_order_is_bundled_then_user_then_local(elsewhere):
    user = paths.user_packs()
    user.mkdir(parents=True)
    (user / "user-pack.toml").write_text(pack_text("user-pack"), encoding="utf-8")
    (elsewhere / "factors").mkdir()
    (elsewhere / "factors" / "local-pack.toml").write_text(pack_text("local-pack"), encoding="utf-8")
    found = discover()
    bundled = sorted(p.stem for p in paths.bundled_factors().glob("*.toml"))
    assert [(f.pack.id, f.origin) for f in found] == [(i, "bundled") for i in bundled] + [
        ("user-pack", "user"),
        ("local-pack", "./factors"),
    ]
    assert all(f.shadowed_by is None for f in found)


def test_the_users_pack_shadows_the_bundled_one(elsewhere):
    user = paths.user_packs()
    user.mkdir(parents=True)
    mine = user / "my-stalin.toml"
    mine.write_text(pack_text("stalin-rise", "My Stalin"), encoding="utf-8")
    found = discover()
    bundled = next(f for f in found if f.origin == "bundled" and f.pack.id == "stalin-rise")
    assert bundled.shadowed_by == mine
    assert find_pack("stalin-rise").title == "My Stalin"


def test_a_pack_found_by_id_checks_only_the_files_that_may_be_it(elsewhere):
    """Its id or its file name: an export or a start-up does not check every pack to find one."""
    user = paths.user_packs()
    user.mkdir(parents=True)
    (user / "unrelated.toml").write_text('schema = 1\nid = "unrelated"\n', encoding="utf-8")  # broken
    mine = user / "renamed.toml"
    mine.write_text(pack_text("stalin-rise", "Renamed"), encoding="utf-8")
    found = discover("stalin-rise")
    assert [(f.path.name, f.origin) for f in found] == [("stalin-rise.toml", "bundled"), ("renamed.toml", "user")]
    assert found[0].shadowed_by == mine
    assert find_pack("stalin-rise").title == "Renamed"


def test_a_local_pack_shadows_the_users_one(elsewhere):
    user = paths.user_packs()
    user.mkdir(parents=True)
    (user / "p.toml").write_text(pack_text("p", "User's"), encoding="utf-8")
    (elsewhere / "factors").mkdir()
    (elsewhere / "factors" / "p.toml").write_text(pack_text("p", "Local"), encoding="utf-8")
    assert find_pack("p").title == "Local"


def test_packs_command_says_which_pack_is_shadowed(elsewhere, capsys):
    user = paths.user_packs()
    user.mkdir(parents=True)
    mine = user / "my-stalin.toml"
    mine.write_text(pack_text("stalin-rise", "My Stalin"), encoding="utf-8")
    assert main(["packs"]) == 0
    out = capsys.readouterr().out.splitlines()
    bundled = next(i for i, line in enumerate(out) if "stalin-rise.toml [bundled]" in line)
    assert out[bundled].startswith("  1924–29    stalin-rise          Stalin's Rise to Power — 4 factors, 38 evidence cards — ")
    assert out[bundled + 1].strip() == f"shadowed by {mine}"
    assert any(line.startswith(f"  {'':10} stalin-rise          My Stalin — 2 factors, 4 evidence cards") for line in out)


def test_packs_command_lists_broken_packs_with_their_problems(elsewhere, capsys):
    user = paths.user_packs()
    user.mkdir(parents=True)
    broken = user / "broken.toml"
    broken.write_text('schema = 1\nid = "broken"\n', encoding="utf-8")
    assert main(["packs"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index(f"  {'':10} {'(broken)':20} {broken} [user]")
    assert out[start - 1] == "Packs that do not check"
    assert out[start + 1 : start + 3] == [
        f"      {broken}: title: missing (expected a string)",
        f"      {broken}: factors: missing (expected at least one [[factors]] table)",
    ]


def test_cards_share_one_string_for_a_repeated_group_date_and_role(tmp_path):
    # Held once per value, not once per card (a 2,000-card pack kept ~0.2 MiB of repeats).
    cards = tuple(
        Evidence(id=f"c{n}", text=f"Card {n}.", group=f"Group {n // 5}", date="1928", role="trigger") for n in range(10)
    )
    path = tmp_path / "shared.toml"
    save_pack(Pack(id="shared", title="Shared", factors=(Factor(id="f", title="F", evidence=cards),)), path)
    read = load_pack(path).factors[0].evidence
    assert [card.group for card in read] == [card.group for card in cards]  # the same values
    assert read[0].group is read[4].group and read[0].group is not read[5].group
    assert len({id(card.date) for card in read}) == 1
    assert len({id(card.role) for card in read}) == 1
