"""Where the project's data and the shared reference sources live.

The shared folder sits beside the checkout (``../shared``) on developer machines and in CI; the
``BORDERLANDS_SHARED`` environment variable overrides it so that tests can point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
STATIC = ROOT / "static"


def shared_dir() -> Path:
    """Return the shared reference folder (it may not exist: callers must check)."""
    override = os.environ.get("BORDERLANDS_SHARED")
    return Path(override) if override else ROOT.parent / "shared"


def shared_available() -> bool:
    return (shared_dir() / "sources").is_dir()
