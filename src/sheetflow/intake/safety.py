"""File-level checks of a returned file, before any spreadsheet or XML parser touches it.

Order: empty → too large → what the bytes are (OLE2 = .xls or a password-encrypted xlsx, text = CSV,
zip = maybe xlsx) → zip sanity from the central directory (sizes, ratio, member count; nothing is
extracted) → names, duplicates, compression and local headers (package.py) → macros → every part
inflated once with a hard cap, checked against its recorded size and CRC-32 (else file.damaged) and
scanned for `<!DOCTYPE` / `<!ENTITY` (in UTF-8, UTF-16 and UTF-32) → one reading or none (package.py:
well-formed XML, worksheets, sheet names, external links, shared-string indexes). Only a file that passes
all of this is handed to calamine; the helpers of `Package` then read its parts (also capped) with
expat or defusedxml.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from pyexpat import ExpatError

import defusedxml.ElementTree as SafeET

from sheetflow import messages as msg
from sheetflow.ground.findings import Finding, finding
from sheetflow.intake import package

MB = 1024 * 1024
MAX_TOTAL_MB = 200  # total inflated size of all parts
MAX_MEMBER_MB = 50  # one inflated part
MAX_RATIO = 100  # inflated : compressed, whole archive
MAX_MEMBERS = 10_000
CHUNK = 256 * 1024
KEEP_BYTES = 1 * MB  # parts up to this size stay in memory after the scan (a form's parts are a few KB)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ZIP_END, ZIP_END_ROOM = b"PK\x05\x06", 22 + 65535  # end of central directory record, within its comment's reach
ENCRYPTED_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptionInfo", "EncryptedPackage"))
_DANGER = tuple(p.encode(enc) for p in ("<!doctype", "<!entity")
                for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_OVERLAP = max(len(p) for p in _DANGER)


class ZipBomb(Exception):
    """A part inflates beyond its recorded size or beyond the caps."""


class Damaged(Exception):
    """A part does not inflate to what the zip records (deflate stream, size, CRC-32); args[0] says which."""


@dataclass
class FileCheck:
    findings: list[Finding] = field(default_factory=list)
    package: Package | None = None  # set when the file may be parsed

    @property
    def ok(self) -> bool:
        return self.package is not None


def read_capped(path: Path, max_bytes: int) -> tuple[bytes | None, int]:
    """The file's bytes, or None when it is larger than max_bytes (never reads more than max_bytes + 1)."""
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    return (None, path.stat().st_size) if len(data) > max_bytes else (data, len(data))


def check_bytes(data: bytes, name: str, size: int, max_mb: float) -> FileCheck:
    """Every file-level check; stops at the first refusal (a refused file is never parsed)."""
    def refuse(code: str, **fields: object) -> FileCheck:
        return FileCheck([finding(name, code, **fields)])

    if size == 0:
        return refuse("file.empty")
    if size > max_mb * MB:
        return refuse("file.too_large", size_mb=size / MB, max_mb=max_mb)
    if data.startswith(OLE2_MAGIC):
        if any(s in data for s in ENCRYPTED_STREAMS):
            return refuse("file.encrypted")
        return refuse("file.xls")
    if not (data.startswith(ZIP_MAGICS) or ZIP_END in data[-ZIP_END_ROOM:]):  # a zip whose first bytes are damaged
        kind = "pdf" if data.startswith(b"%PDF") else sniff_text(data)
        if kind == "text":
            return refuse("file.csv")
        reason = {"markup": msg.INTAKE_REASON_MARKUP, "pdf": msg.INTAKE_REASON_PDF}.get(kind, msg.INTAKE_REASON_UNKNOWN)
        return refuse("file.not_zip", reason=reason)
    try:
        package = Package(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error):
        return refuse("file.damaged", detail=msg.PACKAGE_DAMAGED_DIRECTORY)
    problem = package.problem(name)
    if problem:
        return FileCheck([problem])
    return FileCheck([], package)


def sniff_text(data: bytes) -> str:
    """'text' (CSV, TSV …), 'markup' (HTML / XML saved as .xls) or 'binary'."""
    head = data[:8192]
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(enc, errors="ignore").encode("utf-8")
            break
    if b"\x00" in head:
        return "binary"
    if head.lstrip().startswith(b"<"):
        return "markup"
    for enc in ("utf-8", "cp932"):
        try:
            head.decode(enc)
            return "text"
        except UnicodeDecodeError:
            continue
    return "binary"


