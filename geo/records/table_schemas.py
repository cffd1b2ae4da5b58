"""The schema of every CSV file in ``data/``: columns, types, allowed values and meanings.

This is the one place a column is defined. The loaders read the core tables through it, the
validator checks the reference tables with it, and ``data/datapackage.json`` is generated from it
(``python -m geo.records.datapackage``). Allowed values come from ``geo.records.model`` so the
engine, the validator and the package agree on them.
"""

from __future__ import annotations

from geo.records.model import (
    CERTAINTIES,
    CLAIM_EXTENTS,
    CLAIM_KINDS,
    EVENT_KINDS,
    HOLDER_KINDS,
    RESOLUTIONS,
    STATUSES,
    UNIT_KINDS,
)
from geo.records.schema import Field, ForeignKey, Table

ID = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_TEXT = "an id of lower-case letters, digits and single hyphens"
URL = r"https?://[^\s|]+"
URLS = rf"{URL}( \| {URL})*"
URLS_TEXT = "one or more http(s) URLs separated by ' | '"
DATE_RANGE = r"\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}"
# The atlas frame (22-50°E, 34-46°N): every sourced place lies inside it.
LON_RANGE = (22.0, 50.0)
LAT_RANGE = (34.0, 46.0)


def id_field(name: str, description: str, *, required: bool = True,
             unique: bool = False) -> Field:  # fmt: skip
    return Field(name, "string", description, required=required, unique=unique, pattern=ID,
                 pattern_text=ID_TEXT)  # fmt: skip


def sources_field(description: str = "URLs of the sources, separated by ' | '") -> Field:
    return Field("sources", "string", description, required=True, pattern=URLS,
                 pattern_text=URLS_TEXT)  # fmt: skip


def text(name: str, description: str, *, required: bool = False) -> Field:
    return Field(name, "string", description, required=required)


def name_field(code: str, language: str) -> Field:
    return text(f"name_{code}", f"name of the unit in {language}, where a source gives it")


UNITS = Table(
    path="units.csv",
    name="units",
    title="Regions (units) of the map",
    description=(
        "One row per piece of land the map draws, sorted by id. Who held a unit comes from "
        "the chronology; its outline is in units.geojson."
    ),
    fields=(
        id_field("id", "unit id", unique=True),
        Field("kind", "string", "focus region, Straits zone or context area", required=True,
              enum=UNIT_KINDS),
        text("name_en", "English display name", required=True),
        name_field("tr", "Turkish"),
        name_field("ru", "Russian"),
        name_field("hy", "Armenian"),
        name_field("ka", "Georgian"),
        name_field("az", "Azerbaijani"),
        text("alt_names", "other spellings, separated by ' | ' (used by search)"),
        text("historical_unit", "the historical administrative unit the outline stands for"),
        text("modern_equivalent", "the modern area the outline corresponds to"),
        Field("resolution", "string",
              "historical (drawn to the historical unit) or modern-outline (a context area "
              "drawn at today's extent, whose inner changes are not drawn)",
              required=True, enum=RESOLUTIONS),
        Field("uncertainty_km", "number",
              "how far the drawn boundary may lie from the historical one, in km",
              required=True, minimum=0),
        sources_field(),
    ),
    primary_key=("id",),
)

HOLDERS = Table(
    path="holders.csv",
    name="holders",
    title="Holders: states, union republics, alliances and authorities",
    description="Everyone who held or claimed a unit, sorted by id.",
    fields=(
        id_field("id", "holder id", unique=True),
        text("name", "full name", required=True),
        text("short_name", "name shown on the map and in the legend"),
        Field("kind", "string", "what sort of holder", required=True, enum=HOLDER_KINDS),
        id_field("parent", "for a union republic: the state it belonged to", required=False),
        sources_field(),
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey("parent", "", "id"),),
)

CHRONOLOGY = Table(
    path="chronology.csv",
    name="chronology",
    title="Chronology: who held each unit, when, and on what basis",
    description=(
        "One row per unit per period of control, sorted by unit, then start. Periods are "
        "half-open: a period holds from start up to the day before end; the next period of "
        "the unit starts on that end day. Every unit has exactly one holder on every day from "
        "1878-07-13 to 1991-12-26."
    ),
    fields=(
        id_field("unit", "unit id (units.csv)"),
        Field("start", "date", "first day of the period", required=True),
        Field("end", "date",
              "first day the period no longer holds; empty when it runs past 1991-12-26"),
        Field("start_range", "string",
              "where sources disagree on the start: earliest..latest date, else empty",
              pattern=DATE_RANGE, pattern_text="a range YYYY-MM-DD..YYYY-MM-DD"),
        id_field("holder", "holder id (holders.csv)"),
        id_field("within", "union republic or state the unit sat within, else empty",
                 required=False),
        Field("status", "string", "how the holder held the unit", required=True,
              enum=STATUSES),
        text("regime", "Straits units: the Straits regime in force (e.g. Montreux 1936)"),
        id_field("basis_doc", "document the period rests on (data/documents/), else empty",
                 required=False),
        text("basis_article", "article of that document, else empty"),
        text("basis_text", "the legal or factual basis, in the project's own words",
             required=True),
        Field("certainty", "string",
              "firm; approximate (date or extent approximate); disputed (sources conflict)",
              required=True, enum=CERTAINTIES),
        sources_field(),
        text("note", "the project's note: conflicts between sources, which date was chosen"),
    ),
    primary_key=("unit", "start"),
    foreign_keys=(
        ForeignKey("unit", "units", "id"),
        ForeignKey("holder", "holders", "id"),
        ForeignKey("within", "holders", "id"),
    ),
)

