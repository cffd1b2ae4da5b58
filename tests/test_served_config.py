"""The served configuration (``.streamlit/config.toml``) switches Streamlit's message cache off.

Why: with the cache on, Streamlit 1.67 sends a reference instead of a large element (the map)
when the browser's last rerun request listed that element as cached. A request sent while a
whole-page run was still on its way lists what the browser held then; that run's end makes the
browser drop elements it has not used for a few runs, and every settled date's run of the time
control counts as one. The whole-page run the request then causes may refer to a map the
browser has just dropped: "Cached ForwardMsg MISS", and Streamlit gives the session up (a
"Connection error" dialog takes the keyboard focus from the slider). Seen with 30 sessions on
two replicas (README, "Serving a class").
"""

from __future__ import annotations

import tomllib

import pytest
from streamlit import config
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_cache import populate_hash_if_needed

from geo.paths import ROOT

OPTION = "global.minCachedMessageSize"


def served_option(key: str):
    section, name = key.split(".")
    options = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return options[section][name]


def large_element(size: int) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.markdown.body = "x" * size
    return msg


@pytest.fixture
def restore_option():
    before = config.get_option(OPTION)
    yield
    config.set_option(OPTION, before)


def test_no_message_streamlit_can_send_is_cached(restore_option) -> None:
    limit = served_option(OPTION)
    assert limit > config.get_option("server.maxMessageSize") * 1e6  # megabytes
    config.set_option(OPTION, limit)
    msg = large_element(20_000_000)
    populate_hash_if_needed(msg)
    assert not msg.metadata.cacheable


def test_the_option_is_the_one_the_pinned_streamlit_reads(restore_option) -> None:
    # A Streamlit upgrade that renames or drops it must fail here, not cache again silently.
    config.set_option(OPTION, 10_000)
    msg = large_element(20_000)
    populate_hash_if_needed(msg)
    assert msg.metadata.cacheable
