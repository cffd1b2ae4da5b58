"""The Sources page's "Download the data" section: the data package, the time layer, the citation.

Imported by ``app_pages/sources.py``; renders nothing on import. Every file is made only when its
button is clicked (deferred download data) and cached per data version, so the section costs
nothing on a rerun and a second click is instant.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import streamlit as st

from app_pages.common import data_dir, load_atlas
from app_pages.i18n import _
from geo.records import citation_cff
from geo.records.version import data_files, data_hash
from geo.web import timelayer

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed member dates: the same data gives the same archive


def data_zip(folder: Path) -> bytes:
    """Every file of ``data/`` under ``data/`` in the archive, in path order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in data_files(folder):
            info = zipfile.ZipInfo("data/" + path.relative_to(folder).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


@st.cache_data(show_spinner=False, max_entries=2)
def cached_zip(folder: str, version: str) -> bytes:
    """``version`` keys the cache: new data, new archive."""
    return data_zip(Path(folder))


@st.cache_data(show_spinner=False, max_entries=2)
def cached_layer(folder: str, version: str, kind: str) -> bytes:
    atlas = load_atlas()
    if kind == "gpkg":
        return timelayer.geopackage_bytes(atlas)
    return timelayer.geojson_text(timelayer.layers(atlas)[kind]).encode("utf-8")


def show_downloads() -> None:
    folder = data_dir()
    version = data_hash(folder)
    st.header(_("Download the data"))
    st.caption(_(
        "Data version {version}. The files are made from the same data the map shows; "
        "cite the version with them (see the citation below)."
    ).format(version=version))
    st.subheader(_("Data package"))
    package = folder / "datapackage.json"
    if package.is_file():
        st.markdown(_(
            "The archive holds every table, outline and document file of the atlas with "
            "`data/datapackage.json`, a Frictionless Data Package description of every file: "
            "each table's fields, their types, allowed values and meanings, and each file's "
            "licences and sources. `frictionless validate data/datapackage.json` checks the "
            "tables against it."
        ))
    else:
        st.markdown(_("The archive holds every table, outline and document file of the atlas."))
    zip_col, package_col = st.columns(2)
    zip_col.download_button(
        _("Data package (ZIP)"),
        lambda: cached_zip(str(folder), version),
        file_name=f"borderlands-atlas_data_{version}.zip",
        mime="application/zip",
        key="sources_dl_data",
    )
    if package.is_file():
        package_col.download_button(
            _("datapackage.json alone"),
            package.read_bytes(),
            file_name="datapackage.json",
            mime="application/json",
            key="sources_dl_datapackage",
        )
    st.subheader(_("Time-enabled layer for QGIS"))
    st.markdown(_(
        "The whole chronology as features: one per region and period, with the region's "
        "outline, `start` and `end` dates, holder, status, legal basis, certainty, uncertainty "
        "and sources; claims as a second layer. In QGIS, set each layer's Temporal properties "
        "to *Start and End Date/Time from Expressions* with `to_datetime(\"start\")` and "
        "`to_datetime(\"end\")` and play the Temporal Controller; the README lists every "
        "field and the steps. An open end is written as 1991-12-27 with `end_open` true."
    ))
    gpkg_col, periods_col, claims_col = st.columns(3)
    gpkg_col.download_button(
        _("GeoPackage (periods + claims)"),
        lambda: cached_layer(str(folder), version, "gpkg"),
        file_name=f"{timelayer.BASENAME}.gpkg",
        mime="application/geopackage+sqlite3",
        key="sources_dl_gpkg",
    )
    for column, layer in ((periods_col, timelayer.PERIODS_LAYER),
                          (claims_col, timelayer.CLAIMS_LAYER)):  # fmt: skip
        column.download_button(
            _("GeoJSON: {layer}").format(layer=layer),
            lambda layer=layer: cached_layer(str(folder), version, layer),
            file_name=f"{timelayer.BASENAME}_{layer}.geojson",
            mime="application/geo+json",
            key=f"sources_dl_{layer}",
        )
    st.subheader(_("How to cite"))
    text = citation_cff.citation_text(folder)
    st.markdown(_(
        "`CITATION.cff` names the software and the data version; reference managers and "
        "code hosts read it. The citation buttons on the Atlas and document pages give a "
        "ready-made reference for one view."
    ))
    st.download_button("CITATION.cff", text, file_name="CITATION.cff", mime="text/yaml",
                       key="sources_dl_cff")  # fmt: skip
