"""Fonts embedded in PDF releases: DejaVu Sans Mono and its bold (Bitstream Vera licence).

A package (not a bare folder) so that :mod:`importlib.resources` finds the files in a wheel,
a zip or a source tree alike: the renderer never reads a font from an absolute path.
See ``LICENSE-DejaVu.txt`` for the licence, which permits redistribution unmodified.
"""
