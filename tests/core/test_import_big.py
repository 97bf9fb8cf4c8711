"""A long revision card imports whole and right (the import used to be quadratic: see tests/bench/bench_import.py)."""

from __future__ import annotations

from essayplan.cli import main
from essayplan.importer import import_card
from essayplan.packs import load_pack
from essayplan.slugs import UniqueIds

SECTIONS = 60  # × 4 sub-headings × 11 points: 2,640 cards, ~2,900 lines


def long_card() -> str:
    """Laid out like tests/cards/tsar-time-organised.txt (benchlib.generated_card, smaller)."""
    lines = ["Causes of a very long war", "Created by: Ms Example", ""]
    for section in range(1, SECTIONS + 1):
        lines += [f"Cause number {section}", ""]
        for group in range(1, 5):
            lines.append(f"Aspect {group} of cause {section}:")
            for point in range(11):
                lines.append(f"- Point {point} happened in {1900 + point} and mattered")
        lines.append("")
    return "\n".join(lines)


def test_a_long_card_keeps_every_section_group_and_point():
    pack = import_card(long_card(), "long.txt")
    assert [f.title for f in pack.factors] == [f"Cause number {n}" for n in range(1, SECTIONS + 1)]
    for factor in pack.factors:
        assert len(factor.evidence) == 44
        assert [c.group for c in factor.evidence[::11]] == [f"Aspect {g} of cause {factor.title.split()[-1]}" for g in range(1, 5)]
        assert factor.evidence[3].text == "Point 3 happened in 1903 and mattered"
        assert factor.evidence[3].date == "1903"
    ids = [c.id for f in pack.factors for c in f.evidence]
    assert len(set(ids)) == len(ids) == SECTIONS * 44
    # The same point text everywhere: numbered in card order, from -2 up, none skipped.
    point_0 = [i for i in ids if i.startswith("point-0-happened-1900")]
    assert point_0[:3] == ["point-0-happened-1900", "point-0-happened-1900-2", "point-0-happened-1900-3"]
    assert point_0[-1] == f"point-0-happened-1900-{SECTIONS * 4}"
    # One question per cause, each naming it.
    assert len(pack.questions) == SECTIONS + 1
    assert pack.questions[1] == "How far was cause number 1 the main reason for a very long war?"


def test_a_long_card_makes_a_pack_that_check_accepts(tmp_path, capsys):
    card = tmp_path / "long.txt"
    card.write_text(long_card(), encoding="utf-8")
    out = tmp_path / "long.toml"
    assert main(["import", str(card), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    assert load_pack(out).evidence_count == SECTIONS * 44


def test_unique_ids_number_on_from_the_last_taken():
    ids = UniqueIds()
    assert [ids.take("a") for _ in range(3)] == ["a", "a-2", "a-3"]
    assert ids.take("a-4") == "a-4"  # taken as a base of its own
    assert ids.take("a") == "a-5"  # so the next "a" skips it
    assert ids.take("a-2") == "a-2-2"
    assert ids.take("b") == "b"
