"""Open the time-enabled GeoPackage in QGIS itself and list what its temporal filter shows.

Run with Debian's Python, which has the QGIS bindings (``apt-get install python3-qgis``); the
project's venv does not::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py LAYER.gpkg 1921-10-13 ...

For each layer it sets the temporal properties the README tells a user to set, asks a Temporal
Controller (``QgsTemporalNavigationObject``, one-day frames) for the frame that starts on each
date, and reads the features QGIS would draw in that frame: the layer's own filter expression
for the frame's range, exactly as the map renderer builds it. Printed as one JSON object:

* ``expressions``: periods, "Start and End Date/Time from Expressions" (``to_datetime("start")``,
  ``to_datetime("end")``, include start, exclude end), unit id -> holder id on each date: the
  map the atlas shows.
* ``claims``: claims, same configuration, the sorted "unit claimant" pairs on each date.
* ``rendered``: the periods layer in that configuration, filled with its ``colour`` field and
  drawn by QGIS's map renderer for each frame: focus unit id -> colour drawn inside it.
* ``separate``: periods, "Separate Fields for Start and End" (``start``, ``end``), the sorted
  "unit holder" pairs drawn on each date. QGIS 3.22 compares a date field with the frame's
  date-time as text, so ``start`` < frame end holds when ``start`` is the day the frame ends
  on: the next period of a region that changes the day after shows as well.
* ``single``: periods, "Single Field with Date/Time" (``start``) with an event duration of one
  day, the sorted unit ids drawn on each date (the regions whose period began that day or,
  by the same comparison, the next day).
* ``qgis``, ``fields`` (QGIS type of ``start`` and ``end``), ``extent`` (the range the
  controller's "Set to full range" gives for both layers) and ``frames`` (one-year frames over
  that range).

Exit status 2 when the file or a layer cannot be opened.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDateTimeRange,
    QgsExpression,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsInterval,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTemporalNavigationObject,
    QgsTemporalUtils,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsVectorLayerTemporalProperties,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime
from qgis.PyQt.QtGui import QColor

SEPARATE = QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields
SINGLE = QgsVectorLayerTemporalProperties.ModeFeatureDateTimeInstantFromField
EXPRESSIONS = QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions
FOCUS = ("ardahan", "artvin", "batumi", "igdir", "kagizman", "kars", "nakhchivan", "oltu")
CAUCASUS = QgsRectangle(40.5, 38.5, 46.5, 42.5)  # lon/lat frame around the focus regions


def open_layer(path: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        print(f"cannot open layer {name!r} of {path}", file=sys.stderr)
        sys.exit(2)
    return layer


def separate_fields(layer: QgsVectorLayer) -> None:
    """Layer Properties > Temporal: Separate Fields for Start and End Date/Time."""
    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(SEPARATE)
    props.setStartField("start")
    props.setEndField("end")
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)


def from_expressions(layer: QgsVectorLayer) -> None:
    """Layer Properties > Temporal: Start and End Date/Time from Expressions (date-times)."""
    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(EXPRESSIONS)
    props.setStartExpression('to_datetime("start")')
    props.setEndExpression('to_datetime("end")')
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)


def single_field(layer: QgsVectorLayer) -> None:
    """Layer Properties > Temporal: Single Field with Date/Time, event duration one day."""
    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(SINGLE)
    props.setStartField("start")
    props.setFixedDuration(1)
    props.setDurationUnits(QgsUnitTypes.TemporalDays)
    props.setAccumulateFeatures(False)


def day_controller(extent: QgsDateTimeRange) -> QgsTemporalNavigationObject:
    """The Temporal Controller in animated mode with one-day frames over ``extent``."""
    controller = QgsTemporalNavigationObject()
    controller.setNavigationMode(QgsTemporalNavigationObject.Animated)
    controller.setTemporalExtents(extent)
    controller.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
    return controller


def frame_on(controller: QgsTemporalNavigationObject, day: date) -> QgsDateTimeRange:
    start = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
    frame = controller.findBestFrameNumberForFrameStart(start)
    found = controller.dateTimeRangeForFrameNumber(frame)
    if found.begin() != start:
        raise SystemExit(f"no frame starts on {day}")
    return found


def visible(layer: QgsVectorLayer, frame: QgsDateTimeRange, *fields: str) -> list[list[str]]:
    """Attribute values of the features the renderer draws in ``frame``, sorted."""
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = layer.temporalProperties().createFilterString(context, frame)
    request = QgsFeatureRequest(QgsExpression(expression)) if expression else QgsFeatureRequest()
    return sorted([str(feature[name]) for name in fields] for feature in layer.getFeatures(request))


def colour_by_field(layer: QgsVectorLayer) -> None:
    """Symbology: a simple fill without outline whose colour comes from the ``colour`` field."""
    symbol = QgsFillSymbol.createSimple({"color": "#ffffff", "outline_style": "no"})
    symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor,
                                                 QgsProperty.fromField("colour"))  # fmt: skip
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def inside_points(layer: QgsVectorLayer) -> dict[str, QgsPointXY]:
    """A point inside each focus region's outline (every period of a unit has the same one)."""
    points = {}
    for feature in layer.getFeatures():
        if feature["unit"] in FOCUS and feature["unit"] not in points:
            points[feature["unit"]] = feature.geometry().pointOnSurface().asPoint()
    return points


