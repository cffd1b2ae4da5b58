"""Offline copies of folium's web assets, and the switch that makes folium link to them.

folium links Leaflet and every plugin from public CDNs; with no network the map stays blank.
The install step (``python -m geo.web.vendor_assets static``) copies each file folium names from
the pinned ``folium-offline`` package into the git-ignored ``static/vendor/`` folder, which
Streamlit serves at ``/app/static/vendor/``. At run time ``localize_folium_assets`` rewrites
folium's class-level link lists to those local paths. ``offlinefolium.elements._res`` is a
private dict keyed by folium 0.20.0's exact CDN URLs, which is why both packages are pinned and
the install fails loudly when a URL has no copy.

The same step copies the basemap layers from ``data/basemap/`` to the git-ignored
``static/geo/``: the browser fetches them by URL once, instead of receiving them again inside
every map update.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import folium
import folium.plugins  # noqa: F401  (imported so that every plugin class is registered)
from folium.elements import JSCSSMixin

from geo.paths import DATA, STATIC

MANIFEST = Path("vendor") / "manifest.json"
LOCAL_PREFIX = "app/static"
BASEMAP_LAYERS = ("land", "lakes", "rivers", "cities")


def _asset_classes() -> Iterator[type]:
    """Yield JSCSSMixin and all of its subclasses, depth first."""
    stack: list[type] = [JSCSSMixin]
    while stack:
        cls = stack.pop()
        yield cls
        stack.extend(cls.__subclasses__())


def wanted_urls() -> dict[str, str]:
    """Map every CDN URL named by a folium class to the file suffix it must be served with."""
    wanted: dict[str, str] = {}
    for cls in _asset_classes():
        for attr, suffix in (("default_js", ".js"), ("default_css", ".css")):
            for _, url in cls.__dict__.get(attr, []) or []:
                if url.startswith(("http://", "https://")):
                    wanted.setdefault(url, suffix)
    return dict(sorted(wanted.items()))


def local_relpath(url: str, suffix: str) -> str:
    """Path under ``static/`` for a CDN URL; extension-less URLs get a suffix for the MIME type."""
    parts = urlsplit(url)
    rel = Path("vendor") / parts.netloc / parts.path.lstrip("/")
    if rel.suffix not in (".js", ".css"):
        rel = rel.with_name(rel.name + suffix)
    return rel.as_posix()


def write_vendor(static: Path) -> int:
    """Write the offline copies and ``vendor/manifest.json`` under ``static``; return the count."""
    from offlinefolium.elements import _res

    wanted = wanted_urls()
    missing = [url for url in wanted if url not in _res]
    if missing:
        raise SystemExit(f"folium-offline has no copy of: {missing}")
    manifest: dict[str, str] = {}
    for url, suffix in wanted.items():
        rel = local_relpath(url, suffix)
        target = static / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_res[url], encoding="utf-8")
        manifest[url] = rel
    (static / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return len(manifest)


def local_prefix(base_url_path: str = "") -> str:
    """URL prefix under which Streamlit serves ``static/`` (it honours ``server.baseUrlPath``)."""
    return "/" + "/".join(p for p in (base_url_path.strip("/"), LOCAL_PREFIX) if p) + "/"


def localize_folium_assets(base_url_path: str = "", static: Path = STATIC) -> None:
    """Point every folium class at the local copies; idempotent, so safe on every rerun.

    Raises RuntimeError when an http(s) link has no local copy: a blank map offline is worse
    than a loud failure at start-up.
    """
    manifest_path = static / MANIFEST
    if not manifest_path.is_file():
        raise RuntimeError(
            f"{manifest_path} is missing: run "
            "`python -m geo.web.vendor_assets static` (setup.sh does)"
        )
    manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    prefix = local_prefix(base_url_path)
    for cls in _asset_classes():
        for attr in ("default_js", "default_css"):
            links = cls.__dict__.get(attr)
            if not links:
                continue
            new = []
            for name, url in links:
                if url in manifest:
                    url = prefix + manifest[url]
                elif url.startswith(("http://", "https://")):
                    raise RuntimeError(f"no local copy of {url}")
                new.append((name, url))
            links[:] = new


def asset_text(cls: type, name: str, static: Path = STATIC) -> str:
    """Text of the asset that folium class ``cls`` links under ``name`` (e.g. ``"leaflet"``).

    Exports inline these files so that a saved page opens with no network. Looking them up by
    folium's own link name works before and after ``localize_folium_assets`` has rewritten the
    URLs, and keeps CDN addresses out of the project: the installed copy is read when present,
    else the folium-offline package it comes from.
    """
    links = [*cls.__dict__.get("default_js", []), *cls.__dict__.get("default_css", [])]
    url = dict(links)[name]
    local = "/" + LOCAL_PREFIX + "/"
    if local in url:
        return (static / url.split(local, 1)[1]).read_text(encoding="utf-8")
    manifest_path = static / MANIFEST
    if manifest_path.is_file():
        rel = json.loads(manifest_path.read_text(encoding="utf-8")).get(url)
        if rel and (static / rel).is_file():
            return (static / rel).read_text(encoding="utf-8")
    from offlinefolium.elements import _res

    return _res[url]


def sync_static_geo(static: Path = STATIC, data: Path = DATA) -> list[str]:
    """Copy the basemap layers that exist into ``static/geo``; return the names now served.

    Cheap and idempotent, so the app also calls it at start-up: a rebuilt ``data/basemap``
    then reaches the browser without re-running the install step.
    """
    served = []
    for name in BASEMAP_LAYERS:
        source = data / "basemap" / f"{name}.geojson"
        target = static / "geo" / f"{name}.geojson"
        if not source.is_file():
            continue
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        served.append(name)
    return served


def basemap_urls(base_url_path: str = "", static: Path = STATIC) -> dict[str, str]:
    """URL of each basemap layer present under ``static/geo``."""
    prefix = local_prefix(base_url_path)
    return {
        name: f"{prefix}geo/{name}.geojson"
        for name in BASEMAP_LAYERS
        if (static / "geo" / f"{name}.geojson").is_file()
    }


def main(argv: list[str]) -> int:
    static = Path(argv[1]) if len(argv) > 1 else STATIC
    count = write_vendor(static)
    layers = sync_static_geo(static)
    print(f"wrote {count} offline asset files under {static / 'vendor'}")
    print(f"basemap layers served from {static / 'geo'}: {', '.join(layers) or 'none yet'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
