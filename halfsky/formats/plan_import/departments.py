"""The member units (成员单位) of a women and children's working committee, by any name.

Responsibility tables abbreviate: 县卫健局 is 县卫生健康和体育局 in 吉县 and
市卫生健康委员会 elsewhere. :func:`department_key` reduces a name to the
unit it denotes ("health"), whatever the level prefix (县, 市, 省, 区) or
the abbreviation; two names with one key are one department.
:func:`match_department` finds a name among known departments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# key, then the stems that name it (the level prefix removed), longest first when matching.
MEMBER_UNITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("organisation", ("委组织部", "组织部")),
    ("propaganda", ("委宣传部", "宣传部")),
    ("united_front", ("委统战部", "统战部")),
    ("political_legal", ("委政法委", "政法委")),
    ("cyberspace", ("委网信办", "网信办")),
    ("npc_office", ("人大常委会办公室", "人大办")),
    ("cppcc_office", ("政协办公室", "政协办")),
    ("development_reform", ("发展和改革委员会", "发展和改革局", "发展改革委", "发改委", "发改局")),
    ("education", ("教育科技局", "教育和科技局", "教育局", "教育厅", "教育委员会", "教科局", "教委",
                   "教体局", "教育和体育局")),
    ("science", ("科学技术局", "科技局", "科技厅")),
    ("industry", ("工业和信息化局", "工信局", "工信厅", "工业和信息化厅")),
    ("public_security", ("公安局", "公安厅")),
    ("civil_affairs", ("民政局", "民政厅")),
    ("justice", ("司法局", "司法厅")),
    ("finance", ("财政局", "财政厅")),
    ("human_resources", ("人力资源和社会保障局", "人力资源和社会保障厅", "人社局", "人社厅")),
    ("natural_resources", ("自然资源局", "自然资源厅")),
    ("ecology_environment", ("生态环境局", "生态环境厅", "环保局")),
    ("housing", ("住房和城乡建设管理局", "住房和城乡建设局", "住房和城乡建设厅", "住建局", "住建厅")),
    ("transport", ("交通运输局", "交通局", "交通运输厅")),
    ("water", ("水利局", "水务局", "水利厅")),
    ("agriculture", ("农业农村局", "农业农村厅", "农业局", "农业农村委员会")),
    ("commerce", ("商务局", "商务厅")),
    ("culture_tourism", ("文化和旅游局", "文化和旅游厅", "文旅局", "文旅厅", "文化旅游局")),
    ("health", ("卫生健康和体育局", "卫生健康委员会", "卫生健康局", "卫生健康委", "卫健委", "卫健局",
                "卫体局", "卫生局")),
    ("veterans", ("退役军人事务局", "退役军人局")),
    ("emergency", ("应急管理局", "应急局", "应急管理厅")),
    ("audit", ("审计局", "审计厅")),
    ("market_regulation", ("市场监督管理局", "市场监管局", "市场监管厅")),
    ("sports", ("体育局", "体育中心")),
    ("statistics", ("统计局",)),
    ("medical_security", ("医疗保障局", "医保局")),
    ("rural_revitalisation", ("乡村振兴局", "扶贫办")),
    ("petitions", ("信访局", "信访办")),
    ("tax", ("税务局",)),
    ("media", ("融媒体中心", "广播电视台")),
    ("court", ("人民法院", "法院")),
    ("procuratorate", ("人民检察院", "检察院")),
    ("trade_union", ("总工会", "工会")),
    ("youth_league", ("团委", "共青团委员会", "团县委", "团市委", "团省委", "团区委")),
    ("womens_federation", ("妇女联合会", "妇联")),
    ("disabled_persons", ("残疾人联合会", "残联")),
    ("science_association", ("科学技术协会", "科协")),
    ("federation_industry", ("工商业联合会", "工商联")),
    ("ethnic_religious", ("民族宗教事务局", "民宗局")),
    ("data", ("数据局", "大数据中心")),
    ("approval", ("行政审批服务管理局", "行政审批局")),
)  # fmt: skip
_STEMS = sorted(((stem, key) for key, stems in MEMBER_UNITS for stem in stems),
                key=lambda pair: len(pair[0]), reverse=True)
_PREFIX = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|省|市|县|区|州|盟|旗))")
_SUFFIX = re.compile(r"(?:局|委|办|部|会|院|厅|联|室|中心|团委|县委|市委|公司|站|所|队|社|处|署|台|行|馆)$")
_SEPARATORS = re.compile(r"[、，,；;/\s]+")


def department_key(name: str) -> str:
    """The unit a department name denotes: a key of MEMBER_UNITS, or the bare name."""
    bare = re.sub(r"\s+", "", name).strip("。；;，,")
    if re.fullmatch(r"团[\u4e00-\u9fff]{0,6}?(?:省|市|县|区)委|共青团[\u4e00-\u9fff]{0,8}委员会", bare):
        return "youth_league"
    for candidate in (bare, _PREFIX.sub("", bare)):
        for stem, key in _STEMS:
            if candidate.endswith(stem) and len(candidate) - len(stem) <= 1:
                return key
    return _PREFIX.sub("", bare) or bare


def split_departments(cell: str) -> list[str]:
    """The department names of a table cell ("县妇联、县卫健局")."""
    return [part for part in _SEPARATORS.split(cell.strip()) if part and part not in ("等", "无", "—")]


def looks_like_departments(cell: str) -> bool:
    """Whether a cell lists departments (every part ends like a unit's name)."""
    parts = split_departments(cell)
    return bool(parts) and all(
        _SUFFIX.search(part.removesuffix("等")) or department_key(part) != _PREFIX.sub("", part)
        for part in parts
    )


def match_department(name: str, known: Iterable[tuple[str, str]]) -> str | None:
    """The code of the known (code, name) department the name denotes, if any."""
    key = department_key(name)
    for code, known_name in known:
        if known_name == name or department_key(known_name) == key:
            return code
    return None


def new_department_code(name: str, taken: set[str]) -> str:
    """A code for a department no one knows yet: its key when that is a slug, else dept-N."""
    key = department_key(name)
    code = key if re.fullmatch(r"[a-z_]+", key) else "dept"
    number = 1
    candidate = code if code != "dept" else "dept-1"
    while candidate in taken:
        number += 1
        candidate = f"{code}-{number}"
    return candidate
