"""Markdown export: the same content as the Word export, as text to paste anywhere."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest

from essayplan.errors import UserError
from essayplan.export import export_plan
from essayplan.model import Paragraph, Ranked
from samples import ADVICE, QUESTION, full_plan, stalin_pack


@pytest.fixture
def pack():
    return stalin_pack()


@pytest.fixture
def plan(pack):
    return full_plan(pack)


def markdown(plan, pack, tmp_path, **kwargs) -> str:
    kwargs.setdefault("advice", ADVICE)
    out = tmp_path / "plan.md"
    assert export_plan(plan, pack, out, "md", author="Sam", **kwargs) == out
    data = out.read_bytes()
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    return data.decode("utf-8")


def test_document_outline(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    # #16: who and when under the title, then the answer first
    assert text.startswith(
        f"# {QUESTION}\n\n*Stalin's Rise to Power · 4 March 2025*\n\n"
        "Name: Sam · Class: \\_\\_\\_\\_\\_\\_\\_\\_ · Date: 4 March 2025\n\n## The answer\n\n> **Question:** "
    )
    outline = [line for line in text.splitlines() if line.startswith("#")]
    assert outline == [
        f"# {QUESTION}",
        "## The answer",
        "## Introduction",
        "## Ranking",
        "## ¶1 · Ranked 1st — Stalin's personality and position as General Secretary",
        "## ¶2 · Ranked 2nd — Weakness of the opposition ★",
        "## ¶3 · Ranked 3rd — Stalin's policies",
        "## Conclusion",
        "## Appendix",
        "### Evidence not used",
        "### Advice: a checklist",
    ]


def test_ranking_is_a_pipe_table_with_pipes_escaped(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    start = text.index("| Rank |")
    table = text[start : text.index("\n\n", start)].splitlines()
    assert table == [
        "| Rank | Factor | Reason | Para |",
        "| --- | --- | --- | --- |",
        "| 1st | Stalin's personality and position as General Secretary | "
        "Control of appointments built a loyal majority \\| the base for everything else. | ¶1 |",
        "| 2nd | Weakness of the opposition ★ | Trotsky's arrogance and the rivals' divisions let Stalin pick them off. | ¶2 |",
        "| 3rd | Stalin's policies | *(not written yet)* | ¶3 |",
    ]


def test_paragraph_parts_and_evidence_bullets(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    start = text.index("## ¶2 ")
    section = text[start : text.index("## ¶3 ")]
    testament, triumvirate = pack.evidence("trotsky-testament"), pack.evidence("triumvirate")
    assert section == (
        "## ¶2 · Ranked 2nd — Weakness of the opposition ★\n\n"
        "**Point:** The weakness of the opposition allowed Stalin to defeat his rivals one by one.\n\n"
        "**Evidence:**\n\n"
        f"- {testament.date} — {testament.text}\n"
        f"- 1922–23 — {triumvirate.text}\n"
        "- card-the-pack-lost (not in the pack)\n\n"
        "**Explain:** Trotsky's failure to act in 1924 meant Stalin survived Lenin's criticism.\n\n"
        "**Link:** However, this was only possible because of Stalin's position.\n\n"
        "**Counter-argument:** Some historians argue Trotsky's mistakes mattered most; "
        "however, they did not give Stalin a majority.\n\n"
    )


def test_gaps_line_breaks_and_peal_labels(plan, pack, tmp_path):
    text = markdown(replace(plan, template="peal"), pack, tmp_path)
    assert "**Analyse:** He could promote supporters, so the party congresses voted for him.\\\nHis rivals could not.\n" in text
    assert "**Analyse:** *(not written yet)*\n\n**Link:** *(not written yet)*\n" in text


def test_conclusion_and_appendix(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    assert "## Conclusion\n\n> **Conclusion:** Overall, Stalin's position as General Secretary was the key reason." in text
    appendix = text[text.index("## Appendix") :]
    first = pack.factor("policies").evidence[0]
    group = f" — {first.group}" if first.group else ""
    assert f"**Stalin's policies{group}:**\n\n- {first.date + ' — ' if first.date else ''}{first.text}" in appendix
    assert "mood-against-nep" not in appendix and pack.evidence("mood-against-nep").text not in appendix
    assert appendix.endswith("### Advice: a checklist\n\n" + f"- ☐ {ADVICE[0]}\n")


def test_appendix_false(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path, appendix=False)
    assert "## Appendix" not in text and "Advice" not in text
    assert text.rstrip().endswith("turned their mistakes into his victory.")


def test_markdown_and_word_say_the_same_things(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    out = tmp_path / "plan.docx"
    export_plan(plan, pack, out, author="Sam", advice=ADVICE)
    document = docx.Document(out)
    for paragraph in document.paragraphs:
        words = paragraph.text.removeprefix("•\t").replace("☐\t", "☐ ")
        if not words:
            continue
        # Every Word paragraph's text is in the Markdown, give or take the bold label and line breaks.
        label, _, rest = words.partition(": ")
        first_line = (rest if rest and len(label) < 20 else words).split("\n")[0]
        assert first_line.replace("_", "\\_") in text, words
    for row in document.tables[0].rows:
        for cell in row.cells:
            assert cell.text.replace("|", "\\|") in text


def test_empty_and_odd_plans(pack, tmp_path):
    from essayplan.ops import new_plan

    plan = replace(
        new_plan(pack),
        question="",
        ranking=(Ranked("lost"),),
        paragraphs=(Paragraph("lost", point="line one\n\nline two"),),
    )
    text = markdown(plan, pack, tmp_path, advice=[])
    assert text.startswith("# Essay plan: Stalin's Rise to Power\n")
    # #16: a ranking the student never changed (one factor, nothing set) is not ranked yet
    assert "| not ranked yet | lost (not in the pack) | *(not written yet)* | ¶1 |" in text
    assert "## ¶1 · Not ranked yet — lost (not in the pack)" in text
    assert "**Point:** line one\\\nline two\n" in text
    assert "**Evidence:**\n\n*(no evidence attached yet)*\n" in text
    assert "*No advice: every part of the plan is in place.*" in text


def test_template_is_for_word_only(plan, pack, tmp_path):
    template = tmp_path / "school.docx"
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, tmp_path / "plan.md", "md", template=template, advice=[])
    assert str(caught.value) == f"{template}: a template is for Word exports only; leave out --template for Markdown"
    assert not (tmp_path / "plan.md").exists()


def test_missing_folder(plan, pack, tmp_path):
    out = tmp_path / "gone" / "plan.md"
    with pytest.raises(UserError) as caught:
        export_plan(plan, pack, out, "md", advice=[])
    assert str(caught.value) == f"{out}: cannot export: folder {out.parent} does not exist"


def test_markdown_is_utf8(plan, pack, tmp_path):
    plan = replace(plan, conclusion="Сталин — «генсек»")
    markdown(plan, pack, tmp_path)
    assert "Сталин — «генсек»" in Path(tmp_path / "plan.md").read_text(encoding="utf-8")
