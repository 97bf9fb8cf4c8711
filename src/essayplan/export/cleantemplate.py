"""A user's Word template, read with limits and cleaned before python-docx sees it.

Templates come from schools and classmates: untrusted. `clean_template` reads
the zip without loading the file first, refuses a zip bomb from the central
directory's sizes and, for the parts it keeps, from the bytes actually
inflated. Only the parts an export needs are kept, found by walking
relationships from the package root: document, styles, numbering, settings,
fonts table, web settings, theme, headers, footers, footnotes, endnotes and
their images. Everything else (macros, ActiveX, OLE objects, embedded fonts,
custom XML, the glossary, the template's document properties, which name its
author and school) is left behind, as is every external relationship but a web
or mail hyperlink. Elements that pointed at a dropped relationship go too;
`w:attachedTemplate`, `w:linkStyles` and `w:mailMerge` leave the settings;
fields that run or fetch something (DDEAUTO, INCLUDEPICTURE, ...) lose their
code in headers, footers and notes, and VML pictures there lose the addresses
they carry without a relationship (o:href, src). A macro-enabled or template main part
becomes a plain document.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path

from essayplan.errors import UserError
from essayplan.safetext import clean

MAX_PARTS = 1000  # Word writes a few dozen; images in headers add a few
MAX_DIRECTORY = 1 << 20  # bytes of central directory, read before any entry is listed
MAX_PART = 32 << 20  # bytes one part may unpack to
MAX_TOTAL = 128 << 20  # bytes all parts together may unpack to
MAX_RATIO = 200  # unpacked / packed; Word's XML stays well under 50
RATIO_GRACE = 1 << 20  # small parts may compress as well as they like
_CHUNK = 1 << 16

DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_MAINS = {
    DOCUMENT_MAIN,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
# A relationship type's last segment (the same in transitional, strict and
# Microsoft's namespaces) → what its target's content type must end with.
_KEPT = {
    "officeDocument": None,  # checked against _WORD_MAINS
    "styles": "styles+xml",
    "stylesWithEffects": "stylesWithEffects+xml",
    "numbering": "numbering+xml",
    "settings": "settings+xml",
    "fontTable": "fontTable+xml",
    "webSettings": "webSettings+xml",
    "theme": "theme+xml",
    "header": "header+xml",
    "footer": "footer+xml",
    "footnotes": "footnotes+xml",
    "endnotes": "endnotes+xml",
    "image": "image/",  # a prefix, not a suffix
}
_LINK_SCHEMES = ("http://", "https://", "mailto:")

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_W_NS = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_SETTINGS_DROPPED = ("attachedTemplate", "linkStyles", "mailMerge")
# Fields that run something or fetch something when Word updates them (DDEAUTO runs a
# program; INCLUDEPICTURE and friends fetch a path or URL). Their code is emptied.
_ACTIVE_FIELDS = {"DDE", "DDEAUTO", "INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "IMPORT", "DATABASE",
                  "MACROBUTTON", "HYPERLINK", "AUTOTEXT", "AUTOTEXTLIST", "GOTOBUTTON", "PRINT"}  # fmt: skip
_STORIES = ("header+xml", "footer+xml", "footnotes+xml", "endnotes+xml")  # the parts whose text the export keeps


def clean_template(path: Path) -> bytes:
    """The template as a clean .docx package (bytes). UserError, one line, when it is refused."""
    try:
        _check_directory(path)
        with zipfile.ZipFile(path) as package:
            return _Cleaner(path, package).run()
    except OSError as error:
        raise UserError(f"{path}: cannot read the template: {error.strerror or error}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, struct.error):
        # Not a zip, truncated, or compressed or encrypted in a way zipfile cannot read.
        raise UserError(f"{path}: not a Word file, or it is damaged") from None


def _check_directory(path: Path) -> None:
    """Refuse a central directory too big to list before zipfile reads it all into memory."""
    with open(path, "rb") as handle:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        tail_size = min(size, 22 + 0xFFFF)  # the end record, and a comment of up to 64 KiB
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
        end = tail.rfind(b"PK\x05\x06")
        if end < 0 or len(tail) - end < 22:
            raise zipfile.BadZipFile("no end of central directory")
        _sig, _disk, _start, _here, entries, directory, _offset, _comment = struct.unpack("<4s4H2LH", tail[end : end + 22])
        if end >= 20 and tail[end - 20 : end - 16] == b"PK\x06\x07":  # zip64: the sizes are in its own record
            _sig, _disk, record, _disks = struct.unpack("<4sLQL", tail[end - 20 : end])
            handle.seek(record)
            zip64 = handle.read(56)
            if len(zip64) == 56 and zip64[:4] == b"PK\x06\x06":
                entries, directory = struct.unpack("<QQ", zip64[32:48])
    if entries > MAX_PARTS:
        raise UserError(f"{path}: refused: it holds more than {MAX_PARTS} parts (a zip bomb?)")
    if directory > MAX_DIRECTORY:
        raise UserError(f"{path}: refused: its list of parts is over {MAX_DIRECTORY >> 20} MB (a zip bomb?)")


def _mb(size: int) -> str:
    return f"{size >> 20} MB"


class _Cleaner:
    def __init__(self, path: Path, package: zipfile.ZipFile) -> None:
        self.path = path
        self.package = package
        infos = package.infolist()
        if len(infos) > MAX_PARTS:
            raise UserError(f"{path}: refused: it holds more than {MAX_PARTS} parts (a zip bomb?)")
        total = 0
        for info in infos:  # what the directory declares, before inflating anything
            if info.file_size > MAX_PART:
                self._too_big(info.filename)
            total += info.file_size
        if total > MAX_TOTAL:
            raise UserError(f"{path}: refused: it would unpack to more than {_mb(MAX_TOTAL)} in all (a zip bomb?)")
        # Part names are case-insensitive; zip names have no leading slash.
        self.names = {info.filename.lower(): info for info in infos}
        self.unpacked = 0
        self.kept: dict[str, bytes] = {}  # part name (no leading "/") → bytes
        self.types: dict[str, str] = {}  # part name → content type

    def _too_big(self, name: str) -> None:
        raise UserError(
            f"{self.path}: refused: part {clean(name)} would unpack to more than {_mb(MAX_PART)} (a zip bomb?)"
        )

    def damaged(self, detail: str) -> UserError:
        return UserError(f"{self.path}: the Word file is damaged: {clean(detail)}")

    # -- reading with limits -----------------------------------------------------

    def read(self, name: str) -> bytes | None:
        """A part's bytes, inflated in chunks and stopped at the limits; None when absent."""
        info = self.names.get(name.lower())
        if info is None:
            return None
        cap = min(MAX_PART, MAX_RATIO * info.compress_size + RATIO_GRACE)
        chunks, size = [], 0
        with self.package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART:
                    self._too_big(info.filename)
                if size > cap:
                    raise UserError(
                        f"{self.path}: refused: part {clean(info.filename)} is packed more than "
                        f"{MAX_RATIO} to 1 (a zip bomb?)"
                    )
                if self.unpacked + size > MAX_TOTAL:
                    raise UserError(
                        f"{self.path}: refused: it would unpack to more than {_mb(MAX_TOTAL)} in all (a zip bomb?)"
                    )
                chunks.append(chunk)
        self.unpacked += size
        return b"".join(chunks)

    def parse(self, name: str, data: bytes):
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            raise self.damaged(f"{name}: {error}") from None

    # -- the walk ----------------------------------------------------------------

    def run(self) -> bytes:
        types_xml = self.read("[Content_Types].xml")
        if types_xml is None:
            raise UserError(f"{self.path}: not a Word file, or it is damaged")
        defaults, overrides = self._content_types(types_xml)
        self.defaults, self.overrides = defaults, overrides
        main = self._main_part()
        self.pending = [("", "_rels/.rels")]  # (source part, its rels part)
        self.seen = set()
        self.walk()
        if main not in self.kept:
            raise self.damaged(f"no part {main}")
        self._clean_settings()
        self._defuse_fields()
        return self._write(main)

    def _content_types(self, data: bytes) -> tuple[dict[str, str], dict[str, str]]:
        root = self.parse("[Content_Types].xml", data)
        defaults, overrides = {}, {}
        for element in root:
            if element.tag == f"{{{_TYPES_NS}}}Default":
                defaults[(element.get("Extension") or "").lower()] = element.get("ContentType") or ""
            elif element.tag == f"{{{_TYPES_NS}}}Override":
                overrides[(element.get("PartName") or "").lstrip("/").lower()] = element.get("ContentType") or ""
        return defaults, overrides

    def content_type(self, name: str) -> str:
        lower = name.lower()
        if lower in self.overrides:
            return self.overrides[lower]
        return self.defaults.get(posixpath.splitext(lower)[1].lstrip("."), "")

    def _main_part(self) -> str:
        rels = self.read("_rels/.rels")
        if rels is not None:
            for rel in self.parse("_rels/.rels", rels):
                if (rel.get("Type") or "").rsplit("/", 1)[-1] == "officeDocument" and rel.get("TargetMode") != "External":
                    target = _resolve("", rel.get("Target") or "")
                    if target and self.content_type(target) in _WORD_MAINS:
                        return target
        raise UserError(f"{self.path}: not a Word file: it has no Word document inside")

    def walk(self) -> None:
        self.dropped: dict[str, set[str]] = {}  # part → ids of the relationships left out
        while self.pending:
            source, rels_name = self.pending.pop()
            data = self.read(rels_name)
            if data is None:
                continue
            root = self.parse(rels_name, data)
            dropped = self.dropped.setdefault(source, set())
            changed = False
            for rel in list(root):
                if rel.tag != f"{{{_PKG_RELS}}}Relationship":  # a comment, or anything else: not needed
                    root.remove(rel)
                    changed = True
                    continue
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                target = rel.get("Target") or ""
                if rel.get("TargetMode", "Internal") != "Internal":  # "External", or a spelling Word may read so
                    if kind == "hyperlink" and target.lower().startswith(_LINK_SCHEMES):
                        changed |= rel.get("TargetMode") != "External"
                        rel.set("TargetMode", "External")
                        continue
                    dropped.add(rel.get("Id"))
                    root.remove(rel)
                    continue
                part = _resolve(source, target)
                if kind not in _KEPT or part is None or not self._fits(kind, part) or part.lower() not in self.names:
                    dropped.add(rel.get("Id"))
                    root.remove(rel)
                    continue
                if part.lower() not in self.seen:
                    self.seen.add(part.lower())
                    self.kept[part] = self.read(part)
                    self.types[part] = self.content_type(part)
                    folder, base = posixpath.split(part)
                    self.pending.append((part, posixpath.join(folder, "_rels", base + ".rels")))
            self.kept[rels_name] = _serialize(root) if dropped or changed else data
        for source, ids in self.dropped.items():
            if ids and source in self.kept and self.types.get(source, "").endswith("xml"):
                root = self.parse(source, self.kept[source])
                _drop_references(root, ids)
                self.kept[source] = _serialize(root)

    def _fits(self, kind: str, part: str) -> bool:
        expected = _KEPT[kind]
        content_type = self.content_type(part)
        if expected is None:
            return content_type in _WORD_MAINS
        if expected.endswith("/"):
            return content_type.startswith(expected)
        return content_type.endswith(expected)

    def _clean_settings(self) -> None:
        for part, content_type in self.types.items():
            if content_type.endswith("settings+xml") and not content_type.endswith("webSettings+xml"):
                root = self.parse(part, self.kept[part])
                for ns in _W_NS:
                    for name in _SETTINGS_DROPPED:
                        for element in list(root.iter(f"{{{ns}}}{name}")):
                            element.getparent().remove(element)
                self.kept[part] = _serialize(root)

    def _defuse_fields(self) -> None:
        for part, content_type in self.types.items():
            if content_type.endswith(_STORIES):
                root = self.parse(part, self.kept[part])
                if _defuse_fields(root) | _drop_vml_urls(root):
                    self.kept[part] = _serialize(root)

    def _write(self, main: str) -> bytes:
        from lxml import etree

        types = etree.Element(f"{{{_TYPES_NS}}}Types", nsmap={None: _TYPES_NS})
        defaults = self.defaults | {"rels": _RELS_TYPE, "xml": "application/xml"}
        for extension, content_type in sorted(defaults.items()):
            if extension in ("rels", "xml") or content_type.startswith("image/"):
                etree.SubElement(types, f"{{{_TYPES_NS}}}Default", Extension=extension, ContentType=content_type)
        for part, content_type in sorted(self.types.items()):
            if part == main:
                content_type = DOCUMENT_MAIN  # a .dotx, .docm or .dotm main part becomes a plain document
            etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName="/" + part, ContentType=content_type)
        out = io.BytesIO()
        # Stored, not deflated: python-docx reads it straight back and compresses on save.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            copy.writestr("[Content_Types].xml", _serialize(types))
            for part, data in self.kept.items():
                copy.writestr(part, data)
        return out.getvalue()


