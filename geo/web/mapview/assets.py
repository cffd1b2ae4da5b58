"""The map's own browser files in ``static/app`` and the URLs Streamlit serves them at.

The JavaScript and CSS live in real files (linted and tested under ``tests/js``); Python only
links them into the map frame. Each URL carries a hash of the file, so a browser never runs an
old copy after an update.
"""

from __future__ import annotations

import hashlib
from functools import cache

from geo.paths import STATIC
from geo.web.vendor_assets import local_prefix

APP = STATIC / "app"
MAP_JS = "js/atlas-map.js"
MAP_CSS = "css/atlas-map.css"


@cache
def _digest(relative: str) -> str:
    return hashlib.sha256((APP / relative).read_bytes()).hexdigest()[:12]


def app_asset_url(relative: str, base_url_path: str = "") -> str:
    """Served URL of ``static/app/<relative>``, honouring ``server.baseUrlPath``."""
    return f"{local_prefix(base_url_path)}app/{relative}?v={_digest(relative)}"


def map_links(base_url_path: str = "") -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(js, css) links of the map's own code, in folium's ``default_js``/``default_css`` form."""
    return ([("atlas_map", app_asset_url(MAP_JS, base_url_path))],
            [("atlas_map_css", app_asset_url(MAP_CSS, base_url_path))])
