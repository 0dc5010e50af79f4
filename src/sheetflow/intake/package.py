"""One reading of a returned file, or none: packages that readers would read differently are refused.

Excel, calamine and openpyxl each read an xlsx their own way where the package is ambiguous or damaged
(the first or the last of two zip entries of one name, the first of two sheets of one name, a shared-string
index of -1 read as the last string, a truncated part read as far as it goes). Such a file gets a finding
before any reader sees it, so what the ledger holds is what Excel shows.

Two passes, both cheap: `entries_problem` looks at the central directory and the local headers (names,
duplicates, compression, headers that disagree with the directory); `contents_problem` runs after
safety's scan has inflated every part once (and verified its CRC-32): every XML part is parsed with expat
(C speed, no handler but one for the root element), then the workbook's sheet names, the relationships
and the shared-string indexes of the sheets intake reads are checked. `package` is an
zipparts.Package: `infos`, `part(name)`, `chunks(name)`, `sheet_list` and `strings_part()`.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterable
from pyexpat import ExpatError, ParserCreate

from sheetflow import messages as msg
from sheetflow.forms import council as C
from sheetflow.forms import layout as L
from sheetflow.ground.findings import Finding, finding

VALUE_SHEETS = (*L.DATA_SHEETS, L.META_SHEET, C.SHEET)  # the sheets whose values intake reads
SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_SUFFIXES = (".xml", ".rels")
# the parts (besides the worksheets it reads and the shared strings) whose content calamine or intake
# reads as values (styles only format them: like the theme, they must be complete)
PARSED_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "docProps/core.xml", "docProps/custom.xml")
_PARSED = {p.lower() for p in PARSED_PARTS}
SAFE_LINKS = ("http://", "https://", "mailto:")  # hyperlinks a department may type (opened only on a click)
_LOCAL = struct.Struct("<4sHHHHHIIIHH")


# --- central directory and local headers -----------------------------------------------------------

def entries_problem(file: str, infos: list[zipfile.ZipInfo], data: bytes) -> Finding | None:
    """The first entry whose name, duplicate, compression or local header makes the package ambiguous."""
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename  # as stored: zipfile turns "\\" into "/" on Windows and cuts at a NUL
        if bad_name(name):
            return finding(file, "package.part_name", part=name)
        if name.lower() in seen:  # part names compare case-insensitively (OPC)
            return finding(file, "package.duplicate_part", part=name)
        seen.add(name.lower())
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return finding(file, "package.compression", part=name, method=method_name(info.compress_type))
        if not local_header_agrees(info, data):
            return finding(file, "file.damaged", detail=msg.PACKAGE_DAMAGED_HEADER.format(part=name))
    return None


def bad_name(name: str) -> bool:
    """An absolute name, a drive, a backslash (a separator on Windows only), a NUL, a `..` or `.` segment
    or an empty one."""
    segments = name.removesuffix("/").split("/")
    return (name.startswith("/") or "\\" in name or "\x00" in name or re.match(r"[A-Za-z]:", name) is not None
            or any(s in ("", ".", "..") for s in segments))


def method_name(method: int) -> str:
    return msg.PACKAGE_COMPRESSION_METHODS.get(method) or msg.PACKAGE_COMPRESSION_OTHER.format(method=method)


def local_header_agrees(info: zipfile.ZipInfo, data: bytes) -> bool:
    """Does the entry's local header say what the central directory says (name, method and, unless they
    follow the data, CRC-32 and sizes)?"""
    start = info.header_offset
    head = data[start:start + _LOCAL.size]
    if len(head) < _LOCAL.size:
        return False
    sig, _, flags, method, _, _, crc, packed, size, name_len, _ = _LOCAL.unpack(head)
    raw = data[start + _LOCAL.size:start + _LOCAL.size + name_len]
    name = raw.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
    if sig != b"PK\x03\x04" or method != info.compress_type or name != info.orig_filename:
        return False
    if flags & 0x8 or 0xFFFFFFFF in (packed, size):  # sizes in a data descriptor or in zip64 extra fields
        return True
    return (crc, packed, size) == (info.CRC, info.compress_size, info.file_size)


# --- the parts ---------------------------------------------------------------------------------------

def contents_problem(file: str, package) -> Finding | None:
    """The first part that is not well-formed XML, a worksheet outside SpreadsheetML, a sheet name used
    twice, an external relationship or a bad shared-string index in a sheet whose values intake reads (in
    that order). The parts whose content a reader of ours takes values from are parsed whole with expat;
    the others (styles, theme, 記入方法, _lists, drawings …) only have to hold one complete root element
    (a part cut short fails)."""
    roots: dict[str, str] = {}
    parsed = [p for p in package.infos if p.lower() in _PARSED]
    problem = _xml_problem(file, package, parsed, set(parsed), roots)
    if problem:
        return problem
    sheets = package.sheet_list  # its parts are well-formed now
    whole = {part for name, part in sheets if name in VALUE_SHEETS} | {package.strings_part()}
    rest = [p for p in package.infos if p.lower().endswith(XML_SUFFIXES) and p not in roots]
    problem = _xml_problem(file, package, rest, whole, roots)
    if problem:
        return problem
    worksheets = {part: name for name, part in sheets if part in package.infos}
    wrong = next(((p, n) for p, n in worksheets.items() if roots.get(p) != f"{SPREADSHEETML} worksheet"), None)
    if wrong:
        return finding(file, "package.namespace", sheet=wrong[1], part=wrong[0])
    values = {part: name for part, name in worksheets.items() if name in VALUE_SHEETS}
    return _duplicate_sheet(file, sheets) or _external(file, package) or _shared_strings(file, package, values)


def _xml_problem(file: str, package, parts: list[str], whole: set[str], roots: dict[str, str]) -> Finding | None:
    """The first of these parts that is not well-formed (parsed whole) or not complete (the others); the
    root element of each is put in roots."""
    for part in parts:
        root = _root(package.chunks(part)) if part in whole else _outline(package.part(part))
        if isinstance(root, int):
            return finding(file, "file.damaged", detail=msg.PACKAGE_DAMAGED_XML.format(part=part, line=root))
        roots[part] = root
    return None


def _root(chunks: Iterable[bytes]) -> str | int:
    """The root element ("namespace name") of a well-formed part, or the line where expat finds it is not
    (namespaces are checked too)."""
    parser = ParserCreate(namespace_separator=" ")
    roots: list[str] = []

    def root(name: str, _attrs: dict) -> None:
        roots.append(name)
        parser.StartElementHandler = None  # only the root element is wanted

    parser.StartElementHandler = root
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except ExpatError as exc:
        return exc.lineno
    return roots[0] if roots else ""


_FIRST_TAG = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)(?::([\w.-]+))?((?:\s[^>]*?)?)(/?)>")
_XMLNS = re.compile(rb"""\sxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")


