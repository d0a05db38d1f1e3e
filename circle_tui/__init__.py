"""circle-tui: run reflection circles and peer guidance from the terminal."""

__version__ = "0.1.0"
