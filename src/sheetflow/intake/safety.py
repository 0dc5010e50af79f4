"""File-level checks of a returned file, before any spreadsheet or XML parser touches it.

Order: empty → too large → what the bytes are (OLE2 = .xls or a password-encrypted xlsx, text = CSV,
zip = maybe xlsx) → zip sanity from the central directory (sizes, ratio, member count; nothing is
extracted) → names, duplicates, compression and local headers (package.py) → macros → every part
inflated once with a hard cap (zipparts.Package), checked against its recorded size and CRC-32 (else
file.damaged) and scanned for `<!DOCTYPE` / `<!ENTITY` (in UTF-8, UTF-16 and UTF-32) → one reading or
none (package.py: well-formed XML, worksheets, sheet names, external links, shared-string indexes). Only a
file that passes all of this is handed to calamine; the readers of zipparts.py then read its parts (also
capped) with expat or defusedxml.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from pyexpat import ExpatError

from sheetflow import messages as msg
from sheetflow.ground.findings import Finding, finding
from sheetflow.intake import package
from sheetflow.intake.zipparts import (
    MAX_MEMBER_MB,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_MB,
    MB,
    Damaged,
    Package,
    ZipBomb,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ZIP_END, ZIP_END_ROOM = b"PK\x05\x06", 22 + 65535  # end of central directory record, within its comment's reach
ENCRYPTED_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptionInfo", "EncryptedPackage"))
_DANGER = tuple(p.encode(enc) for p in ("<!doctype", "<!entity")
                for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_OVERLAP = max(len(p) for p in _DANGER)


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
        pkg = Package(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error):
        return refuse("file.damaged", detail=msg.PACKAGE_DAMAGED_DIRECTORY)
    problem = package_problem(name, pkg)
    if problem:
        return FileCheck([problem])
    return FileCheck([], pkg)


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


def package_problem(name: str, pkg: Package) -> Finding | None:
    """The finding (of file `name`) of the first reason to refuse this archive, None when it is a safe
    xlsx that every reader reads alike (package.py)."""
    try:
        return (_bomb(name, pkg) or package.entries_problem(name, pkg.zf.infolist(), pkg.data)
                or _kind(name, pkg) or _doctype(name, pkg) or package.contents_problem(name, pkg))
    except ZipBomb as exc:
        return finding(name, "file.zip_bomb", detail=msg.INTAKE_BOMB_LIED.format(part=exc.args[0]))
    except Damaged as exc:
        return finding(name, "file.damaged", detail=exc.args[0])
    except ExpatError:  # a part the checks let pass as complete but not parsed whole, read after all
        return finding(name, "file.damaged", detail=msg.PACKAGE_DAMAGED_VALUES)
    except zipfile.BadZipFile:  # only Package._raw_checked raises it: a part encrypted with a zip password
        return finding(name, "file.not_zip", reason=msg.INTAKE_REASON_ZIP_ENCRYPTED)


def _bomb(file: str, pkg: Package) -> Finding | None:
    infos = list(pkg.infos.values())
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


def _kind(file: str, pkg: Package) -> Finding | None:
    names = {n.lower() for n in pkg.infos}
    if "mimetype" in names and b"opendocument" in pkg.read("mimetype", limit=200):
        return finding(file, "file.not_xlsx", kind=msg.INTAKE_KIND_ODS)
    if any(n.endswith("vbaproject.bin") for n in names):
        return finding(file, "file.macro")
    if "[content_types].xml" not in names:
        return finding(file, "file.not_xlsx", kind=msg.INTAKE_KIND_OTHER_ZIP)
    types = pkg.read("[Content_Types].xml").lower()
    if b"macroenabled" in types and b"sheet.binary" not in types:
        return finding(file, "file.macro")
    if "xl/workbook.xml" not in names:
        kind = msg.INTAKE_KIND_XLSB if "xl/workbook.bin" in names else msg.INTAKE_KIND_OTHER_ZIP
        return finding(file, "file.not_xlsx", kind=kind)
    return None


def _doctype(file: str, pkg: Package) -> Finding | None:
    """Every part is inflated (and its CRC-32 verified) once here, and scanned for DOCTYPE / ENTITY."""
    for name in pkg.infos:
        if has_doctype(pkg.scan(name)):
            return finding(file, "file.xml_doctype", part=name)
    return None


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
