"""Hostile Word templates: `essayplan export --template` refuses them in one line, or
writes a document that carries nothing active or remote from them.

The templates are built at test time (tests/export/hostile_templates.py) from the bundled one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import hostile_templates as hostile
from essayplan.cli import main
from essayplan.plans import save_plan
from samples import QUESTION, full_plan, stalin_pack

R_ATTRIBUTE = re.compile(rb'\br:(?:id|embed|link|href|pict|dm|lo|qs|cs)="([^"]*)"')
FORBIDDEN_PARTS = ("vbaproject", "vbadata", "activex", "embeddings", "oleobject", "customizations", "customxml")
FORBIDDEN_TYPES = ("attachedTemplate", "vbaProject", "oleObject", "control", "aFChunk", "keyMapCustomizations",
                   "mailMergeSource", "subDocument", "font", "glossaryDocument")  # fmt: skip


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.toml"
    save_plan(full_plan(stalin_pack()), path)
    return path


def export(plan_file: Path, template: Path, capsys) -> tuple[int, str, Path]:
    out = plan_file.parent / f"{template.stem}-export.docx"
    status = main(["export", str(plan_file), "--template", str(template), "-o", str(out)])
    return status, capsys.readouterr().err, out


def assert_clean(out: Path) -> dict[str, bytes]:
    """No external relationship but hyperlinks, no active part, every reference resolved; opens in python-docx."""
    with zipfile.ZipFile(out) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name in parts:
        assert not any(word in name.lower() for word in FORBIDDEN_PARTS), name
    types = parts["[Content_Types].xml"]
    for word in (b"macroEnabled", b"vbaProject", b"activeX", b"oleObject", b"template.main"):
        assert word not in types
    settings = parts.get("word/settings.xml", b"")
    assert b"attachedTemplate" not in settings and b"mailMerge" not in settings and b"linkStyles" not in settings
    for name, body in parts.items():
        assert b"evil.example" not in body, name
        if not name.endswith(".rels"):
            continue
        ids = set()
        for rel in re.findall(rb"<Relationship [^>]*>", body):
            kind = re.search(rb'Type="[^"]*/([^"/]+)"', rel).group(1).decode()
            assert kind not in FORBIDDEN_TYPES, (name, rel)
            if b'TargetMode="External"' in rel:
                assert kind == "hyperlink", (name, rel)
            else:
                target = re.search(rb'Target="([^"]*)"', rel).group(1).decode()
                source_folder = os.path.dirname(os.path.dirname(name))
                part = os.path.normpath(os.path.join(source_folder, target)).lstrip("/")
                assert target.startswith("/") or part in parts, (name, target)
            ids.add(re.search(rb'Id="([^"]*)"', rel).group(1))
        source = os.path.join(os.path.dirname(os.path.dirname(name)), os.path.basename(name)[: -len(".rels")])
        if source in parts:
            assert set(R_ATTRIBUTE.findall(parts[source])) <= ids, source  # no dangling reference
    document = docx.Document(out)
    assert document.paragraphs[0].text == QUESTION
    return parts


# -- cleaned: exported, with nothing active or remote ------------------------------------------


@pytest.mark.parametrize("build", hostile.SAFE, ids=lambda build: build.__name__)
def test_a_hostile_template_exports_clean(build, plan_file, tmp_path, capsys):
    template = build(tmp_path)
    status, err, out = export(plan_file, template, capsys)
    assert (status, err) == (0, "")
    assert_clean(out)


def test_the_attached_template_and_its_relationship_are_gone(plan_file, tmp_path, capsys):
    status, _, out = export(plan_file, hostile.attached_template(tmp_path), capsys)
    parts = assert_clean(out)
    assert status == 0
    assert b"<Relationship " not in parts.get("word/_rels/settings.xml.rels", b"")


def test_a_macro_enabled_main_part_becomes_a_plain_document(plan_file, tmp_path, capsys):
    for template in (hostile.macros(tmp_path), hostile.macro_template(tmp_path)):
        status, _, out = export(plan_file, template, capsys)
        parts = assert_clean(out)
        assert status == 0
        assert b"wordprocessingml.document.main+xml" in parts["[Content_Types].xml"]


def test_the_footer_keeps_its_own_picture_and_web_link_but_not_remote_ones(plan_file, tmp_path, capsys):
    _, _, out = export(plan_file, hostile.images(tmp_path), capsys)
    parts = assert_clean(out)
    assert parts["word/media/crest.png"] == hostile.PNG
    footer = docx.Document(out).sections[0].footer
    assert "— page " in footer._element.xml  # the footer's own text is still there (#16: with the name)
    assert footer._element.xml.count("<w:drawing>") == 1  # the crest; the tracking pixel's run is gone
    _, _, out = export(plan_file, hostile.hyperlinks(tmp_path), capsys)
    parts = assert_clean(out)
    footer = docx.Document(out).sections[0].footer
    assert "school website" in footer._element.xml and "marks sheet" in footer._element.xml
    assert b"https://school.example/history" in parts["word/_rels/footer1.xml.rels"]
    assert footer._element.xml.count("<w:hyperlink") == 1  # the file-share link is text only


def test_active_parts_leave_and_the_runs_that_held_them_too(plan_file, tmp_path, capsys):
    for build in (hostile.activex, hostile.ole_link):
        _, _, out = export(plan_file, build(tmp_path), capsys)
        assert_clean(out)
        footer = docx.Document(out).sections[0].footer._element.xml
        assert "<w:object" not in footer and "— page " in footer


def test_vml_pictures_lose_the_addresses_they_carry_without_a_relationship(plan_file, tmp_path, capsys):
    template = hostile.vml_urls(tmp_path)
    with zipfile.ZipFile(template) as package:
        assert b"evil.example" in package.read("word/footer1.xml")  # the case really carries them
    status, _, out = export(plan_file, template, capsys)
    assert status == 0
    footer = docx.Document(out).sections[0].footer._element.xml
    assert "evil.example" not in footer and "o:href" not in footer
    assert "v:imagedata" in footer and "— page " in footer  # the shape and the footer's text stay


def test_fields_that_run_or_fetch_lose_their_code_and_keep_their_text(plan_file, tmp_path, capsys):
    _, _, out = export(plan_file, hostile.active_fields(tmp_path), capsys)
    assert_clean(out)
    footer = docx.Document(out).sections[0].footer._element
    codes = [t.text or "" for t in footer.iter(qn("w:instrText"))] + [
        f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))
    ]
    # The nested QUOTE only spells a word; the field it fed is emptied.
    assert sorted(code for code in codes if code.strip()) == [' DATE \\@ "d MMMM yyyy" ', " NUMPAGES ", " PAGE ", ' QUOTE "DDEAUTO" ']
    text = "".join(t.text or "" for t in footer.iter(qn("w:t")))
    for shown in ("simple-result", "picture-result", "nested-result", "date-result"):
        assert shown in text


def test_a_bad_page_size_or_margins_fall_back_to_defaults(plan_file, tmp_path, capsys):
    _, _, out = export(plan_file, hostile.bad_page_size(tmp_path), capsys)
    assert_clean(out)
    section = docx.Document(out).sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7  # A4
    assert section.orientation is not None  # readable again
    assert round(section.left_margin.cm, 1) == 2.0  # the template's good values stay
    _, _, out = export(plan_file, hostile.bad_margins(tmp_path), capsys)
    assert_clean(out)
    section = docx.Document(out).sections[0]
    margins = [section.top_margin, section.right_margin, section.bottom_margin, section.left_margin]
    assert [round(m.cm, 2) for m in margins] == [2.54] * 4
    assert section.gutter == 0 and round(section.header_distance.cm, 2) == 1.25
    (table,) = docx.Document(out).tables
    assert sum(cell.width for cell in table.rows[0].cells) == section.page_width - 2 * section.left_margin


# -- refused: one line, status 2, nothing written ---------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.dense_part, "refused: part word/styles.xml is packed more than 200 to 1 (a zip bomb?)"),
        (hostile.many_parts, "refused: it holds more than 1000 parts (a zip bomb?)"),
        (hostile.long_names, "refused: its list of parts is over 1 MB (a zip bomb?)"),
        (hostile.not_a_zip, "not a Word file, or it is damaged"),
        (hostile.text_file, "not a Word file, or it is damaged"),
        (hostile.entity_expansion, "the Word file is damaged: word/settings.xml: "),
    ],
    ids=lambda value: getattr(value, "__name__", "message"),
)
def test_a_hostile_template_is_refused_in_one_line(build, message, plan_file, tmp_path, capsys):
    template = build(tmp_path)
    status, err, out = export(plan_file, template, capsys)
    assert status == 2
    assert err.startswith(f"{template}: {message}") and err.count("\n") == 1
    assert not out.exists()


def test_a_template_over_the_total_limit_is_refused_from_its_directory(plan_file, tmp_path, capsys):
    template = hostile.repack(
        tmp_path / "template-total.docx", add={f"word/media/{i}.xml": bytes(30 << 20) for i in range(5)}
    )
    status, err, _ = export(plan_file, template, capsys)
    assert status == 2
    assert err == f"{template}: refused: it would unpack to more than 128 MB in all (a zip bomb?)\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_template_is_refused_without_blocking(plan_file, tmp_path, capsys):
    fifo = tmp_path / "template-fifo.docx"
    os.mkfifo(fifo)
    status, err, _ = export(plan_file, fifo, capsys)
    assert (status, err) == (2, f"{fifo}: is not a regular file, not a Word template\n")


BOMB_CHILD = """
import json, resource, sys, time
from essayplan.cli import main


