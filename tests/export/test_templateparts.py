"""The template's styles kept as read (export/templateparts.py) and the zip written with the parts
left as read copied as compressed (export/docxzip.py): the same document, the same errors."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory
from docx.parts.styles import StylesPart

from essayplan.errors import UserError
from essayplan.export import content, export_plan
from essayplan.export import docx as word
from essayplan.export.templateparts import KeptStylesPart, open_document, save, style_skeleton
from paths import REPO
from samples import full_plan, stalin_pack, user_template
from test_export_structure import rich_plan

TEMPLATE = REPO / "templates" / "plan.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _styles(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/styles.xml")


def _with_styles(data: bytes, styles: bytes, level: int | None = None) -> bytes:
    """The package `data` with its styles.xml replaced (and every part deflated at `level`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as copy:
        for info in source.infolist():
            copy.writestr(info.filename, styles if info.filename == "word/styles.xml" else source.read(info))
    return out.getvalue()


def _index(root) -> tuple[dict, dict]:
    """What the style index reads: each style's attributes and first name, and the defaults."""
    names = {}
    for style in root.iterchildren(f"{W}style"):
        name = style.find(f"{W}name")
        names[style.get(f"{W}styleId")] = (dict(style.attrib), None if name is None else dict(name.attrib))
    return names, {k: v for k, v in root.attrib.items()}


def _contents():
    pack = stalin_pack()
    plan = full_plan(pack)
    structured, topic = rich_plan(factors=4)
    return [
        content.build(plan, pack, advice=["Advice."]),
        content.build(plan, pack, advice=["Advice."], frame=True),  # ruled boxes and the landscape grid
        content.build(structured, topic, advice=[]),  # the link map's picture and table, the judgement line
    ]


@pytest.mark.parametrize("index", range(3))
def test_a_whole_export_on_the_reference_template_never_parses_its_styles(index):
    doc = word.document(_contents()[index])
    part = doc.part._styles_part
    assert isinstance(part, KeptStylesPart) and not part.parsed
    data = save(doc)
    assert _styles(data) == _styles(TEMPLATE.read_bytes())  # the template's bytes, as read
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None


def test_a_school_template_without_our_styles_gets_them_in_the_parsed_tree(tmp_path):
    doc = word.document(_contents()[0], user_template(tmp_path / "school.docx"))
    part = doc.part._styles_part
    assert part.parsed  # our styles were added to the whole tree, which is what is saved
    names = {style.name for style in docx.Document(io.BytesIO(save(doc))).styles}
    assert {"PEEL Label", "Placeholder", "Own Evidence", "Judgement Box", "Writing Box"} <= names


def test_python_docx_elsewhere_in_the_process_is_unchanged():
    open_document(TEMPLATE.read_bytes())
    assert PartFactory.part_type_for[CT.WML_STYLES] is StylesPart
    assert type(docx.Document(str(TEMPLATE)).part._styles_part) is StylesPart


def test_the_export_is_the_file_python_docx_would_save(tmp_path):
    """Every part, and every zip field but the time stamps, as `doc.save` writes them."""
    ours = save(word.document(_contents()[0]))
    theirs = io.BytesIO()
    word.document(_contents()[0]).save(theirs)
    with zipfile.ZipFile(io.BytesIO(ours)) as a, zipfile.ZipFile(theirs) as b:
        assert a.namelist() == b.namelist()
        for x, y in zip(a.infolist(), b.infolist()):
            assert a.read(x) == b.read(y), x.filename
            fields = ("compress_type", "flag_bits", "create_system", "create_version", "extract_version", "external_attr", "CRC", "compress_size", "file_size", "header_offset")  # fmt: skip
            assert [getattr(x, f) for f in fields] == [getattr(y, f) for f in fields], x.filename


def test_a_part_left_as_read_keeps_the_templates_compressed_bytes():
    """Deflated at level 1, the template's styles stay as they were packed; a changed part is deflated again."""
    reference = TEMPLATE.read_bytes()
    fast = _with_styles(reference, _styles(reference), level=1)
    doc = open_document(fast)
    data = save(doc)
    with zipfile.ZipFile(io.BytesIO(fast)) as source, zipfile.ZipFile(io.BytesIO(data)) as out:
        assert out.getinfo("word/styles.xml").compress_size == source.getinfo("word/styles.xml").compress_size
        assert out.read("word/styles.xml") == source.read("word/styles.xml")
        doc.part._styles_part.element  # noqa: B018 - something reads the whole tree: written again
        with zipfile.ZipFile(io.BytesIO(save(doc))) as again:
            assert again.getinfo("word/styles.xml").compress_size < source.getinfo("word/styles.xml").compress_size


# -- the skeleton the style index reads ----------------------------------------------------

REFERENCE_STYLES = _styles(TEMPLATE.read_bytes())
NORMAL = b'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'


@pytest.mark.parametrize(
    ("edit", "fast"),
    [
        (lambda b: b, True),
        (lambda b: b.replace(b"><w:style ", b">\r\n  <w:style "), True),  # pretty-printed
        (lambda b: b.replace(b"<w:name ", b"<w:name  ", 5), True),
        (lambda b: b.replace(b'w:val="Normal"/>', b'w:val="Normal &amp; &#x41;"/>', 1), True),  # references
        (lambda b: b.replace(b'w:styleId="Title"', b"w:styleId='Ti>tle'", 1), True),  # a ">" in a value
        (lambda b: b.replace(NORMAL, NORMAL.replace(b"<w:name", b"<w:qFormat/><w:name"), 1), False),  # name not first
        (lambda b: b.replace(b"</w:styles>", b'<w:style w:styleId="Bare"/></w:styles>'), True),
        (lambda b: b.replace(b"</w:styles>", b"<w:extra/></w:styles>"), False),
        (lambda b: b.replace(b"</w:style><w:style ", b"</w:style ><w:style ", 1), False),  # blanks in an end tag
        (lambda b: b.replace(b"</w:style><w:style ", b"</w:style\n><w:style ", 3), False),
        (lambda b: b.replace(b"</w:latentStyles>", b"</w:latentStyles><w:style w:styleId='A'><w:name w:val='A'/></w:style><w:x/>"), False),  # fmt: skip
        (lambda b: b.replace(b"<w:style ", b'<w:style xmlns:v="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ', 1), False),  # fmt: skip
        (lambda b: b.replace(b"xmlns:w=", b'xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w=', 1), False),  # fmt: skip
    ],
)
def test_the_skeleton_holds_what_the_whole_tree_holds(edit, fast):
    from lxml import etree

    blob = edit(REFERENCE_STYLES)
    skeleton = style_skeleton(blob)
    assert (skeleton is not None) == fast
    if skeleton is not None:
        assert _index(skeleton) == _index(etree.fromstring(blob))


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: b.replace(b"<w:docDefaults>", b"<!-- a note --><w:docDefaults>"),
        lambda b: b.replace(b"<w:docDefaults>", b"<?pi x?><w:docDefaults>"),
        lambda b: b.replace(b'w:val="Normal"/>', b'w:val="Normal"/><w:aliases w:val="x"/>', 1),
        lambda b: b.replace(b"<w:qFormat/>", b"<w:qFormat><![CDATA[ </w:style> ]]></w:qFormat>", 1),
        lambda b: b.replace(b"</w:style>", b"</w:style >"),  # every end tag with a blank: valid XML
        lambda b: b.replace(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>", b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:styles [<!ENTITY a "A">]>'),  # fmt: skip
    ],
)
def test_any_template_gets_the_same_styles_and_index_as_before(tmp_path, edit):
    """Comments, processing instructions, CDATA and a DOCTYPE: parsed as python-docx parses them."""
    template = tmp_path / "school.docx"
    template.write_bytes(_with_styles(TEMPLATE.read_bytes(), edit(REFERENCE_STYLES)))
    doc = word.document(_contents()[0], template)
    whole = word.open_template(template)
    whole.part._styles_part.element  # noqa: B018
    assert word._Writer(doc)._ids == word._Writer(whole)._ids


def test_a_damaged_styles_part_is_one_line_and_nothing_written(tmp_path):
    template = tmp_path / "broken.docx"
    template.write_bytes(_with_styles(TEMPLATE.read_bytes(), REFERENCE_STYLES[: len(REFERENCE_STYLES) // 2]))
    out = tmp_path / "plan.docx"
    pack = stalin_pack()
    with pytest.raises(UserError) as caught:
        export_plan(full_plan(pack), pack, out, template=template, advice=[])
    assert str(caught.value).startswith(f"{template}: the Word file is damaged: ")
    assert "\n" not in str(caught.value) and not out.exists()


def test_the_records_of_the_export_are_defined_without_compiling_their_annotations():
    """typing.NamedTuple compiles an annotation given as a string (a ForwardRef) each run."""
    from typing import ForwardRef

    from essayplan.export import docxzip

    for record in (content.Part, content.Bullets, content.Table, content.Section, content.Content, docxzip.Entry):
        assert not any(isinstance(kind, (str, ForwardRef)) for kind in record.__annotations__.values()), record
