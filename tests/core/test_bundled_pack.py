"""The bundled pack, factors/stalin-rise.toml: the revision card's points, corrected and completed.

The card is ../shared/seed/stalin-rise-revision-card.txt. The facts are checked on the
pack as the app loads it (essayplan.packs.load_pack) when that exists, else on a Pack
built straight from the TOML, so these tests run before and after the loader lands.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from essayplan.model import Evidence, Factor, Pack
from paths import BUNDLED_PACK

PACK_PATH = BUNDLED_PACK

# Every card id the pack has ever had: plans refer to them, so none may go.
# The first 17 carry the card's points (corrected); the rest add what it lacked.
CARD_IDS = [
    "mood-against-nep", "true-socialism", "humble-origins", "lenin-enrolment",
    "catch-up-with-the-west", "jobs-and-living-standards", "trotsky-testament", "ban-on-factions",
    "drudgery-of-politics", "permanent-revolution", "triumvirate", "organisational-skills",
    "grey-blur", "criticised-by-lenin", "party-member-files", "party-membership-600000",
    "bukharin-outvoted",
]  # fmt: skip
CARDS_PER_FACTOR = {"policies": 7, "opposition": 13, "personality": 10, "legacy": 8}

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
        period=data.get("period", ""),
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
    assert data["period"] == "1924–29"


def test_load_pack_reads_exactly_what_the_file_says():
    packs = pytest.importorskip("essayplan.packs")
    loaded = packs.load_pack(PACK_PATH)
    assert loaded == pack_from_toml(raw())


def test_no_misspelling_from_the_card_remains():
    text = PACK_PATH.read_text(encoding="utf-8").casefold()
    assert [word for word in MISSPELLINGS if word in text] == []


# --- structure -------------------------------------------------------------------------


def test_four_factors_the_card_three_first(pack):
    assert [f.id for f in pack.factors] == ["policies", "opposition", "personality", "legacy"]
    assert pack.factor("opposition").title == "Weakness of the opposition"
    assert pack.factor("legacy").title == "Lenin's legacy, luck and circumstance"


def test_every_card_id_ever_used_still_resolves(pack):
    assert [i for i in CARD_IDS if pack.evidence(i) is None] == []
    assert {f.id: len(f.evidence) for f in pack.factors} == CARDS_PER_FACTOR


def test_cards_sit_where_the_evidence_belongs(pack):
    """The card filed these under the wrong factor; plans still find them by id."""
    owner = {card: pack.owner(card).id for card in CARD_IDS}
    assert owner["ban-on-factions"] == owner["trotsky-testament"] == owner["criticised-by-lenin"] == "legacy"
    assert owner["lenin-enrolment"] == owner["humble-origins"] == "personality"


def test_personality_and_position_are_one_factor_in_two_groups(pack):
    groups = {f.id: list(dict.fromkeys(c.group for c in f.evidence)) for f in pack.factors}
    assert groups == {
        "policies": ["Socialism in One Country", "NEP and the turn to industrialisation"],
        "opposition": ["Trotsky's weaknesses", "Divided rivals"],
        "personality": ["Personality and image", "General Secretary and the party machine"],
        "legacy": ["Lenin's legacy", "The Testament", "Lenin's illness and death"],
    }


def test_ids_are_unique_readable_slugs(pack):
    ids = [f.id for f in pack.factors] + [c.id for c in cards(pack)]
    assert len(ids) == len(set(ids))
    slug = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    assert [i for i in ids if not slug.fullmatch(i)] == []


def test_every_text_is_a_quotable_sentence(pack):
    for factor in pack.factors:
        assert factor.title and factor.summary.endswith("."), factor.id
    for card in cards(pack):
        assert card.text[0].isupper() and card.text.endswith("."), card.id
        assert "+" not in card.text and "&" not in card.text, card.id  # card shorthand


def test_every_card_is_dated_and_its_year_is_in_its_text(pack):
    for card in cards(pack):
        assert card.date, card.id
        year = re.search(r"\d{4}", card.date)
        assert year and year[0] in card.text, card.id


def test_source_credits_the_card_the_histories_and_the_corrections(pack):
    assert "NHow02" in pack.source and "22-03-19" in pack.source
    for history in ("Service", "Kotkin", "Carr", "Fitzpatrick", "Corin"):
        assert history in pack.source, history
    for corrected in ("472,000", "Permanent Revolution", "Bonapartism", "13th Congress", "Ban on Factions",
                      "Sukhanov", "1922–23", "Krupskaya", "1931"):  # fmt: skip
        assert corrected in pack.source, corrected


# --- the facts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "needles",
    [
        ("472,000", "January 1924", "million", "1926"),
        ("Lenin Enrolment", "240,000", "1924"),
        ("Socialism in One Country", "December 1924", "1925"),
        ("defended NEP", "Bukharin", "1925"),
        ("First Five-Year Plan", "1928"),
        ("German revolution", "1923", "Permanent Revolution"),
        ("Bonapartism", "Red Army", "January 1925"),
        ("Testament", "13th Party Congress", "May 1924", "delegations", "Zinoviev", "Kamenev"),
        ("Testament", "every contender", "intolerable", "General Secretary"),
        ("funeral", "January 1924"),
        ("Georgian affair", "Trotsky", "1923"),
        ("denied", "1925"),
        ("Ban on Factions", "March 1921", "each opposition"),
        ("Politburo", "October 1926"),
        ("expelled", "November 1927", "January 1928", "February 1929"),
        ("Sukhanov", "grey blur", "Left against Right"),
        ("14th Party Congress", "December 1925"),
        ("Bukharin", "April 1929", "November 1929", "Central Committee"),
        ("Great-Russian chauvinism", "Georgia"),
        ("Krupskaya", "December 1922"),
        ("5 March 1923", "Krupskaya"),
        ("10 March 1923", "21 January 1924"),
        ("Commissar for Nationalities", "Rabkrin", "Orgburo", "3 April 1922"),
        ("circular flow of power", "Daniels"),
    ],
    ids=lambda needles: " + ".join(needles),
)
def test_fact_is_in_some_evidence(pack, needles):
    assert texts_with(pack, *needles), f"no evidence mentions {needles}"


@pytest.mark.parametrize(
    "slip",
    ["600,000", "would almost certainly", "labour units", "fifty or a hundred", "left wing against each other",
     "insensibility"],
)  # fmt: skip
def test_the_cards_slips_are_gone(pack, slip):
    assert texts_with(pack, slip) == []


def test_triumvirate_is_dated_1922_23_not_1926(pack):
    card = pack.evidence("triumvirate")
    assert "Zinoviev" in card.text and "Kamenev" in card.text and "1922–23" in card.text
    # The card's slip: no clause may put the Triumvirate in 1926.
    for text in texts_with(pack, "Triumvirate"):
        for clause in re.split(r"[.;:]", text):
            assert not ("triumvirate" in clause.casefold() and "1926" in clause), clause


# --- questions and keywords ------------------------------------------------------------


def test_questions_are_distinct_and_dated(pack):
    assert len(pack.questions) >= 8
    assert len(set(pack.questions)) == len(pack.questions)
    for question in pack.questions:
        assert re.search(r"by 1929|1924–29", question), question


def test_questions_in_the_boards_forms(pack):
    forms = [
        r"^How far was .+ the main reason",
        r"^'.+' Assess the validity of this view\.$",  # AQA
        r"^How far do you agree that ",  # Edexcel
        r"^Assess the reasons why ",  # OCR
        r"^Which was the more important reason .+: .+ or .+\?$",  # GCSE, its two bullets on one line
    ]
    for form in forms:
        assert [q for q in pack.questions if re.search(form, q)], form


def test_keywords_are_lower_case(pack):
    for factor in pack.factors:
        assert factor.keywords, factor.id
        assert all(k == k.casefold() and k.strip() == k for k in factor.keywords), factor.id


def test_the_app_reads_the_stated_factor_of_each_question(pack):
    question = pytest.importorskip("essayplan.question")
    stated = {q: getattr(question.stated_factor(q, pack), "id", None) for q in pack.questions}
    how_far = [stated[q] for q in pack.questions if q.startswith("How far was")]
    assert how_far == ["policies", "opposition", "personality", "legacy"]
    assert [stated[q] for q in pack.questions if "Assess the validity" in q] == ["personality"]
    assert [stated[q] for q in pack.questions if q.startswith("How far do you agree")] == ["opposition"]
    assert stated["Why was Stalin able to become leader of the Soviet Union by 1929?"] is None
    assert stated["How important was Stalin's personality in his rise to power in the years 1924–29?"] == "personality"
    for text, factor in [
        ("How far was Socialism in One Country the main reason?", "policies"),
        ("How far were Trotsky's mistakes the main reason?", "opposition"),
        ("How far was Stalin's patronage the main reason?", "personality"),
        ("How far was luck the main reason?", "legacy"),
        ("How far was the Ban on Factions the main reason?", "legacy"),
    ]:
        assert getattr(question.stated_factor(text, pack), "id", None) == factor, text