def peak_mib():
    # Linux carries ru_maxrss across exec, so a child of a big pytest would report the parent's
    # size: VmHWM is this program's own peak. Elsewhere, getrusage.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)


start = time.perf_counter()
status = main(["export", sys.argv[1], "--template", sys.argv[2], "-o", sys.argv[3]])
seconds = time.perf_counter() - start
print(json.dumps({"status": status, "seconds": seconds, "peak_mib": peak_mib()}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX")
def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(plan_file, tmp_path):
    """1 GiB of zeros in a 5 MB template: refused from the directory, without inflating it."""
    template = hostile.zip_bomb(tmp_path)
    assert template.stat().st_size < 8 << 20
    out = tmp_path / "bomb-export.docx"
    result = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(plan_file), str(template), str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stderr == f"{template}: refused: part word/x.xml would unpack to more than 32 MB (a zip bomb?)\n"
    report = json.loads(result.stdout)
    assert report["status"] == 2
    assert report["peak_mib"] < 300, report  # a bound, not a benchmark: unguarded, this took 2 GB
    assert report["seconds"] < 5, report
    assert not out.exists()


def test_a_header_that_lies_about_a_part_size_is_refused(plan_file, tmp_path, capsys):
    """The directory says 1 KB; the part inflates to 24 MB: reading stops there, the check fails."""
    template = hostile.dense_part(tmp_path)
    data = bytearray(template.read_bytes())
    name = b"word/styles.xml"
    for at in (m.start() for m in re.finditer(re.escape(name), data)):
        # The uncompressed size: local header (PK\x03\x04) at name-8, central header (PK\x01\x02) at name-22.
        if data[at - 30 : at - 26] == b"PK\x03\x04":
            data[at - 8 : at - 4] = (1024).to_bytes(4, "little")
        elif data[at - 46 : at - 42] == b"PK\x01\x02":
            data[at - 22 : at - 18] = (1024).to_bytes(4, "little")
    template.write_bytes(bytes(data))
    status, err, out = export(plan_file, template, capsys)
    assert (status, err) == (2, f"{template}: not a Word file, or it is damaged\n")
    assert not out.exists()


def test_the_bundled_template_exports_nothing_remote_or_active(plan_file, capsys):
    out = plan_file.with_suffix(".docx")
    assert main(["export", str(plan_file), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        everything = b"".join(package.read(name) for name in names)
    assert not any(word in name.lower() for name in names for word in FORBIDDEN_PARTS if word != "customxml")
    assert b'TargetMode="External"' not in everything and b"attachedTemplate" not in everything
    assert b"macroEnabled" not in everything