def _outline(xml: bytes) -> str | int:
    """The root element ("namespace name") of a part that opens with it (after the XML declaration) and
    ends by closing it; else the line where it ends (a part cut short fails here)."""
    m = _FIRST_TAG.match(xml)
    end = xml.rstrip()
    if m is None:
        return end.count(b"\n") + 1
    prefix, local = (m.group(1), m.group(2)) if m.group(2) else (b"", m.group(1))
    qname = m.group(1) + (b":" + m.group(2) if m.group(2) else b"")
    if not (end.endswith(b"</" + qname + b">") or (m.group(4) and m.end() == len(end))):
        return end.count(b"\n") + 1
    spaces = {(p or b""): uri for p, uri in _XMLNS.findall(m.group(3))}
    return f"{spaces.get(prefix, b'').decode('utf-8', 'replace')} {local.decode('utf-8', 'replace')}".lstrip()


def elements(xml: bytes) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes) of every element of a small part, in document order, read with expat
    (attribute names as expat gives them: "namespace name" when prefixed). A DOCTYPE is refused (safety
    refuses such a part before anything reads it anyway)."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attrs: found.append((name.rsplit(" ", 1)[-1], attrs))
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.Parse(xml or b"<empty/>", True)
    return found


def _no_doctype(*_args: object) -> None:
    raise ExpatError("DOCTYPE")


def _duplicate_sheet(file: str, sheets: tuple[tuple[str, str], ...]) -> Finding | None:
    """Two sheets of one name (Excel compares sheet names case-insensitively)."""
    names = [name.casefold() for name, _ in sheets]
    twice = next((name for name, _ in sheets if names.count(name.casefold()) > 1), None)
    if twice is None:
        return None
    return finding(file, "package.duplicate_sheet", sheet=twice, count=names.count(twice.casefold()))


