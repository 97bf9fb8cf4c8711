"""`essayplan import`: revision cards and Markdown outlines become packs that check.

Each card in tests/data/cards/ is compared, field by field, with the pack it must give
(<name>.expected.toml), so a failure names the factor or card that differs.
The seed card is read from ../shared/seed, beside the repository.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essayplan.cli import main
from essayplan.errors import UserError
from essayplan.importer import first_date, import_card, import_file
from essayplan.model import Pack
from essayplan.packs import dump_pack, load_pack, pack_from_dict
from essayplan.question import stated_factor
from paths import CARDS, SHARED

SEED = SHARED / "seed" / "stalin-rise-revision-card.txt"

OWN_CARDS = [
    ("ww1-no-numbering-crlf.txt", "ww1-no-numbering-crlf.expected.toml"),
    ("nazis-numbered-subpoints.txt", "nazis-numbered-subpoints.expected.toml"),
    ("english-civil-war.md", "english-civil-war.expected.toml"),
    ("tsar-bom-tabs.txt", "tsar-bom-tabs.expected.toml"),
]


def as_data(pack: Pack) -> dict:
    """The pack as it is written to disk and read back."""
    return tomllib.loads(dump_pack(pack))


def assert_same_pack(pack: Pack, expected_file: Path) -> None:
    got = as_data(pack)
    want = tomllib.loads(expected_file.read_text(encoding="utf-8"))
    for key in ("schema", "id", "title", "subject", "source", "questions"):
        assert got.get(key) == want.get(key), f"pack field {key!r}"
    assert [f["id"] for f in got["factors"]] == [f["id"] for f in want["factors"]], "factor ids"
    for got_factor, want_factor in zip(got["factors"], want["factors"]):
        where = f"factor {want_factor['id']!r}"
        assert {k: v for k, v in got_factor.items() if k != "evidence"} == {
            k: v for k, v in want_factor.items() if k != "evidence"
        }, where
        got_cards, want_cards = got_factor["evidence"], want_factor["evidence"]
        assert [c["id"] for c in got_cards] == [c["id"] for c in want_cards], f"{where}: evidence ids"
        for got_card, want_card in zip(got_cards, want_cards):
            assert got_card == want_card, f"{where}: card {want_card['id']!r}"


def texts(pack: Pack) -> list[tuple[str, str, str]]:
    """(factor title, group, text) of every card, in pack order."""
    return [(f.title, c.group, c.text) for f in pack.factors for c in f.evidence]


def assert_checks(pack: Pack, tmp_path: Path) -> None:
    """What `essayplan check` does: write the pack, load it back, get the same pack."""
    path = tmp_path / f"{pack.id}.toml"
    path.write_text(dump_pack(pack), encoding="utf-8")
    assert load_pack(path) == pack


# -- The cards and the packs they must give -------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason=f"seed card not found at {SEED} (shared/ sits beside the repo)")
def test_seed_card_gives_the_expected_pack(tmp_path):
    pack = import_file(SEED)
    assert_same_pack(pack, CARDS / "stalin-rise.expected.toml")
    assert_checks(pack, tmp_path)


@pytest.mark.skipif(not SEED.exists(), reason=f"seed card not found at {SEED} (shared/ sits beside the repo)")
def test_seed_card_structure_in_brief():
    """The facts the issue names, so the expected file cannot drift from them unnoticed."""
    pack = import_file(SEED)
    assert [f.id for f in pack.factors] == ["stalins-policies", "weakness-of-opposition", "personality-general-secretary"]
    assert pack.evidence_count == 17
    assert pack.subject == "History"
    assert pack.source == "Imported from stalin-rise-revision-card.txt: 'Stalin's Rise to Power' by NHow02, created 22-03-19"
    policies = pack.factor("stalins-policies")
    assert [c.group for c in policies.evidence] == ["Socialism in One Country"] * 4 + ["Rapid Industrialisation"] * 2
    # The run-on sub-points follow their parents, with their own dates.
    enrolment = policies.evidence[3]
    assert enrolment.text == "Lenin's Enrolment attempted to increase Proletariats from 1923-25 (continuing Lenin's legacy)"
    assert enrolment.date == "1923–25"
    last = pack.factors[2].evidence[-1]
    assert last.text.startswith("Proved successful as Bukharin was outvoted in 1929") and last.date == "1929"
    texts = " ".join(c.text for f in pack.factors for c in f.evidence)
    for boilerplate in ("No comments", "Similar History", "See all", "1 of 3", "Created"):
        assert boilerplate not in texts


SEED_VARIANTS = {
    "without page markers": lambda t: re.sub(r"\n\d of 3\n", "\n", t),
    "without numbers or bullets": lambda t: re.sub(r"(?m)^(\d\) |- )", "", t),
    "without markers, numbers or bullets": lambda t: re.sub(r"\n\d of 3\n", "\n", re.sub(r"(?m)^(\d\) |- )", "", t)),
    "without the sub-headings' colons": lambda t: re.sub(r"(?m)^(?!Similar)(.*[a-z)]):$", r"\1", t),
    "without blank lines": lambda t: re.sub(r"\n\s*\n", "\n", t),
    "with every line indented": lambda t: re.sub(r"(?m)^", "   ", t),
}


@pytest.mark.skipif(not SEED.exists(), reason=f"seed card not found at {SEED} (shared/ sits beside the repo)")
@pytest.mark.parametrize("variant", SEED_VARIANTS)
def test_seed_card_in_other_layouts_gives_the_same_outline(variant):
    """Cards we have not seen: the seed with one of its layout cues taken away."""
    text = SEED.read_text(encoding="utf-8")
    changed = SEED_VARIANTS[variant](text)
    assert changed != text
    assert texts(import_card(changed, SEED.name)) == texts(import_card(text, SEED.name))


@pytest.mark.parametrize(("card", "expected"), OWN_CARDS, ids=[c for c, _ in OWN_CARDS])
def test_own_cards_give_the_expected_packs(card, expected, tmp_path):
    pack = import_file(CARDS / card)
    assert_same_pack(pack, CARDS / expected)
    assert_checks(pack, tmp_path)


def test_cards_keep_the_layouts_they_test():
    """If git rewrote line endings or dropped the BOM, the tests above would test less."""
    assert b"\r\n" in (CARDS / "ww1-no-numbering-crlf.txt").read_bytes()
    tsar = (CARDS / "tsar-bom-tabs.txt").read_bytes()
    assert tsar.startswith(b"\xef\xbb\xbf") and b"\t" in tsar


@pytest.mark.parametrize(("card", "expected"), OWN_CARDS, ids=[c for c, _ in OWN_CARDS])
def test_generated_questions_state_their_factors(card, expected):
    """Each "How far was X the main reason…" question finds X, so the app can weigh it."""
    pack = import_file(CARDS / card)
    stated = [q for q in pack.questions if q.startswith(("How far was", "How far were", "How important was"))]
    assert len(stated) == len(pack.factors)
    for question, factor in zip(stated, pack.factors):
        assert stated_factor(question, pack) == factor, question


# -- Layouts, piece by piece ---------------------------------------------------

NAZI_CARD = (CARDS / "nazis-numbered-subpoints.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_endings_do_not_matter(ending):
    assert import_card(NAZI_CARD.replace("\n", ending), "n.txt") == import_card(NAZI_CARD, "n.txt")


def test_bom_and_tabs_do_not_matter():
    tabbed = NAZI_CARD.replace("   a)", "\ta)").replace("   b)", "\tb)")
    assert import_card("\ufeff" + tabbed, "n.txt") == import_card(NAZI_CARD, "n.txt")


def test_markers_and_bullets_of_every_kind():
    card = "Topic\n\nSection\n\nSub:\n1) one\n2. two\n3 - three\n• four\n* five\n– six\n- seven\n(a) eight\n"
    assert [t for _, _, t in texts(import_card(card))] == ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"]


def test_run_on_sub_points_follow_their_parent_in_its_group():
    card = "Topic\n\nSection\n\nSub:\n1) parent point     - first sub\u00a0\u00a0 \u00a0 \u00a0second part\n2) next\n"
    assert texts(import_card(card)) == [
        ("Section", "Sub", "Parent point"),
        ("Section", "Sub", "First sub"),
        ("Section", "Sub", "Second part"),
        ("Section", "Sub", "Next"),
    ]


def test_a_section_without_sub_headings_has_group_empty():
    pack = import_card("Topic\n\nFirst\n\n- a point\n\n1 of 2\n\nSecond\n\n- another\n\n2 of 2\n")
    assert texts(pack) == [("First", "", "A point"), ("Second", "", "Another")]


def test_colon_heading_followed_by_sub_heading_is_a_section():
    pack = import_card("Topic\n\nCauses:\n\nLong term:\n- a\n\nShort term:\n- b\n")
    assert texts(pack) == [("Causes", "Long term", "A"), ("Causes", "Short term", "B")]


def test_sub_headings_alone_become_factors():
    pack = import_card("Topic\n\nEconomy:\n- a\n- b\n\nPolitics:\n- c\n")
    assert [(f.id, f.title, len(f.evidence)) for f in pack.factors] == [("economy", "Economy", 2), ("politics", "Politics", 1)]
    assert {c.group for f in pack.factors for c in f.evidence} == {""}


def test_a_heading_without_its_colon_under_a_section_is_a_group():
    pack = import_card("Topic\n\nSection\n\nSub heading\n\n1. a\n2. b\n")
    assert texts(pack) == [("Section", "Sub heading", "A"), ("Section", "Sub heading", "B")]


def test_points_before_the_first_section_are_kept_as_other_points():
    pack = import_card("Topic\n\n- an opening note that is not under any heading\n\nSection\n\n- a\n")
    assert texts(pack) == [("Other points", "", "An opening note that is not under any heading"), ("Section", "", "A")]


def test_an_outline_without_headings_takes_its_sections_from_the_outer_items():
    card = "Causes of WW1\n\n1. Militarism:\n   - the arms race from 1906\n   - Schlieffen Plan\n2. Alliances\n   - Triple Entente\n"
    assert texts(import_card(card)) == [
        ("Militarism", "", "The arms race from 1906"),
        ("Militarism", "", "Schlieffen Plan"),
        ("Alliances", "", "Triple Entente"),
    ]
    markdown = "# Causes of WW1\n\n- Militarism\n  - arms race\n- Alliances\n  - entente\n"
    assert texts(import_card(markdown)) == [("Militarism", "", "Arms race"), ("Alliances", "", "Entente")]


def test_an_indented_sub_heading_is_still_a_sub_heading():
    pack = import_card("Topic\n\nSection\n  Sub:\n    - a\n  Other sub:\n    - b\n")
    assert texts(pack) == [("Section", "Sub", "A"), ("Section", "Other sub", "B")]


def test_subject_from_see_all_when_there_is_no_similar_line():
    pack = import_card("Topic\n\nSection\n- a\n\nSee all Geography resources »See all Rivers resources »\n")
    assert pack.subject == "Geography"
    assert texts(pack) == [("Section", "", "A")]


def test_without_a_title_line_the_name_gives_title_and_id():
    pack = import_card("Causes:\n- a\nEffects:\n- b\n", "my_revision-card.txt")
    assert (pack.id, pack.title) == ("my-revision-card", "My revision card")
    assert pack.source == "Imported from my_revision-card.txt: 'My revision card'"


def test_ids_are_readable_and_unique():
    pack = import_card("Topic\n\nSame\n- the Dawes Plan\n- the Dawes Plan\n\nSame\n- the Dawes Plan\n")
    assert [f.id for f in pack.factors] == ["same", "same-2"]
    assert [c.id for f in pack.factors for c in f.evidence] == ["dawes-plan", "dawes-plan-2", "dawes-plan-3"]


def test_markdown_heading_levels_follow_the_outline():
    """'#' for sections as well as the title: the deeper level is the group."""
    pack = import_card("# Topic\n\n# Section\n\n## Sub\n\n- a\n  more of a\n\n  - sub of a\n\n## Sub 2\n1. b\n")
    assert texts(pack) == [("Section", "Sub", "A more of a"), ("Section", "Sub", "Sub of a"), ("Section", "Sub 2", "B")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("in 1924 and 1926", "1924"),
        ("from 1923-25", "1923–25"),
        ("from 1923–25", "1923–25"),
        ("1914 - 1918", "1914–1918"),
        ("the 1920s", "1920s"),
        ("600,000 members", ""),
        ("no year here", ""),
        ("£1500 fine in 1640", "1640"),
        ("on 1923-05-12", "1923"),
        ("3000 men", ""),
    ],
)
def test_first_date(text, date):
    assert first_date(text) == date


# -- Bad input: one clear line naming the path ---------------------------------

EMPTY = "is empty (expected a revision card: a title, then sections with points)"
NO_STRUCTURE = "no sections with points found (expected a title, then section headings with points under them)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY),
        (b"  \n\t\r\n \n", EMPTY),
        (b"\xef\xbb\xbf", EMPTY),
        (b"PK\x03\x04\x00\x00binary", "is a binary file, not a revision card (expected plain text or Markdown)"),
        (b"Title\n\nSection\n- caf\xe9\n", None),  # Latin-1, not UTF-8: line 4
        (b"Just one line", NO_STRUCTURE),
        (
            b"Stalin rose to power because of his position as General Secretary, the weakness of his rivals and the "
            b"appeal of his policies, which together let him outmanoeuvre Trotsky by 1929.",
            NO_STRUCTURE,
        ),
        (b"The causes of the war were many and\nvaried, and historians still argue\nabout which mattered most.\n", NO_STRUCTURE),
        (b"# Topic\n\n- a list but no section\n", NO_STRUCTURE),
        (b"Topic\n\nA heading\n\nAnother heading\n", NO_STRUCTURE),
    ],
)
def test_bad_files_give_one_clear_line(tmp_path, content, message):
    path = tmp_path / "card.txt"
    path.write_bytes(content)
    with pytest.raises(UserError) as raised:
        import_file(path)
    expected = f"{path}:4: not UTF-8 text (save the card as UTF-8 text)" if message is None else f"{path}: {message}"
    assert str(raised.value) == expected


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(UserError) as missing:
        import_file(tmp_path / "nope.txt")
    assert str(missing.value) == f"{tmp_path / 'nope.txt'}: no such file"
    with pytest.raises(UserError) as folder:
        import_file(tmp_path)
    assert str(folder.value) == f"{tmp_path}: is a folder, not a revision card"


def test_utf16_from_notepad_is_text_not_binary(tmp_path):
    path = tmp_path / "card.txt"
    path.write_bytes(NAZI_CARD.encode("utf-16"))
    assert import_file(path) == import_card(NAZI_CARD, "card.txt")


def test_import_card_names_its_input_in_errors():
    with pytest.raises(UserError, match=r"^pasted: is empty"):
        import_card(" \n ", "pasted")


# -- Through the command line ----------------------------------------------------


def test_cli_import_writes_a_pack_that_checks(tmp_path, capsys):
    out = tmp_path / "nazis.toml"
    assert main(["import", str(CARDS / "nazis-numbered-subpoints.txt"), "-o", str(out)]) == 0
    assert load_pack(out) == import_file(CARDS / "nazis-numbered-subpoints.txt")
    assert main(["check", str(out)]) == 0


def test_cli_import_of_a_bad_card_exits_2_with_one_line(tmp_path, capsys):
    card = tmp_path / "blank.txt"
    card.write_text("")
    assert main(["import", str(card), "-o", str(tmp_path / "out.toml")]) == 2
    assert capsys.readouterr().err == f"{card}: {EMPTY}\n"
    assert not (tmp_path / "out.toml").exists()


# -- Any input: a pack that checks, or a UserError --------------------------------

LINE_PARTS = st.sampled_from(
    ["", "  ", "\t", "1) ", "2. ", "3 - ", "- ", "• ", "* ", "a) ", "# ", "## ", "### ", "   ", "      - ", "1 of 2"]
)
WORDS = st.text(alphabet=st.sampled_from("Aab Zz:.,'’-–()19247\u00a0 é»/"), max_size=30)
CARD_LINES = st.lists(st.tuples(LINE_PARTS, WORDS, st.sampled_from(["", ":", "      - run on", " 1923-25"])), max_size=25)


def imports_or_refuses(text: str) -> None:
    try:
        pack = import_card(text, "fuzz.txt")
    except UserError:
        return
    # Exactly what `essayplan check` reads: the dumped TOML, checked field by field.
    assert pack_from_dict(as_data(pack), Path("fuzz.toml")) == pack


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_imports_or_is_refused(text):
    imports_or_refuses(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(CARD_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_card_shaped_text_imports_or_is_refused(lines, ending):
    imports_or_refuses(ending.join(prefix + words + suffix for prefix, words, suffix in lines))


# -- Causes, roles, questions a teacher would set (#14) ---------------------------

# One card in each style, with the pack a teacher would want from it.
STYLE_CARDS = [
    ("tsar-time-organised.txt", "time-organised: causes under 'Long-term' / 'Short-term' / 'Trigger'"),
    ("weimar-factors.txt", "factor-organised, with a person as a factor"),
    ("hitler-time-markdown.md", "Markdown, time-organised"),
    ("ww2-numbered.txt", "numbered, with lettered sub-points"),
]


def structure(data: dict) -> dict:
    """What a teacher checks: the period, the questions, each factor's title, its cards' roles."""
    return {
        "period": data.get("period", ""),
        "questions": data["questions"],
        "factors": [(f["title"], [c.get("role", "") for c in f["evidence"]]) for f in data["factors"]],
    }


@pytest.mark.parametrize("card", [c for c, _ in STYLE_CARDS], ids=[c for c, _ in STYLE_CARDS])
def test_each_style_gives_the_pack_a_teacher_wants(card, tmp_path):
    pack = import_file(CARDS / card)
    want = tomllib.loads((CARDS / card.rsplit(".", 1)[0]).with_suffix(".expected.toml").read_text(encoding="utf-8"))
    assert structure(as_data(pack)) == structure(want)
    assert_checks(pack, tmp_path)


def test_time_headings_become_roles_and_the_causes_under_them_factors():
    pack = import_file(CARDS / "tsar-time-organised.txt")
    assert [f.title for f in pack.factors] == ["Nicholas II", "Economic problems", "The First World War", "Trigger – February 1917"]
    nicholas = pack.factor("nicholas-ii")
    # One factor from two time headings, each card with its own role and the heading as its group.
    assert [(c.role, c.group) for c in nicholas.evidence] == [
        ("long-term", "Long-term causes"), ("long-term", "Long-term causes"), ("short-term", "Short-term causes"),
    ]  # fmt: skip
    assert {c.role for c in pack.factors[-1].evidence} == {"trigger"}
    assert not any("long-term causes" in q.lower() or "trigger" in q.lower() for q in pack.questions)


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Long-term causes", "long-term"), ("Long term factors", "long-term"), ("Underlying causes", "long-term"),
        ("Short-term causes", "short-term"), ("short term", "short-term"), ("Trigger – February 1917", "trigger"),
        ("The trigger", "trigger"), ("Immediate cause", "trigger"), ("Preconditions", "precondition"),
        ("Longevity of the Tsar", ""), ("The First World War", ""), ("Triggering events elsewhere", ""),
    ],
)  # fmt: skip
def test_time_headings(heading, role):
    from essayplan.importer import time_role

    assert time_role(heading) == role


def test_questions_keep_names_articles_and_number():
    weimar = import_file(CARDS / "weimar-factors.txt")
    assert "How important was Stresemann in the survival of the Weimar Republic, 1919–23?" in weimar.questions
    assert "How far was the weakness of the opposition the main reason why the Weimar Republic survived 1919–23?" in weimar.questions
    hitler = import_file(CARDS / "hitler-time-markdown.md")
    assert "How far was the Treaty of Versailles the main reason for Hitler's rise to power, 1929–33?" in hitler.questions
    assert "How important were Hindenburg and Papen in Hitler's rise to power, 1929–33?" in hitler.questions
    ww1 = import_file(CARDS / "ww1-no-numbering-crlf.txt")
    assert "How far were alliances the main reason for the First World War?" in ww1.questions


@pytest.mark.parametrize("card", [c for c, _ in STYLE_CARDS], ids=[c for c, _ in STYLE_CARDS])
def test_new_cards_questions_state_their_factors(card):
    pack = import_file(CARDS / card)
    for question in pack.questions[1:]:
        factor = stated_factor(question, pack)
        assert factor is not None and factor.title.lower().replace("/", " and ") in question.lower(), question


@pytest.mark.parametrize(
    ("card", "question", "factor"),
    [
        ("tsar-bom-tabs.txt", "How far was the home front the main reason for the revolution of 1917?", "the-first-world-war"),
        ("hitler-time-markdown.md", "How far was Papen the main reason Hitler became Chancellor?", "hindenburg-and-papen"),
        ("weimar-factors.txt", "How far was the opposition the main reason for the survival of Weimar?", "weakness-of-the-opposition"),
        ("ww1-no-numbering-crlf.txt", "How far was the arms race the main reason for war in 1914?", "militarism"),
    ],
)  # fmt: skip
def test_keywords_from_titles_and_groups_find_the_factor(card, question, factor):
    pack = import_file(CARDS / card)
    assert getattr(stated_factor(question, pack), "id", None) == factor


def test_a_card_dated_outside_the_titles_period_gives_a_note_not_an_error(tmp_path, capsys):
    from essayplan.importer import period_notes

    weimar = import_file(CARDS / "weimar-factors.txt")
    assert weimar.period == "1919–23"
    assert period_notes(weimar) == [
        "card 'dawes-plan-1924-brought' (Stresemann) is dated 1924, after the title's period (1919–23): "
        "check its date, or that it belongs in this pack"
    ]
    # A long-term cause before the period is normal; a year in the title is when it happened.
    assert period_notes(import_file(CARDS / "tsar-time-organised.txt")) == []
    out = tmp_path / "weimar.toml"
    assert main(["import", str(CARDS / "weimar-factors.txt"), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"wrote {out}")
    assert lines[1:] == [f"{CARDS / 'weimar-factors.txt'}: note: {period_notes(weimar)[0]}"]
    assert load_pack(out).evidence("dawes-plan-1924-brought").date == "1924"  # imported all the same


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Why did the Weimar Republic survive 1919–23?", "1919–23"),
        ("Hitler's rise to power, 1929-33", "1929–33"),
        ("Why did the Tsar fall in February 1917?", "1917"),
        ("Why was Stalin leader by 1929?", ""),  # an end, not a period
        ("Causes of the First World War", ""),
    ],
)
def test_the_period_comes_from_the_title(title, period):
    pack = import_card(f"{title}\n\nOne cause:\n- a point\n")
    assert pack.period == period


def test_a_role_outside_the_four_is_refused_by_the_loader(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        'schema = 1\nid = "p"\ntitle = "P"\n[[factors]]\nid = "f"\ntitle = "F"\n'
        '[[factors.evidence]]\nid = "c"\ntext = "A card."\nrole = "medium-term"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        load_pack(path)
    assert caught.value.problems == [
        f"{path}: factors[0].evidence[0].role: 'medium-term' is not a role "
        "(expected one of: long-term, short-term, precondition, trigger)"
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("medium-term", "trigger"), encoding="utf-8")
    assert load_pack(path).evidence("c").role == "trigger"
