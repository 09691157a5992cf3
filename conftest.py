"""Let pytest-odoo 1.0.1 collect a tree that holds more than Odoo addons.

pytest-odoo 1.0.1 treats every path as part of an addon: its `pytest_ignore_collect` reads a
`__manifest__.py` it did not find (FileNotFoundError on `addons/` itself and on `tests/`), and
its `pytest_pycollect_makemodule` imports every test file as `odoo.addons.<name>`. The two
hooks below answer first for the paths outside an addon and leave the addons to pytest-odoo.
"""
import ast
from pathlib import Path

import pytest
from _pytest import main as pytest_main


def _addon_manifest(path):
    """Return the manifest of the addon that holds `path` (or is `path`), or None."""
    path = Path(str(path))
    for folder in [path] + list(path.parents):
        manifest = folder / '__manifest__.py'
        if manifest.is_file():
            return manifest
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_ignore_collect(collection_path, config):
    """Ignore non-installable addons; answer for non-addon paths before pytest-odoo does."""
    manifest = _addon_manifest(collection_path)
    if manifest is not None:
        if manifest.parent == Path(str(collection_path)):
            # pytest-odoo looks for the manifest one level too high for an addon folder.
            if not ast.literal_eval(manifest.read_text()).get('installable', True):
                return True
        else:
            return None  # inside an addon: pytest-odoo decides
    # pytest's own rules (--ignore, collect_ignore, virtualenvs); None means "collect".
    return bool(pytest_main.pytest_ignore_collect(collection_path, config))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path, parent):
    """Collect test files outside the addons as plain pytest modules."""
    if _addon_manifest(module_path) is not None:
        return None
    if module_path.name == '__init__.py':
        return pytest.Package.from_parent(parent, path=module_path)
    return pytest.Module.from_parent(parent, path=module_path)
