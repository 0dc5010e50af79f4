"""An xlsx package read only through capped inflation, and what intake reads from its parts.

`Package` never lets zipfile inflate a part: every part is inflated here with a hard cap (its recorded size
and MAX_MEMBER_MB), and checked against its recorded size and CRC-32 (Damaged when it is not what the zip
records; ZipBomb when it inflates beyond that size or the caps, as iter_part and _excess tell). A part of a
form is a few KB: safety's scan inflates each once (`scan`) and small ones are kept, so that the checks of
package.py and the readers below do not inflate them again. The readers (sheet list,
shared strings, custom properties, saved time, the formula and error cells of a worksheet) parse with expat
or defusedxml; a file reaches them only after safety.check_bytes has passed it.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import defusedxml.ElementTree as SafeET

from sheetflow import messages as msg
from sheetflow.forms import layout as L
from sheetflow.intake import package

MB = 1024 * 1024
MAX_TOTAL_MB = 200  # total inflated size of all parts
MAX_MEMBER_MB = 50  # one inflated part
MAX_RATIO = 100  # inflated : compressed, whole archive
MAX_MEMBERS = 10_000
CHUNK = 256 * 1024
KEEP_BYTES = 1 * MB  # parts up to this size stay in memory after the scan (a form's parts are a few KB)


class ZipBomb(Exception):
    """A part inflates beyond its recorded size or beyond the caps."""


class Damaged(Exception):
    """A part does not inflate to what the zip records (deflate stream, size, CRC-32); args[0] says which."""



class Package:
    """A zip archive whose parts are only ever read through a capped inflater."""

    def __init__(self, data: bytes):
        self.data = data
        self.zf = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {i.filename: i for i in self.zf.infolist() if not i.is_dir()}
        self.kept: dict[str, bytes] = {}  # small parts as inflated by the DOCTYPE scan (not inflated twice)

    def scan(self, name: str) -> Iterable[bytes]:
        """One part for the first look at it (safety's scan). A small part (a form's are a few KB) is
        inflated in one call and kept in self.kept, so that it is not inflated twice; a larger one is
        streamed."""
        info = self.infos[name]
        if info.file_size > KEEP_BYTES:
            return self.iter_part(name)
        self.kept[name] = whole = self._small_part(info)
        return (whole,)

    def _small_part(self, info: zipfile.ZipInfo) -> bytes:
        """A part of at most KEEP_BYTES, inflated in one capped call; ZipBomb when it holds more than its
        recorded size."""
        raw = self._raw_checked(info)
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(raw, info.file_size + 1) if info.compress_type else raw
        except zlib.error:
            raise Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=info.filename)) from None
        if len(out) > info.file_size:
            raise _excess(info, raw)
        _verify(info, out, inflater.eof or not info.compress_type)
        return out

    def chunks(self, name: str) -> Iterable[bytes]:
        """One whole part as chunks (the part as kept by the scan, or inflated again with the caps)."""
        kept = self.kept.get(name)
        return (kept,) if kept is not None else self.iter_part(name)

    def part(self, name: str) -> bytes:
        """One whole part by its exact name (inflated with the caps, or as kept by the scan)."""
        return b"".join(self.chunks(name))

    def iter_part(self, name: str) -> Iterator[bytes]:
        """Inflate one part chunk by chunk; ZipBomb when it grows beyond its recorded size or the cap."""
        info = self.infos[name]
        raw = self._raw_checked(info)
        stored = info.compress_type == zipfile.ZIP_STORED
        chunks = (raw[i:i + CHUNK] for i in range(0, len(raw), CHUNK)) if stored else _inflate(raw)
        limit, seen, crc = min(info.file_size, MAX_MEMBER_MB * MB), 0, 0
        try:
            for chunk in chunks:
                seen += len(chunk)
                if seen > limit:
                    raise ZipBomb(name)
                crc = zlib.crc32(chunk, crc)
                yield chunk
        except zlib.error:
            raise Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=name)) from None
        if seen != info.file_size or crc != info.CRC:
            raise Damaged(msg.PACKAGE_DAMAGED_CRC.format(part=name))

    def _raw_checked(self, info: zipfile.ZipInfo) -> bytes:
        """The part's compressed bytes; refused when it is encrypted or compressed other than by deflate."""
        if info.flag_bits & 0x1:
            raise zipfile.BadZipFile("encrypted part")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=info.filename))  # package.py refused it first
        return self._raw(info)

    def _raw(self, info: zipfile.ZipInfo) -> bytes:
        head = self.data[info.header_offset:info.header_offset + 30]
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise Damaged(msg.PACKAGE_DAMAGED_HEADER.format(part=info.filename))
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        raw = self.data[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=info.filename))
        return raw

    def read(self, name: str, limit: int | None = None) -> bytes:
        """A whole part (capped); b'' when the archive has no such part (names compare case-insensitively)."""
        real = next((n for n in self.infos if n.lower() == name.lower()), None)
        if real is None:
            return b""
        if real in self.kept:
            return self.kept[real][:limit]
        out = bytearray()
        for chunk in self.iter_part(real):
            out += chunk
            if limit is not None and len(out) >= limit:
                break
        return bytes(out)

    # --- parts intake needs (read with expat or defusedxml; DOCTYPE was refused above anyway) -------
    def sheet_parts(self) -> dict[str, str]:
        """Sheet name → its worksheet part name (e.g. 'xl/worksheets/sheet2.xml')."""
        return dict(self.sheet_list)

    @functools.cached_property
    def sheet_list(self) -> tuple[tuple[str, str], ...]:
        """(sheet name, worksheet part name) of every sheet of the workbook, in its order (a name twice,
        if the workbook says so); xl/workbook.xml is read once (package.py's checks, then cell_marks)."""
        rels = self._workbook_rels
        out = []
        for tag, sheet in package.elements(self.read("xl/workbook.xml")):
            if tag == "sheet":
                rid = next((v for k, v in sheet.items() if k.endswith(" id")), None)  # r:id
                if sheet.get("name") and rid in rels:
                    out.append((sheet["name"], rels[rid][1]))
        return tuple(out)

    def strings_part(self) -> str:
        """The shared-string table's part name ('' when the workbook has none)."""
        named = next((part for kind, part in self._workbook_rels.values() if kind.endswith("/sharedStrings")), "")
        return named if named in self.infos else ""

    @functools.cached_property
    def _workbook_rels(self) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, resolved part name) of xl/workbook.xml (read once)."""
        rels = {}
        for tag, rel in package.elements(self.read("xl/_rels/workbook.xml.rels")):
            if tag == "Relationship":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                rels[rel.get("Id")] = (rel.get("Type", ""), _resolve(path))
        return rels

    def custom_properties(self) -> dict[str, str]:
        """docProps/custom.xml name → value text ({} when there are none)."""
        props = {}
        for prop in _parse(self.read("docProps/custom.xml")).iter():
            if prop.tag.endswith("property") and prop.get("name"):
                props[prop.get("name")] = "".join(t for c in prop for t in c.itertext()).strip()
        return props

    def saved_at(self) -> datetime | None:
        """When the file was last saved (docProps/core.xml dcterms:modified), timezone-aware; None if absent."""
        for el in _parse(self.read("docProps/core.xml")).iter():
            if el.tag.endswith("}modified") and el.text:
                try:
                    when = datetime.fromisoformat(el.text.strip().replace("Z", "+00:00"))
                except ValueError:
                    return None
                return when if when.tzinfo else when.replace(tzinfo=UTC)
        return None


def _resolve(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


def _parse(xml: bytes):
    root = SafeET.fromstring(xml or b"<empty/>", forbid_dtd=True)
    return root


def _inflate(raw: bytes) -> Iterator[bytes]:
    d = zlib.decompressobj(-15)
    for i in range(0, len(raw), CHUNK):
        buf = raw[i:i + CHUNK]
        while buf:
            out = d.decompress(buf, CHUNK)
            if out:
                yield out
            buf = d.unconsumed_tail
    tail = d.flush()
    if tail:
        yield tail
    if not d.eof:
        raise zlib.error("the deflate stream ends early")


def _excess(info: zipfile.ZipInfo, raw: bytes) -> Exception:
    """What a part that holds more than its recorded size is: a bomb when it inflates beyond MAX_RATIO times
    its compressed size (or the cap of a part), a damaged part otherwise (a flipped byte in its deflate
    stream). Counted chunk by chunk, never kept."""
    limit, seen = min(MAX_MEMBER_MB * MB, MAX_RATIO * max(len(raw), 1)), 0
    try:
        for chunk in (_inflate(raw) if info.compress_type else (raw,)):
            seen += len(chunk)
            if seen > limit:
                return ZipBomb(info.filename)
    except zlib.error:
        pass
    return Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=info.filename))


def _verify(info: zipfile.ZipInfo, out: bytes, complete: bool) -> None:
    """Damaged unless a part inflated whole to its recorded size and CRC-32."""
    if not complete or len(out) != info.file_size:
        raise Damaged(msg.PACKAGE_DAMAGED_INFLATE.format(part=info.filename))
    if zlib.crc32(out) != info.CRC:
        raise Damaged(msg.PACKAGE_DAMAGED_CRC.format(part=info.filename))


def worksheet_cells(xml_chunks: Iterator[bytes]) -> Iterator[tuple[int, int, str, str | None, str]]:
    """(0-based row, 0-based col, cell type, formula text or None, cached value) of every cell that has a
    formula or an error value; streams the sheet XML with defusedxml."""
    row, col = -1, -1
    events = SafeET.iterparse(_ChunkReader(xml_chunks), events=("start", "end"), forbid_dtd=True)
    for event, el in events:
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "row":
            row = int(el.get("r")) - 1 if el.get("r", "").isdigit() else row + 1
            col = -1
        elif event == "end" and tag == "c":
            at = L.a1_index(el.get("r"))
            col = at[1] if at else col + 1
            f = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "f"), None)
            v = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "v"), None)
            if f is not None or el.get("t") == "e":
                yield row, col, el.get("t", "n"), (f.text or "" if f is not None else None), (
                    v.text or "" if v is not None else "")
            el.clear()


class _ChunkReader(io.RawIOBase):
    """A file-like view of an iterator of byte chunks (for iterparse)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            self._buf = next(self._chunks, b"")
            if not self._buf:
                return 0
        n = min(len(b), len(self._buf))
        b[:n], self._buf = self._buf[:n], self._buf[n:]
        return n
