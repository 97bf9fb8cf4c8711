"""The template's styles and numbering, kept as read until something reads them.

python-docx parses every XML part of a package when it opens it and writes every
one again on save. Our reference template's styles.xml is 351 KB (169 styles):
parsing it, writing it again and deflating it was most of python-docx's own open
and save, yet an export only looks up a dozen style ids in it. Here those parts
keep their bytes: the style index is read from a skeleton of the styles (each
style's start tag and name, found in the bytes and parsed by lxml), and the
whole tree is parsed only when something really reads or changes it (a school
template lacking our styles gets them added). A part nobody parsed is saved as
it was read: the same XML.

The part classes are chosen for our own opening only (`open_document`), never
registered with python-docx's PartFactory: other code in the process (the class
report, tests reading documents back) opens documents as python-docx does.
"""

from __future__ import annotations

import io
import weakref

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from docx.parts.styles import StylesPart
from lxml import etree

from essayplan import lazyre

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class _Kept:
    """A part whose XML is parsed on first use (`element`); saved as read until then."""

    def __init__(self, partname, content_type, blob: bytes, package) -> None:
        Part.__init__(self, partname, content_type, blob, package)  # XmlPart's wants a parsed element
        self._tree = None
        self.skeleton = None  # styles only: see style_skeleton

    @classmethod
    def load(cls, partname, content_type, blob: bytes, package):
        return cls(partname, content_type, blob, package)

    @property
    def _element(self):  # what XmlPart's methods read
        if self._tree is None:
            self._tree = parse_xml(self._blob)
        return self._tree

    @property
    def parsed(self) -> bool:
        return self._tree is not None

    @property
    def blob(self) -> bytes:
        return self._blob if self._tree is None else serialize_part_xml(self._tree)


class KeptStylesPart(_Kept, StylesPart):
    pass


class KeptNumberingPart(_Kept, NumberingPart):
    pass


_KEPT = {CT.WML_STYLES: KeptStylesPart, CT.WML_NUMBERING: KeptNumberingPart}


def open_document(data: bytes):
    """What `docx.Document(stream)` does, with the styles and numbering kept as read when they
    are plain XML (see `_plain`); ValueError, lxml's or zipfile's errors when the file is damaged,
    as python-docx raises them. `save` writes it."""
    from docx.opc.package import Unmarshaller
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    from essayplan.export import docxzip

    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(data)), package, _part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word file, content type is '{document_part.content_type}'")
    read = {}  # zip name → the bytes a part holds as read (an XmlPart holds a tree instead)
    for part in package.iter_parts():
        if isinstance(part, KeptStylesPart):
            part.skeleton = style_skeleton(part.blob)
            if part.skeleton is None:  # a layout the skeleton does not cover: the index reads
                part.element  # noqa: B018 - the whole tree, parsed now as python-docx would have
        if isinstance(part, _Kept) or not isinstance(part, XmlPart):
            read[part.partname.membername] = part.blob
    _COMPRESSED[package] = docxzip.entries(data, read)
    return document_part.document


# package → its template's compressed parts (docxzip.entries), for `save`
_COMPRESSED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def save(doc) -> bytes:
    """The document as a .docx file's bytes: what `doc.save` writes, with each part the export left
    as read copied from the template as it was compressed (see docxzip)."""
    from docx.opc.pkgwriter import PackageWriter

    from essayplan.export import docxzip

    package = doc.part.package
    parts = package.parts
    for part in parts:  # what python-docx's OpcPackage.save does, then PackageWriter.write
        part.before_marshal()
    writer = docxzip.Writer(_COMPRESSED.get(package, {}))
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    return writer.close()


def _part(partname, content_type, reltype, blob, package):
    kind = _KEPT.get(content_type)
    if kind is None or reltype == RT.IMAGE or not _plain(blob):  # parsed as python-docx parses it,
        return PartFactory(partname, content_type, reltype, blob, package)  # its errors as before
    return kind.load(partname, content_type, blob, package)


class _Check:
    """An lxml parser target that builds nothing: the parse checks that the XML is well formed
    and notes anything but elements and text."""

    def __init__(self) -> None:
        self.plain = True

    def doctype(self, *_args) -> None:  # a DOCTYPE may declare entities: never passed on unparsed
        self.plain = False

    def comment(self, _text) -> None:
        self.plain = False

    def pi(self, *_args) -> None:
        self.plain = False

    def close(self) -> bool:
        return self.plain


