"""`essayplan class`: the report's numbers, checked against a generated class folder."""

from __future__ import annotations

from collections import Counter

import pytest

from class_plans import make_class
from essayplan.advice import advise
from essayplan.classreport import class_report, least_used, most_used
from essayplan.errors import UserError
from essayplan.ops import reconcile
from essayplan.packs import load_pack


@pytest.fixture
def made(tmp_path, bundled):
    pack = load_pack(bundled)
    other = load_pack(bundled.parent / "weimar-survival.toml")
    return make_class(tmp_path / "class", pack, other)


@pytest.fixture
def report(made):
    return class_report(made.folder)


def test_every_plan_is_read_and_each_broken_file_listed_with_its_error(made, report):
    assert len(made.made) >= 30
    assert {str(e.path) for e in report.plans} == {str(m.path) for m in made.made}
    problems = {str(e.path): e.error for e in report.unreadable}
    assert set(problems) == set(made.broken)
    for path, words in made.broken.items():
        assert words in problems[path], (path, problems[path])
        assert "\n" not in problems[path]
    assert sorted(line.split(":")[0] for line in report.skipped) == sorted(made.skipped)
    assert not report.stopped


def test_each_plans_numbers_are_what_was_generated(made, report):
    by_path = {str(e.path): e for e in report.plans}
    for m in made.made:
        entry = by_path[str(m.path)]
        assert entry.student == m.student
        assert entry.name == (f"{m.student} ({m.path.stem})" if m.student == "student-30" else m.student)
        assert entry.question == m.plan.question
        assert entry.extent == m.extent
        assert entry.first == m.first
        assert entry.links == m.links
        assert entry.cards == m.cards
        assert entry.words == m.words, m.path
        if m.pack is None:
            assert entry.pack is None and "no-such-pack" in entry.pack_note and entry.advice is None
        else:
            expected = advise(reconcile(m.plan, m.pack)[0], m.pack)
            assert list(entry.advice) == expected


def test_the_class_numbers(made, report):
    several = {m.pack.id for m in made.made if m.pack}
    assert len(several) == 2  # factor titles then carry their pack's
    written = [m for m in made.made if m.words > 0]
    expected = Counter((m.pack.title if m.pack else "no-such-pack (pack not found)", m.first) for m in written)
    charts = report.ranked_first()
    assert [title for title, _chart in charts] == [p.title for p in report.packs()] + ["no-such-pack (pack not found)"]
    got = {(title, label): n for title, chart in charts for label, n in chart if n}
    assert got == dict(expected)
    for title, chart in charts:
        assert [n for _label, n in chart] == sorted((n for _label, n in chart), reverse=True)
        pack = next((p for p in report.packs() if p.title == title), None)
        assert len(chart) == (len(pack.factors) if pack else 1)  # every factor, 0 included
    assert len(report.counted()) == len(written)
    assert len(report.students) == len({m.student for m in made.made})

    for pack, use in report.evidence_use():
        counts = Counter(card for m in made.made if m.pack and m.pack.id == pack.id for card in m.cards)
        assert dict((text, n) for text, n in use if n) == {pack.evidence(c).text: n for c, n in counts.items()}
        assert len(use) == pack.evidence_count
        assert most_used(use)[0][1] == max(counts.values())
        assert least_used(use)[0][1] == 0  # a pack has cards nobody used

    rules = Counter(
        rule for m in made.made if m.pack for rule in {a.rule for a in advise(reconcile(m.plan, m.pack)[0], m.pack)}
    )
    common = report.common_advice()
    assert {rule: n for rule, _message, n in common} == dict(rules)
    assert [n for _rule, _message, n in common] == sorted(rules.values(), reverse=True)
    assert report.nothing_written() == ["student-00", "student-06", "student-12", "student-18", "student-24"]


def test_a_flat_folder_of_plans_handed_in(tmp_path, bundled):
    pack = load_pack(bundled)
    made = make_class(tmp_path / "c", pack, pack)
    flat = [m for m in made.made if len(m.path.parts) == 1]
    assert flat and all(m.student == m.path.stem for m in flat)


def test_a_folder_that_is_missing_or_a_file_is_one_error(tmp_path):
    with pytest.raises(UserError, match="no such folder"):
        class_report(tmp_path / "nowhere")
    (tmp_path / "plan.toml").write_text("")
    with pytest.raises(UserError, match="not a folder"):
        class_report(tmp_path / "plan.toml")


def test_an_empty_folder_reports_nothing(tmp_path):
    report = class_report(tmp_path)
    assert report.entries == [] and report.ranked_first() == [] and report.students == [] and report.nothing_written() == []


def test_the_walk_is_bounded(tmp_path, monkeypatch):
    from essayplan import classreport

    monkeypatch.setattr(classreport, "MAX_FILES", 3)
    for index in range(5):
        (tmp_path / f"p{index}.toml").write_text("not toml")
    deep = tmp_path.joinpath(*"abcdef")
    deep.mkdir(parents=True)
    (deep / "deep.toml").write_text("")
    report = class_report(tmp_path)
    assert len(report.entries) == 3 and "stopped after 3" in report.stopped
    monkeypatch.setattr(classreport, "MAX_FILES", 100)
    assert "deep.toml" not in {e.path.name for e in class_report(tmp_path).entries}
