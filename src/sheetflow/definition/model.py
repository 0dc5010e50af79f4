"""A form definition as values: its tables (表), fields (項目), choice lists (選択肢) and settings (設定).

Built by definition.read from the rows of a definition workbook (or the YAML the package ships), after the
check found nothing wrong. Every stage asks it for its columns: a field is declared here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sheetflow import messages as msg
from sheetflow.definition.types import FieldType, Limits, type_named


@dataclass(frozen=True)
class Requirement:
    """必須: always (○), or when another field of the row has a choice with a role or a given value."""

    field: str = ""  # "" for always
    role: str = ""  # a key of ROLES
    value: str = ""


@dataclass(frozen=True)
class Field:
    """One column of a data sheet (a row of 項目)."""

    table: str
    key: str  # 項目ID
    header: str
    type_name: str = msg.TYPE_TEXT
    width: float = 10
    input: bool = True  # False: 編集不可 (locked, grey, pre-filled, fingerprinted)
    required: Requirement | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_len: int | None = None
    prompt: str = ""  # 説明: the cell's input message
    total: str = ""  # 集計: 合計 | 件数 | ""
    publish: bool = False  # 公表
    source: str = ""  # 転記元 of a locked column
    half_headers: tuple[str, str] = ("", "")  # 見出し（上期）, 見出し（下期）
    half_prompts: tuple[str, str] = ("", "")  # 説明（上期）, 説明（下期）
    half: int = 0  # 記入する期: 1 上期 only, 2 下期 only, 0 both
    since: str = "1"  # 追加版: the definition version (版) that added the field

    @property
    def ftype(self) -> FieldType:
        found = type_named(self.type_name)
        assert found is not None, self.type_name  # the check refused unknown types
        return found

    def limits(self, choices: tuple[str, ...] = ()) -> Limits:
        return Limits(self.minimum, self.maximum, self.max_len, choices)

    @property
    def kind(self) -> str:
        """The older name of the field's type (text | int | number | amount | choice)."""
        return _KINDS.get(self.ftype.kind, "text")

    def in_half(self, half: int) -> Field:
        """The field as a form of that half shows it (見出し・説明 per half where they differ)."""
        header, prompt = self.half_headers[half - 1], self.half_prompts[half - 1]
        if not header and not prompt:
            return self
        return replace(self, header=header or self.header, prompt=prompt or self.prompt)

    def asked_in(self, half: int) -> bool:
        """An input the respondent fills in that half (記入する期)."""
        return self.input and (not self.half or self.half == half)


_KINDS = {msg.TYPE_INTEGER: "int", msg.TYPE_DECIMAL: "number", msg.TYPE_AMOUNT: "amount", "choice": "choice"}


@dataclass(frozen=True)
class Table:
    """One data sheet of the form (a row of 表)."""

    id: str  # 表ID
    sheet: str  # シート名
    mode: str = msg.DEF_MODE_KEYED  # 行モード: 既定行 | 単一 | 自由行
    key: str = ""  # キー: the field that identifies a row
    max_rows: int | None = None  # 最大行数 (自由行)


@dataclass(frozen=True)
class Choice:
    """One value of a choice list (a row of 選択肢), with its roles."""

    list_name: str
    value: str
    description: str = ""
    rank: int | None = None  # 順位: higher is further along (進捗状況: improved / worsened)
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Department:
    """A department a survey asks (a row of 部署)."""

    name: str  # 部署名
    mail: str = ""  # メール
    person: str = ""  # 担当者


@dataclass(frozen=True)
class DefaultRow:
    """A row a department's survey form has pre-filled (a row of 既定データ): values by 項目ID, as written."""

    department: str
    table: str
    values: dict[str, str]
    row: int  # its Excel row in 既定データ


@dataclass(frozen=True, eq=False)
class FormDefinition:
    """A whole definition; sha256 identifies its version (of its canonical text, see definition.source).
    Compared and hashed by identity: each file version is read once (definition.workspace caches it)."""

    settings: dict[str, str]
    tables: tuple[Table, ...]
    fields: tuple[Field, ...]
    choices: tuple[Choice, ...]
    sha256: str = ""
    departments: tuple[Department, ...] = ()  # a survey's 部署
    defaults: tuple[DefaultRow, ...] = ()  # a survey's 既定データ

    @property
    def version(self) -> str:
        return self.settings.get(msg.DEF_SETTING_VERSION, "")

    @property
    def title(self) -> str:
        return self.settings.get(msg.DEF_SETTING_TITLE, "")

    @property
    def survey_id(self) -> str:
        """設定 照会ID: a survey's identity ("" for the progress report and the council's form)."""
        return self.settings.get(msg.DEF_SETTING_SURVEY_ID, "")

    def defaults_for(self, department: str, table_id: str) -> tuple[DefaultRow, ...]:
        """The rows a department's form of a survey has pre-filled in a table, in the order of 既定データ."""
        return tuple(r for r in self.defaults if r.department == department and r.table == table_id)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    def has_table(self, table_id: str) -> bool:
        return any(t.id == table_id for t in self.tables)

    def columns(self, table_id: str) -> tuple[Field, ...]:
        """The fields of a table in the order the form shows them."""
        return tuple(f for f in self.fields if f.table == table_id)

    def field(self, table_id: str, key: str) -> Field:
        return next(f for f in self.fields if f.table == table_id and f.key == key)

    def inputs(self, table_id: str) -> tuple[Field, ...]:
        return tuple(f for f in self.columns(table_id) if f.input)

    def choice_list(self, list_name: str) -> tuple[Choice, ...]:
        return tuple(c for c in self.choices if c.list_name == list_name)

    def choice_values(self, f: Field) -> tuple[str, ...]:
        """The values a 選択 field offers (はい・いいえ: はい, いいえ; other types: none)."""
        if f.ftype.list_name:
            return tuple(c.value for c in self.choice_list(f.ftype.list_name))
        return (msg.TYPE_YES, msg.TYPE_NO) if f.ftype.kind == msg.TYPE_YES_NO else ()

    def list_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.list_name for c in self.choices))
