"""What the browser receives: the folium map, offline exports, small maps and vendored assets."""
