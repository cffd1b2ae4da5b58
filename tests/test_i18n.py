"""The interface in English, Turkish and Russian: complete catalogues, every page in every
language, the ``?lang=`` parameter (fallback, escaping, persistence) and locale formats.

The catalogue test extracts the messages from the sources exactly as ``scripts/i18n-update.sh``
does; when it fails after a change of interface text, run that script and translate.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from app_pages import i18n
from geo.records.documents import KINDS as DOCUMENT_KINDS
from geo.records.model import (
    CERTAINTIES,
    CLAIM_KINDS,
    EVENT_KINDS,
    MAP_FIELDS,
    RESOLUTIONS,
    STATUS_LABELS,
    UNIT_KINDS,
)
from tests.app_helpers import open_page

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
HOSTILE = "<img src=x onerror=alert(1)>${alert(1)}"


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BORDERLANDS_DATA", raising=False)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory):
    """The template as the update script would write it now, from the current sources."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot),
        "--add-comments=TRANSLATORS:", str(ROOT),
    ])
    with pot.open("rb") as handle:
        return read_po(handle)


def message_ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def load_catalog(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def test_template_is_current(extracted) -> None:
    committed = load_catalog(i18n.LOCALES_DIR / "messages.pot")
    assert message_ids(committed) == message_ids(extracted), "run scripts/i18n-update.sh"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_is_complete(extracted, code: str) -> None:
    catalog = load_catalog(i18n.po_path(code), i18n.LOCALES[code])
    wanted, have = message_ids(extracted), message_ids(catalog)
    assert not wanted - have, f"missing in {code} (run scripts/i18n-update.sh, then translate)"
    assert not have - wanted, f"messages no longer in the sources remain in {code}"
    assert not catalog.obsolete, f"obsolete messages in {code}"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"fuzzy in {code}: {message.id!r}"
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(forms) == (catalog.num_plurals if message.pluralizable else 1)
        assert all(forms), f"untranslated in {code}: {message.id!r}"
        source = message.id[0] if message.pluralizable else message.id
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), (
                f"placeholders differ in {code}: {message.id!r}")
        assert not list(message.check(catalog)), f"format error in {code}: {message.id!r}"


def test_every_vocabulary_word_is_translatable() -> None:
    words = {*STATUS_LABELS, *CERTAINTIES, *UNIT_KINDS, *RESOLUTIONS, *CLAIM_KINDS,
             *EVENT_KINDS, *DOCUMENT_KINDS, *MAP_FIELDS, "complete", "partial"}
    assert not words - set(i18n.VOCABULARY)


def test_locale_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    day = date(1921, 3, 16)
    expected = {"en": ("16 March 1921", "12,345"), "tr": ("16 Mart 1921", "12.345"),
                "ru": ("16 марта 1921\u202fг.", "12\xa0345")}
    for code, (long, number) in expected.items():
        monkeypatch.setattr(i18n, "current", lambda code=code: code)
        assert (i18n.long_date(day), i18n.number(12345.4)) == (long, number)


# Each page with its parameters and one heading or label per language, which proves that the
# page was translated.
PAGES = [
    ("app_pages/atlas.py", {"date": "1921-10-13", "region": "batumi"},
     {"tr": "Bölge", "ru": "Регион"}),
    ("app_pages/timeline.py", {}, {"tr": "Zaman çizelgesi", "ru": "Хронология"}),
    ("app_pages/regions.py", {"region": "nakhchivan"},
     {"tr": "Bölge dosyaları", "ru": "Досье регионов"}),
    ("app_pages/treaties.py", {}, {"tr": "Antlaşmalar ve belgeler", "ru": "Договоры и документы"}),
    ("app_pages/treaties.py", {"doc": "treaty-of-kars-1921"},
     {"tr": "Tüm belgeler", "ru": "Все документы"}),
    ("app_pages/compare.py", {}, {"tr": "İki tarihi karşılaştır", "ru": "Сравнение двух дат"}),
    ("app_pages/tours.py", {}, {"tr": "Seminer turları", "ru": "Семинарские экскурсии"}),
    ("app_pages/tour.py", {"tour": "batumi-1918-1921", "scene": "2"},
     {"tr": "İleri ▶", "ru": "Далее ▶"}),
    ("app_pages/sources.py", {}, {"tr": "Bu harita nasıl yapıldı", "ru": "Как сделана эта карта"}),
]


def shown_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption",
                                       "info", "warning") for e in at.get(kind)]
    parts += [str(w.label) for kind in ("selectbox", "button", "multiselect", "slider",
                                        "text_input", "toggle") for w in at.get(kind)]
    parts += [link.proto.label for link in at.get("page_link")]
    return "\n".join(parts)


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize(("page", "params", "markers"), PAGES)
def test_every_page_renders_in_each_language(page: str, params: dict[str, str],
                                             markers: dict[str, str], code: str) -> None:
    at = open_page(page, **params, lang=code)
    assert not at.exception
    assert markers[code] in shown_text(at)
    assert at.query_params["lang"] in (code, [code])
    for link in at.get("page_link"):
        query = parse_qs(link.proto.query_string)
        assert query.get("lang") == [code], f"{link.proto.label} drops the language"


