"""CITATION.cff is generated and must carry the version of the data it sits beside."""

from __future__ import annotations

import yaml

from geo.records import citation_cff
from geo.records.version import data_hash


def test_committed_citation_matches_the_data() -> None:
    committed = citation_cff.CITATION_FILE.read_text(encoding="utf-8")
    assert committed == citation_cff.citation_text(), (
        "CITATION.cff is out of date with data/: run `python -m geo.records.citation_cff`"
    )


def test_citation_names_software_and_data_versions() -> None:
    record = yaml.safe_load(citation_cff.citation_text())
    assert record["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version"} <= set(record)
    assert record["type"] == "software"
    assert record["version"] == citation_cff.software_version()
    (data,) = [ref for ref in record["references"] if ref["type"] == "data"]
    assert data["version"] == data_hash()
    assert all(author.get("name") for author in data["authors"])
