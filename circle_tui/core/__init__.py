"""The pure heart of circle-tui: formats, events, state, timing, summary.

Nothing in this package imports Textual or touches the file system,
and no module of it imports another in a circle, not even from inside a
function (`tests/core/test_purity.py` holds it to that).
"""
