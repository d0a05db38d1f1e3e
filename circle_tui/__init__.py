"""circle-tui: run reflection circles and peer guidance from the terminal."""

import sys
import types

__version__ = "0.1.0"


def _no_pydantic_plugins() -> None:
    """Load no pydantic plugins: circle-tui uses none, and none may see what it validates.

    Pydantic looks for plugins in every installed package's metadata the first
    time it builds a model: that imports `importlib.metadata` and the `email`
    package, about 40 ms and 1.4 MB of every start. A plugin found there (a
    tracing one, say) would also see every text the app validates, which is
    not for anyone outside the room. Its loader is replaced, before pydantic
    asks for it, by one that finds nothing.
    """
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name, "circle-tui loads no pydantic plugins.")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


_no_pydantic_plugins()
