"""Commands kept in their own modules; each imports `app` from claimcheck.cli and
decorates its command. Imports here must stay light: spaCy is imported inside
commands, never at module level."""

import importlib
import pkgutil

for _mod in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_mod.name}")
