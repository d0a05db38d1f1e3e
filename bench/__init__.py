"""scripts/bench: performance figures, side by side with a bare Textual app."""
