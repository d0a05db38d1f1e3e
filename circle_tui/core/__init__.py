"""The pure heart of circle-tui: formats, events, state, timing, summary.

Nothing in this package imports Textual or touches the file system
(`tests/core/test_purity.py` holds it to that).
"""
