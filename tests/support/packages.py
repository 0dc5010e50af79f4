"""Damaged and ambiguous packages built from a real filled form, byte by byte (the package tests and the
fuzz test): duplicate entries, bad names, other compression, CRC and local-header surgery, shared-string
indexes, namespaces, external links, header edits, and a seeded generator of random mutants."""

from __future__ import annotations

import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable

import badfiles as B

Entry = tuple[str, bytes, int]  # name, content, compression method
MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
UNC = "file://///fileserver/share/secret.xlsx"


_INLINE = re.compile(rb'<c ([^>]*?)\s*t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)
SST_TYPE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_CONTENT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_shared_strings(data: bytes) -> bytes:
    """The workbook with its inline strings moved into a shared-string table, as Excel saves text (openpyxl
    writes inline strings)."""
    table: dict[bytes, int] = {}

    def shared(m: re.Match) -> bytes:
        index = table.setdefault(m.group(3), len(table))
        return b'<c ' + m.group(1) + m.group(2) + b' t="s"><v>' + str(index).encode() + b"</v></c>"

    items = [(n, _INLINE.sub(shared, c) if n.startswith("xl/worksheets/") else c, m) for n, c, m in entries(data)]
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ' + MAIN_NS
           + b' count="%d" uniqueCount="%d">' % (len(table), len(table))
           + b"".join(b"<si>" + text + b"</si>" for text in table) + b"</sst>")
    rel = b'<Relationship Id="rIdSst" Type="' + SST_TYPE + b'" Target="sharedStrings.xml"/></Relationships>'
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + SST_CONTENT + b'"/></Types>'
    patched = {"xl/_rels/workbook.xml.rels": (b"</Relationships>", rel), "[Content_Types].xml": (b"</Types>", override)}
    items = [(n, c.replace(*patched[n]) if n in patched else c, m) for n, c, m in items]
    return build([*items, ("xl/sharedStrings.xml", sst, zipfile.ZIP_DEFLATED)])


def entries(data: bytes) -> list[Entry]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i), zipfile.ZIP_DEFLATED) for i in zf.infolist()]


def build(items: list[Entry]) -> bytes:
    """A zip of these entries in this order (names as given, duplicates kept)."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as zf:
        warnings.simplefilter("ignore")  # "Duplicate name"
        for name, content, method in items:
            info = zipfile.ZipInfo(name, (2025, 10, 1, 9, 0, 0))
            info.compress_type = method
            zf.writestr(info, content)
    return out.getvalue()


def duplicate_entry(data: bytes, name: str, content: bytes) -> bytes:
    """The entry `name` stored a second time, after the first, with other content."""
    items = entries(data)
    return build([*items, (name, content, zipfile.ZIP_DEFLATED)])


def rename_entry(data: bytes, old: str, new: str) -> bytes:
    return build([(new if n == old else n, c, m) for n, c, m in entries(data)])


def compress_with(data: bytes, name: str, method: int) -> bytes:
    return build([(n, c, method if n == name else m) for n, c, m in entries(data)])


def local_offset(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo(name).header_offset


def central_offset(data: bytes, name: str) -> int:
    """Where the central directory record of `name` starts."""
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_len] == encoded:
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise KeyError(name)


def wrong_crc(data: bytes, name: str) -> bytes:
    """The recorded CRC-32 of one entry changed in both its local header and the central directory."""
    out = bytearray(data)
    for at in (local_offset(data, name) + 14, central_offset(data, name) + 16):
        out[at] ^= 0x01
    return bytes(out)


def flip_in_stream(data: bytes, name: str, where: float = 0.5) -> bytes:
    """One byte of an entry's compressed data flipped (its headers left alone)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    head = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[head + 26:head + 30])
    at = head + 30 + name_len + extra_len + int(info.compress_size * where)
    out = bytearray(data)
    out[at] ^= 0xFF
    return bytes(out)


def bad_local_header(data: bytes, name: str) -> bytes:
    """The local header of `name` says another compression method than the central directory."""
    out = bytearray(data)
    out[local_offset(data, name) + 8] = zipfile.ZIP_STORED
    return bytes(out)


def string_index(data: bytes, sheet: str, value: str, nth: int = 0) -> tuple[bytes, str]:
    """The nth shared-string cell of a sheet given another index text; (file, that cell's reference)."""
    part = B.sheet_part(data, sheet)
    xml = B.parts(data)[part]
    m = string_cells(xml)[nth]
    return B.replace_part(data, part, with_index(xml, m, value.encode())), m.group(1).decode()


def string_cells(xml: bytes, row: bytes = rb"\d+") -> list[re.Match]:
    """The shared-string cells of a sheet written as Excel writes them (of one row, if given): group 1 is the
    cell's reference, group 2 its index."""
    return list(re.finditer(rb'<c r="([A-Z]+' + row + rb')"[^>]*t="s"[^>]*><v>(\d+)</v>', xml))


def with_index(xml: bytes, cell: re.Match, index: bytes) -> bytes:
    """The sheet with this string cell's index text replaced."""
    return xml[:cell.start(2)] + index + xml[cell.end(2):]


def other_namespace(data: bytes, sheet: str) -> bytes:
    part = B.sheet_part(data, sheet)
    return B.replace_part(data, part, B.parts(data)[part].replace(MAIN_NS, b'xmlns="http://example.com/sheet"', 1))


