"""Plans: exact messages for broken plans, lossless round trips, atomic saving, changed packs."""

from __future__ import annotations

import os
import string
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import expected_lines
from essayplan.checking import check_file, load_plan_and_pack
from essayplan.errors import UserError
from essayplan.model import KINDS, ROLES, WITHOUT, Evidence, Factor, Link, OwnFactor, Pack, Paragraph, Plan, Ranked
from essayplan.ops import attach, new_plan, reconcile, set_text
from essayplan import tomlread
from essayplan.plans import dump_plan, encode_plan, load_plan, save_plan
from paths import BROKEN

BROKEN_PLANS = sorted(BROKEN.glob("plan-*.toml"))


# -- Broken plans ------------------------------------------------------------


def test_the_corpus_is_big_enough():
    assert len(BROKEN_PLANS) >= 10


@pytest.mark.parametrize("path", BROKEN_PLANS, ids=lambda p: p.stem)
def test_a_broken_plan_gets_every_problem_exactly(path):
    with pytest.raises(UserError) as caught:
        load_plan(path)
    assert caught.value.problems == expected_lines(path)
    assert check_file(path) == (False, expected_lines(path))


def test_a_folder_and_a_missing_path(tmp_path):
    with pytest.raises(UserError, match=rf"^{tmp_path}: is a folder, not a plan file$"):
        load_plan(tmp_path)
    with pytest.raises(UserError, match=rf"^{tmp_path}/gone.toml: no such file$"):
        load_plan(tmp_path / "gone.toml")


# -- Round trips -------------------------------------------------------------

TRICKY = [
    "", " ", "\n", "\r", "\r\n", "\n\n\n", "a\r\nb\rc\n", '"', '""', '"""', '""""""', "'''", "'", "\\",
    "\\n", '\\"', "\t", "\x00", "\x7f", "\x1b[31m", "\u2028", "\ufeff", "# not a comment", "[[ranking]]",
    'end with a quote"', "end with backslash\\", "Stalin's \"Lenin's Testament\" — 1924 …", "😀", " trailing ",
]
# Any text a student can type; surrogates cannot be encoded as UTF-8.
texts = st.one_of(st.sampled_from(TRICKY), st.text(st.characters(blacklist_categories=("Cs",))))
ids = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,12}", fullmatch=True)
offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
# Any time a plan can hold: in UTC, years 1000 to 9998 (see tomlcheck.FIRST_YEAR).
stamps = st.datetimes(
    min_value=datetime(1000, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.none() | st.just(timezone.utc) | offsets
)


@st.composite
def plans(draw) -> Plan:
    factors = draw(st.lists(ids, unique=True, max_size=5))
    # Issue 12: some of the factors are the student's own; links join two different factors once.
    owns = factors[: draw(st.integers(0, len(factors)))]
    pairs = [(a, b) for a in factors for b in factors if a != b]
    links = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6)) if pairs else []
    maybe = lambda strategy: st.none() | strategy  # noqa: E731
    return Plan(
        extent=draw(maybe(st.integers(0, 10).map(lambda n: n * 10))),
        own_factors=tuple(OwnFactor(f, draw(texts.filter(str.strip))) for f in owns),
        links=tuple(Link(a, b, draw(st.sampled_from(KINDS)), draw(texts)) for a, b in links),
        pack=draw(ids),
        question=draw(texts),
        introduction=draw(texts),
        criteria=draw(texts),
        conclusion=draw(texts),
        template=draw(ids),
        created=draw(stamps),
        modified=draw(stamps),
        ranking=tuple(
            Ranked(
                f,
                draw(texts),
                weight=draw(maybe(st.integers(0, 100))),
                without=draw(maybe(st.sampled_from(WITHOUT))),
                role=draw(maybe(st.sampled_from(ROLES))),
            )
            for f in draw(st.permutations(factors))
        ),
        paragraphs=tuple(
            Paragraph(
                factor=f,
                point=draw(texts),
                evidence=tuple(draw(st.lists(ids, unique=True, max_size=4))),
                explain=draw(texts),
                link=draw(texts),
                counter=draw(texts),
                own_evidence=tuple(draw(st.lists(texts, max_size=3))),
            )
            for f in draw(st.permutations(factors))
        ),
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans())
def test_load_after_save_gives_back_exactly_the_same_plan(plan, tmp_path):
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    again = load_plan(path)
    assert again == plan
    for a, b in ((again.created, plan.created), (again.modified, plan.modified)):
        assert a.utcoffset() == b.utcoffset()  # equal instants are not enough: same offset too


