"""The .docx package written as a zip, each part the export left as read copied as it was compressed.

python-docx's save deflates every part again; the template's styles.xml alone (351 KB)
took ~2 ms. A part whose bytes are still the very bytes read from the template (the
styles and numbering nobody parsed, the theme, the font table) goes in with the
template's own compressed bytes and checksum; every other part is deflated as zipfile
deflates it (level 6), so the file is the one python-docx would write. The zip format
(PKWARE's APPNOTE) is written here because zipfile has no way to add data already
compressed: local headers, then the central directory, then its end record.
"""

# No `from __future__ import annotations`: typing.NamedTuple would compile each annotation string.

import struct
import time
import zlib
from typing import NamedTuple

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DEFLATED = 8
_VERSION = 20  # 2.0: deflate; what zipfile writes
_MADE_BY = (3 << 8) | _VERSION  # Unix, as zipfile writes on Linux and macOS
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o600 << 16  # what zipfile's writestr gives a file (rw-------)


class Entry(NamedTuple):
    """A template's part as its zip holds it: the bytes read (compared by identity) and the raw deflate stream."""

    blob: bytes
    crc: int
    size: int
    raw: bytes


def entries(data: bytes, blobs: dict[str, bytes]) -> dict[str, Entry]:
    """The deflated entries of the template `data` (a zip) for the parts in `blobs` (zip name →
    the bytes python-docx read for it), to copy when a part is saved unchanged."""
    import io
    import zipfile

    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            blob = blobs.get(info.filename)
            if blob is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # 1: encrypted
                continue
            header = _LOCAL.unpack_from(data, info.header_offset)
            start = info.header_offset + _LOCAL.size + header[9] + header[10]
            raw = data[start : start + info.compress_size]
            # zipfile checked the CRC as it inflated the part: the sizes say it is this entry's.
            if len(raw) == info.compress_size and info.file_size == len(blob):
                found[info.filename] = Entry(blob, info.CRC, info.file_size, raw)
    return found


class Writer:
    """What python-docx's PackageWriter writes to (`write(pack_uri, blob)`); `close()` gives the zip's bytes."""

    def __init__(self, kept: dict[str, Entry]) -> None:
        self.kept = kept
        self.chunks: list[bytes] = []
        self.offset = 0
        self.directory: list[bytes] = []
        moment = time.localtime()  # as zipfile stamps each part it writes: now, local time
        self.clock = (moment.tm_hour << 11) | (moment.tm_min << 5) | (moment.tm_sec // 2)
        self.date = ((moment.tm_year - 1980) << 9) | (moment.tm_mon << 5) | moment.tm_mday

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        entry = self.kept.get(name)
        if entry is not None and entry.blob is blob:  # the part still holds what was read
            crc, size, raw = entry.crc, entry.size, entry.raw
        else:
            packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's deflate
            crc, size, raw = zlib.crc32(blob), len(blob), packer.compress(blob) + packer.flush()
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        fields = (_VERSION, flags, _DEFLATED, self.clock, self.date, crc, len(raw), size, len(encoded))
        self.directory.append(
            _CENTRAL.pack(b"PK\x01\x02", _MADE_BY, *fields, 0, 0, 0, 0, _ATTRIBUTES, self.offset) + encoded
        )
        header = _LOCAL.pack(b"PK\x03\x04", *fields, 0) + encoded
        self.chunks += [header, raw]
        self.offset += len(header) + len(raw)

    def close(self) -> bytes:
        directory = b"".join(self.directory)
        count = len(self.directory)
        end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self.offset, 0)
        return b"".join(self.chunks) + directory + end
