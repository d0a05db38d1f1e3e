"""`python -m circle_tui`."""

from circle_tui.cli import main

raise SystemExit(main())
