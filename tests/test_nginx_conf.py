"""The nginx configuration of ``scripts/serve.sh`` (``scripts/nginx_conf.py``), as text."""

from __future__ import annotations

import os

import pytest

from tests.script_modules import load_script

nginx_conf = load_script("nginx_conf")


def test_streamlit_frontend_is_served_by_nginx_without_the_replica_cookie(tmp_path) -> None:
    frontend = tmp_path / "st" / "static"
    text = nginx_conf.render("127.0.0.1:8080", str(tmp_path / "run"), [8601, 8602], frontend)
    block = text[text.index("location /static/ {"):]
    block = block[:block.index("\n        }\n")]
    assert f"alias {frontend}/;" in block
    assert "text/javascript js;" in block and "Set-Cookie" not in block
    assert "immutable" in block


def test_without_a_readable_frontend_the_replicas_send_it(tmp_path) -> None:
    text = nginx_conf.render("127.0.0.1:8080", str(tmp_path / "run"), [8601, 8602], None)
    assert "location /static/" not in text and "location / {" in text


def test_an_unusual_static_path_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="unusual path"):
        nginx_conf.render("127.0.0.1:8080", str(tmp_path / "run"), [8601], tmp_path / "st;evil")


def test_a_private_folder_is_not_given_to_nginx_workers_under_root(tmp_path, monkeypatch) -> None:
    private = tmp_path / "home"
    frontend = private / "static"
    frontend.mkdir(parents=True)
    (frontend / "index.js").write_text("x")
    os.chmod(frontend / "index.js", 0o644)
    os.chmod(frontend, 0o755)
    monkeypatch.setattr(nginx_conf.os, "geteuid", lambda: 0)
    os.chmod(private, 0o700)
    assert not nginx_conf.readable_by_workers(frontend)
    os.chmod(private, 0o755)
    tmp_path.chmod(0o755)
    opened = all(path.stat().st_mode & 0o001 for path in tmp_path.parents)
    assert nginx_conf.readable_by_workers(frontend) is opened
    os.chmod(frontend / "index.js", 0o600)
    assert not nginx_conf.readable_by_workers(frontend)
    monkeypatch.setattr(nginx_conf.os, "geteuid", lambda: 1000)
    assert nginx_conf.readable_by_workers(frontend)


def test_the_installed_frontend_is_found() -> None:
    folder = nginx_conf.static_folder()
    assert folder is None or (folder / "js").is_dir()
