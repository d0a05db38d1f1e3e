"""circle-tui: run reflection circles and peer guidance from the terminal."""

import sys
import types
from importlib.machinery import ModuleSpec

__version__ = "0.1.0"

_PLUGIN_LOADER = "pydantic.plugin._loader"


class _NoPydanticPlugins:
    """Load no pydantic plugins: circle-tui uses none, and none may see what it validates.

    Pydantic looks for plugins in every installed package's metadata the first
    time it builds a model: that imports `importlib.metadata` and the `email`
    package, about 40 ms and 1.4 MB of every start. A plugin found there (a
    tracing one, say) would also see every text the app validates, which is
    not for anyone outside the room. When pydantic imports its plugin loader,
    this finder gives it one that finds nothing.
    """

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        loader = self  # a Loader by its two methods (importlib.abc would cost every start)
        return ModuleSpec(name, loader) if name == _PLUGIN_LOADER else None  # type: ignore[arg-type]

    def create_module(self, spec: ModuleSpec) -> types.ModuleType:
        module = types.ModuleType(spec.name, "circle-tui loads no pydantic plugins.")
        module.get_plugins = lambda: ()  # type: ignore[attr-defined]
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the module is made whole by `create_module`."""


if _PLUGIN_LOADER not in sys.modules:
    sys.meta_path.insert(0, _NoPydanticPlugins())
