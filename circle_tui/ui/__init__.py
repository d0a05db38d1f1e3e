"""The Textual apps: the facilitator's console (and later the display)."""
