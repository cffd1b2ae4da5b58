"""AppTest runs of the treaties, timeline, regions and sources pages on small fixture data.

The data is the shared fixture with hostile strings planted (tests/hostile.py) plus two
documents of our own: a Treaty of Moscow whose Article II concerns Batumi, and a Sèvres that
never came into force with markup in its title.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import textwrap
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from geo.engine import dossiers
from geo.engine.search import Alias
from geo.engine.timeline import Atlas
from geo.paths import DATA, ROOT, shared_dir
from geo.records import aid
from geo.web import minimaps
from tests.hostile import HOSTILE_NAME, hostile_data

APP = str(ROOT / "app.py")
KARSKY = "karsky-ataturk-conversation-1937"

MOSCOW = """
id: treaty-of-moscow-1921
title: Treaty of Friendship and Brotherhood
short_title: Treaty of Moscow
kind: treaty
title_effect: transfers
dates: {signed: 1921-03-16, ratified: null, in_force: null, never_in_force: false, note: n}
parties: [Soviet Russia (RSFSR), Turkey (Grand National Assembly)]
summary: Fixture summary of Moscow.
texts:
  - {file: sources/texts/m.ru.md, language: ru, edition: Fixture edition, completeness: partial}
articles:
  - article: "I"
    title: Frontier
    summary: Frontier summary.
    regions: []
    quotes: []
  - article: "II"
    title: Batum
    summary: Batum summary.
    regions: [batumi]
    show_on_map: 1921-03-19
    show_on_map_note: Soviet rule proclaimed in Batum.
    quotes:
      - {file: sources/texts/m.ru.md, text: "Турция соглашается *уступить*", gloss: Our gloss.}
