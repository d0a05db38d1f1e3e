"""The start of a command: no cyclic garbage collection until the first frame is shown.

Starting `circle-tui run` makes about 80,000 objects that live as long as the
process (modules, classes, the pydantic models and their validators) and next
to no cyclic garbage (about 3,200 objects at the first frame). Python's
collector passes over the new objects again and again while they are made:
about 150 ms of CPU before the first frame of `circle-tui run`. So the command
line holds collection from its start (`hold`) and an app lets it go once its
first frame is on screen (`release`): what was made so far is frozen
(`gc.freeze`: never scanned again, which also keeps the collections during a
session short), then collection runs as usual. Reference counting frees
everything else as always; only cycles wait.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop cyclic collection for the start of the command (unless already stopped)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(*, freeze: bool = False) -> None:
    """Collect as usual again, if `hold` stopped it; `freeze`: what lives now stays."""
    global _held
    if not _held:
        return
    _held = False
    if freeze:
        gc.collect()
        gc.freeze()
    gc.enable()
