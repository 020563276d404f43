"""Give U+00A0 (no-break space) a glyph of its own in the bundled Tinos faces.

Tinos maps U+0020 and U+00A0 to one glyph, "space".  A PDF maps each glyph
back to one character, so WeasyPrint's text layer then reads every space of a
page as a no-break space or every no-break space as a space, whichever it
drew last: copied or searched text changes with the document.  A copy of the
space glyph, "uni00A0", mapped from U+00A0 keeps the two apart.  The digital
signature table (DSIG) no longer matches the changed font and is dropped.

    python tools/nbsp_glyph.py src/formgen/fonts/Tinos-*.ttf

Running it again on a changed face changes nothing.
"""

from __future__ import annotations

import sys

from fontTools.ttLib import TTFont

NBSP, GLYPH = 0x00A0, "uni00A0"


def add_nbsp_glyph(path: str) -> bool:
    """True when the face at path was changed."""
    font = TTFont(path)
    if GLYPH in font.getGlyphOrder():
        return False
    font.setGlyphOrder([*font.getGlyphOrder(), GLYPH])
    font["glyf"][GLYPH] = font["glyf"]["space"]
    font["hmtx"][GLYPH] = font["hmtx"]["space"]
    for table in font["cmap"].tables:
        if NBSP in table.cmap:
            table.cmap[NBSP] = GLYPH
    if "DSIG" in font:
        del font["DSIG"]
    font.save(path)
    return True


if __name__ == "__main__":
    for face in sys.argv[1:]:
        print(face, "changed" if add_nbsp_glyph(face) else "already has its own U+00A0 glyph")
