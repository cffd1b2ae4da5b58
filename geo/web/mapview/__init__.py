"""The folium map of the atlas, split so that a date change re-sends only what changed.

``basemap``: the base map, identical on every rerun (streamlit-folium keeps the frame, and the
user's zoom, as long as its script does not change). ``state``: the date-dependent layer, a
style table per distinct state that the browser applies to shapes it fetched once.
``legend``: the legend under the map. ``words``: the map's own words (tooltips, control
titles) in the reader's language. ``colours``: fixed colours and escaping. ``assets``: the
map's own browser files (``static/app``). The browser side is ``static/app/js/atlas-map.js``.
"""

from geo.web.mapview.assets import app_asset_url, map_links
from geo.web.mapview.basemap import (
    BASEMAP_STYLES,
    CITY_LABEL_ZOOM,
    DEFAULT_VIEW,
    MAP_BOUNDS,
    MAP_HEIGHT,
    SMALL_LABEL_ZOOM,
    VIEWS,
    DayPainter,
    Label,
    MapCall,
    build_base_map,
)
from geo.web.mapview.colours import (
    FALLBACK_COLOURS,
    HOLDER_COLOURS,
    LAND_COLOUR,
    SEA_COLOUR,
    WATER_COLOUR,
    holder_colour,
    html_text,
    markdown_html_text,
    regime_colour,
)
from geo.web.mapview.legend import (
    SYMBOLS,
    AtlasLike,
    LegendEntry,
    day_legend_html,
    legend,
    legend_runs,
    symbols_html,
)
from geo.web.mapview.state import (
    OVERLAYS,
    StateLayers,
    StateStyler,
    View,
    display_geometry_json,
    make_pattern,
    pattern_spec,
    unit_style,
)
from geo.web.mapview.words import MapWords

__all__ = [
    "BASEMAP_STYLES",
    "CITY_LABEL_ZOOM",
    "DEFAULT_VIEW",
    "FALLBACK_COLOURS",
    "HOLDER_COLOURS",
    "LAND_COLOUR",
    "MAP_BOUNDS",
    "MAP_HEIGHT",
    "OVERLAYS",
    "SEA_COLOUR",
    "SMALL_LABEL_ZOOM",
    "SYMBOLS",
    "VIEWS",
    "WATER_COLOUR",
    "AtlasLike",
    "DayPainter",
    "Label",
    "LegendEntry",
    "MapCall",
    "MapWords",
    "StateLayers",
    "StateStyler",
    "View",
    "app_asset_url",
    "build_base_map",
    "day_legend_html",
    "display_geometry_json",
    "holder_colour",
    "html_text",
    "legend",
    "legend_runs",
    "make_pattern",
    "map_links",
    "markdown_html_text",
    "pattern_spec",
    "regime_colour",
    "symbols_html",
    "unit_style",
]
