"""Names of a module that load the module only when they are used.

Chainlit imports Literal AI's client, which imports Traceloop's OpenTelemetry SDK at module
level (`from traceloop.sdk import Traceloop`): about 2 s of the app's start-up on this 2-core
machine, for an observability feature that runs only with a Literal AI key, which this app
never sets. `defer` puts a stand-in module in sys.modules whose names are proxies: the first
attribute or call on one removes the stand-in, imports the real module and forwards to it,
so a caller that does use Traceloop gets the real thing, only later.
"""

from __future__ import annotations

import importlib
import sys
import types


class DeferredName:
    """Stands for `module.name` until first used."""

    def __init__(self, module: str, name: str) -> None:
        self._module = module
        self._name = name

    def resolve(self) -> object:
        current = sys.modules.get(self._module)
        if isinstance(current, DeferredModule):
            del sys.modules[self._module]
        return getattr(importlib.import_module(self._module), self._name)

    def __getattr__(self, attr: str) -> object:
        return getattr(self.resolve(), attr)

    def __call__(self, *args: object, **kwargs: object) -> object:
        target = self.resolve()
        if not callable(target):
            raise TypeError(f"{self._module}.{self._name} is not callable")
        return target(*args, **kwargs)


class DeferredModule(types.ModuleType):
    """The stand-in module: its listed names are DeferredName proxies, any other name loads
    the real module."""

    def __init__(self, module: str, names: tuple[str, ...]) -> None:
        super().__init__(module)
        self.__deferred = module
        for name in names:
            setattr(self, name, DeferredName(module, name))

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attr)
        return DeferredName(self.__deferred, attr).resolve()


def defer(module: str, *names: str) -> bool:
    """Defer `module` (False when it is already imported: nothing to gain, nothing changed)."""
    if module in sys.modules:
        return False
    sys.modules[module] = DeferredModule(module, names)
    return True


__all__ = ["DeferredModule", "DeferredName", "defer"]
