"""Large letters drawn from blocks, for the wall (a terminal font has no size).

A small pixel font (3 x 5) is scaled by whole pixels and drawn with half
blocks, so one pixel is as wide as it is high on a usual terminal cell (about
twice as high as wide). Only what the font has can be drawn large; other text
(a name in another script) stays ordinary text.
"""

from __future__ import annotations

GLYPH_ROWS = 5
"""Pixel rows of every glyph."""

_FONT_SOURCE = """
0 ### #.# #.# #.# ###
1 .#. ##. .#. .#. ###
2 ### ..# ### #.. ###
3 ### ..# .## ..# ###
4 #.# #.# ### ..# ..#
5 ### #.. ### ..# ###
6 ### #.. ### #.# ###
7 ### ..# .#. .#. .#.
8 ### #.# ### #.# ###
9 ### #.# ### ..# ###
: . # . # .
+ ... .#. ### .#. ...
- ... ... ### ... ...
. . . . . #
' # # . . .
A .#. #.# ### #.# #.#
B ##. #.# ##. #.# ##.
C .## #.. #.. #.. .##
D ##. #.# #.# #.# ##.
E ### #.. ##. #.. ###
F ### #.. ##. #.. #..
G .## #.. #.# #.# .##
H #.# #.# ### #.# #.#
I ### .#. .#. .#. ###
J ..# ..# ..# #.# .#.
K #.# #.# ##. #.# #.#
L #.. #.. #.. #.. ###
M #.# ### ### #.# #.#
N ##. #.# #.# #.# #.#
O .#. #.# #.# #.# .#.
P ##. #.# ##. #.. #..
Q .#. #.# #.# ##. .##
R ##. #.# ##. #.# #.#
S .## #.. .#. ..# ##.
T ### .#. .#. .#. .#.
U #.# #.# #.# #.# ###
V #.# #.# #.# #.# .#.
W #.# #.# ### ### #.#
X #.# #.# .#. #.# #.#
Y #.# #.# .#. .#. .#.
Z ### ..# .#. #.. ###
Æ .## ##. ### ##. ###
Ø .## #.# ### #.# ##.
Å .#. ... ### #.# #.#
Ä #.# ... ### #.# #.#
Ö #.# ... ### #.# ###
Ü #.# ... #.# #.# ###
É ..# .#. ### ##. ###
"""


def _parse(source: str) -> dict[str, tuple[str, ...]]:
    font: dict[str, tuple[str, ...]] = {" ": ("..",) * GLYPH_ROWS}
    for line in source.strip().splitlines():
        char, *rows = line.split()
        assert len(rows) == GLYPH_ROWS, line
        font[char] = tuple(rows)
    return font


FONT = _parse(_FONT_SOURCE)
"""Each glyph as five rows of pixels: `#` set, `.` clear."""


def drawable(text: str) -> bool:
    """Whether every character of `text` has a large glyph (case aside)."""
    return bool(text) and all(char in FONT for char in text.upper())


def pixel_width(text: str) -> int:
    """Width of `text` in pixels at scale 1 (one clear pixel between glyphs)."""
    glyphs = [FONT[char] for char in text.upper() if char in FONT]
    return sum(len(glyph[0]) for glyph in glyphs) + max(0, len(glyphs) - 1)


def rows_at(scale: int) -> int:
    """Terminal rows of text drawn at `scale` (two pixel rows per cell)."""
    return (GLYPH_ROWS * scale + 1) // 2


def scale_for(text: str, width: int, height: int) -> int:
    """The largest whole scale at which `text` fits `width` columns and `height` rows (0: none)."""
    wide = pixel_width(text)
    if wide == 0:
        return 0
    scale = min(width // wide, (2 * height) // GLYPH_ROWS)
    return max(0, scale)


def draw(text: str, scale: int) -> list[str]:
    """`text` in half blocks at `scale`: one string per terminal row, all of one width."""
    glyphs = [FONT[char] for char in text.upper() if char in FONT]
    if not glyphs or scale < 1:
        return []
    pixels: list[str] = []
    for row in range(GLYPH_ROWS):
        line = ".".join(glyph[row] for glyph in glyphs)
        wide = "".join(pixel * scale for pixel in line)
        pixels += [wide] * scale
    if len(pixels) % 2:
        pixels.append("." * len(pixels[0]))
    lines = []
    for top, bottom in zip(pixels[::2], pixels[1::2], strict=True):
        cells = (_HALVES[(a == "#", b == "#")] for a, b in zip(top, bottom, strict=True))
        lines.append("".join(cells))
    return lines


_HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
