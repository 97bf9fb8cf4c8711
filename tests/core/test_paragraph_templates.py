"""Paragraph templates: PEEL and PEAL load, differ where they should, fall back, and report mistakes."""

from __future__ import annotations

import pytest

from essayplan.errors import UserError
from essayplan.paragraph_templates import PARTS, get_template, load_templates

GOOD = """
id = "mine"
name = "Mine"
[labels]
point = "Claim"
evidence = "Evidence"
explain = "Explain"
link = "Link"
counter = "However"
introduction = "Introduction"
criteria = "Criteria"
conclusion = "Judgement"
[hints]
point = "Say it."
[starters]
point = ["First, …"]
"""


def test_peel_and_peal_are_bundled():
    templates = load_templates()
    assert {"peel", "peal"} <= set(templates)
    assert templates["peel"].name == "PEEL"
    assert templates["peal"].name == "PEAL"


def test_peal_analyses_where_peel_explains():
    peel, peal = get_template("peel"), get_template("peal")
    assert peel.label("explain") == "Explain"
    assert peal.label("explain") == "Analyse"
    assert peel.label("point") == peal.label("point") == "Point"
    assert peel.starters_for("explain") != peal.starters_for("explain")


@pytest.mark.parametrize("template_id", ["peel", "peal"])
def test_every_part_has_a_label_a_hint_and_starters(template_id):
    template = get_template(template_id)
    for part in PARTS:
        assert template.label(part)
        assert template.hint(part)
        starters = template.starters_for(part)
        assert 3 <= len(starters) <= 5, part
        assert all(s.strip() for s in starters)


def test_an_unknown_id_falls_back_to_peel():
    assert get_template("no-such-template") == get_template("peel")
    assert get_template("").id == "peel"


def test_other_files_in_the_folder_are_ignored(tmp_path):
    (tmp_path / "mine.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.toml").write_text('title = "not a template"\n', encoding="utf-8")
    (tmp_path / "plan.docx").write_bytes(b"PK\x03\x04")
    templates = load_templates(tmp_path)
    assert list(templates) == ["mine"]
    mine = templates["mine"]
    assert mine.label("conclusion") == "Judgement"
    assert mine.hint("point") == "Say it."
    assert mine.hint("link") == ""
    assert mine.starters_for("point") == ("First, …",)
    assert mine.starters_for("link") == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('point = "Claim"', "point = 3"), "mine.toml: labels.point: expected a string, found an integer"),
        (('point = "Claim"', ""), "mine.toml: labels.point: missing (expected a string)"),
        (('point = ["First, …"]', 'point = "First"'), "mine.toml: starters.point: expected a list of strings"),
        (('point = "Say it."', 'pointt = "Say it."'), "mine.toml: hints.pointt: unknown field"),
        (('id = "mine"', 'id = "my template"'), "mine.toml: id: 'my template' is not a valid id"),
    ],
)
def test_a_broken_template_names_the_file_and_field(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    (tmp_path / "mine.toml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_templates(tmp_path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "mine.toml"))


def test_a_template_that_is_not_toml_gives_a_line_and_column(tmp_path):
    (tmp_path / "bad.toml").write_text('id = "bad"\nlabels = [\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_templates(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'bad.toml'}:")


def test_two_templates_with_one_id_are_reported(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(UserError, match=r"b\.toml: id: 'mine' is already used by .*a\.toml"):
        load_templates(tmp_path)
