"""Borderlands Atlas domain core: data model, timeline engine, geometry pipeline, map building.

Nothing in this package imports Streamlit, so the history can be queried, validated and tested
without a web server.
"""
