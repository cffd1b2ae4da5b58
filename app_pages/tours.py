"""Tour index: the shipped seminar tours, the lecturer's own tour, and its editor.

Thumbnails are small SVG drawings of each tour's last scene, made from the unit geometry (no
map library, no script), so the index stays light however many tours there are.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app_pages import i18n, routes
from app_pages.common import footer, load_atlas, long_date, md
from app_pages.i18n import _
from app_pages.tour_builder import (
    USER_TOUR_ID,
    load_uploaded,
    set_user_tour,
    shipped_tours,
    user_tour,
)
from geo.records.tours import (
    MAX_CAPTION_WORDS,
    Tour,
    dumps,
    move_scene,
    remove_scene,
    slugify,
    word_count,
)
from geo.web import exports

EDIT_ERROR = "seminar_edit_error"


@st.cache_data(show_spinner=False)
def thumbnail(tour_id: str, _tour: Tour, _atlas_id: int) -> str:
    scene = _tour.scenes[-1]
    return exports.svg_map(load_atlas(), scene.date, scene.bounds, width=220, height=150,
                           regions=scene.regions, label=thumbnail_label(_tour))  # fmt: skip


def thumbnail_label(tour: Tour) -> str:
    """The thumbnail in words: it draws the tour's last scene."""
    scene = tour.scenes[-1]
    return _("Map of the last scene, {date}: {title}").format(date=long_date(scene.date),
                                                             title=scene.title)


def tour_card(tour: Tour, atlas_id: int) -> None:
    first, last = tour.span
    with st.container(border=True, key=f"tour_card_{tour.id}"):
        picture, text = st.columns([1, 3])
        picture.image(thumbnail(tour.id, tour, atlas_id), width="stretch",
                      alt=thumbnail_label(tour))  # fmt: skip
        text.markdown(f"## {md(tour.title)}")
        text.caption(i18n.ngettext("{n} scene · {first}–{last}", "{n} scenes · {first}–{last}",
                                   len(tour.scenes)).format(n=len(tour.scenes), first=first.year,
                                                            last=last.year))
        if tour.summary:
            text.markdown(md(tour.summary))
        links = text.columns(3)
        links[0].page_link(routes.TOUR.page, label=_("▶ Present"),
                           query_params=i18n.link_params({"tour": tour.id, "scene": "1"}))
        links[1].download_button(
            _("Offline slideshow"),
            lambda: exports.tour_html(load_atlas(), tour),
            file_name=exports.export_filename("tour", "html", name=tour.id),
            mime="text/html",
            key=f"dl_html_{tour.id}",
        )
        links[2].download_button(
            _("Tour file (YAML)"),
            dumps(tour),
            file_name=exports.export_filename("tour", "yaml", name=tour.id),
            mime="application/x-yaml",
            key=f"dl_yaml_{tour.id}",
        )


def _move(index: int, offset: int) -> None:
    set_user_tour(move_scene(user_tour(), index, offset))


def _remove(index: int) -> None:
    set_user_tour(remove_scene(user_tour(), index))


def _edit(index: int) -> None:
    tour = user_tour()
    scenes = list(tour.scenes)
    caption = st.session_state[f"scene_caption_{index}"].strip() or scenes[index].caption
    if word_count(caption) > MAX_CAPTION_WORDS:
        st.session_state[EDIT_ERROR] = _(
            "Scene {n}: the caption has {words} words; shorten it to {limit} or fewer."
        ).format(n=index + 1, words=word_count(caption), limit=MAX_CAPTION_WORDS)
        return
    st.session_state[EDIT_ERROR] = ""
    scenes[index] = replace(
        scenes[index],
        title=st.session_state[f"scene_title_{index}"].strip() or scenes[index].title,
        caption=caption,
        question=st.session_state[f"scene_question_{index}"].strip() or None,
    )
    set_user_tour(replace(tour, scenes=tuple(scenes)))


def _retitle() -> None:
    title = st.session_state["user_tour_title"].strip() or _("My tour")
    set_user_tour(replace(user_tour(), title=title))


def editor(tour: Tour) -> None:
    """Reorder, caption and remove the scenes collected from the Atlas page."""
    st.text_input(_("Title"), tour.title, key="user_tour_title", on_change=_retitle)
    if st.session_state.get(EDIT_ERROR):
        st.error(md(st.session_state[EDIT_ERROR]))
    for i, scene in enumerate(tour.scenes):
        with st.container(border=True):
            head, up, down, drop = st.columns([8, 1, 1, 1])
            head.markdown(f"**{i + 1}. {md(scene.date.isoformat())}**: {md(scene.title)}")
            up.button("↑", key=f"up_{i}", on_click=_move, args=(i, -1), disabled=i == 0)
            down.button("↓", key=f"down_{i}", on_click=_move, args=(i, 1),
                        disabled=i == len(tour.scenes) - 1)  # fmt: skip
            drop.button("✕", key=f"drop_{i}", on_click=_remove, args=(i,))
            with st.expander(_("Edit caption and question")):
                st.text_input(_("Scene title"), scene.title, key=f"scene_title_{i}")
                st.text_area(_("Caption (at most {limit} words, your own words)")
                             .format(limit=MAX_CAPTION_WORDS),
                             scene.caption, key=f"scene_caption_{i}")  # fmt: skip
                st.text_input(_("Discussion question"), scene.question or "",
                              key=f"scene_question_{i}")  # fmt: skip
                st.button(_("Save scene"), key=f"save_{i}", on_click=_edit, args=(i,))


def my_tour_section() -> None:
    st.header(_("Your tour"))
    tour = user_tour()
    uploaded = st.file_uploader(_("Load a tour file (YAML)"), type=["yaml", "yml"])
    if uploaded is not None:
        text = uploaded.getvalue().decode("utf-8", errors="replace")
        installed, problems = load_uploaded(text)
        for problem in problems:
            (st.warning if installed else st.error)(md(problem))
        if installed:
            tour = user_tour()
            st.success(i18n.ngettext("Loaded {title} ({n} scene).", "Loaded {title} ({n} scenes).",
                                     len(tour.scenes)).format(title=md(tour.title),
                                                              n=len(tour.scenes)))
    if not tour or not tour.scenes:
        st.caption(_("On the Atlas page, use “Add this view as a tour scene” to collect scenes "
                     "here, or load a tour file."))  # fmt: skip
        return
    saved = replace(tour, id=slugify(tour.title) if tour.id == USER_TOUR_ID else tour.id)
    actions = st.columns(3)
    actions[0].page_link(routes.TOUR.page, label=_("▶ Present your tour"),
                         query_params=i18n.link_params({"tour": USER_TOUR_ID, "scene": "1"}))
    actions[1].download_button(
        _("Download tour file"),
        dumps(saved),
        file_name=exports.export_filename("tour", "yaml", name=saved.id),
        mime="application/x-yaml",
    )
    actions[2].button(_("Start over"), on_click=set_user_tour, args=(None,))
    editor(tour)


def render() -> None:
    atlas = load_atlas()
    st.title(_("Seminar tours"))
    st.caption(_("Step through a sequence of dated maps with a caption, a document and a "
                 "question for each. In the presentation view, a clicker or the arrow keys move "
                 "between scenes. Tour texts are in English."))  # fmt: skip
    for tour in shipped_tours().values():
        tour_card(tour, id(atlas))
    my_tour_section()
    footer()


render()