def rendered_colours(layer: QgsVectorLayer, frame: QgsDateTimeRange,
                     points: dict[str, QgsPointXY]) -> dict[str, str]:  # fmt: skip
    """Draw the map of ``frame`` as QGIS's renderer does and read the colour at each point."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(600, 400))
    settings.setExtent(CAUCASUS)
    settings.setFlag(QgsMapSettings.Antialiasing, False)
    settings.setIsTemporal(True)
    settings.setTemporalRange(frame)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    pixels = {unit: settings.mapToPixel().transform(point) for unit, point in points.items()}
    return {unit: QColor(image.pixel(round(p.x()), round(p.y()))).name()
            for unit, p in pixels.items()}  # fmt: skip


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, days = argv[0], [date.fromisoformat(text) for text in argv[1:]]
    app = QgsApplication([], False)
    app.initQgis()
    periods, claims = open_layer(path, "periods"), open_layer(path, "claims")
    from_expressions(periods)
    from_expressions(claims)
    project = QgsProject.instance()
    project.addMapLayers([periods, claims])
    extent = QgsTemporalUtils.calculateTemporalRangeForProject(project)  # "Set to full range"
    controller = day_controller(extent)
    years = QgsTemporalNavigationObject()
    years.setTemporalExtents(extent)
    years.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalYears))
    frames = {day: frame_on(controller, day) for day in days}
    result = {
        "qgis": Qgis.QGIS_VERSION,
        "fields": {name: periods.fields().field(name).typeName() for name in ("start", "end")},
        "extent": [extent.begin().toString("yyyy-MM-dd"), extent.end().toString("yyyy-MM-dd")],
        "frames": years.totalFrameCount(),
        "expressions": {day.isoformat(): dict(visible(periods, frame, "unit", "holder"))
                        for day, frame in frames.items()},
        "claims": {day.isoformat(): [" ".join(pair) for pair in
                                     visible(claims, frame, "unit", "claimant")]
                   for day, frame in frames.items()},
    }  # fmt: skip
    colour_by_field(periods)
    points = inside_points(periods)
    result["rendered"] = {day.isoformat(): rendered_colours(periods, frame, points)
                          for day, frame in frames.items()}  # fmt: skip
    separate_fields(periods)
    result["separate"] = {day.isoformat(): [" ".join(pair) for pair in
                                            visible(periods, frame, "unit", "holder")]
                          for day, frame in frames.items()}  # fmt: skip
    single_field(periods)
    result["single"] = {day.isoformat(): [unit for (unit,) in visible(periods, frame, "unit")]
                        for day, frame in frames.items()}  # fmt: skip
    print(json.dumps(result, indent=1, sort_keys=True))
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
