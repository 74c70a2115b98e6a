"""The SQLite export read back by its real consumers: sqlite-utils, and Datasette's own test client."""

from __future__ import annotations

import asyncio
import gc
import json
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gzfacts.cli import app

from .conftest import MINI
from .helpers.exports import HOSTILE

runner = CliRunner()


def export_db(directory: Path, *args: str, facts: Path | None = None) -> Path:
    target = directory / "gzfacts.db"
    base = ["--facts", str(facts)] if facts else []
    result = runner.invoke(app, [*base, "export", "sqlite", "--output", str(target), *args])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_db(tmp_path_factory.mktemp("db"))


def datasette_get(db: Path, *paths: str) -> list[Any]:
    """GET each path from Datasette serving `db` with its metadata.json: (status, body) pairs."""
    # Importing datasette.app opens throwaway connections too (its SQLite feature checks), which
    # Python 3.13 warns of when they are collected, here or in whichever test runs next.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        from datasette.app import Datasette

        gc.collect()

    metadata = json.loads((db.parent / "metadata.json").read_text(encoding="utf-8"))

    async def fetch() -> list[Any]:
        ds = Datasette([str(db)], metadata=metadata)
        await ds.invoke_startup()
        answers = []
        try:
            for path in paths:
                response = await ds.client.get(path)
                answers.append((response.status_code, response.text))
        finally:
            for database in ds.databases.values():
                database.close()
            if ds.executor is not None:
                ds.executor.shutdown(wait=True)
        return answers

    # Datasette 0.65 opens throwaway connections it never closes (to ask SQLite's version and
    # features, while it serves a request); Python 3.13 warns when they are collected. That is
    # Datasette's, not the export's: collect them here, quietly, not in whichever test runs next.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        answers = asyncio.run(fetch())
        gc.collect()
    return answers


def test_tables_keys_and_full_text_search_as_sqlite_utils_sets_them_up(
    shipped_db: Path, request: pytest.FixtureRequest
) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(shipped_db)
    request.addfinalizer(db.close)
    assert set(db.table_names()) >= {"facts", "topics", "sources", "facts_fts"}
    assert db.table("facts").pks == ["id"] and db.table("topics").pks == ["id"] and db.table("sources").pks == ["id"]
    keys = {(fk.column, fk.other_table, fk.other_column) for fk in db.table("facts").foreign_keys}
    assert keys == {("topic", "topics", "id"), ("source", "sources", "id")}
    assert db.table("facts").detect_fts() == "facts_fts"
    assert db.table("facts").count == 44 and db.table("topics").count == 9 and db.table("sources").count == 1
    found = {row["id"] for row in db.table("facts").search("telemedicine")}
    assert "telemedicine-patients" in found or any("telemedicine" in f for f in found)
    row = db.table("facts").get("digital-economy-gdp-share-2018")
    assert (row["value"], row["unit"], row["period"]) == (26.9, "percent of provincial GDP", "2018")
    source = db.table("sources").get(row["source"])
    assert source["rights"].startswith("© China Daily. All rights reserved.")
    assert source["text"][row["quote_start"] : row["quote_end"]] == row["quote"]
    # Integer values stay integers (the column has no type affinity to turn 10250 into 10250.0).
    assert db.execute("SELECT typeof(value) FROM facts WHERE id = 'village-ecommerce-sites'").fetchone()[0] == "integer"
    assert not db.execute("PRAGMA foreign_key_check").fetchall()


def test_datasette_searches_links_and_titles(shipped_db: Path) -> None:
    name = shipped_db.stem
    (s1, search), (s2, table), (s3, labels), (s4, home) = datasette_get(
        shipped_db,
        f"/{name}/facts.json?_search=telemedicine&_shape=array",
        f"/{name}/facts",
        f"/{name}/facts.json?_labels=on&_shape=array&topic=telemedicine",
        f"/{name}",
    )
    assert s1 == s2 == s3 == s4 == 200
    found = json.loads(search)
    con = sqlite3.connect(shipped_db)
    telemedicine = {r[0] for r in con.execute("SELECT id FROM facts WHERE topic = 'telemedicine'")}
    mention = {r[0] for r in con.execute("SELECT id FROM facts WHERE claim || quote || aliases LIKE '%telemedicine%'")}
    con.close()
    assert mention and {row["id"] for row in found} == mention
    assert mention <= telemedicine
    # Foreign keys show as links to the row they name, labelled with its title.
    assert f'href="/{name}/topics/telemedicine"' in table
    assert f'href="/{name}/sources/china-daily-2019-10-01"' in table
    rows = json.loads(labels)
    assert rows and all(r["topic"] == {"value": "telemedicine", "label": "Telemedicine and health care"} for r in rows)
    # Metadata: titles, the licence and the source citation.
    assert "Fact sheet: Tech focus helps Guizhou lead with high-quality growth" in home
    assert "Facts" in table and "CC0 1.0" in table
    assert "Li Xin" in home
    assert "© China Daily. All rights reserved." in home


def test_metadata_beside_the_database_or_where_asked(tmp_path: Path) -> None:
    db = export_db(tmp_path, facts=HOSTILE)
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    database = metadata["databases"]["gzfacts"]
    assert database["title"] == "Fact sheet: 6 facts from 2 sources"
    assert set(database["tables"]) == {"facts", "topics", "sources"}
    assert "Rights not stated" in database["tables"]["sources"]["description"]
    assert "© Day Times <i>2024</i>; quoted with permission." in database["tables"]["sources"]["description"]
    # Markup in the fact base is data here too: stored as written.
    con = sqlite3.connect(db)
    assert con.execute("SELECT quote FROM facts WHERE id = 'script-sign'").fetchone()[0].count("<script>") == 1
    con.close()
    elsewhere = tmp_path / "meta" / "datasette.json"
    elsewhere.parent.mkdir()
    again = runner.invoke(
        app, ["--facts", str(MINI), "export", "sqlite", "--output", str(db), "--force", "--metadata", str(elsewhere)]
    )
    assert again.exit_code == 0, again.output
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["title"] == "Fact sheet: Harbour town report"


def test_an_existing_database_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "gzfacts.db"
    target.write_bytes(b"not yours to replace")
    result = runner.invoke(app, ["--facts", str(MINI), "export", "sqlite", "--output", str(target)])
    assert result.exit_code == 2
    assert f"error: {target} exists\n" in result.stderr and "give --force" in result.stderr
    assert target.read_bytes() == b"not yours to replace"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gzfacts.db"]
    # An existing metadata.json is refused the same way, before the database is written.
    target.unlink()
    (tmp_path / "metadata.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["--facts", str(MINI), "export", "sqlite", "--output", str(target)])
    assert result.exit_code == 2 and "metadata.json exists" in result.stderr
    assert not target.exists()
