"""Page furniture of web copies and PDFs, taken out before the plan is parsed.

A plan copied from a government site carries the site's name, "手机版",
a breadcrumb bar ("首页 > 政务公开 > …"), the editor's line
("编辑：… 监审：…"), share and print buttons; a PDF carries page numbers
("— 3 —"), running headers repeated on every page and words hyphenated at
line ends. :func:`remove_clutter` blanks those lines (so that line numbers
keep pointing at the document as read) and returns what it left out, for
the reviewer to see that nothing real was lost.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*)?\d{1,4}(?:\s*[-—–－]+)?\s*$"
    r"|^\s*第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?\s*$|^\s*\d+\s*/\s*\d+\s*$"
)
_FURNITURE = re.compile(
    r"^\s*(?:"
    r"手机版|电脑版|无障碍(?:浏览|阅读)?|网站地图|设为首页|加入收藏|返回顶部|返回首页|打印本页|关闭窗口"
    r"|(?:【\s*)?(?:打印|关闭|收藏|纠错)(?:\s*】)?"
    r"|(?:当前位置|您的位置|您现在的位置|所在位置)\s*[：:].*"
    r"|首页\s*(?:[>＞›»/|]|&gt;).*"
    r"|.*(?:[>＞›»]\s*){2,}.*首页.*"
    r"|(?:责任)?编辑\s*[：:].*|.*(?:审核|监审|校对|责任编辑)\s*[：:].*"
    r"|(?:来源|信息来源|发布时间|发布日期|发文日期|浏览次数|访问量|点击数|阅读量)\s*[：:].*"
    r"|字号\s*[：:]?\s*[大中小\s]*|【\s*字体\s*[：:].*|分享到\s*[：:]?.*|扫一扫.*"
    r"|版权所有.*|Copyright.*|©.*|.*ICP备.*|.*公网安备.*|主办单位\s*[：:].*|承办单位\s*[：:].*"
    r"|.*(?:人民政府|政府)(?:门户)?网站?\s*$|.*政府门户网站.*|.*网站标识码.*"
    r")\s*$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"[A-Za-z]{2,}-$")
_RUNNING_MIN_REPEATS = 3
_RUNNING_MAX_CHARS = 40


@dataclass(frozen=True)
class LeftOut:
    """A line taken out of the text: its 1-based number and its words."""

    line: int
    text: str
    reason: str  # "furniture", "page_number", "running_header", "hyphen"


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines repeated on many pages: a PDF's running header or footer."""
    counts = Counter(line.strip() for line in lines if 0 < len(line.strip()) <= _RUNNING_MAX_CHARS)
    return {
        line for line, count in counts.items()
        if count >= _RUNNING_MIN_REPEATS and not re.search(r"[。；]$", line)
        and not re.fullmatch(r"[#*\s]*(?:主要目标|策略措施|主要目標)[：:]?[*\s]*", line)
        and not line.startswith("|")
    }  # fmt: skip


def remove_clutter(text: str, *, running_headers: bool = False) -> tuple[str, tuple[LeftOut, ...]]:
    """The text with page furniture blanked out, and the lines left out.

    ``running_headers`` also removes short lines repeated three times or
    more (used for PDFs, whose pages each repeat the header).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    repeated = _running_headers(lines) if running_headers else set()
    left_out: list[LeftOut] = []
    for index, line in enumerate(lines):
        bare = line.strip()
        if not bare:
            continue
        reason = ""
        if _PAGE_NUMBER.match(bare):
            reason = "page_number"
        elif bare in repeated:
            reason = "running_header"
        elif _FURNITURE.match(re.sub(r"^#+\s*|\*\*", "", bare)):
            reason = "furniture"
        if reason:
            left_out.append(LeftOut(index + 1, bare, reason))
            lines[index] = ""
    for index in range(len(lines) - 1):  # "develop-" / "ment" → "development"
        if _HYPHENATED.search(lines[index].rstrip()) and re.match(r"\s*[a-z]", lines[index + 1]):
            left_out.append(LeftOut(index + 1, "-", "hyphen"))
            lines[index] = lines[index].rstrip()[:-1] + lines[index + 1].strip()
            lines[index + 1] = ""
    return "\n".join(lines), tuple(sorted(left_out, key=lambda item: item.line))
