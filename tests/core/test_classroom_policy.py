"""A served class's rules: names become folder names that stay inside the class folder."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan.classroom import ENV, OPEN, Policy, name_slug
from essayplan.errors import UserError


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sam Lee", "sam-lee"),
        ("  ZOË  O'Neil ", "zoe-oneil"),
        ("../../x", "x"),
        ("..\\..\\Windows\\x", "windows-x"),
        ("/etc/passwd", "etc-passwd"),
        ("a\x00b", "a-b"),
        ("x" * 100, "x" * 40),
        ("Ms. Smith (10B)", "ms-smith-10b"),
    ],
)
def test_a_name_becomes_letters_digits_and_hyphens(name, slug):
    assert name_slug(name) == slug


@pytest.mark.parametrize("name", ["", "   ", "../..", "///", "王芳", "\x1b\x07"])
def test_a_name_with_nothing_to_keep_is_refused(name):
    with pytest.raises(UserError, match="letters or digits"):
        name_slug(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_no_name_reaches_outside_the_class_folder(tmp_path_factory, name):
    folder = tmp_path_factory.getbasetemp() / "class"
    policy = Policy(folder=folder)
    try:
        path = policy.plan_path(name, "stalin-rise")
    except UserError:
        return  # refused: nothing written anywhere
    assert path.parent.parent == folder
    assert path.parent.name == name_slug(name)
    assert all(c.islower() or c.isdigit() or c == "-" for c in path.parent.name)
    assert os.path.commonpath([path.resolve(), folder.resolve()]) == str(folder.resolve())


def test_a_symlink_out_of_the_class_folder_is_refused(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (folder / "sam").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserError, match="outside the class folder"):
        Policy(folder=folder).student_folder("Sam")


def test_the_terminal_app_is_allowed_everything():
    assert not OPEN.active
    assert all(OPEN.allows(action) for action in ("save_as", "edit_pack", "edit_pack(True)", "choose_pack", "export"))
    assert OPEN.key_label("f2") == "F2" and OPEN.key("ctrl+n") == "ctrl+n"
    assert OPEN.help_text("F1 help, ctrl+t") == "F1 help, ctrl+t"


def test_a_class_offers_no_save_as_pack_editing_or_library(tmp_path):
    policy = Policy(folder=tmp_path)
    for action in ("save_as", "edit_pack", "edit_pack(True)", "choose_pack"):
        assert not policy.allows(action)
    for action in ("export", "save", "undo", "help", "quit"):
        assert policy.allows(action)


def test_a_class_names_the_keys_a_browser_lets_through(tmp_path):
    policy = Policy(folder=tmp_path)
    assert policy.key_label("f3") == "Alt+P"
    assert policy.key("ctrl+t") == "alt+t"
    assert policy.key("ctrl+z") == "ctrl+z"  # browsers pass it on
    help_text = policy.help_text("F1 or ? | F2 / F5 | (F3) | ctrl+t starters | ctrl+n evidence | ctrl+q quit | ctrl+z")
    for kept in ("F1", "F2", "F3", "F5", "ctrl+t", "ctrl+n", "ctrl+q"):
        assert kept not in help_text
    assert "Alt+H or ?" in help_text and "ctrl+z" in help_text


def test_the_policy_travels_to_the_app_process(tmp_path):
    policy = Policy(folder=tmp_path / "class", packs=(tmp_path / "a.toml",), homes=tmp_path / "homes")
    assert Policy.from_env({ENV: policy.to_env()}) == policy
    assert Policy.from_env({}) is OPEN
    assert policy.home("../Sam") == tmp_path / "homes" / "sam"


def test_the_link_names_this_machine_when_serving_everywhere():
    from essayplan.serve import link_host

    assert link_host("localhost") == "localhost"
    assert link_host("10.0.0.5") == "10.0.0.5"
    everywhere = link_host("0.0.0.0")
    assert everywhere not in ("0.0.0.0", "") and " " not in everywhere