sources: [https://example.org/moscow]
"""

SEVRES = """
id: treaty-of-sevres-1920
title: "Treaty of Sèvres <script>alert(5)</script>"
short_title: "Treaty of Sèvres <b>bold</b>"
kind: treaty
title_effect: transfers
dates: {signed: 1920-08-10, ratified: null, in_force: null, never_in_force: true, note: n}
parties: [British Empire, Turkey (Ottoman government)]
summary: "Never ratified. <img src=x onerror=alert(6)>"
texts: []
articles:
  - article: "89"
    title: Armenia
    summary: Arbitration by the US President.
    regions: [kars]
    show_on_map: 1920-08-10
    show_on_map_note: Signing day.
    quotes: []
sources: [https://example.org/sevres]
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = hostile_data(tmp_path_factory.mktemp("pages"))
    (data / "documents" / "treaty-of-moscow-1921.yaml").write_text(MOSCOW, encoding="utf-8")
    (data / "documents" / "treaty-of-sevres-1920.yaml").write_text(SEVRES, encoding="utf-8")
    (data / "SOURCES.md").write_text("# Fixture sources\n\nNatural Earth.\n", encoding="utf-8")
    shutil.copy(DATA / "documents" / f"{KARSKY}.yaml", data / "documents")
    shutil.copytree(DATA / "texts", data / "texts")
    return data


@pytest.fixture
def app(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BORDERLANDS_DATA", str(data_dir))

    def run(page: str, **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(f"app_pages/{page}.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def links(at: AppTest, root=None) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(label, page url path, query params) of every page link."""
    found = (root or at).get("page_link")
    return [(p.proto.label, p.proto.page, parse_qs(p.proto.query_string)) for p in found]


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in [*at.header, *at.subheader]]
    parts += [w.value for w in at.warning] + [c.value for c in at.code]
    return "\n".join(parts)


def assert_markdown_escaped(at: AppTest) -> None:
    """No Markdown block may allow HTML or hold an unescaped ``<`` (Streamlit would strip it)."""
    for block in [*at.markdown, *at.caption]:
        assert not block.proto.allow_html, block.value
        assert not re.search(r"(?<!\\)<", block.value), block.value


def test_list_shows_every_document_by_date_and_filters(app) -> None:
    at = app("treaties")
    labels = [label for label, page, _ in links(at) if page == "treaties"]
    assert labels[0].startswith("1878")  # Berlin first
    assert any("Sèvres" in label and "never in force" in label for label in labels)
    assert len(labels) == 7
    at.multiselect(key="treaties-region").set_value(["batumi"]).run()
    shown = [label for label, page, _ in links(at) if page == "treaties"]
    assert len(shown) == 2 and any("Moscow" in s for s in shown)  # Berlin and Moscow concern it
    at.multiselect(key="treaties-region").set_value([]).run()
    at.multiselect(key="treaties-party").set_value(["British Empire"]).run()
    shown = [label for label, page, _ in links(at) if page == "treaties"]
    assert len(shown) == 1 and "Sèvres" in shown[0]


def test_document_view_labels_summary_and_links_territorial_article(app) -> None:
    at = app("treaties", doc="treaty-of-moscow-1921")
    assert at.title[0].value == "Treaty of Moscow"
    text = all_text(at)
    assert "Our summary" in text and "Fixture summary of Moscow" in text
    assert "partial" in text
    show = [(label, page, q) for label, page, q in links(at) if label.startswith("Show on map")]
    assert show == [
        ("Show on map (1921-03-19)", "", {"date": ["1921-03-19"], "region": ["batumi"]})
    ]
    citation = at.code[0].value
    for part in ("Treaty of Friendship and Brotherhood", "1921-03-16", "Fixture edition",
                 "/treaties?doc=treaty-of-moscow-1921", "data version"):
        assert part in citation
    assert len(at.get("download_button")) == 2


def test_quotes_are_shown_escaped_and_never_in_force_is_flagged(app) -> None:
    at = app("treaties", doc="treaty-of-moscow-1921")
    quote = next(m.value for m in at.markdown if m.value.startswith(">"))
    assert r"\*уступить\*" in quote  # Markdown stars escaped, the words unchanged
    at = app("treaties", doc="treaty-of-sevres-1920")
    assert any("never came into force" in w.value for w in at.warning)
    assert at.metric[2].value == "never"
    assert_markdown_escaped(at)


def test_unknown_document_falls_back_to_the_list(app) -> None:
    at = app("treaties", doc="no-such-doc")
    assert at.title[0].value == "Treaties & documents"
    assert at.warning


def test_timeline_chart_select_box_and_atlas_link(app) -> None:
    at = app("timeline", event="treaty-of-moscow")
    assert at.get("vega_lite_chart")
    assert at.selectbox(key="timeline-event").value == "treaty-of-moscow"
    atlas = [q for label, page, q in links(at) if page == "" and label.startswith("Open the Atlas")]
    assert {"date": ["1921-03-16"], "region": ["kars"]} in atlas
    at.selectbox(key="timeline-event").set_value("treaty-of-kars").run()
    assert at.query_params["event"] == "treaty-of-kars"


def test_timeline_lists_every_event_as_text_with_atlas_links(app) -> None:
    at = app("timeline")
    table = next(h.proto.body for h in at.get("html") if "atlas-events" in h.proto.body)
    atlas = Atlas.load(Path(os.environ["BORDERLANDS_DATA"]))
    assert table.count("<tr>") == len(atlas.events) + 1
    assert '<th scope="col">Date</th>' in table
    assert '<a href="/?date=1921-03-16&amp;region=kars">Atlas on 16 March 1921</a>' in table
    assert "<img" not in table and "<script" not in table  # hostile titles arrive escaped
    at.multiselect(key="timeline-regions").set_value(["batumi"]).run()
    table = next(h.proto.body for h in at.get("html") if "atlas-events" in h.proto.body)
    shown = [e for e in atlas.events if "batumi" in e.units]
    assert table.count("<tr>") == len(shown) + 1


def test_timeline_shows_the_soviet_aid_table(app) -> None:
    at = app("timeline", show="aid")
    assert at.header[0].value.startswith("Soviet aid")
    table = at.dataframe[0].value
    assert "39,000 rifles" in set(table["As the source gives it"])


def test_region_dossier_tables_maps_names_and_documents(app) -> None:
    at = app("regions", region="batumi")
    assert at.selectbox(key="regions-section").value == "batumi"
    periods = at.dataframe[1].value
    assert list(periods["From"])[:2] == ["1878-07-13", "1918-04-14"]
    assert len(at.get("image")) >= 1
    docs = [q for _, page, q in links(at) if page == "treaties"]
    assert {"doc": ["treaty-of-moscow-1921"]} in docs
    names = at.dataframe[0].value
    assert "Batumi" in set(names["Name"])


def test_straits_units_open_the_straits_section(app) -> None:
    at = app("regions", region="straits-gallipoli")
    assert at.selectbox(key="regions-section").value == "straits"
    assert "Lausanne" in " ".join(at.dataframe[1].value["Status"])


def test_hostile_region_name_is_escaped_in_dossier(app) -> None:
    at = app("regions", region="kars")
    assert at.header[0].value == HOSTILE_NAME  # headers show text; Streamlit escapes it
    assert_markdown_escaped(at)


def test_sources_page_renders_sources_and_methods(app) -> None:
    at = app("sources")
    text = all_text(at)
    assert "Fixture sources" in text and "How this map was made" in text
    assert at.dataframe
    assert "Title passes at signature" in text


@pytest.mark.parametrize(("query", "label"), [("Batoum", "Batumi"), ("qars", "")])
def test_sidebar_search_links_to_the_right_page(app, query: str, label: str) -> None:
    at = app("sources")
    at.sidebar.text_input(key="search-query").input(query).run()
    found = links(at, at.sidebar)
    assert found
    if label:
        assert found[0][0] == label and found[0][1] == "regions"
        assert found[0][2] == {"region": ["batumi"]}


def test_aid_figures_are_the_seeds_words() -> None:
    seed_path = shared_dir() / "seeds" / "soviet-union-turkey-relations.txt"
    if not seed_path.is_file():
        pytest.skip("shared seed not available")
    seed = " ".join(seed_path.read_text(encoding="utf-8").split())
    footnote = "Haydar Çakmak: ''Türk dış politikası, 1919-2008'', Platin, 2008, , page 126. "
    seed_without_footnote = seed.replace(footnote, " ")
    items = aid.load_aid()
    assert [i.id for i in items][:3] == ["rifles", "machine-guns", "cannon"]
    for item in items:
        assert item.figure in seed_without_footnote, item.figure
        assert item.sources and item.source_file.startswith("seeds/")
    with aid.AID_CSV.open(encoding="utf-8") as fh:
        assert all(row["sources"].startswith("https://") for row in csv.DictReader(fh))


def test_aid_quantities_match_the_figures() -> None:
    by_id = {i.id: i for i in aid.load_aid()}
    assert aid.format_quantity(by_id["cartridges"]) == "63,000,000 rounds"
    assert aid.format_quantity(by_id["gold"]) == "200.6 kg"
    assert textwrap.shorten(by_id["lira"].figure, 40) == "10.7 million Turkish lira"


def test_show_on_map_link_wins_over_the_sessions_old_view(app) -> None:
    at = app("atlas", date="1930-01-01")
    at.query_params["date"] = "1921-03-19"
    at.query_params["region"] = "batumi"
    at.run()
    assert at.session_state["atlas_date"] == date(1921, 3, 19)
    assert at.session_state["atlas_region"] == "batumi"
    at.run()  # the Atlas's own URL does not reset a later change
    assert at.session_state["atlas_date"] == date(1921, 3, 19)


def test_complete_source_shows_the_derived_full_text_with_attribution(app) -> None:
    at = app("treaties", doc=KARSKY)
    assert at.expander, "no full-text expander"
    body = " ".join(m.value for m in at.expander[0].markdown)
    assert "in the best family there are some misunderstandings" in body
    edition = at.expander[0].caption[0].value
    assert "Edition" in edition and "Licence" in edition


def test_dossier_queries_on_the_fixture(data_dir: Path) -> None:
    atlas = Atlas.load(data_dir)
    assert dossiers.change_days(atlas, "batumi")[:2] == [date(1878, 7, 13), date(1918, 4, 14)]
    assert dossiers.regions_of(atlas, "treaty-of-moscow-1921") >= {"batumi", "kars"}
    assert [d.id for d in dossiers.documents_for(atlas, "batumi")][:2] == [
        "treaty-of-berlin-1878", "treaty-of-moscow-1921"
    ]
    alias = Alias("region", "batumi", "", "Батуми", "ru", "https://example.org")
    names = dossiers.local_names(atlas.units["batumi"], [alias])
    assert names[0] == ("English", "Batumi")


def test_minimap_is_numbers_and_colours_only(data_dir: Path) -> None:
    atlas = Atlas.load(data_dir)
    bounds = minimaps.frame(atlas.geometries["kars"])
    svg = minimaps.minimap_svg(atlas.geometries, {"kars": "#CC6677"}, ["kars"], bounds)
    assert svg.startswith("<svg") and 'fill="#CC6677"' in svg
    assert not re.search(r">[^<]+<", svg)  # no text nodes at all
    with pytest.raises(ValueError):
        minimaps.minimap_svg(atlas.geometries, {"kars": "red;<script>"}, ["kars"], bounds)


def test_minimap_label_is_its_escaped_text_alternative(data_dir: Path) -> None:
    atlas = Atlas.load(data_dir)
    bounds = minimaps.frame(atlas.geometries["kars"])
    svg = minimaps.minimap_svg(atlas.geometries, {}, ["kars"], bounds, label='Kars <b>"1921"')
    label = "Kars &lt;b&gt;&#34;1921&#34;"
    assert f'role="img" aria-label="{label}"><title>{label}</title>' in svg


def test_region_dossier_small_maps_have_text_alternatives(app) -> None:
    at = app("regions", region="batumi")
    alts = [img.alt for element in at.get("image") for img in element.proto.imgs]
    assert alts and all(alt.startswith("Map of Batumi (outlined) and its neighbours on ")
                        for alt in alts)  # fmt: skip


def test_map_view_citation_block_for_the_atlas(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("BORDERLANDS_DATA", str(data_dir))

    def script() -> None:
        from datetime import date

        from app_pages.common import load_atlas
        from app_pages.reference_widgets import map_view_citation

        map_view_citation(load_atlas(), date(1921, 3, 19), "batumi")

    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.code and not at.get("download_button")  # built only on request
    at.toggle(key="w_cite").set_value(True).run()
    text = at.code[0].value
    assert "1921-03-19" in text and "Batumi" in text and "data version" in text
    assert "/?date=1921-03-19&region=batumi" in text
    assert len(at.get("download_button")) == 2