def _resolve(source: str, target: str) -> str | None:
    """The part a relationship targets, as a zip name; None when it leaves the package."""
    target = target.split("#", 1)[0]
    if not target:
        return None
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(source), target)
    part = posixpath.normpath(joined)
    if part.startswith("..") or part.startswith("/") or part == ".":
        return None
    return part


def _drop_references(root, ids: set[str]) -> None:
    """Remove what pointed at a dropped relationship: the run holding it, else the element itself.
    A hyperlink keeps its text, unlinked."""
    from lxml import etree

    attributes = {f"{{{ns}}}{name}" for ns in _R_NS for name in ("id", "embed", "link", "href", "pict", "dm", "lo", "qs", "cs")}
    attributes.add("{urn:schemas-microsoft-com:office:office}relid")  # VML's own way to name one
    runs = {f"{{{ns}}}r" for ns in _W_NS}
    hyperlinks = {f"{{{ns}}}hyperlink" for ns in _W_NS}
    doomed = []
    for element in root.iter(tag=etree.Element):  # elements only: no comments
        if any(element.get(name) in ids for name in attributes if element.get(name) is not None):
            doomed.append(element)
    for element in doomed:
        if element.tag in hyperlinks:
            parent = element.getparent()
            if parent is None:
                continue
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)
            continue
        target = element
        for ancestor in element.iterancestors():
            if ancestor.tag in runs:
                target = ancestor
                break
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)


