"""datapackage.json: the open data describing itself (Frictionless Data Package with a Table Schema per CSV).

Field names are the CSV's own (Japanese) column names, with the column notes as descriptions, a type per
column, units where they are fixed (`unit`) or given per row by another column (`unitField`, e.g. 単位), the
keys (No; 指標番号 → No of the items CSV) and the values allowed for the fixed-choice columns. The CSVs are
UTF-8 with a BOM (for Excel); `encoding` says utf-8, which frictionless reads with or without the BOM.
"""

from __future__ import annotations

import json
from datetime import datetime

from sheetflow import messages as msg
from sheetflow.definition.model import Field
from sheetflow.forms.layout import DIRECTION_LABELS
from sheetflow.ground.periods import fiscal_label
from sheetflow.report.kpis import MEASURES
from sheetflow.report.public import Publication, field_columns, file_names, revision_note

# One entry per column of msg.PUBLISH_ITEM_COLUMNS / PUBLISH_KPI_COLUMNS, in the same order:
# (type, unit, unit column index or None, required).
S, INT, N = "string", "integer", "number"
YEN = msg.EFFECT_UNIT  # 効果額 are whole 千円
ITEM_TYPES = ((INT, "", None, True), (S, "", None, True), (S, "", None, True), (INT, "", None, True),
              (INT, "", None, False), (S, "", None, False), (S, "", None, True), (S, "", None, False),
              (S, "", None, True), (S, "", None, False), (S, "", None, False), (INT, "", None, True),
              (S, "", None, False),
              # 達成度, 効果額 歳入増 / 歳出減 / 計 (千円), 算定根拠
              (S, "", None, False), (INT, YEN, None, False), (INT, YEN, None, False), (INT, YEN, None, False),
              (S, "", None, False))
COUNCIL_TYPES = ((INT, "", None, True), (S, "", None, True), (INT, "", None, True), (S, "", None, True),
                 (N, "", None, False), (INT, "", None, True), (S, "", None, False))
RESPONSE_TYPES = ((INT, "", None, True), (S, "", None, True), (INT, "", None, True), (S, "", None, True),
                  (S, "", None, True), (S, "", None, False), (S, "", None, False))
KPI_TYPES = ((INT, "", None, True), (S, "", None, True), (S, "", None, True), (S, "", None, True),
             (INT, "", None, True), (S, "", None, True), (S, "", None, True), (S, "", None, False),
             (S, "", None, False), (N, "", 7, False), (N, "", 7, False), (S, "", None, True),
             (N, "", 7, False), (N, "%", None, False), (S, "", None, True))


def field_type(f: Field) -> str:
    """A defined field's Table Schema type, by its storage (日付: date, ISO text in the ledger)."""
    if f.ftype.kind == msg.TYPE_DATE:
        return "date"
    return {"INTEGER": INT, "REAL": N}.get(f.ftype.storage, S)


def _fields(columns: tuple[tuple[str, str], ...], types: tuple) -> list[dict]:
    fields = []
    for (name, note), (kind, unit, unit_column, required) in zip(columns, types, strict=True):
        field: dict = {"name": name, "title": name, "description": note, "type": kind}
        if unit:
            field["unit"] = unit
        if unit_column is not None:
            field["unitField"] = columns[unit_column][0]
        if required:
            field["constraints"] = {"required": True}
        fields.append(field)
    return fields


def _enum(fields: list[dict], index: int, values: list[str]) -> None:
    fields[index].setdefault("constraints", {})["enum"] = values


def csv_resource(name: str, path: str, title: str, fields: list[dict], keys: list[str]) -> dict:
    """A CSV of ours as a tabular resource (no primaryKey when `keys` is empty)."""
    schema = {"fields": fields, **({"primaryKey": keys} if keys else {}), "missingValues": [""]}
    return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True}, "schema": schema}


def datapackage(pub: Publication, generated: datetime) -> dict:
    """The package descriptor of the year's CSVs."""
    names, sources = file_names(pub.year), [msg.PUBLISH_SOURCE_H2, msg.PUBLISH_SOURCE_H1, msg.NOT_REPORTED]
    items = _fields((*msg.PUBLISH_ITEM_COLUMNS, *field_columns(pub)),
                    (*ITEM_TYPES, *((field_type(f), "", None, False) for f in pub.fields)))
    kpis = _fields(msg.PUBLISH_KPI_COLUMNS, KPI_TYPES)
    _enum(items, 2, sources)
    _enum(kpis, 2, sources)
    _enum(kpis, 8, sorted(set(DIRECTION_LABELS.values())))
    _enum(kpis, 11, [msg.COMPARED_CUMULATIVE, msg.COMPARED_YEAR, *MEASURES.values()])
    item_key, kpi_key = msg.PUBLISH_ITEM_COLUMNS[3][0], msg.PUBLISH_KPI_COLUMNS[3][0]
    kpi_resource = csv_resource("kpis", names["kpis"], msg.PUBLISH_COLUMNS_KPIS, kpis, [kpi_key])
    kpi_resource["schema"]["foreignKeys"] = [{"fields": [msg.PUBLISH_KPI_COLUMNS[4][0]],
                                              "reference": {"resource": "items", "fields": [item_key]}}]
    resources = [csv_resource("items", names["items"], msg.PUBLISH_COLUMNS_ITEMS, items, [item_key]), kpi_resource]
    resources += [council_resource(pub)] if pub.council_items else []
    resources += [responses_resource(pub)] if pub.responses else []
    title = msg.PUBLISH_TITLE.format(title=pub.plan.title, year=fiscal_label(pub.year))
    return {"name": f"gyokaku-results-{pub.year}", "title": title,
            "description": " ".join([n for n in [revision_note(pub)] if n] + list(msg.PUBLISH_COLUMNS_NOTES)), "created": generated.replace(microsecond=0).isoformat(),
            "contributors": [{"title": f"{pub.plan.municipality} {pub.plan.office}", "role": "publisher"}],
            "resources": resources}


def council_resource(pub: Publication) -> dict:
    """The council's scores CSV: one row per item scored, No → the items CSV."""
    fields = _fields(msg.PUBLISH_COUNCIL_COLUMNS, COUNCIL_TYPES)
    fields[4].setdefault("constraints", {}).update({"minimum": 1, "maximum": 5})
    return _item_keyed("council", file_names(pub.year)["council"], msg.PUBLISH_COLUMNS_COUNCIL, fields,
                       msg.PUBLISH_COUNCIL_COLUMNS[2][0])


def responses_resource(pub: Publication) -> dict:
    """The responses CSV: one row per item with last year's council opinions, No → the items CSV."""
    fields = _fields(msg.PUBLISH_RESPONSE_COLUMNS, RESPONSE_TYPES)
    return _item_keyed("responses", file_names(pub.year)["responses"], msg.PUBLISH_COLUMNS_RESPONSES, fields,
                       msg.PUBLISH_RESPONSE_COLUMNS[2][0])


def _item_keyed(name: str, path: str, title: str, fields: list[dict], key: str) -> dict:
    """A resource whose primary key `key` (No) refers to the items CSV's No."""
    resource = csv_resource(name, path, title, fields, [key])
    resource["schema"]["foreignKeys"] = [{"fields": [key], "reference": {
        "resource": "items", "fields": [msg.PUBLISH_ITEM_COLUMNS[3][0]]}}]
    return resource


def datapackage_json(pub: Publication, generated: datetime) -> bytes:
    return (json.dumps(datapackage(pub, generated), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
