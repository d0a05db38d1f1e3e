"""The application layer: the one way into a session for the console, the wall and the CLI.

It holds the live session (decide, commit, apply), the follower of a live
journal, reading a session back (the one guarded replay every reader uses),
the reports built from a summary, and the doors to what the store keeps
(session folders, format files, settings). `ui/` and `cli/` reach the store
only through it; `export/` renders what it hands over. See docs/architecture.md.
"""
