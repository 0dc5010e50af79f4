"""Builders of returned files, good and bad, for the intake tests (and the demo): real bytes built in code.

Forms come from forms.build_form; a department "filling in" a form is simulated with openpyxl (as Excel
would save it); everything else is built at the byte level: zips with patched parts, OLE2 (CFB)
containers, zip bombs, XML with DOCTYPE / entities.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from sheetflow.forms import layout as L
from sheetflow.forms import workbook as forms
from sheetflow.ground.config import Config
from sheetflow.ground.periods import Period

GENERATED_AT = datetime(2025, 10, 1, 9, 0).astimezone()
PERIOD = Period(2025, 1)
DEPT = "財政部 財政課"  # mini plan: items 1 and 2, KPIs 1-1 (億円), 2-1 (%), 2-2 (件, negatives allowed)
REPORT_INPUTS = {c.key: i + 1 for i, c in enumerate(L.REPORT_COLUMNS) if c.input}  # key -> 1-based column
KPI_INPUTS = {c.key: i + 1 for i, c in enumerate(L.KPI_COLUMNS) if c.input}
GOOD_REPORTS = {1: {"status": "順調", "result": "債券運用を実施した。", "reporter": "山田", "phone": "1234"},
                2: {"status": "遅れ", "result": "募集を開始した。", "issues": "応募が少ない。周知を強化する。",
                    "reporter": "山田", "phone": "1234"}}
GOOD_KPIS = {"1-1": {"actual": 3, "remark": "予定どおり"}, "2-1": {"actual": 1.5}, "2-2": {"actual": -20}}


# --- forms ---------------------------------------------------------------------------------------

def form(plan, cfg: Config, dept: str = DEPT, period: Period = PERIOD, previous=None) -> bytes:
    return forms.build_form(plan, dept, period, cfg, previous=previous, generated_at=GENERATED_AT)


def row_of(ws, key: str) -> int:
    """1-based row whose column A holds key (item no or KPI key)."""
    for r in range(L.FIRST_DATA_ROW + 1, ws.max_row + 1):
        if L.cell_text(ws.cell(r, 1).value) == str(key):
            return r
    raise KeyError(key)


def fill(data: bytes, reports: dict | None = None, kpis: dict | None = None, edit=None) -> bytes:
    """The form with input cells set (by item no / KPI key) and saved by openpyxl; edit(wb) may do more."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, entries, cols in ((L.REPORT_SHEET, reports, REPORT_INPUTS), (L.KPI_SHEET, kpis, KPI_INPUTS)):
        ws = wb[sheet]
        for key, values in (entries or {}).items():
            r = row_of(ws, str(key))
            for name, value in values.items():
                cell = ws.cell(r, cols[name])
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # typed text stays text (as Excel does after a leading ')
    if edit is not None:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def good(plan, cfg: Config) -> bytes:
    """A correctly filled mini-plan form of 財政部 財政課."""
    return fill(form(plan, cfg), GOOD_REPORTS, GOOD_KPIS)


# --- zip surgery ---------------------------------------------------------------------------------

def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out.getvalue()


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    return rezip({**parts(data), name: content})


def sheet_part(data: bytes, sheet: str) -> str:
    """The worksheet part name of a sheet (via workbook.xml and its rels)."""
    p = parts(data)
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', p["xl/workbook.xml"].decode())
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid.group(1)}"',
                       p["xl/_rels/workbook.xml.rels"].decode())
    path = target.group(1) or target.group(2)
    return path.lstrip("/") if path.startswith("/") else "xl/" + path


def with_formula(data: bytes, sheet: str, cell: str, formula: str, cached: str, cell_type: str = "") -> bytes:
    """A cell holding a formula with a cached result, as Excel saves it (cell_type 'e' for an error)."""
    name = sheet_part(data, sheet)
    xml = parts(data)[name].decode()
    t = f' t="{cell_type}"' if cell_type else ""
    new = f'<c r="{cell}"\\1{t}><f>{formula}</f><v>{cached}</v></c>'
    xml, n = re.subn(rf'<c r="{cell}"((?: s="\d+")?)(?: t="n")?\s*/>', new, xml)
    assert n == 1, f"cell {cell} not found as an empty cell"
    return replace_part(data, name, xml.encode())


def rename_sheet(data: bytes, old: str, new: str) -> bytes:
    p = parts(data)
    p["xl/workbook.xml"] = p["xl/workbook.xml"].replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
    return rezip(p)


XXE = ('<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{target}">]>', "&xxe;")
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>",
    "&lol9;")


