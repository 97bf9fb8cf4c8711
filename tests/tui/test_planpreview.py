"""An unbuilt paragraph's drawing (tui/planpreview.py): its lines fit the width, its height
is counted as its lines are made, and the quick way of breaking lines breaks them as the
word-by-word way does."""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len
from rich.text import Text

from essayplan import ops
from essayplan.paragraph_templates import get_template
from essayplan.tui.planpreview import PLAIN, Preview, _breaks_by_words, breaks, wrap
from samples import full_plan


def test_every_character_counted_as_one_cell_is_one_cell_to_rich():
    characters = [chr(c) for c in range(0x20, 0x3000) if PLAIN.fullmatch(chr(c))]
    assert len(characters) > 1000 and {"—", "“", "é"} <= set(characters)
    assert [hex(ord(c)) for c in characters if cell_len(c) != 1] == []
    for other in "\t\n\u00a0\u2002\u200b\u00ad\u0301\u3000日😀":  # other blanks, zero-width, wide
        assert not PLAIN.fullmatch(other)


def test_lines_break_as_word_by_word_wrapping_breaks_them():
    rng = random.Random(7)
    pieces = ["a", "b", " ", " ", "—", "“", "”", "é", "   ", "x" * 15, "日本", "😀", "\u00a0"]
    for _ in range(5_000):
        plain = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        width = rng.randint(2, 20)  # (a wide character alone is 2 cells)
        found = breaks(plain, width)
        assert found == _breaks_by_words(plain, width), (plain, width)
        lines = wrap(Text(plain), width)
        assert all(cell_len(line.plain) <= width for line in lines), (plain, width)
        assert "".join("".join(line.plain.split()) for line in lines) == "".join(plain.split())  # nothing lost


def test_a_word_longer_than_the_line_is_cut_and_spaces_hang_past_the_edge():
    assert [line.plain for line in wrap(Text("x" * 25 + " ab cd"), 10)] == ["x" * 10, "x" * 10, "xxxxx ab", "cd"]
    assert [line.plain for line in wrap(Text("ab cd     "), 5)] == ["ab cd"]
    assert [line.plain for line in wrap(Text("日本語の文章です"), 5)] == ["日本", "語の", "文章", "です"]


@pytest.mark.parametrize("width, wide", [(113, True), (71, False), (30, False), (40, True)])
def test_the_height_counted_is_the_number_of_lines_drawn_and_each_fits(bundled_pack, width, wide):
    pack = bundled_pack
    plan = ops.set_text(full_plan(pack), "explain", "“Quoted” — and a very long word: " + "x" * 200, pack.factors[0].id)
    template = get_template(plan.template)
    for paragraph in plan.paragraphs:
        preview = Preview(Text(f"¶1 ⠿ {paragraph.factor} " * 5), pack, paragraph, template)
        lines = preview.lines(width, wide)
        assert preview.height(width, wide) == len(lines)
        assert all(line.cell_len <= width for line in lines)
        drawn = " ".join(line.plain.strip() for line in lines)
        assert "Point" in drawn and "+ Add evidence… (Enter or ctrl+n)" in drawn


def test_a_preview_is_the_same_only_when_what_it_draws_is(bundled_pack):
    pack = bundled_pack
    plan = full_plan(pack)
    template = get_template(plan.template)
    paragraph = plan.paragraphs[0]
    preview = Preview(Text("¶1"), pack, paragraph, template)
    assert preview.same(Preview(Text("¶1"), pack, paragraph, template))
    edited = ops.set_text(plan, "point", "New point", paragraph.factor).paragraphs[0]
    assert not preview.same(Preview(Text("¶1"), pack, edited, template))
    assert not preview.same(Preview(Text("¶2"), pack, paragraph, template))
    assert not preview.same(Preview(Text("¶1"), pack, paragraph, get_template("peal")))
    assert not preview.same(Preview(Text("¶1"), pack, paragraph, template, add_key="ctrl+b"))


def test_a_long_text_is_drawn_as_its_field_shows_it_at_most_8_lines_a_cell_in(bundled_pack):
    pack = bundled_pack
    plan = ops.set_text(full_plan(pack), "point", "Word " * 400, pack.factors[0].id)
    paragraph = plan.paragraph(pack.factors[0].id)
    lines = [line.plain for line in Preview(Text("¶1"), pack, paragraph, get_template(plan.template)).lines(60, False)]
    point = lines[lines.index("Point") + 1 : lines.index("Evidence")]
    assert len(point) == 8 and all(line.startswith(" Word") and len(line) <= 60 - 2 for line in point)