class Package:
    """A zip archive whose parts are only ever read through a capped inflater."""

    def __init__(self, data: bytes):
        self.data = data
        self.zf = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {i.filename: i for i in self.zf.infolist() if not i.is_dir()}
        self.kept: dict[str, bytes] = {}  # small parts as inflated by the DOCTYPE scan (not inflated twice)
        self.rels: dict[str, tuple[str, str]] | None = None  # xl/workbook.xml's relationships, once read

    def problem(self, name: str) -> Finding | None:
        """The finding (of file `name`) of the first reason to refuse this archive, None when it is a safe
        xlsx that every reader reads alike (package.py)."""
        try:
            return (self._bomb(name) or package.entries_problem(name, self.zf.infolist(), self.data)
                    or self._kind(name) or self._doctype(name) or package.contents_problem(name, self))
        except ZipBomb as exc:
            return finding(name, "file.zip_bomb", detail=msg.INTAKE_BOMB_LIED.format(part=exc.args[0]))
        except Damaged as exc:
            return finding(name, "file.damaged", detail=exc.args[0])
        except ExpatError:  # a part the checks let pass as complete but not parsed whole, read after all
            return finding(name, "file.damaged", detail=msg.PACKAGE_DAMAGED_VALUES)
        except zipfile.BadZipFile:  # only _raw_checked raises it: a part encrypted with a zip password
            return finding(name, "file.not_zip", reason=msg.INTAKE_REASON_ZIP_ENCRYPTED)

    def _bomb(self, file: str) -> Finding | None:
        infos = list(self.infos.values())
        total = sum(i.file_size for i in infos)
        packed = max(sum(i.compress_size for i in infos), 1)
        detail = ""
        if len(infos) > MAX_MEMBERS:
            detail = msg.INTAKE_BOMB_COUNT.format(count=len(infos), limit=MAX_MEMBERS)
        elif total > MAX_TOTAL_MB * MB:
            detail = msg.INTAKE_BOMB_TOTAL.format(mb=total / MB, limit=MAX_TOTAL_MB)
        elif big := next((i for i in infos if i.file_size > MAX_MEMBER_MB * MB), None):
            detail = msg.INTAKE_BOMB_MEMBER.format(part=big.filename, mb=big.file_size / MB, limit=MAX_MEMBER_MB)
        elif total / packed > MAX_RATIO:
            detail = msg.INTAKE_BOMB_RATIO.format(ratio=total / packed, limit=MAX_RATIO)
        return finding(file, "file.zip_bomb", detail=detail) if detail else None

    def _kind(self, file: str) -> Finding | None:
        names = {n.lower() for n in self.infos}
        if "mimetype" in names and b"opendocument" in self.read("mimetype", limit=200):
            return finding(file, "file.not_xlsx", kind=msg.INTAKE_KIND_ODS)
        if any(n.endswith("vbaproject.bin") for n in names):
            return finding(file, "file.macro")
        if "[content_types].xml" not in names:
            return finding(file, "file.not_xlsx", kind=msg.INTAKE_KIND_OTHER_ZIP)
        types = self.read("[Content_Types].xml").lower()
        if b"macroenabled" in types and b"sheet.binary" not in types:
            return finding(file, "file.macro")
        if "xl/workbook.xml" not in names:
            kind = msg.INTAKE_KIND_XLSB if "xl/workbook.bin" in names else msg.INTAKE_KIND_OTHER_ZIP
            return finding(file, "file.not_xlsx", kind=kind)
        return None

    def _doctype(self, file: str) -> Finding | None:
        """Every part is inflated (and its CRC-32 verified) once here, and scanned for DOCTYPE / ENTITY."""
        for name in self.infos:
            if self._has_doctype(name):
                return finding(file, "file.xml_doctype", part=name)
        return None

    def _has_doctype(self, name: str) -> bool:
        """has_doctype of one part. A small part (a form's are a few KB) is inflated in one call and kept
        in self.kept, so that it is not inflated twice; a larger one is streamed."""
        info = self.infos[name]
        if info.file_size > KEEP_BYTES:
            return has_doctype(self.iter_part(name))
        self.kept[name] = whole = self._small_part(info)
        return has_doctype((whole,))

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
        kept = self.kept.get(name)
        return kept if kept is not None else b"".join(self.iter_part(name))

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
        return dict(self.sheet_list())

    def sheet_list(self) -> list[tuple[str, str]]:
        """(sheet name, worksheet part name) of every sheet of the workbook, in its order (a name twice,
        if the workbook says so)."""
        rels = self._workbook_rels()
        out = []
        for tag, sheet in package.elements(self.read("xl/workbook.xml")):
            if tag == "sheet":
                rid = next((v for k, v in sheet.items() if k.endswith(" id")), None)  # r:id
                if sheet.get("name") and rid in rels:
                    out.append((sheet["name"], rels[rid][1]))
        return out

    def strings_part(self) -> str:
        """The shared-string table's part name ('' when the workbook has none)."""
        named = next((part for kind, part in self._workbook_rels().values() if kind.endswith("/sharedStrings")), "")
        return named if named in self.infos else ""

    def _workbook_rels(self) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, resolved part name) of xl/workbook.xml (read once)."""
        if self.rels is not None:
            return self.rels
        self.rels = rels = {}
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


def has_doctype(chunks: Iterable[bytes]) -> bool:
    """Does the byte stream contain <!DOCTYPE or <!ENTITY (any case; UTF-8/16/32)? Streams, bounded."""
    carry = b""
    for chunk in chunks:
        window = carry + chunk
        if b"!" in window and _dangerous(window.lower()):  # each pattern holds the byte of "!" in every encoding
            return True
        carry = window[-_OVERLAP:]
    return False


def _dangerous(window: bytes) -> bool:
    return any(p in window for p in _DANGER)


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
            col = _col_of(el.get("r"), col + 1)
            f = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "f"), None)
            v = next((c for c in el if c.tag.rsplit("}", 1)[-1] == "v"), None)
            if f is not None or el.get("t") == "e":
                yield row, col, el.get("t", "n"), (f.text or "" if f is not None else None), (
                    v.text or "" if v is not None else "")
            el.clear()


_COL_RE = re.compile(r"([A-Z]+)(\d+)")


def _col_of(ref: str | None, default: int) -> int:
    m = _COL_RE.fullmatch(ref or "")
    if not m:
        return default
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return n - 1


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