def typed(value):
    """Data with each value's type beside it: a list is not a tuple, True is not 1, and an
    offset counts (equal instants are not enough)."""
    if type(value) is dict:
        return {key: typed(item) for key, item in value.items()}
    if type(value) is list:
        return [typed(item) for item in value]
    return type(value), value, value.utcoffset() if isinstance(value, datetime) else None


@settings(max_examples=300)
@given(plan=plans())
def test_the_data_kept_beside_a_saved_plan_is_exactly_what_its_file_parses_to(plan):
    # Reopening reads the kept copy instead of the file (parsecache.keep): the two must agree.
    raw, data = encode_plan(plan)
    assert typed(tomlread.loads(raw.decode("utf-8"))) == typed(data)


@settings(max_examples=200)
@given(text=texts)
def test_every_text_field_survives_on_its_own(text, tmp_path_factory):
    path = tmp_path_factory.mktemp("one") / "plan.toml"
    plan = Plan("p", ranking=(Ranked("f", text),), paragraphs=(Paragraph("f", text, ("c",), text, text, text),))
    for name in ("question", "introduction", "criteria", "conclusion"):
        plan = set_text(plan, name, text)
    save_plan(plan, path)
    assert load_plan(path) == plan


def test_a_plan_file_is_readable_by_a_person(bundled_pack):
    plan = set_text(new_plan(bundled_pack, "Why did Stalin win?"), "introduction", "Line one.\nLine two.")
    plan = replace(plan, created=datetime(2026, 11, 26, 10, tzinfo=timezone.utc))
    text = dump_plan(plan)
    assert text.startswith('schema = 1\npack = "stalin-rise"\nquestion = "Why did Stalin win?"\n')
    assert 'introduction = """\nLine one.\nLine two."""' in text
    assert "created = 2026-11-26T10:00:00Z\n" in text
    assert text.count("\n[[ranking]]\n") == 4 and text.count("\n[[paragraphs]]\n") == 4


# -- Atomic saving -----------------------------------------------------------


def test_saving_leaves_no_temporary_file(tmp_path, bundled_pack):
    path = tmp_path / "plan.toml"
    save_plan(new_plan(bundled_pack), path)
    save_plan(set_text(new_plan(bundled_pack), "question", "Again"), path)
    assert sorted(os.listdir(tmp_path)) == ["plan.toml"]
    assert load_plan(path).question == "Again"


def test_a_failing_write_leaves_the_old_file_intact(tmp_path, bundled_pack, monkeypatch):
    path = tmp_path / "plan.toml"
    save_plan(set_text(new_plan(bundled_pack), "question", "Old"), path)
    before = path.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError) as caught:
        save_plan(set_text(new_plan(bundled_pack), "question", "New"), path)
    assert caught.value.problems == [f"{path}: cannot write: Permission denied"]
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["plan.toml"]


def test_a_write_interrupted_by_ctrl_c_leaves_no_temporary_file(tmp_path, bundled_pack, monkeypatch):
    path = tmp_path / "plan.toml"

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_plan(new_plan(bundled_pack), path)
    assert os.listdir(tmp_path) == []


def test_saving_into_a_missing_folder_is_a_user_error(tmp_path, bundled_pack):
    path = tmp_path / "no" / "plan.toml"
    with pytest.raises(UserError) as caught:
        save_plan(new_plan(bundled_pack), path)
    assert caught.value.problems == [f"{path}: cannot write: folder {path.parent} does not exist"]


def test_saving_keeps_the_files_permissions(tmp_path, bundled_pack):
    path = tmp_path / "plan.toml"
    save_plan(new_plan(bundled_pack), path)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    save_plan(new_plan(bundled_pack), path)
    assert path.stat().st_mode & 0o777 == 0o640


# -- A plan whose pack has changed -------------------------------------------


