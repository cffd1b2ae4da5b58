"""The recipe that turns modern source polygons into the atlas units.

Every country comes from one Natural Earth admin-0 polygon, and its sub-units are cut out of that
same polygon; the last unit of each country is the remainder. That is what makes the result an
exact coverage even though the admin-1 layers only match admin-0 to within a metre.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from shapely.geometry.base import BaseGeometry

from geo.pipeline.geometry_ops import BOX, buffer_km, cut_and_assign, part_near, polygons
from geo.pipeline.inputs import DigitizedLine, Place, read_layer

COUNTRY_UNITS = {
    "ARM": "armenia",
    "BGR": "bulgaria",
    "CYP": "cyprus",
    "ESB": "cyprus",
    "GRC": "greece",
    "IRN": "iran",
    "IRQ": "iraq",
    "KAZ": "kazakhstan",
    "LBN": "lebanon",
    "MDA": "moldova",
    "MKD": "balkans-west",
    "ROU": "romania",
    "RUS": "north-caucasus",
    "SRB": "balkans-west",
    "SYR": "syria",
    "UKR": "crimea-ukraine",
    "WSB": "cyprus",
}
SPLIT_COUNTRIES = ("AZE", "GEO", "TUR")
BOSPORUS_KM = 15.0
DARDANELLES_ASIA_KM = 20.0
RABBIT_ISLANDS_RADIUS_KM = 0.7
ISLAND_SNAP_KM = 8.0

NE_ADMIN0 = "Natural Earth admin-0 countries (ne_10m_admin0)"


@dataclass
class UnitShape:
    geometry: BaseGeometry
    method: str
    source_units: list[str]
    lines: list[str] = field(default_factory=list)


def _country_geometries() -> dict[str, BaseGeometry]:
    admin0 = read_layer("ne_10m_admin0")
    return {
        code: shapely.intersection(shapely.union_all(group.geometry.values), BOX)
        for code, group in sorted(admin0.groupby("ADM0_A3"))
    }


def _context_units(countries: dict[str, BaseGeometry]) -> dict[str, UnitShape]:
    grouped: dict[str, list[str]] = {}
    for code in sorted(countries):
        if code in SPLIT_COUNTRIES:
            continue
        if code not in COUNTRY_UNITS:
            raise ValueError(f"admin-0 country {code} in the box has no unit")
        grouped.setdefault(COUNTRY_UNITS[code], []).append(code)
    units = {}
    for unit, codes in grouped.items():
        units[unit] = UnitShape(
            shapely.union_all([countries[c] for c in codes]),
            f"{NE_ADMIN0}, {', '.join(codes)}, clipped to the study box; drawn at today's extent.",
            [f"ne_10m_admin0:{c}" for c in codes],
        )
    return units


def _georgia(countries: dict[str, BaseGeometry]) -> dict[str, UnitShape]:
    geo = countries["GEO"]
    adm1 = read_layer("geo_adm1").set_index("adm1_code")
    batumi = shapely.intersection(adm1.loc["GEO-3027"].geometry, geo)
    return {
        "batumi": UnitShape(
            batumi,
            "The Ajaria region of Natural Earth's Georgia admin-1 layer, trimmed to the admin-0 "
            "outline. Modern Adjara matches the Batum okrug and the Adjar ASSR closely; the "
            "coastal end at Sarp is the 1921 line, not the 1878 one.",
            ["geo_adm1:GEO-3027"],
        ),
        "georgia": UnitShape(
            shapely.difference(geo, batumi),
            f"{NE_ADMIN0}, GEO, without Ajaria; drawn at today's extent (Abkhazia and South "
            "Ossetia included as Natural Earth's German-view file has them).",
            ["ne_10m_admin0:GEO"],
        ),
    }


def _azerbaijan(countries: dict[str, BaseGeometry]) -> dict[str, UnitShape]:
    aze = countries["AZE"]
    adm1 = read_layer("aze_adm1")
    rayons = adm1[adm1["nakhchivan_ar"].astype(bool)].sort_values("adm1_code")
    nakhchivan = shapely.intersection(shapely.union_all(rayons.geometry.values), aze)
    return {
        "nakhchivan": UnitShape(
            nakhchivan,
            "Union of the eight Nakhchivan rayons of Natural Earth's Azerbaijan admin-1 layer. "
            "The modern outline stands for the 1924 ASSR; the pre-1918 uezds and the 1932 "
            "Turkish-Iranian exchange near Little Ararat are not drawn.",
            [f"aze_adm1:{c}" for c in rayons["adm1_code"]],
        ),
        "azerbaijan": UnitShape(
            shapely.difference(aze, nakhchivan),
            f"{NE_ADMIN0}, AZE, without Nakhchivan; drawn at today's extent.",
            ["ne_10m_admin0:AZE"],
        ),
    }


def _greece(countries: dict[str, BaseGeometry], places: dict[str, Place]) -> dict[str, UnitShape]:
    grc = countries["GRC"]
    lemnos = part_near(grc, places["lemnos"].point, ISLAND_SNAP_KM)
    samothrace = part_near(grc, places["samothrace"].point, ISLAND_SNAP_KM)
    island = "The Natural Earth admin-0 Greece part at the island's sourced position."
    return {
        "straits-lemnos": UnitShape(lemnos, island, ["ne_10m_admin0:GRC"]),
        "straits-samothrace": UnitShape(samothrace, island, ["ne_10m_admin0:GRC"]),
        "greece": UnitShape(
            shapely.difference(grc, shapely.union_all([lemnos, samothrace])),
            f"{NE_ADMIN0}, GRC, without Lemnos and Samothrace; drawn at today's extent.",
            ["ne_10m_admin0:GRC"],
        ),
    }


def _sea_water(name: str, land: BaseGeometry) -> BaseGeometry:
    marine = read_layer("ne_10m_marine_polys")
    water = shapely.union_all(marine[marine["name"] == name].geometry.values)
    return shapely.difference(water, land)


def _turkey(
    countries: dict[str, BaseGeometry],
    places: dict[str, Place],
    lines: dict[str, DigitizedLine],
) -> dict[str, UnitShape]:
    tur = countries["TUR"]
    land = shapely.union_all(list(countries.values()))
    provinces = read_layer("tur_adm1").set_index("iso_3166_2")

    def province(code: str) -> BaseGeometry:
        return shapely.intersection(provinces.loc[code].geometry, tur)

    def pts(*ids: str):
        return [places[i].point for i in ids]

    parts = polygons(tur)
    thrace = part_near(tur, places["gelibolu"].point, 3.0)
    anatolia_main = part_near(tur, places["canakkale"].point, 3.0)
    imbros = part_near(tur, places["gokceada"].point, ISLAND_SNAP_KM)
    tenedos = part_near(tur, places["tenedos"].point, ISLAND_SNAP_KM)
    named = [thrace, anatolia_main, imbros, tenedos]
    marmara = [p for p in parts if not any(p.equals(n) for n in named)]
    balikesir = provinces.loc["TR-10"].geometry
    if not marmara or not all(balikesir.covers(p.representative_point()) for p in marmara):
        raise ValueError("unexpected Turkey admin-0 parts outside Balıkesir's islands")

    kars_cut = cut_and_assign(
        province("TR-36"),
        [lines["kagizman-okrug"].line],
        {
            "kars": pts("kars", "sarikamis", "agadeve"),
            "kagizman": pts("kagizman", "digor", "kotek", "karaurgan"),
        },
        default="kars",
    )
    artvin_cut = cut_and_assign(
        province("TR-08"),
        [lines["lazistan-1878"].line, lines["berlin-1878"].line],
        {
            "lazistan-east": pts("hopa", "kemalpasa"),
            "artvin": pts("artvin", "ardanuc", "savsat", "murgul"),
            "anatolia": pts("yusufeli"),
        },
        default="anatolia",
    )
    erzurum_cut = cut_and_assign(
        province("TR-25"),
        [lines["berlin-1878"].line],
        {"oltu": pts("oltu", "olur", "senkaya", "bardiz", "narman"), "anatolia": pts("tortum")},
        default="anatolia",
    )

    bosporus = buffer_km(_sea_water("Bosporus", land), BOSPORUS_KM)
    karabiga, troas = places["karabiga"].point, places["eski-istanbul"].point
    window = shapely.box(25.0, troas.y, karabiga.x, 41.0)
    sea_near = shapely.difference(shapely.intersection(window.buffer(0.5), BOX), land)
    dardanelles_asia = shapely.intersection(
        shapely.intersection(anatolia_main, window), buffer_km(sea_near, DARDANELLES_ASIA_KM)
    )
    rabbit = shapely.difference(
        buffer_km(places["rabbit-islands"].point, RABBIT_ISLANDS_RADIUS_KM), land
    )

    units: dict[str, UnitShape] = {
        "straits-imbros": UnitShape(
            imbros,
            "The Natural Earth admin-0 Turkey part at Gökçeada's sourced position.",
            ["ne_10m_admin0:TUR"],
        ),
        "straits-tenedos": UnitShape(
            tenedos,
            "The Natural Earth admin-0 Turkey part at Bozcaada's sourced position.",
            ["ne_10m_admin0:TUR"],
        ),
        "straits-marmara-islands": UnitShape(
            shapely.union_all(marmara),
            "The island parts of Natural Earth's Turkey in the Sea of Marmara (Marmara and "
            "Avşa). The Princes' Islands, Paşalimanı, Ekinlik and other small islands are not "
            "in Natural Earth and are not drawn.",
            ["ne_10m_admin0:TUR", "tur_adm1:TR-10"],
        ),
        "straits-rabbit-islands": UnitShape(
            rabbit,
            "Not in Natural Earth: a circle of 0.7 km radius around the islands' sourced "
            "position, standing for the group (largest islet about 2 km by 600 m). Position "
            "and shape are symbolic.",
            ["places:rabbit-islands"],
        ),
        "straits-gallipoli": UnitShape(
            shapely.intersection(thrace, province("TR-17")),
            "The European part of Çanakkale province (Natural Earth admin-1), standing for the "
            "zone south-east of the Saros-Marmara line. Bakla Burnu and Kumbağ, the line's end "
            "points, have no coordinates in the sources found; the treaty zone probably "
            "reached further north-east along the Marmara coast (Şarköy, towards Kumbağ), "
            "which is drawn in Eastern Thrace.",
            ["tur_adm1:TR-17", "ne_10m_admin0:TUR"],
        ),
        "straits-bosporus-europe": UnitShape(
            shapely.intersection(thrace, bosporus),
            "European land within 15 km of the Bosporus water (Natural Earth marine polygon), "
            "buffered in an equidistant projection.",
            ["ne_10m_marine_polys:Bosporus", "ne_10m_admin0:TUR"],
        ),
        "straits-bosporus-asia": UnitShape(
            shapely.intersection(anatolia_main, bosporus),
            "Asian land within 15 km of the Bosporus water (Natural Earth marine polygon), "
            "buffered in an equidistant projection.",
            ["ne_10m_marine_polys:Bosporus", "ne_10m_admin0:TUR"],
        ),
        "straits-dardanelles-asia": UnitShape(
            dardanelles_asia,
            "Asian land within 20 km of the sea, between the latitude of Eski İstanbul (the "
            "ruins of Alexandria Troas, opposite Bozcaada, stand for the cape where the strip "
            "starts) and the meridian of Karabiga (it ends on the Marmara north of Karabiga); "
            "distances in an equidistant projection.",
            ["ne_10m_admin0:TUR", "places:eski-istanbul", "places:karabiga"],
        ),
        "kars": UnitShape(
            kars_cut["kars"],
            "Kars province (Natural Earth admin-1), north of the digitized boundary of the "
            "Kağızman okrug. Its boundary with Ardahan is the modern provincial one; the Amasia "
            "area of the old Kars okrug lies in Armenia and is not drawn here.",
            ["tur_adm1:TR-36"],
            ["kagizman-okrug"],
        ),
        "kagizman": UnitShape(
            kars_cut["kagizman"],
            "Kars province (Natural Earth admin-1), south of the digitized boundary of the "
            "Kağızman okrug, which is placed between sourced villages and mountains known to "
            "lie on either side; the southern edge is the modern provincial boundary, standing "
            "for the Berlin line along the Aras-Murat watershed.",
            ["tur_adm1:TR-36"],
            ["kagizman-okrug"],
        ),
        "ardahan": UnitShape(
            province("TR-75"),
            "Ardahan province (Natural Earth admin-1), standing for the Ardahan okrug; the "
            "okrug's 1881 boundary change is not described in the sources found.",
            ["tur_adm1:TR-75"],
        ),
        "igdir": UnitShape(
            province("TR-76"),
            "Iğdır province (Natural Earth admin-1), standing for the Surmalu uezd, which made "
            "up most of it; the 1932 change near Little Ararat is not drawn.",
            ["tur_adm1:TR-76"],
        ),
        "oltu": UnitShape(
            erzurum_cut["oltu"],
            "Erzurum province (Natural Earth admin-1) north and east of the digitized Berlin "
            "1878 line, whose turning points south of Narman, west of Bardız and west of "
            "Karaurgan sit on sourced village coordinates; the north-south segment from the "
            "Çoruh is straight, as the treaty says, but its longitude is a construction.",
            ["tur_adm1:TR-25"],
            ["berlin-1878"],
        ),
        "artvin": UnitShape(
            artvin_cut["artvin"],
            "Artvin province (Natural Earth admin-1) east of the digitized 1878 Lazistan line "
            "and north and east of the Berlin 1878 line, which leaves the north-eastern corner "
            "of Yusufeli district to Russia and the town itself (Ottoman Kiskim) outside.",
            ["tur_adm1:TR-08"],
            ["lazistan-1878", "berlin-1878"],
        ),
        "lazistan-east": UnitShape(
            artvin_cut["lazistan-east"],
            "Artvin province (Natural Earth admin-1) west of the digitized 1878 Lazistan line: "
            "the Hopa, Arhavi and Kemalpaşa coast.",
            ["tur_adm1:TR-08"],
            ["lazistan-1878"],
        ),
    }
    straits_and_focus = shapely.union_all([u.geometry for u in units.values()])
    units["eastern-thrace"] = UnitShape(
        shapely.difference(thrace, straits_and_focus),
        f"{NE_ADMIN0}, TUR, European part, without the Straits units; drawn at today's extent.",
        ["ne_10m_admin0:TUR"],
    )
    taken = shapely.union_all([u.geometry for u in units.values()])
    units["anatolia"] = UnitShape(
        shapely.difference(tur, taken),
        f"{NE_ADMIN0}, TUR, Asian part, without the focus, Lazistan and Straits units (the "
        "Ottoman south of Yusufeli and of the Berlin line in Erzurum included); drawn at "
        "today's extent.",
        ["ne_10m_admin0:TUR", "tur_adm1:TR-08", "tur_adm1:TR-25"],
        ["lazistan-1878", "berlin-1878"],
    )
    return units


def build_unit_shapes(
    places: dict[str, Place], lines: dict[str, DigitizedLine]
) -> dict[str, UnitShape]:
    countries = _country_geometries()
    units = _context_units(countries)
    for part in (
        _georgia(countries),
        _azerbaijan(countries),
        _greece(countries, places),
        _turkey(countries, places, lines),
    ):
        units.update(part)
    return dict(sorted(units.items()))
