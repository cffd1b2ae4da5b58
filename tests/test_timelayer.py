"""The time-enabled layer read back with geopandas must give the engine's map on any day.

Runs on the real data: the point is that a QGIS user filtering by ``start <= day < end`` (the
Temporal Controller's default limits) sees exactly what the atlas shows for that day.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo.engine.timeline import Atlas
from geo.paths import ROOT
from geo.records.model import RANGE_END, RANGE_START
from geo.web import timelayer


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


@pytest.fixture(scope="module")
def written(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("timelayer")
    paths = timelayer.write_all(atlas, out)
    return {path.name: path for path in paths}


def sample_days(atlas: Atlas) -> list[date]:
    """Both ends of the range, every change day and the day before it, and every 5th New Year."""
    days = {RANGE_START, RANGE_END}
    for day in atlas.change_dates:
        days |= {day, day - timedelta(days=1)}
    days |= {date(year, 1, 1) for year in range(1880, 1992, 5)}
    return sorted(d for d in days if RANGE_START <= d <= RANGE_END)


def as_day(value: object) -> date:
    return pd.Timestamp(value).date()


def with_days(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``start``/``end`` as ``date`` whatever type the reader gave them (Timestamp or text)."""
    return frame.assign(start=frame["start"].map(as_day), end=frame["end"].map(as_day))


def valid_on(frame: gpd.GeoDataFrame, day: date) -> gpd.GeoDataFrame:
    return frame[(frame["start"] <= day) & (frame["end"] > day)]


def periods_by_unit(frame: gpd.GeoDataFrame, day: date) -> dict[str, tuple]:
    rows = valid_on(frame, day)
    assert not rows["unit"].duplicated().any(), f"two periods of one unit on {day}"
    return {
        row.unit: (row.holder, row.within, row.status, row.regime, row.basis_doc,
                   row.basis_article, row.certainty, row.sources, row.start)
        for row in rows.itertuples()
    }  # fmt: skip


def engine_periods(atlas: Atlas, day: date) -> dict[str, tuple]:
    return {
        uid: (p.holder, p.within, p.status, p.regime, p.basis_doc, p.basis_article,
              p.certainty, " | ".join(p.sources), p.start)
        for uid, us in atlas.state_at(day).units.items()
        for p in [us.period]
    }  # fmt: skip


def claims_on(frame: gpd.GeoDataFrame, day: date) -> set[tuple]:
    return {(r.unit, r.claimant, r.kind, r.start) for r in valid_on(frame, day).itertuples()}


def engine_claims(atlas: Atlas, day: date) -> set[tuple]:
    return {
        (uid, c.claimant, c.kind, c.start)
        for uid, us in atlas.state_at(day).units.items()
        for c in us.claims
    }


@pytest.mark.parametrize("kind", ["gpkg", "geojson"])
def test_features_valid_on_each_day_are_the_engines_state(
    atlas: Atlas, written: dict[str, Path], kind: str
) -> None:
    if kind == "gpkg":
        path = written[f"{timelayer.BASENAME}.gpkg"]
        periods = gpd.read_file(path, layer=timelayer.PERIODS_LAYER)
        claims = gpd.read_file(path, layer=timelayer.CLAIMS_LAYER)
    else:
        periods = gpd.read_file(written[f"{timelayer.BASENAME}_periods.geojson"])
        claims = gpd.read_file(written[f"{timelayer.BASENAME}_claims.geojson"])
    periods, claims = with_days(periods), with_days(claims)
    days = sample_days(atlas)
    assert len(days) > 150
    for day in days:
        assert periods_by_unit(periods, day) == engine_periods(atlas, day), day
        assert claims_on(claims, day) == engine_claims(atlas, day), day


def test_every_period_and_claim_is_one_feature_with_its_units_outline(
    atlas: Atlas, written: dict[str, Path]
) -> None:
    path = written[f"{timelayer.BASENAME}.gpkg"]
    periods = gpd.read_file(path, layer=timelayer.PERIODS_LAYER)
    claims = gpd.read_file(path, layer=timelayer.CLAIMS_LAYER)
    assert len(periods) == sum(len(atlas.history(uid)) for uid in atlas.units)
    assert len(claims) == sum(len(atlas.claims_of(uid)) for uid in atlas.units)
    assert list(periods.columns[:-1]) == list(timelayer.PERIOD_FIELDS)
    assert list(claims.columns[:-1]) == list(timelayer.CLAIM_FIELDS)
    assert periods.crs.to_epsg() == 4326
    assert periods.geometry.notna().all() and periods.geometry.is_valid.all()
    kars = periods[periods["unit"] == "kars"].geometry.iloc[0]
    assert kars.representative_point().within(kars)


def test_dates_are_date_fields_and_open_ends_are_marked(
    atlas: Atlas, written: dict[str, Path]
) -> None:
    path = written[f"{timelayer.BASENAME}.gpkg"]
    for layer in (timelayer.PERIODS_LAYER, timelayer.CLAIMS_LAYER):
        info = pyogrio.read_info(path, layer=layer)
        types = dict(zip(info["fields"], info["ogr_types"], strict=True))
        assert types["start"] == types["end"] == "OFTDate", layer
    periods = gpd.read_file(path, layer=timelayer.PERIODS_LAYER)
    open_rows = periods[periods["end_open"]]
    assert len(open_rows) == sum(
        1 for uid in atlas.units for p in atlas.history(uid) if p.end is None
    )
    assert set(open_rows["end"].map(as_day)) == {timelayer.OPEN_END}
    assert (periods["days"] > 0).all()


def test_geojson_is_reproducible_rfc7946_with_iso_dates(atlas: Atlas) -> None:
    frame = timelayer.periods_frame(atlas)
    text = timelayer.geojson_text(frame)
    assert text == timelayer.geojson_text(timelayer.periods_frame(atlas))
    data = json.loads(text)
    assert "crs" not in data and len(data["features"]) == len(frame)
    first = data["features"][0]["properties"]
    assert first["start"] == date.fromisoformat(first["start"]).isoformat()
    assert text.count("\n") == len(frame) + 2  # opening line, features, closing line


def test_cli_writes_three_files_and_refuses_a_file_as_out_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert timelayer.main(["--out", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted([f"{timelayer.BASENAME}.gpkg",
                            f"{timelayer.BASENAME}_claims.geojson",
                            f"{timelayer.BASENAME}_periods.geojson"])  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SystemExit) as exit_info:
        timelayer.main(["--out", str(blocker)])
    assert exit_info.value.code == 2
    assert "not a directory" in capsys.readouterr().err


def test_geopackage_download_is_a_geopackage_with_both_layers(atlas: Atlas, tmp_path: Path) -> None:
    blob = timelayer.geopackage_bytes(atlas)
    assert blob.startswith(b"SQLite format 3\x00")
    path = tmp_path / "download.gpkg"
    path.write_bytes(blob)
    assert [name for name, _ in pyogrio.list_layers(path)] == [
        timelayer.PERIODS_LAYER, timelayer.CLAIMS_LAYER]


def test_readme_documents_every_field() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in [*timelayer.PERIOD_FIELDS, *timelayer.CLAIM_FIELDS]:
        assert f"| `{name}` |" in readme or f"`{name}`" in readme, name
    assert "Separate Fields for Start and End Date/Time" in readme
    assert "Single Field with Date/Time" in readme