def small_pack(*factors: Factor) -> Pack:
    return Pack("topic", "Topic", factors=factors)


A = Factor("a", "A", evidence=(Evidence("a1", "A one."), Evidence("a2", "A two.")))
B = Factor("b", "B", evidence=(Evidence("b1", "B one."),))
C = Factor("c", "C", evidence=(Evidence("c1", "C one."),))


def written_plan(pack: Pack) -> Plan:
    plan = new_plan(pack, "Why?")
    for factor in pack.factors:
        plan = set_text(plan, "reason", f"reason {factor.id}", factor.id)
        for name in ("point", "explain", "link", "counter"):
            plan = set_text(plan, name, f"{name} {factor.id}", factor.id)
        for card in factor.evidence:
            plan = attach(plan, pack, factor.id, card.id)
    return plan


def all_texts(plan: Plan) -> set[str]:
    found = {plan.question, plan.introduction, plan.criteria, plan.conclusion}
    found |= {r.reason for r in plan.ranking}
    for p in plan.paragraphs:
        found |= {p.point, p.explain, p.link, p.counter, *p.evidence}
    return found - {""}


def test_a_plan_whose_pack_changed_still_loads_and_keeps_everything(tmp_path):
    old_pack = small_pack(A, B)
    plan = written_plan(old_pack)
    # The teacher removed factor b and card a2, and added factor c.
    new_pack = small_pack(replace(A, evidence=A.evidence[:1]), C)
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    loaded = load_plan(path)
    assert loaded == plan
    fitted, notes = reconcile(loaded, new_pack)
    assert notes == [
        "ranking: factor 'b' is not in pack 'topic'; kept",
        "paragraph 'a': card 'a2' is not in pack 'topic'; kept",
        "paragraph 'b': factor is not in pack 'topic'; kept",
        "paragraph 'b': card 'b1' is not in pack 'topic'; kept",
        "ranking: factor 'c' is new in the pack; ranked last",
    ]
    assert [r.factor for r in fitted.ranking] == ["a", "b", "c"]
    assert [p.factor for p in fitted.paragraphs] == ["a", "b", "c"]
    assert fitted.paragraph("c") == Paragraph("c")
    assert all_texts(fitted) == all_texts(plan)
    assert fitted.paragraph("a").evidence == ("a1", "a2")
    # Saved again, nothing is lost either.
    save_plan(fitted, path)
    assert load_plan(path) == fitted


def test_check_and_open_report_what_the_pack_no_longer_has(tmp_path):
    from essayplan.packs import save_pack

    save_pack(small_pack(replace(A, evidence=A.evidence[:1])), tmp_path / "topic.toml")
    path = tmp_path / "plan.toml"
    save_plan(written_plan(small_pack(A)), path)
    plan, pack, notes = load_plan_and_pack(path)
    assert pack.id == "topic" and notes == ["paragraph 'a': card 'a2' is not in pack 'topic'; kept"]
    assert plan.paragraph("a").evidence == ("a1", "a2")
    ok, lines = check_file(path)
    assert ok
    assert lines[:2] == [
        f"{path}: ok: plan for pack 'topic'",
        f"{path}: note: paragraph 'a': card 'a2' is not in pack 'topic'; kept",
    ]


def test_reconcile_of_an_up_to_date_plan_changes_nothing(bundled_pack):
    plan = written_plan(bundled_pack)
    assert reconcile(plan, bundled_pack) == (plan, [])


def test_a_plan_without_times_gets_them_on_load(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('schema = 1\npack = "p"\n', encoding="utf-8")
    plan = load_plan(path)
    assert plan.created.tzinfo is not None and plan.modified == plan.created
    assert plan.template == "peel" and plan.ranking == () and plan.paragraphs == ()


def test_ids_are_not_limited_to_ascii_letters_in_a_plan(tmp_path):
    # A plan keeps whatever ids it holds, even ones a pack could not declare.
    weird = "".join(string.punctuation) + " é"
    plan = Plan("p", ranking=(Ranked(weird),), paragraphs=(Paragraph(weird, evidence=(weird,)),))
    save_plan(plan, tmp_path / "p.toml")
    assert load_plan(tmp_path / "p.toml") == plan