def _plain(blob: bytes) -> bool:
    """Well-formed XML of elements, attributes and text only (no DOCTYPE, comment, processing
    instruction or CDATA). Kept as read, such a part is the XML python-docx would write again
    (but for blanks between elements); anything else, a damaged part too, is parsed and written
    by python-docx as before."""
    parser = etree.XMLParser(target=_Check(), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        plain = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        return False
    # "!" alone first: memchr finds a byte at once, where a longer needle costs ~0.2 ms a scan.
    return plain and not (b"!" in blob and b"<![CDATA[" in blob)


def _declaration_end(blob: bytes) -> int:
    """Where the XML declaration ends (0 without one); past the end when it is not UTF-8 (the
    skeleton leaves the declaration out, so lxml reads it as UTF-8)."""
    if not blob.startswith(b"<?xml"):
        return 0
    end = blob.find(b"?>")
    declaration = blob[:end].lower()
    if end < 0 or (b"encoding" in declaration and b"utf-8" not in declaration and b"utf8" not in declaration):
        return len(blob) + 1
    return end + 2


# -- the style index's skeleton --------------------------------------------------
#
# A start tag's attributes, each value in quotes (where a ">" may stand). The patterns are
# compiled on first use: sre's compiler is pure Python.
_ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""
_ROOT = lazyre.Lazy(rb"<w:styles" + _ATTRIBUTES + rb">")
# A style's start tag, then its name when that is its first child and empty (Word's layout);
# a name that is not empty is noted, to leave the skeleton.
_STYLE = lazyre.Lazy(
    rb"<w:style(" + _ATTRIBUTES + rb")(/?)>\s*(?:(<w:name" + _ATTRIBUTES + rb"/>)|(<w:name[\s>]))?"
)
_BLANKS = (b" ", b"\t", b"\r", b"\n")
_STYLES = f"{{{W}}}styles"


def style_skeleton(blob: bytes):
    """The styles' root with each w:style reduced to its start tag and its w:name: what the
    style index reads, for a fraction of the whole parse. None when the bytes are laid out in
    any other way than Word's (the root's last children are the styles, one after another; a
    style's name is its first child; the prefix w bound once, on the root, and no second prefix
    for its namespace): then the index reads the whole tree.

    Only for a part `_plain` accepted: well formed, and every "<" starts a tag. Then a style
    ends at the first </w:style> after it unless another style starts first (its end tag has
    blanks, "</w:style >": the whole tree then), and styles found one after another from the
    first w:style up to a final </w:styles> are the root's last children, none inside another:
    an unclosed one would have to close at a later style's end, which closes that later one."""
    start = _skip_blanks(blob, _declaration_end(blob))
    root = _ROOT.match(blob, start)
    if root is None or blob.find(b"xmlns", root.end()) >= 0:
        return None  # namespaces declared below the root: a prefix other than w may name the styles
    parts = [blob[start : root.end()]]
    position = _find_style(blob, root.end())  # what comes before it holds no w:style
    while position >= 0 and (style := _STYLE.match(blob, position)) is not None:
        attributes, closed, name, other_name = style.groups()
        if closed:  # <w:style …/>: no name, no body
            end = style.end(2) + 1
            name = b""
        else:
            end = blob.find(b"</w:style>", style.end())
            if end < 0 or other_name or (name is None and blob.find(b"<w:name", style.end(), end) >= 0):
                return None  # a name that is not the first child, or not empty
            if 0 <= _find_style(blob, style.end()) < end:
                return None  # its end tag spelt "</w:style >": the end found is a later style's
            end += len(b"</w:style>")
        parts += [b"<w:style", attributes, b">", name or b"", b"</w:style>"]
        position = _skip_blanks(blob, end)
    if position < 0:
        position = root.end()  # no style at all
    if not blob.startswith(b"</w:styles>", position) or blob[position + len(b"</w:styles>") :].strip():
        return None  # something after the styles, or styles inside another element
    parts.append(b"</w:styles>")
    skeleton = etree.fromstring(b"".join(parts))
    if skeleton.tag != _STYLES or list(skeleton.nsmap.values()).count(W) != 1 or skeleton.nsmap.get("w") != W:
        return None  # the styles in another namespace, or a second prefix for theirs
    return skeleton


def _find_style(blob: bytes, start: int) -> int:
    """Where the next <w:style start tag begins (not <w:styles…), or -1."""
    while (found := blob.find(b"<w:style", start)) >= 0:
        if blob[found + 8 : found + 9] in (*_BLANKS, b"/", b">"):
            return found
        start = found + 1
    return -1


def _skip_blanks(blob: bytes, position: int) -> int:
    while blob[position : position + 1] in _BLANKS:
        position += 1
    return position


def styles_root(doc):
    """The root the style index reads: the skeleton while the whole tree is not parsed."""
    part = doc.part._styles_part  # python-docx's own default styles when the template has none
    if isinstance(part, KeptStylesPart) and not part.parsed and part.skeleton is not None:
        return part.skeleton
    return part.element
