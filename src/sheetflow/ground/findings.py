"""Findings: one problem (or recorded normalisation) in one returned file, its severities, and the
registry of every finding code (sheetflow.messages.findings): a finding is only ever made by its code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sheetflow.messages.findings import (
    FINDING_KINDS,
    FINDINGS_DOC_HEAD,
    FINDINGS_DOC_VARIANT,
    FINDINGS_TABLE_HEADERS,
    SEVERITY_NAMES,
)

ERROR = "error"
WARNING = "warning"
NORMALISED = "normalised"
SEVERITY_LABELS = SEVERITY_NAMES  # error | warning | normalised → エラー | 注意 | 自動修正
TABLE_HEADERS = FINDINGS_TABLE_HEADERS


@dataclass(frozen=True)
class Finding:
    """One problem (or recorded normalisation) in one returned file."""

    file: str
    severity: str  # error | warning | normalised
    code: str  # stable machine code, e.g. "status.missing"
    message: str  # Japanese, complete sentence
    sheet: str = ""
    cell: str = ""  # A1
    item_no: int | None = None
    before: str = ""  # normalised: the value as typed
    after: str = ""  # normalised: the value taken

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FindingKind:
    """What one finding code means: its severity, a short title, the message template and the 対処."""

    code: str
    severity: str
    title: str
    template: str
    fix: str
    variants: tuple[tuple[str, str], ...] = ()  # (name, template): other wordings of the same finding

    def message(self, variant: str = "", **fields: object) -> str:
        """The Japanese message; KeyError when a field of the template (or the variant) is missing."""
        template = dict(self.variants)[variant] if variant else self.template
        return template.format(**fields)


def _kind(entry: dict) -> FindingKind:
    if entry["severity"] not in SEVERITY_LABELS:
        raise ValueError(f"{entry['code']}: unknown severity {entry['severity']!r}")
    return FindingKind(entry["code"], entry["severity"], entry["title"], entry["template"], entry["fix"],
                       tuple(entry.get("variants", {}).items()))


REGISTRY: dict[str, FindingKind] = {k.code: k for k in map(_kind, FINDING_KINDS)}


def finding(file: str, code: str, *, sheet: str = "", cell: str = "", item_no: int | None = None,
            before: str = "", after: str = "", variant: str = "", **fields: object) -> Finding:
    """The Finding of registered `code` (KeyError for an unknown one). Its message is the code's template
    filled with `fields` and the location (sheet, cell, item_no, before, after)."""
    kind = REGISTRY[code]
    text = kind.message(variant, sheet=sheet, cell=cell, item_no=item_no, before=before, after=after, **fields)
    return Finding(file, kind.severity, code, text, sheet, cell, item_no, before, after)


@dataclass
class Findings:
    """Collects the findings of one file."""

    file: str
    items: list[Finding] = field(default_factory=list)

    def add(self, code: str, *, sheet: str = "", cell: str = "", item_no: int | None = None, before: str = "",
            after: str = "", variant: str = "", **fields: object) -> None:
        """Add the finding of registered `code` (see `finding`)."""
        self.items.append(finding(self.file, code, sheet=sheet, cell=cell, item_no=item_no, before=before,
                                  after=after, variant=variant, **fields))


def registry_markdown() -> str:
    """docs/findings.md: every finding code as a Japanese table (generated; the test keeps them equal)."""
    lines = [*FINDINGS_DOC_HEAD, "| " + " | ".join(TABLE_HEADERS) + " |", "|" + "---|" * len(TABLE_HEADERS)]
    for kind in REGISTRY.values():
        text = "<br>".join([kind.template, *(FINDINGS_DOC_VARIANT.format(text=t) for _, t in kind.variants)])
        cells = (f"`{kind.code}`", SEVERITY_LABELS[kind.severity], kind.title, text, kind.fix)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
