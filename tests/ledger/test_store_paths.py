"""ledger.sqlite opened read-only on a path that Windows would spell as a UNC share."""

from __future__ import annotations

import sqlite3

import pytest

from sheetflow import messages as msg
from sheetflow.ledger.store import Store


def test_read_only_open_works_on_a_double_slash_path(tmp_path):
    """`//host/share/...` is how a UNC path looks to pathlib; as_uri() would make it file://host/..."""
    Store.open(tmp_path / "ledger.sqlite").close()
    unc_like = type(tmp_path)("/" + str(tmp_path)) / "ledger.sqlite"  # //tmp/... names the same file here
    assert str(unc_like).startswith("//")
    store = Store.open(unc_like, create=False)
    try:
        assert store.meta("schema_version") is not None
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("INSERT INTO meta VALUES ('x', 'y')")  # read-only
    finally:
        store.close()


def test_read_only_open_never_creates_the_file(tmp_path):
    with pytest.raises(msg.UserError):
        Store.open(tmp_path / "ledger.sqlite", create=False)
    assert not (tmp_path / "ledger.sqlite").exists()


def test_no_file_uri_is_built_from_the_path(tmp_path, monkeypatch):
    """On Windows, as_uri() of \\\\server\\share\\... is file://server/share/..., which SQLite refuses:
    simulate that by making any file: URI built from a path fail."""
    Store.open(tmp_path / "ledger.sqlite").close()

    def unc_uri(self):
        return "file://fileserver/share/ledger.sqlite"

    monkeypatch.setattr(type(tmp_path), "as_uri", unc_uri)
    Store.open(tmp_path / "ledger.sqlite", create=False).close()
