"""The link-preview image of one language: 1200×630 PNG, the title in that language, drawn with Pillow.

The fonts are Debian's DejaVu (package fonts-dejavu-core, which `scripts/site.py` installs), read
from disk: nothing is fetched. The same text always gives the same bytes, so rebuilds don't churn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from .citation_data import CitationError
from .head import PREVIEW_SIZE

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TITLE_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
TEXT_FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_PACKAGE = "fonts-dejavu-core"
# The site's indigo header (Material's indigo 500 is #3f51b5); white text on #283593 has a 10:1 contrast.
BACKGROUND = (40, 53, 147)
FOREGROUND = (255, 255, 255)
MUTED = (197, 202, 233)
MARGIN = 80


@dataclass(frozen=True)
class PreviewText:
    title: str
    byline: str  # author and date of the brief
    edition_line: str  # whose edition (and translation) this is: this edition's own words


def _font(path: Path, size: int):
    from PIL import ImageFont

    if not path.is_file():
        raise CitationError(f"{path} is missing: install Debian's {FONT_PACKAGE} "
                            "(`python3 scripts/site.py build` and `test` install it)")
    return ImageFont.truetype(str(path), size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Greedy lines, then no orphan: a one-letter word ("A", "y") never ends a line, and the last
    line never holds one word alone, when the word can move down and still fit."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    fits = lambda line: draw.textlength(line, font=font) <= width  # noqa: E731
    for index in range(len(lines) - 1):
        words = lines[index].split()
        if len(words) > 1 and len(words[-1]) == 1 and fits(f"{words[-1]} {lines[index + 1]}"):
            lines[index], lines[index + 1] = " ".join(words[:-1]), f"{words[-1]} {lines[index + 1]}"
    if len(lines) > 1 and len(lines[-1].split()) == 1:
        words = lines[-2].split()
        if len(words) > 2 and fits(f"{words[-1]} {lines[-1]}"):
            lines[-2], lines[-1] = " ".join(words[:-1]), f"{words[-1]} {lines[-1]}"
    return lines


def _title_lines(draw, title: str, width: int, height: int):
    """The largest size, from 72 px down, at which the title fits the space in at most four lines."""
    for size in range(72, 35, -4):
        font = _font(TITLE_FONT, size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= 4 and len(lines) * size * 1.25 <= height:
            return font, size, lines
    return font, size, lines


def render(text: PreviewText) -> bytes:
    from PIL import Image, ImageDraw

    width, height = PREVIEW_SIZE
    image = Image.new("RGB", PREVIEW_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = width - 2 * MARGIN
    byline_font, edition_font = _font(TEXT_FONT, 34), _font(TEXT_FONT, 28)
    draw.rectangle((MARGIN, MARGIN, MARGIN + 120, MARGIN + 8), fill=MUTED)
    font, size, lines = _title_lines(draw, text.title, inner, height - 2 * MARGIN - 190)
    y = MARGIN + 48
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=FOREGROUND)
        y += int(size * 1.25)
    draw.text((MARGIN, y + 24), text.byline, font=byline_font, fill=FOREGROUND)
    draw.text((MARGIN, height - MARGIN - 28), text.edition_line, font=edition_font, fill=MUTED)
    output = io.BytesIO()
    image.quantize(colors=32).save(output, format="PNG", optimize=True)
    return output.getvalue()
