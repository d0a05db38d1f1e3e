"""Circle formats as the user finds them: built in, in their formats folder, or a file named."""

from __future__ import annotations

from circle_tui.store.format_files import (
    check_format,
    check_format_file,
    find_format,
    format_paths,
    list_formats,
)

__all__ = ["check_format", "check_format_file", "find_format", "format_paths", "list_formats"]
