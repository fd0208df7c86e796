"""Fonts of the reports: names for Word/WPS, the packaged open CJK font for charts and PDF.

The Word file names the fonts of GB/T 9704 (方正小标宋简体, 黑体, 楷体_GB2312,
仿宋_GB2312), as offices expect; Word and WPS use them where installed and
the ``altName`` fallbacks (宋体, 黑体, 楷体, 仿宋) otherwise.

Charts and PDFs must never show a box for a missing glyph, on any server:
they use **Noto Sans SC** (SIL Open Font License), installed from the npm
registry by ``make assets`` (package ``@expo-google-fonts/noto-sans-sc``)
into ``halfsky/web/static/vendor/fonts/`` (not in git). ``packaged_font``
finds it. For the PDF, ``fontconfig_file`` writes a fontconfig set-up for
LibreOffice that adds the packaged fonts and maps every font the document
names to a CJK font: Noto Serif CJK SC where the system has it (the body
fonts 仿宋, 楷体, 宋体 are serif faces), else Noto Sans SC, which is always
there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

FONT_DIR = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "fonts"
REGULAR = "NotoSansSC_400Regular.ttf"
BOLD = "NotoSansSC_700Bold.ttf"
PACKAGED_FAMILY = "Noto Sans SC"

# GB/T 9704 fonts by role, with the fallback name Word/WPS use when the first is missing.
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
ALT_NAMES = {TITLE_FONT: "宋体", HEADING2_FONT: "楷体", BODY_FONT: "仿宋", HEADING1_FONT: "SimHei",
             PAGE_NUMBER_FONT: "SimSun"}

_SERIF = (TITLE_FONT, HEADING2_FONT, BODY_FONT, PAGE_NUMBER_FONT, "仿宋", "楷体", "宋体",
          "SimSun", "FangSong", "KaiTi", LATIN_FONT, "serif")
_SANS = (HEADING1_FONT, "SimHei", "sans-serif")


def packaged_font(directory: Path = FONT_DIR, bold: bool = False) -> Path | None:
    """The packaged CJK font file, or None when ``make assets`` has not been run."""
    path = directory / (BOLD if bold else REGULAR)
    return path if path.is_file() else None


def fontconfig_file(target: Path, font_dirs: Iterable[Path], cache: Path | None = None) -> Path:
    """Write a fontconfig file to ``target``: the system set-up, ``font_dirs`` and the
    substitutions above; ``cache`` keeps the scanned fonts between runs (fontconfig's
    caches are safe to share). Point ``FONTCONFIG_FILE`` at it for LibreOffice."""
    dirs = "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in font_dirs)
    aliases = []
    for names, prefer in ((_SERIF, ("Noto Serif CJK SC", PACKAGED_FAMILY)),
                          (_SANS, (PACKAGED_FAMILY, "Noto Sans CJK SC"))):
        families = "".join(f"<family>{escape(p)}</family>" for p in prefer)
        for name in names:
            aliases.append(f'  <alias binding="same"><family>{escape(name)}</family>'
                           f"<prefer>{families}</prefer></alias>\n")
    target.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{dirs}  <cachedir>{escape(str(cache or target.parent / 'fontcache'))}</cachedir>\n"
        f"{''.join(aliases)}</fontconfig>\n", encoding="utf-8")
    return target
