"""The command-line scripts under ``scripts/`` as modules, for tests of their functions: the
folder is not a package, since each script is run by path."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from geo.paths import ROOT


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` imported (run as a module, not as ``__main__``)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