CLAIMS = Table(
    path="claims.csv",
    name="claims",
    title="Claims laid over units",
    description=(
        "Claims, awards, demands and treaties never in force that lay over a unit without "
        "changing who held it. Dates are half-open like the chronology's."
    ),
    fields=(
        id_field("unit", "unit id the claim lies over (units.csv)"),
        Field("start", "date", "first day of the claim", required=True),
        Field("end", "date", "first day the claim no longer stands; empty if it outlasts 1991"),
        id_field("claimant", "holder id of the claimant (holders.csv)"),
        id_field("within", "union republic of a Soviet claim, else empty", required=False),
        Field("kind", "string", "what sort of claim", required=True, enum=CLAIM_KINDS),
        id_field("basis_doc", "document the claim rests on, else empty", required=False),
        text("basis_article", "article of that document, else empty"),
        text("basis_text", "the basis in the project's own words", required=True),
        Field("in_force", "boolean", "whether the claim rested on a text in force",
              required=True),
        Field("extent", "string", "named (the text names the area) or inferred (deduced by the "
              "project)", required=True, enum=CLAIM_EXTENTS),
        sources_field(),
        text("note", "the project's note on the claim"),
    ),
    primary_key=("unit", "start", "claimant"),
    foreign_keys=(
        ForeignKey("unit", "units", "id"),
        ForeignKey("claimant", "holders", "id"),
        ForeignKey("within", "holders", "id"),
    ),
)

EVENTS = Table(
    path="events.csv",
    name="events",
    title="Events on the timeline",
    description=(
        "Treaties, wars, occupations and diplomatic steps, sorted by date; a few fall in "
        "1877, before the map's range. Summaries are the project's own words."
    ),
    fields=(
        Field("date", "date", "day of the event", required=True),
        id_field("id", "event id", unique=True),
        text("title", "short title", required=True),
        Field("kind", "string", "what sort of event", required=True, enum=EVENT_KINDS),
        Field("units", "string", "ids of the units concerned, separated by ' | '",
              pattern=rf"{ID}( \| {ID})*", pattern_text="unit ids separated by ' | '"),
        text("summary", "what happened, in the project's own words", required=True),
        id_field("doc", "document id (data/documents/), else empty", required=False),
        text("article", "article of that document, else empty"),
        sources_field(),
    ),
)

SEARCH_ALIASES = Table(
    path="search_aliases.csv",
    name="search-aliases",
    title="Extra spellings for search",
    description=(
        "Former, Armenian, Russian and Turkish names of regions and documents that the unit "
        "table does not carry, each with the page it comes from."
    ),
    fields=(
        Field("kind", "string", "what the name leads to", required=True,
              enum=("region", "document", "event")),
        id_field("target", "id of the unit, document or event"),
        text("place", "the town the name belongs to, when it is not the region's own name"),
        text("name", "the spelling", required=True),
        Field("language", "string", "ISO 639-1 code of the language of the spelling",
              required=True, pattern="[a-z]{2}", pattern_text="a two-letter language code"),
        sources_field(),
    ),
)

SOVIET_AID = Table(
    path="soviet_aid_1920_1922.csv",
    name="soviet-aid-1920-1922",
    title="Soviet aid to the Ankara government, 1920-1922",
    description=(
        "Totals of Soviet material and financial aid as one secondary source reports them, "
        "in that source's order, each with its figure in the source's own words."
    ),
    fields=(
        id_field("id", "row id", unique=True),
        text("category", "arms, ammunition, vessels, gold, money or grant", required=True),
        text("item", "what was given", required=True),
        Field("quantity", "number", "the figure as a number", required=True, minimum=0),
        text("unit", "unit of the quantity", required=True),
        text("figure", "the figure in the source's own words", required=True),
        text("source_file", "file in the shared reference folder the figure was read from",
             required=True),
        sources_field(),
        text("note", "the project's note on the figure"),
    ),
)

PLACES = Table(
    path="recipes/places.csv",
    name="places",
    title="Sourced places that steer the geometry build",
    description=(
        "Points the build uses to decide which side of a cut belongs to which unit; a piece "
        "holding places of two units stops the build."
    ),
    fields=(
        id_field("id", "place id", unique=True),
        text("name", "name of the place", required=True),
        Field("lon", "number", "longitude, WGS 84 degrees", required=True,
              minimum=LON_RANGE[0], maximum=LON_RANGE[1]),
        Field("lat", "number", "latitude, WGS 84 degrees", required=True,
              minimum=LAT_RANGE[0], maximum=LAT_RANGE[1]),
        Field("source", "string", "URL the coordinate comes from", required=True, pattern=URL,
              pattern_text="an http(s) URL"),
        text("note", "which unit the place belongs to and why"),
    ),
)

SOURCE_CLASSES = Table(
    path="sources.csv",
    name="source-classes",
    title="Class of every cited source",
    description=(
        "One row per URL cited anywhere in the data, with how much weight it can bear "
        "(docs/LEGAL-STATUS-CONVENTION.md and geo/records/source_classes.py name the classes)."
    ),
    fields=(
        Field("url", "string", "the cited URL", required=True, unique=True, pattern=URL,
              pattern_text="an http(s) URL"),
        Field("class", "string", "primary text, official publication, scholarly work, "
              "encyclopedia, secondary web page, or forum post / news item", required=True,
              enum=("primary-text", "official-publication", "scholarly-work", "encyclopedia",
                    "secondary-web", "forum-news")),
        text("note", "what the source is, in our words"),
    ),
)

CORE_TABLES = (UNITS, HOLDERS, CHRONOLOGY, CLAIMS, EVENTS)
REFERENCE_TABLES = (SEARCH_ALIASES, SOVIET_AID, PLACES, SOURCE_CLASSES)
TABLES = CORE_TABLES + REFERENCE_TABLES
