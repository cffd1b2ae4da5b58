"""Engine tests pinning the errata of issue 8 (docs/RESEARCH-CORRECTIONS.md, "Third review").

Each test names the erratum it guards, so a later edit that brings an old mistake back fails
with the reason in view.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.engine.timeline import Atlas
from geo.records import aid


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load()


def on(atlas: Atlas, unit: str, day: str) -> tuple[str, str]:
    period = atlas.state_at(date.fromisoformat(day)).units[unit].period
    return period.holder, period.status


def test_1_imbros_and_tenedos_return_in_autumn_1923_and_were_never_greek(atlas: Atlas) -> None:
    assert on(atlas, "straits-tenedos", "1923-09-19") == ("greece", "occupied")
    assert on(atlas, "straits-tenedos", "1923-09-20") == ("turkey", "sovereign")
    assert on(atlas, "straits-imbros", "1923-09-30") == ("greece", "occupied")
    assert on(atlas, "straits-imbros", "1923-10-01") == ("turkey", "sovereign")
    assert on(atlas, "straits-imbros", "1924-08-06") == ("turkey", "demilitarized")
    for unit in ("straits-imbros", "straits-tenedos"):
        greek = [p for p in atlas.history(unit) if p.holder == "greece"]
        assert {p.status for p in greek} == {"occupied"}


def test_2_nakhchivan_renamed_on_17_november_1990(atlas: Atlas) -> None:
    renamed = [e for e in atlas.events if e.id == "nakhchivan-renamed"]
    assert [e.date for e in renamed] == [date(1990, 11, 17)]


def test_3_crimea_unit_is_never_called_autonomous_as_a_whole(atlas: Atlas) -> None:
    assert {p.status for p in atlas.history("crimea-ukraine")} <= {
        "sovereign", "contested", "occupied"
    }
    assert "30 June 1945" in atlas.state_at(date(1950, 1, 1)).units["crimea-ukraine"].period.note


def test_4_lemnos_and_samothrace_basis_is_lausanne_and_the_dispute_is_drawn(atlas: Atlas) -> None:
    for unit in ("straits-lemnos", "straits-samothrace"):
        state = atlas.state_at(date(1950, 1, 1)).units[unit]
        assert (state.period.basis_doc, state.period.basis_article) == ("treaty-of-lausanne-1923",
                                                                        "12")
        assert [c.kind for c in state.claims] == ["disputed-regime"]
        assert on(atlas, unit, "1923-07-24") == ("greece", "sovereign")
        assert on(atlas, unit, "1924-08-06") == ("greece", "demilitarized")


@pytest.mark.parametrize(
    ("unit", "entered"),
    [("kars", "1918-04-25"), ("kagizman", "1918-04-25"), ("ardahan", "1918-04-25"),
     ("oltu", "1918-03-25"), ("artvin", "1918-04-14"), ("batumi", "1918-04-14")],
)
def test_5_brest_litovsk_ceded_nothing(atlas: Atlas, unit: str, entered: str) -> None:
    assert on(atlas, unit, entered) == ("ottoman-empire", "occupied")
    assert on(atlas, unit, "1918-06-03") == ("ottoman-empire", "occupied")
    assert on(atlas, unit, "1918-06-04") == ("ottoman-empire", "sovereign")
    assert all(p.basis_doc != "treaty-of-brest-litovsk-1918" or p.status != "sovereign"
               for p in atlas.history(unit))


def test_5_igdir_follows_the_same_reading(atlas: Atlas) -> None:
    assert on(atlas, "igdir", "1918-06-03") == ("ottoman-empire", "occupied")
    assert on(atlas, "igdir", "1918-06-04") == ("ottoman-empire", "sovereign")


def test_6_artvin_and_batumi_turn_russian_on_the_same_day(atlas: Atlas) -> None:
    for unit in ("artvin", "batumi"):
        assert on(atlas, unit, "1878-09-05") == ("ottoman-empire", "administered")
        assert on(atlas, unit, "1878-09-06") == ("russian-empire", "sovereign")


def test_7_nakhchivan_1920_is_a_soviet_republic_not_a_russian_occupation(atlas: Atlas) -> None:
    assert on(atlas, "nakhchivan", "1920-10-01") == ("nakhchivan-ssr", "contested")
    assert on(atlas, "nakhchivan", "1921-03-16") == ("azerbaijan-ssr", "autonomous")


def test_8_kars_government_shared_the_town_with_ottoman_troops(atlas: Atlas) -> None:
    period = atlas.state_at(date(1918, 12, 15)).units["kars"].period
    assert "Ottoman troops were still in the town" in period.basis_text


def test_9_soviet_demand_outside_kars_and_ardahan_is_marked_inferred(atlas: Atlas) -> None:
    day = date(1946, 1, 1)
    extents = {
        unit: {c.extent for c in atlas.state_at(day).units[unit].claims if c.kind == "demand"}
        for unit in ("kars", "ardahan", "oltu", "kagizman", "igdir", "artvin")
    }
    assert extents == {"kars": {"named"}, "ardahan": {"named"}, "oltu": {"inferred"},
                       "kagizman": {"inferred"}, "igdir": {"inferred"}, "artvin": {"inferred"}}


def test_11_ratification_dates_carry_their_source(atlas: Atlas) -> None:
    documents = atlas.documents
    for doc_id, day in (("treaty-of-moscow-1921", date(1921, 7, 31)),
                        ("soviet-turkish-treaty-1925", date(1926, 6, 30))):
        dates = documents[doc_id].dates
        assert dates.ratified == day
        assert dates.ratified_source.startswith("https://")


def test_10_aid_keeps_the_lira_figure_and_shows_the_gold_rouble_count() -> None:
    lira = {item.id: item for item in aid.load_aid()}["lira"]
    assert lira.quantity == 10_700_000
    assert "10 million gold roubles a year" in lira.note and "15 million" in lira.note
    assert any("karamdergisi" in url for url in lira.sources)