def test_place_names_follow_the_language() -> None:
    for code, name in (("tr", "Nahçıvan"), ("ru", "Нахичевань"), ("en", "Nakhchivan")):
        at = open_page("app_pages/atlas.py", date="1925-01-01", region="nakhchivan", lang=code)
        assert at.header[0].value == name


def test_treaty_links_in_text_carry_the_language() -> None:
    at = open_page("app_pages/atlas.py", date="1921-10-13", region="kars", lang="ru")
    links = re.findall(r"\]\((/treaties\?[^)]*)\)", shown_text(at))
    assert links and all("lang=ru" in link for link in links)


def map_states(at: AppTest) -> list[tuple[str, dict]]:
    """(base map script, state drawn by ``AtlasMap.styler``) of every map on the page."""
    found = []
    for component in at.get("component_instance"):
        if component.proto.component_name != "streamlit_folium.st_folium":
            continue
        args = json.loads(component.proto.json_args)
        call = re.search(r"AtlasMap\.styler\(\w+, ", args["feature_group"])
        assert call, "every map draws its state with AtlasMap.styler"
        found.append((args["script"],
                      json.JSONDecoder().raw_decode(args["feature_group"], call.end())[0]))
    return found


MAP_PAGES = [
    ("app_pages/atlas.py", {"date": "1946-01-01", "region": "kars"}, 1),
    ("app_pages/compare.py", {"a": "1914-06-01", "b": "1946-01-01"}, 2),
    ("app_pages/tour.py", {"tour": "batumi-1918-1921", "scene": "2"}, 1),
]


@pytest.mark.parametrize(("page", "params", "count"), MAP_PAGES)
def test_map_tooltips_and_controls_speak_the_language(page: str, params: dict[str, str],
                                                      count: int) -> None:
    at = open_page(page, **params, lang="tr")
    maps = map_states(at)
    assert len(maps) == count
    for script, state in maps:
        assert state["words"]["heldBy"] == "Hâkim güç"
        assert state["words"] == i18n.map_words("tr").browser()
        assert '"title": "Tam ekran"' in script
        statuses = {unit["props"]["status"] for unit in state["units"].values()}
        assert "egemenlik" in statuses and "sovereign" not in statuses


def test_map_unit_texts_follow_the_language() -> None:
    at = open_page("app_pages/atlas.py", date="1946-01-01", region="kars", lang="ru")
    (_script, state), = map_states(at)
    kars = state["units"]["kars"]["props"]
    assert state["units"]["nakhchivan"]["props"]["name"] == "Нахичевань"
    assert kars["status"] == i18n.translations("ru").gettext("sovereign")
    assert any("не действует" in claim for claim in kars["claims"])
    english = open_page("app_pages/atlas.py", date="1946-01-01", region="kars")
    (_script, state), = map_states(english)
    assert state["words"]["heldBy"] == "Held by"
    assert state["units"]["kars"]["props"]["status"] == "sovereign"


@pytest.mark.parametrize("value", ["de", "", HOSTILE])
def test_unknown_language_falls_back_to_english_with_a_notice(value: str) -> None:
    at = open_page("app_pages/treaties.py", lang=value)
    assert not at.exception
    notice = " ".join(str(w.value) for w in at.warning)
    assert "Unknown language" in notice
    assert "<img" not in re.sub(r"\\<img", "", notice), "hostile value reached Markdown"
    assert at.title[0].value == "Treaties & documents"
    assert "lang" not in at.query_params


def test_language_stays_when_the_page_changes() -> None:
    at = open_page("app_pages/regions.py", lang="tr")
    del at.query_params["lang"]  # Streamlit clears the parameters on a page change
    at.switch_page("app_pages/treaties.py").run()
    assert at.title[0].value == "Antlaşmalar ve belgeler"
    assert at.query_params["lang"] in ("tr", ["tr"])


def test_switch_changes_the_language_and_the_url() -> None:
    at = open_page("app_pages/sources.py")
    assert "lang" not in at.query_params
    at.selectbox(key=i18n.WIDGET).set_value("ru").run()
    assert at.title[0].value == "Источники"
    assert at.query_params["lang"] in ("ru", ["ru"])
    at.selectbox(key=i18n.WIDGET).set_value("en").run()
    assert at.title[0].value == "Sources"
    assert "lang" not in at.query_params


def test_tour_scene_names_its_article_in_the_language() -> None:
    at = open_page("app_pages/tour.py", tour="batumi-1918-1921", scene="2", lang="ru")
    article = i18n.translations("ru").gettext(", art. {article}").format(article="4")
    document = next(m.value for m in at.markdown if "/treaties?" in m.value).replace("\\", "")
    assert article in document and "Art. 4" not in document
