"""The bundled pack, factors/stalin-rise.toml, carries the whole revision card, correctly.

The card is ../shared/seed/stalin-rise-revision-card.txt. The facts are checked on the
pack as the app loads it (essayplan.packs.load_pack) when that exists, else on a Pack
built straight from the TOML, so these tests run before and after the loader lands.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from essayplan.model import Evidence, Factor, Pack

PACK_PATH = Path(__file__).resolve().parents[1] / "factors" / "stalin-rise.toml"

# Every point on the card, one evidence block each (17):
#   Stalin's policies (6)
#     Socialism in One Country: 1) mood against the NEP, Bukharin 1928; 2) 'true socialism';
#       3) 'one of the people', Georgia; 3's sub-point: Lenin's Enrolment 1923-25
#     Rapid Industrialisation: 1) catch up with the West; 2) jobs and living standards
#   Weakness of the opposition (5)
#     Lenin's Testament 1924; Ban on Factions 1921 / United Opposition 1926; 'drudgery';
#     Permanent Revolution; Triumvirate
#   Personality / General Secretary (6)
#     Personality: organisational skills; 'grey blur'; criticised by Lenin (Georgia 1922, Krupskaya)
#     General Secretary (1922): files on members; 600,000 in 1923; sub-point 1: Bukharin outvoted 1929
CARD_POINTS = {"policies": 6, "opposition": 5, "personality": 6}
CARD_POINT_COUNT = 17

# Spellings on the card that must not survive into the pack.
MISSPELLINGS = ["provence", "insensibilty", "percieved", "cirticised", "occassions", "kamanev"]


def raw() -> dict:
    with PACK_PATH.open("rb") as handle:
        return tomllib.load(handle)


def pack_from_toml(data: dict) -> Pack:
    """The Pack the file describes, built with the model alone (no loader)."""
    factors = tuple(
        Factor(
            id=f["id"],
            title=f["title"],
            summary=f.get("summary", ""),
            keywords=tuple(f.get("keywords", ())),
            evidence=tuple(
                Evidence(id=e["id"], text=e["text"], group=e.get("group", ""), date=e.get("date", ""))
                for e in f["evidence"]
            ),
        )
        for f in data["factors"]
    )
    return Pack(
        id=data["id"],
        title=data["title"],
        subject=data.get("subject", ""),
        source=data.get("source", ""),
        questions=tuple(data["questions"]),
        factors=factors,
    )


@pytest.fixture(scope="module")
def pack() -> Pack:
    try:
        from essayplan.packs import load_pack
    except ImportError:  # the loader is not written yet
        return pack_from_toml(raw())
    return load_pack(PACK_PATH)


def cards(pack: Pack) -> list[Evidence]:
    return [card for factor in pack.factors for card in factor.evidence]


def texts_with(pack: Pack, *needles: str) -> list[str]:
    """Evidence texts holding every needle (case-insensitive)."""
    return [
        card.text
        for card in cards(pack)
        if all(needle.casefold() in card.text.casefold() for needle in needles)
    ]


# --- the file itself -------------------------------------------------------------------


def test_file_is_valid_toml_with_the_pack_header():
    data = raw()
    assert data["schema"] == 1
    assert data["id"] == "stalin-rise"
    assert data["title"] == "Stalin's Rise to Power"
    assert data["subject"] == "History"


def test_load_pack_reads_exactly_what_the_file_says():
    packs = pytest.importorskip("essayplan.packs")
    loaded = packs.load_pack(PACK_PATH)
    assert loaded == pack_from_toml(raw())


def test_no_misspelling_from_the_card_remains():
    text = PACK_PATH.read_text(encoding="utf-8").casefold()
    assert [word for word in MISSPELLINGS if word in text] == []


# --- structure -------------------------------------------------------------------------


def test_three_factors_in_card_order(pack):
    assert [f.id for f in pack.factors] == ["policies", "opposition", "personality"]
    assert pack.factor("opposition").title == "Weakness of the opposition"


def test_one_evidence_block_per_card_point(pack):
    assert {f.id: len(f.evidence) for f in pack.factors} == CARD_POINTS
    assert pack.evidence_count == CARD_POINT_COUNT


def test_groups_follow_the_card_headings(pack):
    groups = {f.id: list(dict.fromkeys(c.group for c in f.evidence)) for f in pack.factors}
    assert groups == {
        "policies": ["Socialism in One Country", "Rapid Industrialisation"],
        "opposition": ["Trotsky's failures", "Rivals and alliances"],
        "personality": ["Stalin's personality", "General Secretary (1922)"],
    }


def test_ids_are_unique_readable_slugs(pack):
    ids = [f.id for f in pack.factors] + [c.id for c in cards(pack)]
    assert len(ids) == len(set(ids))
    slug = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    assert [i for i in ids if not slug.fullmatch(i)] == []
    for expected in ["trotsky-testament", "ban-on-factions", "lenin-enrolment",
                     "party-membership-600000", "bukharin-outvoted"]:
        assert pack.evidence(expected) is not None, expected


def test_every_text_is_a_quotable_sentence(pack):
    for factor in pack.factors:
        assert factor.title and factor.summary.endswith("."), factor.id
    for card in cards(pack):
        assert card.text[0].isupper() and card.text.endswith("."), card.id
        assert "+" not in card.text and "&" not in card.text, card.id  # card shorthand


def test_each_date_appears_in_its_text(pack):
    for card in cards(pack):
        if card.date:
            assert card.date in card.text, card.id


def test_source_names_the_card_and_the_correction(pack):
    assert "NHow02" in pack.source and "22-03-19" in pack.source
    assert "Triumvirate" in pack.source and "1922–23" in pack.source


# --- the card's facts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "needles",
    [
        ("600,000", "1923"),
        ("Bukharin", "outvoted", "1929"),
        ("Bukharin", "NEP", "1928"),
        ("Testament", "1924", "coarse", "intolerable"),
        ("Ban on Factions", "1921"),
        ("United Opposition", "1926", "Zinoviev", "Kamenev"),
        ("Krupskaya",),
        ("Georgia", "1922"),
        ("Georgia", "province"),
        ("Permanent Revolution", "dictatorship"),
        ("grey blur",),
        ("drudgery",),
        ("true socialism",),
        ("nationalism", "patriotism"),
        ("standard of living",),
        ("organisational skills", "insensibility"),
        ("files", "every party member"),
        ("patronage", "votes"),
    ],
    ids=lambda needles: " + ".join(needles),
)
def test_card_fact_is_in_some_evidence(pack, needles):
    assert texts_with(pack, *needles), f"no evidence mentions {needles}"


def test_lenin_enrolment_with_its_dates(pack):
    card = pack.evidence("lenin-enrolment")
    assert re.search(r"Lenin('s)? Enrolment", card.text)
    assert "1923–25" in card.text


def test_triumvirate_is_dated_1922_23_not_1926(pack):
    card = pack.evidence("triumvirate")
    assert "Zinoviev" in card.text and "Kamenev" in card.text and "1922–23" in card.text
    # The card's slip: no clause may put the Triumvirate in 1926.
    for text in texts_with(pack, "Triumvirate"):
        for clause in re.split(r"[.;:]", text):
            assert not ("triumvirate" in clause.casefold() and "1926" in clause), clause


# --- questions and keywords ------------------------------------------------------------


def factors_named_in(pack: Pack, question: str) -> list[str]:
    """Factors whose keywords occur as whole words (so "position" is not in "opposition")."""
    q = question.casefold()
    return [
        f.id
        for f in pack.factors
        if any(re.search(rf"\b{re.escape(k)}s?\b", q) for k in f.keywords)
    ]


def test_at_least_four_distinct_questions(pack):
    assert len(pack.questions) >= 4
    assert len(set(pack.questions)) == len(pack.questions)
    assert "Why was Stalin able to become leader of the Soviet Union by 1929?" in pack.questions
    assert "Assess the reasons why Stalin, rather than Trotsky, succeeded Lenin." in pack.questions


def test_each_factor_has_a_how_far_question_naming_it_alone(pack):
    how_far = [q for q in pack.questions if re.match(r"How far (was|were) .+ the main reason", q)]
    stated = [factors_named_in(pack, q) for q in how_far]
    assert sorted(stated) == [["opposition"], ["personality"], ["policies"]]


def test_keywords_are_lower_case_and_name_their_factor(pack):
    for factor in pack.factors:
        assert factor.keywords, factor.id
        assert all(k == k.casefold() and k.strip() == k for k in factor.keywords), factor.id
    assert factors_named_in(pack, "How far was Socialism in One Country the main reason?") == ["policies"]
    assert factors_named_in(pack, "How far were Trotsky's mistakes the main reason?") == ["opposition"]
    assert factors_named_in(pack, "How far was Stalin's patronage the main reason?") == ["personality"]


def test_the_app_reads_the_stated_factor_of_each_question(pack):
    question = pytest.importorskip("essayplan.question")
    stated = {q: getattr(question.stated_factor(q, pack), "id", None) for q in pack.questions}
    assert stated == {
        "Why was Stalin able to become leader of the Soviet Union by 1929?": None,
        "How far was the appeal of Stalin's policies the main reason for his rise to power?": "policies",
        "How far was the weakness of the opposition the main reason for Stalin's rise to power?": "opposition",
        "How far was Stalin's position as General Secretary the main reason for his rise to power?": "personality",
        "Assess the reasons why Stalin, rather than Trotsky, succeeded Lenin.": None,
        "How important was Stalin's personality in his rise to power by 1929?": "personality",
    }
