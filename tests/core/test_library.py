"""The bundled library, factors/*.toml: every pack is one a teacher could hand out.

Each pack loads and checks clean, has enough factors, dated cards and questions in
the boards' forms, names the histories it was checked against, and its "How far
was X the main reason…" questions name a factor the app recognises.
"""

from __future__ import annotations

import re

import pytest

from essayplan.cli import main
from essayplan.packs import load_pack
from essayplan.question import stated_factor
from paths import FACTORS

PACK_FILES = sorted(FACTORS.glob("*.toml"))
IDS = [path.stem for path in PACK_FILES]

# A work named in `source`: an author, a title, then a year in brackets.
WORK = re.compile(r"[A-Z][^;]*?, [^;]+? \((?:\d\w* ed\. )?\d{4}\)")


@pytest.fixture(scope="module", params=PACK_FILES, ids=IDS)
def pack(request):
    return load_pack(request.param)


def test_the_library_has_the_stalin_pack_and_six_more():
    assert len(PACK_FILES) >= 7
    assert "stalin-rise" in IDS


@pytest.mark.parametrize("path", PACK_FILES, ids=IDS)
def test_essayplan_check_passes_clean(path, capsys):
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [f"{path}: ok: {out.split(': ok: ', 1)[1].strip()}"]  # one line, no notes


def test_file_name_is_the_pack_id(pack):
    assert pack.path.stem == pack.id


def test_subject_and_period(pack):
    assert pack.subject == "History"
    assert re.fullmatch(r"\d{4}(–\d{2,4})?", pack.period), pack.period


def test_at_least_four_factors_each_with_keywords_and_a_summary(pack):
    assert len(pack.factors) >= 4
    for factor in pack.factors:
        assert factor.keywords, factor.id
        assert all(k == k.casefold() and k.strip() == k for k in factor.keywords), factor.id
        assert factor.summary.endswith("."), factor.id


def test_at_least_sixteen_cards_all_dated_and_grouped(pack):
    cards = [card for factor in pack.factors for card in factor.evidence]
    assert len(cards) >= 16
    for card in cards:
        assert card.date and card.group, card.id
        year = re.search(r"\d{4}", card.date)
        assert year and year[0] in card.text, f"{card.id}: its date's year is not in its text"
        assert card.text[0].isupper() and card.text.endswith((".", "'", "?")), card.id


def test_ids_are_unique(pack):
    ids = [f.id for f in pack.factors] + [c.id for f in pack.factors for c in f.evidence]
    assert len(ids) == len(set(ids))


def test_source_names_at_least_two_works(pack):
    works = WORK.findall(pack.source)
    assert len(works) >= 2, pack.source


def test_at_least_five_questions_dated_and_in_the_boards_forms(pack):
    assert len(pack.questions) >= 5
    assert len(set(pack.questions)) == len(pack.questions)
    for question in pack.questions:
        assert re.search(r"\d{4}", question), f"undated: {question}"
    forms = [
        r"^How far (was|were) .+ the main reason",
        r"^'.+' Assess the validity of this view\.$",  # AQA
        r"^How far do you agree that ",  # Edexcel
        r"^Assess the reasons why ",  # OCR
        r"^Which was the more important reason .+: .+ or .+\?$",  # GCSE two bullets, on one line
    ]
    for form in forms:
        assert [q for q in pack.questions if re.search(form, q)], form


def test_each_how_far_question_states_one_of_the_packs_factors(pack):
    how_far = [q for q in pack.questions if re.match(r"How far (was|were) .+ the main reason", q)]
    assert how_far
    stated = [stated_factor(q, pack) for q in how_far]
    assert None not in stated, [q for q, f in zip(how_far, stated) if f is None]
    assert len({f.id for f in stated}) == len(stated), "two how-far questions weigh the same factor"


def test_a_period_that_is_not_years_is_refused_in_one_line(tmp_path, capsys):
    text = (FACTORS / "ww1-causes.toml").read_text(encoding="utf-8").replace('period = "1879–1914"', 'period = "soon"')
    path = tmp_path / "ww1-causes.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "period" in (out + err) and "'soon' is not a period" in (out + err)
    assert len((out + err).strip().splitlines()) == 1
