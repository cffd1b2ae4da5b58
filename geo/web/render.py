"""Jinja2 templates for the files the atlas writes itself (offline exports, handouts, SVG maps).

Every template is rendered with autoescape on, so text from the data reaches HTML and SVG escaped
without each caller remembering to do it; JSON for a ``<script>`` element goes through Jinja2's
``tojson`` filter, which escapes ``<``, ``>``, ``&`` and ``'`` so no string can close the element.
The browser code the exports carry lives in ``static/app/`` (linted and tested there) and is read
from those files here, never written in Python strings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from geo.paths import STATIC

TEMPLATES = Path(__file__).parent / "templates"
APP_STATIC = STATIC / "app"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


def render(name: str, **context: Any) -> Markup:
    """``templates/<name>`` filled with ``context``; the result is safe to place in other HTML."""
    return Markup(environment().get_template(name).render(**context))


def inline(text: str, tag: str) -> Markup:
    """A trusted script or style sheet as the body of a ``<script>``/``<style>`` element.

    Such an element ends at the first ``</tag``, so a file that contains one cannot be inlined;
    the files inlined are our own and the pinned Leaflet, and a new version that breaks this
    fails loudly instead of being rewritten.
    """
    if f"</{tag}" in text.lower():
        raise ValueError(f"cannot inline text containing '</{tag}'")
    return Markup(text)


def app_static(relative: str) -> str:
    """The text of one of the atlas's own browser files under ``static/app/``."""
    return (APP_STATIC / relative).read_text(encoding="utf-8")
