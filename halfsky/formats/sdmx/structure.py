"""The structure of HalfSky's SDMX data: code lists, concepts, the DSD and the dataflow.

:func:`structure_for` collects what the code lists hold (the plan's
indicators, the areas, the age bands used); :func:`write_structure_xml`
writes an SDMX-ML 2.1 structure message with the code lists CL_INDICATOR,
CL_AREA, CL_SEX, CL_URBANISATION, CL_AGE, CL_OBS_STATUS and
CL_UNIT_MEASURE, the concept scheme CS_WOMEN, the data structure
``HALFSKY:DSD_WOMEN(1.0)`` and the dataflow ``HALFSKY:DF_WOMEN(1.0)``. Names
are given in Chinese (``zh``) and, where HalfSky has them, English (``en``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from halfsky.domain.plan import Area, Plan
from halfsky.formats.sdmx.model import (
    AGENCY,
    ATTRIBUTES,
    DATAFLOW_ID,
    DIMENSIONS,
    DSD_ID,
    MEASURE,
    SEX_NAMES,
    STATUS_NAMES,
    TOTAL,
    UNIT_CODES,
    URBANISATION_NAMES,
    VERSION,
    SdmxObservation,
    age_band,
    observation_key,
)

CONCEPT_SCHEME = "CS_WOMEN"
COMPONENT_NAMES: Mapping[str, tuple[str, str]] = {
    "INDICATOR": ("Indicator", "监测指标"),
    "REF_AREA": ("Reference area (GB/T 2260)", "地区"),
    "SEX": ("Sex", "性别"),
    "URBANISATION": ("Urbanisation", "城乡"),
    "AGE": ("Age", "年龄组"),
    "TIME_PERIOD": ("Time period (year)", "年度"),
    "OBS_VALUE": ("Observation value", "数值"),
    "UNIT_MEASURE": ("Unit of measure", "计量单位"),
    "OBS_STATUS": ("Observation status", "数据状态"),
    "NUMERATOR": ("Numerator", "分子"),
    "DENOMINATOR": ("Denominator", "分母"),
    "SOURCE": ("Source", "数据来源"),
    "COMMENT": ("Comment", "备注"),
    "PROVENANCE": ("Provenance (instance, approval, time)", "数据出处（实例、审核、时间）"),
}
# Components with a code list; the others are free text or numbers.
CODE_LISTS: Mapping[str, str] = {
    "INDICATOR": "CL_INDICATOR", "REF_AREA": "CL_AREA", "SEX": "CL_SEX",
    "URBANISATION": "CL_URBANISATION", "AGE": "CL_AGE", "OBS_STATUS": "CL_OBS_STATUS",
    "UNIT_MEASURE": "CL_UNIT_MEASURE",
}  # fmt: skip
TEXT_TYPES: Mapping[str, str] = {
    "TIME_PERIOD": "ObservationalTimePeriod", "OBS_VALUE": "Double", "NUMERATOR": "Double",
    "DENOMINATOR": "Double", "SOURCE": "String", "COMMENT": "String", "PROVENANCE": "String",
}  # fmt: skip

Names = tuple[tuple[str, str], ...]  # (language, text) pairs


@dataclass(frozen=True)
class Structure:
    """What the code lists of one exchange hold: codes with their names."""

    indicators: tuple[tuple[str, str], ...] = ()  # (code, name)
    areas: tuple[tuple[str, str], ...] = ()  # (GB/T 2260 code, name)
    ages: tuple[str, ...] = ()  # AGE codes besides _T: Y15T49, Y_GE65

    def codes(self, component: str) -> tuple[tuple[str, Names], ...]:
        """The codes of a coded component with their names."""
        if component == "INDICATOR":
            return tuple((code, (("zh", name),)) for code, name in self.indicators)
        if component == "REF_AREA":
            return tuple((code, (("zh", name),)) for code, name in self.areas)
        if component == "AGE":
            return tuple((code, _age_names(code)) for code in (TOTAL, *self.ages))
        table: Mapping[str, tuple[str, str]] = {
            "SEX": SEX_NAMES,
            "URBANISATION": URBANISATION_NAMES,
            "OBS_STATUS": STATUS_NAMES,
            "UNIT_MEASURE": {code: (code, unit) for unit, code in UNIT_CODES.items()},
        }[component]
        return tuple((code, (("en", en), ("zh", zh))) for code, (en, zh) in table.items())

    def name(self, component: str, code: str) -> str:
        """The code's name in Chinese (the code itself when the structure does not know it)."""
        if component == "AGE" and (code == TOTAL or age_band(code) is not None):
            return dict(_age_names(code))["zh"]
        for known, names in self.codes(component):
            if known == code:
                return dict(names).get("zh", code)
        return code


def _age_names(code: str) -> Names:
    if code == TOTAL:
        return (("en", "Total"), ("zh", "合计"))
    if code.startswith("Y_GE"):
        return (("en", f"{code[4:]} years and over"), ("zh", f"{code[4:]}岁及以上"))
    low, high = code[1:].split("T")
    return (("en", f"{low} to {high} years"), ("zh", f"{low}—{high}岁"))


