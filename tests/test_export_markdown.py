"""Markdown export: the same content as the Word export, as text to paste anywhere."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest

from essayplan.errors import UserError
from essayplan.export import export_plan
from essayplan.model import Paragraph, Ranked
from test_export_docx import ADVICE, QUESTION, full_plan, stalin_pack


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
    assert text.startswith(f"# {QUESTION}\n\n*Stalin's Rise to Power · 4 March 2025*\n\n## Introduction\n\n")
    outline = [line for line in text.splitlines() if line.startswith("#")]
    assert outline == [
        f"# {QUESTION}",
        "## Introduction",
        "## Ranking",
        "## Paragraph 1: Stalin's personality and position as General Secretary",
        "## Paragraph 2: Weakness of the opposition",
        "## Paragraph 3: Stalin's policies",
        "## Conclusion",
        "## Appendix",
        "### Evidence not used",
        "### Advice",
    ]


def test_ranking_is_a_pipe_table_with_pipes_escaped(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    start = text.index("| Rank |")
    table = text[start : text.index("\n\n", start)].splitlines()
    assert table == [
        "| Rank | Factor | Reason |",
        "| ---: | --- | --- |",
        "| 1 | Stalin's personality and position as General Secretary | "
        "Control of appointments built a loyal majority \\| the base for everything else. |",
        "| 2 | Weakness of the opposition | Trotsky's arrogance and the rivals' divisions let Stalin pick them off. |",
        "| 3 | Stalin's policies | *(not written yet)* |",
    ]


def test_paragraph_parts_and_evidence_bullets(plan, pack, tmp_path):
    text = markdown(plan, pack, tmp_path)
    start = text.index("## Paragraph 2:")
    section = text[start : text.index("## Paragraph 3:")]
    testament, triumvirate = pack.evidence("trotsky-testament"), pack.evidence("triumvirate")
    assert section == (
        "## Paragraph 2: Weakness of the opposition\n\n"
        "**Point:** The weakness of the opposition allowed Stalin to defeat his rivals one by one.\n\n"
        "**Evidence:**\n\n"
        f"- {testament.text} ({testament.date})\n"
        f"- {triumvirate.text} (1922–23)\n"
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
    assert "## Conclusion\n\n**Judgement:** Overall, Stalin's position as General Secretary was the key reason." in text
    appendix = text[text.index("## Appendix") :]
    assert f"**Stalin's policies:**\n\n- {pack.factor('policies').evidence[0].text}" in appendix
    assert "mood-against-nep" not in appendix and pack.evidence("mood-against-nep").text not in appendix
    assert appendix.endswith("### Advice\n\n" + "".join(f"- {line}\n" for line in ADVICE))


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
        words = paragraph.text.removeprefix("•\t")
        if not words:
            continue
        # Every Word paragraph's text is in the Markdown, give or take the bold label and line breaks.
        label, _, rest = words.partition(": ")
        first_line = (rest if rest and len(label) < 20 else words).split("\n")[0]
        assert first_line in text, words
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
    assert "| 1 | lost (not in the pack) | *(not written yet)* |" in text
    assert "## Paragraph 1: lost (not in the pack)" in text
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