def with_link(data: bytes, target: str, kind: str = "hyperlink") -> bytes:
    """A relationship of the workbook to something outside the file."""
    rels = "xl/_rels/workbook.xml.rels"
    rel = (f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'{kind}" Target="{target}" TargetMode="External"/></Relationships>')
    return B.replace_part(data, rels, B.parts(data)[rels].replace(b"</Relationships>", rel.encode()))


# --- random mutants ------------------------------------------------------------------------------

def mutants(data: bytes, count: int, seed: int) -> list[tuple[str, bytes]]:
    """(label, bytes) of `count` mutants of a filled form, each by one operation chosen with a seeded
    random generator (the same list every run)."""
    rnd = random.Random(seed)
    items = entries(data)
    names = [n for n, _, _ in items]
    ops = [_flip_byte, _truncate, _flip_in_part, _truncate_part, _duplicate, _rename, _compress, _crc,
           _local_header, _string_index, _namespace, _link, _sheet_name, _header]
    out = []
    for n in range(count):
        op = ops[n % len(ops)]
        label, mutant = op(rnd, data, items, names)
        out.append((f"{n:03d} {op.__name__[1:]} {label}", mutant))
    return out


def _flip_byte(rnd, data, items, names):
    at = rnd.randrange(len(data))
    out = bytearray(data)
    out[at] ^= 1 << rnd.randrange(8)
    return f"@{at}", bytes(out)


def _truncate(rnd, data, items, names):
    at = rnd.randrange(1, len(data))
    return f"@{at}", data[:at]


def _flip_in_part(rnd, data, items, names):
    name = rnd.choice(names)
    return name, flip_in_stream(data, name, rnd.random())


def _truncate_part(rnd, data, items, names):
    name = rnd.choice(names)
    cut = rnd.randrange(len(_content(items, name)))
    return f"{name}@{cut}", _edited(items, name, lambda c: c[:cut])


def _duplicate(rnd, data, items, names):
    name = rnd.choice(names)
    content = _content(items, name)
    spelled = name.upper() if rnd.random() < 0.3 else name
    return spelled, duplicate_entry(data, spelled, content.replace(b"1", b"2"))


def _rename(rnd, data, items, names):
    name = rnd.choice(names)
    new = rnd.choice([f"../{name}", f"/{name}", f"xl/../{name}", f"C:/{name}", name.replace("/", "\\"),
                      f"{name}/../{name}", f"./{name}"])
    return new, rename_entry(data, name, new)


def _compress(rnd, data, items, names):
    name = rnd.choice(names)
    method = rnd.choice([zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2])
    return f"{name} {method}", compress_with(data, name, method)


def _crc(rnd, data, items, names):
    name = rnd.choice(names)
    return name, wrong_crc(data, name)


def _local_header(rnd, data, items, names):
    name = rnd.choice(names)
    out = bytearray(data)
    at = local_offset(data, name) + rnd.choice([0, 8, 14, 18, 22, 30])
    out[at] ^= 0x04
    return f"{name}@{at}", bytes(out)


def _string_index(rnd, data, items, names):
    sheet = rnd.choice(["進捗報告", "指標実績", "_meta"])
    value = rnd.choice(["-1", "abc", "99999", "", " 1", "1.0", "0x1", "１"])
    part = B.sheet_part(data, sheet)
    xml = _content(items, part)
    m = rnd.choice(string_cells(xml))
    new = with_index(xml, m, value.encode())
    return f"{sheet}!{m.group(1).decode()}={value!r}", _edited(items, part, lambda _: new)


def _namespace(rnd, data, items, names):
    sheet = rnd.choice(["進捗報告", "指標実績", "記入方法"])
    return sheet, other_namespace(data, sheet)


def _link(rnd, data, items, names):
    target, kind = rnd.choice([(UNC, "hyperlink"), ("\\\\fileserver\\share\\x.xlsx", "externalLink"),
                               ("http://example.com/a.png", "image"), ("file:///C:/secret.xlsx", "hyperlink")])
    return target, with_link(data, target, kind)


def _sheet_name(rnd, data, items, names):
    old = rnd.choice(["記入方法", "指標実績", "_meta"])
    new = rnd.choice([n for n in ("進捗報告", "指標実績", "_META") if n.lower() != old.lower()])
    return f"{old}->{new}", B.rename_sheet(data, old, new)


def _header(rnd, data, items, names):
    """A header cell of a data sheet pointed at another string of the table (as if typed over)."""
    sheet = rnd.choice(["進捗報告", "指標実績"])
    part = B.sheet_part(data, sheet)
    xml = _content(items, part)
    m = rnd.choice(string_cells(xml, row=b"3"))
    other = str(int(m.group(2)) + rnd.randrange(1, 5)).encode()
    new = with_index(xml, m, other)
    return f"{sheet}!{m.group(1).decode()}", _edited(items, part, lambda _: new)


def _content(items: list[Entry], name: str) -> bytes:
    """The content of entry `name` (of the last one, if the name is there twice)."""
    return {n: c for n, c, _ in items}[name]


def _edited(items: list[Entry], name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The zip of these entries with the content of `name` edited."""
    return build([(n, edit(c) if n == name else c, m) for n, c, m in items])