def structure_for(
    plan: Plan | None = None,
    areas: Iterable[Area] = (),
    observations: Iterable[SdmxObservation] = (),
) -> Structure:
    """The code lists for a plan's indicators and areas, extended by what the observations use."""
    indicators = {i.code: i.name for i in plan.indicators} if plan is not None else {}
    area_names = {a.code: a.name for a in plan.areas} if plan is not None else {}
    area_names.update((area.code, area.name) for area in areas)
    ages: dict[str, None] = {}
    for index, observation in enumerate(observations):
        key = observation_key(observation, index)
        indicators.setdefault(key.indicator, key.indicator)
        area_names.setdefault(key.area, key.area)
        if key.age != TOTAL:
            ages[key.age] = None
    return Structure(tuple(indicators.items()), tuple(area_names.items()), tuple(ages))


# ------------------------------------------------------------------ SDMX-ML 2.1

_NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
}
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(prefix: str, tag: str) -> str:
    return f"{{{_NS[prefix]}}}{tag}"


def _sub(parent: ET.Element, prefix: str, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, _q(prefix, tag), attributes)


def _names(parent: ET.Element, names: Names) -> None:
    for language, text in names:
        element = _sub(parent, "com", "Name")
        element.set(_LANG, language)
        element.text = text


def _maintainable(parent: ET.Element, tag: str, id_: str, names: Names) -> ET.Element:
    element = _sub(parent, "str", tag, id=id_, agencyID=AGENCY, version=VERSION)
    element.set("isFinal", "true")
    _names(element, names)
    return element


def _ref(parent: ET.Element, **attributes: str) -> None:
    ET.SubElement(parent, "Ref", attributes)


def _component(parent: ET.Element, tag: str, component: str, **attributes: str) -> ET.Element:
    element = _sub(parent, "str", tag, id=component, **attributes)
    identity = _sub(element, "str", "ConceptIdentity")
    _ref(identity, id=component, maintainableParentID=CONCEPT_SCHEME,
         maintainableParentVersion=VERSION, agencyID=AGENCY, package="conceptscheme",
         **{"class": "Concept"})  # fmt: skip
    representation = _sub(element, "str", "LocalRepresentation")
    if component in CODE_LISTS:
        enumeration = _sub(representation, "str", "Enumeration")
        _ref(enumeration, id=CODE_LISTS[component], version=VERSION, agencyID=AGENCY,
             package="codelist", **{"class": "Codelist"})  # fmt: skip
    else:
        _sub(representation, "str", "TextFormat", textType=TEXT_TYPES[component])
    return element


def write_structure_xml(
    structure: Structure, *, prepared: datetime, message_id: str = "HALFSKY_STRUCTURE"
) -> bytes:
    """The SDMX-ML 2.1 structure message (UTF-8 bytes)."""
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_q("mes", "Structure"))
    header = _sub(root, "mes", "Header")
    _sub(header, "mes", "ID").text = message_id
    _sub(header, "mes", "Test").text = "false"
    _sub(header, "mes", "Prepared").text = prepared.isoformat()
    _sub(header, "mes", "Sender", id=AGENCY)
    structures = _sub(root, "mes", "Structures")

    flows = _sub(structures, "str", "Dataflows")
    flow = _maintainable(flows, "Dataflow", DATAFLOW_ID, (("en", "Women's development plans"),
                                                           ("zh", "妇女发展规划监测数据")))  # fmt: skip
    _ref(_sub(flow, "str", "Structure"), id=DSD_ID, version=VERSION, agencyID=AGENCY,
         package="datastructure", **{"class": "DataStructure"})  # fmt: skip

    codelists = _sub(structures, "str", "Codelists")
    for component, list_id in CODE_LISTS.items():
        en, zh = COMPONENT_NAMES[component]
        codelist = _maintainable(codelists, "Codelist", list_id, (("en", en), ("zh", zh)))
        for code, names in structure.codes(component):
            _names(_sub(codelist, "str", "Code", id=code), names)

    concepts = _maintainable(_sub(structures, "str", "Concepts"), "ConceptScheme", CONCEPT_SCHEME,
                             (("en", "HalfSky concepts"), ("zh", "半边天概念")))  # fmt: skip
    for component, (en, zh) in COMPONENT_NAMES.items():
        _names(_sub(concepts, "str", "Concept", id=component), (("en", en), ("zh", zh)))

    dsd = _maintainable(_sub(structures, "str", "DataStructures"), "DataStructure", DSD_ID,
                        (("en", "HalfSky women's development data"), ("zh", "妇女发展监测数据结构")))  # fmt: skip
    components = _sub(dsd, "str", "DataStructureComponents")
    dimensions = _sub(components, "str", "DimensionList", id="DimensionDescriptor")
    for position, dimension in enumerate(DIMENSIONS, start=1):
        tag = "TimeDimension" if dimension == "TIME_PERIOD" else "Dimension"
        _component(dimensions, tag, dimension, position=str(position))
    attributes = _sub(components, "str", "AttributeList", id="AttributeDescriptor")
    for attribute in ATTRIBUTES:
        status = "Mandatory" if attribute == "OBS_STATUS" else "Conditional"
        element = _component(attributes, "Attribute", attribute, assignmentStatus=status)
        relationship = _sub(element, "str", "AttributeRelationship")
        _ref(_sub(relationship, "str", "PrimaryMeasure"), id=MEASURE)
    measures = _sub(components, "str", "MeasureList", id="MeasureDescriptor")
    _component(measures, "PrimaryMeasure", MEASURE)

    ET.indent(root)
    message: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return message
