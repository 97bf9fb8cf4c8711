"""The advice measured on a corpus of realistic student plans (issue 13).

Each plan in tests/data/advice_corpus/plans/ is an ordinary plan file whose header says, in
`#@ ` lines of TOML, what an examiner expects:

    #@ level = "weak"            weak, middling or strong
    #@ board = "Edexcel"         AQA, Edexcel, OCR or GCSE
    #@ expect = ["stated-factor-not-weighed:opposition", "explain-narrative"]
    #@ must_not = ["conclusion-no-judgement"]

A code is a rule ("explain-narrative": any paragraph) or rule:factor (that paragraph or
factor). Recall: every expected code is given. Precision: no must-not code is given, and a
strong plan gets nothing but, at most, the one unused-evidence note. Both must be 100%.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from essayplan.advice import RULES, advise
from essayplan.packs import load_pack
from essayplan.plans import load_plan
from paths import ADVICE_CORPUS, BUNDLED_PACK

HERE = ADVICE_CORPUS
PACKS = {
    "stalin-rise": BUNDLED_PACK,
    "ww1-causes": HERE / "ww1-causes.toml",
}
PLANS = sorted((HERE / "plans").glob("*.toml"))
ALLOWED_IN_STRONG = {"evidence-unused"}


@cache
def pack(pack_id: str):
    return load_pack(PACKS[pack_id])


def header(path: Path) -> dict:
    lines = [line[3:] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#@ ")]
    return tomllib.loads("\n".join(lines))


def given(path: Path) -> list[str]:
    plan = load_plan(path)
    return [item.code for item in advise(plan, pack(plan.pack))]


def matches(code: str, codes: list[str]) -> bool:
    return any(c == code or c.split(":")[0] == code for c in codes)


def score(path: Path) -> tuple[list[str], list[str]]:
    """(expected codes missing, codes given that must not be)."""
    meta = header(path)
    codes = given(path)
    missed = [code for code in meta.get("expect", []) if not matches(code, codes)]
    wrong = [code for code in meta.get("must_not", []) if matches(code, codes)]
    if meta["level"] == "strong":
        wrong += [c for c in codes if c.split(":")[0] not in ALLOWED_IN_STRONG]
        wrong += [c for c in codes if c.split(":")[0] == "evidence-unused"][1:]
    return missed, wrong


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_each_plan_gets_the_examiners_advice_and_no_other(path):
    missed, wrong = score(path)
    assert (missed, wrong) == ([], []), f"{path.name}: given {given(path)}"


def test_the_corpus_is_broad_and_recall_and_precision_are_100_percent():
    metas = [header(p) for p in PLANS]
    plans = [load_plan(p) for p in PLANS]
    assert len(PLANS) >= 24
    assert {p.pack for p in plans} == set(PACKS)
    assert {m["level"] for m in metas} == {"weak", "middling", "strong"}
    assert {"AQA", "Edexcel", "OCR", "GCSE"} <= {m["board"] for m in metas}
    expected = sum(len(m.get("expect", [])) for m in metas)
    missed = sum(len(score(p)[0]) for p in PLANS)
    wrong = sum(len(score(p)[1]) for p in PLANS)
    recall = (expected - missed) / expected
    assert (recall, wrong) == (1.0, 0)
    # Every code in the annotations is a real rule.
    for meta in metas:
        for code in meta.get("expect", []) + meta.get("must_not", []):
            assert code.split(":")[0] in RULES, code


def test_the_corpus_exercises_every_rule_of_issue_13():
    wanted = {
        "stated-factor-not-weighed", "conclusion-not-first", "introduction-disagrees", "judgement-without-reason",
        "criteria-empty", "criteria-not-applied", "counter-missing", "counter-not-on-stated", "explain-narrative",
        "question-factor-missing", "options-not-weighed", "rather-than-not-compared", "question-empty",
        "factors-not-linked", "evidence-unused", "date-outside-period",
    }  # fmt: skip
    expected = {code.split(":")[0] for p in PLANS for code in header(p).get("expect", [])}
    assert wanted <= expected, wanted - expected