def _external(file: str, package) -> Finding | None:
    """A relationship to something outside the file, but for a web or mail hyperlink (clicked, not fetched)."""
    for part in package.infos:
        if not part.lower().endswith(".rels"):
            continue
        xml = package.part(part)
        if b"external" not in xml.lower() and b"&" not in xml:  # no TargetMode="External", even escaped
            continue
        for _, rel in elements(xml):
            if rel.get("TargetMode", "").lower() != "external":
                continue
            target = rel.get("Target", "")
            hyperlink = rel.get("Type", "").endswith("/hyperlink")
            if not (hyperlink and target.lower().startswith(SAFE_LINKS)):
                return finding(file, "package.external", part=part, target=target)
    return None


def _shared_strings(file: str, package, worksheets: dict[str, str]) -> Finding | None:
    """The first shared-string cell (t="s") whose index is not an integer in range of the table."""
    xmls = {part: package.part(part) for part in worksheets}
    table = package.strings_part()
    count = string_count(package.part(table)) if table else 0
    for part, xml in xmls.items():
        if indexes_fit(xml, count):
            continue
        for ref, value in string_cells(xml):
            if not (value.isascii() and value.isdigit() and int(value) < count):
                return finding(file, "package.shared_string", sheet=worksheets[part], cell=ref, value=value,
                               count=count)
    return None


# --- shared-string cells of well-formed XML ---------------------------------------------------------
# Excel writes a shared-string cell as <c r="B4" s="3" t="s"><v>12</v></c>. indexes_fit checks a sheet
# written so with a few counts and one regular expression; any other spelling (t='s', t = "s", a prefix,
# a character reference, the value elsewhere than right after the tag) makes the counts differ, and
# string_cells then reads the sheet with expat, which sees every spelling alike. (Each match of the
# expression holds one ' t="s"' of its own and cannot reach past a ">", so text in a comment or CDATA
# section can only make the counts differ, never hide a cell.)

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # any namespace prefix
_EXCEL_CELL = re.compile(rb'<c [^>]* t="s"[^>]*><v>([0-9]+)</v>')
_SI = re.compile(rb"<si[\s/>]")
_PREFIXED_SI = re.compile(rb"<" + _P + rb"si[\s/>]")
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\?>")


def plain_tags(xml: bytes) -> bool:
    """UTF-8 XML whose every "<" starts a tag (no comment, CDATA section, or processing instruction)."""
    body = xml[m.end():] if (m := _DECLARATION.match(xml)) else xml
    return b"<!" not in body and b"<?" not in body and b"\x00" not in body[:4]


def indexes_fit(xml: bytes, count: int) -> bool:
    """True when every shared-string cell of a sheet is written as Excel writes it, with an index below
    count (False may still be a good sheet: string_cells then looks at each cell)."""
    if b"&#" in xml:
        return False
    tagged = xml.count(b' t="s"')
    if tagged != xml.count(b'"s"') + xml.count(b"'s'"):
        return False
    indexes = _EXCEL_CELL.findall(xml)
    return len(indexes) == tagged and (not indexes or max(map(int, indexes)) < count)


def string_count(xml: bytes) -> int:
    """How many strings (<si>) the shared-string table holds."""
    if plain_tags(xml):
        return len((_PREFIXED_SI if b":si" in xml else _SI).findall(xml))
    count = 0

    def start(name: str, _attrs: dict) -> None:
        nonlocal count
        count += name.rsplit(" ", 1)[-1] == "si"

    _expat(xml, start)
    return count


def string_cells(xml: bytes) -> list[tuple[str, str]]:
    """(cell reference, index text) of every shared-string cell with a value."""
    cells: list[tuple[str, str]] = []
    state: dict = {"cell": None, "text": None}

    def start(name: str, attrs: dict) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "c":
            state["cell"] = attrs.get("r", "") if attrs.get("t") == "s" else None
        elif local == "v" and state["cell"] is not None:
            state["text"] = []

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1] == "v" and state["text"] is not None:
            cells.append((state["cell"], "".join(state["text"])))
            state["text"] = None

    def text(data: str) -> None:
        if state["text"] is not None:
            state["text"].append(data)

    _expat(xml, start, end, text)
    return cells


def _expat(xml: bytes, start, end=None, text=None) -> None:
    parser = ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.Parse(xml, True)