def with_doctype(data: bytes, part: str, doctype: str, entity_ref: str, encoding: str = "utf-8") -> bytes:
    """A part with a DOCTYPE inserted after its XML declaration and an entity reference in its first text."""
    xml = parts(data)[part].decode("utf-8")
    decl = re.match(r"<\?xml[^>]*\?>\s*", xml)
    head, body = (xml[:decl.end()], xml[decl.end():]) if decl else ("", xml)
    body = re.sub(r"(<t(?: [^>]*)?>)", lambda m: m.group(1) + entity_ref, body, count=1)
    if encoding != "utf-8":
        head = head.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    return replace_part(data, part, (head + doctype + body).encode(encoding))


# --- not xlsx at all -----------------------------------------------------------------------------

def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal valid OLE2 compound file (CFB v3, 512-byte sectors) holding the given root streams.

    Each stream is padded to at least 4096 bytes so it lives in regular sectors (no mini stream)."""
    sector, end, free, fat_sid = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    datas = [v.ljust(4096, b"\0") for v in streams.values()]
    sizes = [len(v) for v in streams.values()]
    counts = [-(-len(d) // sector) for d in datas]
    dir_sectors = -(-(len(streams) + 1) * 128 // sector)
    fat = [fat_sid] + [(i + 1 if i < dir_sectors else end) for i in range(1, dir_sectors + 1)]
    starts = []
    for n in counts:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [end]
    assert len(fat) <= sector // 4, "stream too large for a one-sector FAT"
    fat += [free] * (sector // 4 - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    entries = [_dir_entry("Root Entry", 5, end, 0, child=1 if streams else free)]
    for i, (name, start, size) in enumerate(zip(streams, starts, sizes, strict=True), start=1):
        entries.append(_dir_entry(name, 2, start, size, right=i + 1 if i < len(streams) else free))
    empty = _dir_entry("", 0, 0, 0)
    entries += [empty] * (dir_sectors * sector // 128 - len(entries))
    directory = b"".join(entries)
    body = b"".join(d.ljust(n * sector, b"\0") for d, n in zip(datas, counts, strict=True))
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF,
               right: int = 0xFFFFFFFF) -> bytes:
    raw = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack("<64sHBBIII16sIQQIII", raw, len(raw), kind, 1, 0xFFFFFFFF, right, child, b"\0" * 16, 0,
                       0, 0, start, size, 0)


def encrypted_xlsx() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE2 file with EncryptionInfo/EncryptedPackage."""
    return cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x00" * 5000})


def xls() -> bytes:
    """An old binary Excel file: OLE2 with a Workbook stream."""
    return cfb({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"})


def csv_text() -> bytes:
    return "No.,進捗状況,今期の取組実績\r\n1,順調,実施した\r\n".encode("cp932")


def html_as_xls() -> bytes:
    return "<html><body><table><tr><td>順調</td></tr></table></body></html>".encode()


def random_binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def xlsm(data: bytes) -> bytes:
    """The form saved as a macro workbook: vbaProject.bin and the macroEnabled content type."""
    p = parts(data)
    p["[Content_Types].xml"] = p["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml").replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    p["xl/vbaProject.bin"] = cfb({"VBA": b"Attribute VB_Name = \"Module1\""})
    return rezip(p)


def ods_like() -> bytes:
    return rezip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})


# --- zip bombs -----------------------------------------------------------------------------------

def zip_of_zeros(sizes: dict[str, int]) -> bytes:
    """A zip whose members are runs of zero bytes (written in chunks; tiny compressed)."""
    out = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        for name, size in sizes.items():
            with zf.open(name, "w", force_zip64=size > 2**31) as fh:
                for _ in range(size // len(chunk)):
                    fh.write(chunk)
                fh.write(b"\0" * (size % len(chunk)))
    return out.getvalue()


def lying_sizes(data: bytes, member: str, claimed: int) -> bytes:
    """The zip with one member's recorded uncompressed size replaced by `claimed` (in both headers)."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        struct.pack_into("<I", buf, zf.getinfo(member).header_offset + 22, claimed)
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == member.encode():
            struct.pack_into("<I", buf, pos + 24, claimed)
        pos += 4
    return bytes(buf)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def edit_meta(data: bytes, **changes: str) -> bytes:
    """The form with _meta values changed and its digest recomputed (a consistent, different identity)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[L.META_SHEET]
    rows = {ws.cell(r, 1).value: r for r in range(2, 2 + len(L.META_KEYS))}
    for key, value in changes.items():
        ws.cell(rows[key], 2).value = value
    pairs = {k: L.cell_text(ws.cell(r, 2).value) for k, r in rows.items()}
    start = 2 + len(L.META_KEYS) + 2
    table = [(ws.cell(r, 1).value, int(ws.cell(r, 2).value), L.cell_text(ws.cell(r, 3).value), ws.cell(r, 4).value)
             for r in range(start, ws.max_row + 1) if ws.cell(r, 1).value]
    ws.cell(rows["meta_digest"], 2).value = L.meta_digest(pairs, table)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