def _defuse_fields(root) -> bool:
    """Empty the code of every active field (a simple one keeps its shown text, unfielded). True if any."""
    w = next((ns for ns in _W_NS if root.tag.startswith(f"{{{ns}}}")), _W_NS[0])
    changed = False
    for simple in list(root.iter(f"{{{w}}}fldSimple")):
        if _is_active(simple.get(f"{{{w}}}instr") or "", nested=False):
            parent = simple.getparent()
            index = parent.index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(index + offset, child)
            parent.remove(simple)
            changed = True
    # A complex field: fldChar begin, instrText runs (maybe split, maybe holding nested
    # fields), fldChar separate, the shown result, fldChar end.
    stack: list[dict] = []
    char, instr = f"{{{w}}}fldChar", f"{{{w}}}instrText"
    for element in root.iter(char, instr):
        if element.tag == instr:
            if stack and not stack[-1]["separated"]:
                stack[-1]["texts"].append(element)
            continue
        kind = element.get(f"{{{w}}}fldCharType")
        if kind == "begin":
            if stack and not stack[-1]["separated"] and not "".join(t.text or "" for t in stack[-1]["texts"]).strip():
                stack[-1]["nested_first"] = True  # its code starts with a field: it could spell anything
            stack.append({"texts": [], "separated": False, "nested_first": False})
        elif kind in ("separate", "end") and stack:
            field = stack[-1]
            if not field["separated"]:
                field["separated"] = True
                code = "".join(t.text or "" for t in field["texts"])
                if _is_active(code, nested=field["nested_first"]):
                    for text in field["texts"]:
                        text.text = ""
                    changed = True
            if kind == "end":
                stack.pop()
    return changed


_VML = "{urn:schemas-microsoft-com:vml}"
_O_HREF = "{urn:schemas-microsoft-com:office:office}href"


def _drop_vml_urls(root) -> bool:
    """Take off VML's own picture addresses (o:href anywhere, src on a VML element): they need
    no relationship, and one naming a web or file-share address could make Word fetch it. True if any."""
    from lxml import etree

    changed = False
    for element in root.iter(tag=etree.Element):
        names = [_O_HREF] if _O_HREF in element.attrib else []
        if element.tag.startswith(_VML) and "src" in element.attrib:
            names.append("src")
        for name in names:
            del element.attrib[name]
        changed |= bool(names)
    return changed


def _is_active(code: str, nested: bool) -> bool:
    if nested:
        return True
    words = code.replace('"', " ").split()
    return bool(words) and words[0].upper() in _ACTIVE_FIELDS


def _serialize(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
