"""SDMX exchange of HalfSky data: SDMX-CSV 2.0 and SDMX-JSON 2.0 data, SDMX-ML 2.1 structure.

Write observations with :func:`write_sdmx_csv` / :func:`write_sdmx_json` and
the structure they follow with :func:`write_structure_xml`; read HalfSky's
own files back, exactly, with :func:`read_sdmx_csv` / :func:`read_sdmx_json`.
Every problem is an :class:`SdmxError` with a message code and parameters.
"""

from halfsky.formats.sdmx.csv_format import read_sdmx_csv, read_sdmx_csv_lines, write_sdmx_csv
from halfsky.formats.sdmx.json_format import read_sdmx_json, write_sdmx_json
from halfsky.formats.sdmx.model import (
    ATTRIBUTES,
    DATAFLOW_REF,
    DIMENSIONS,
    DSD_REF,
    ObservationStatus,
    SdmxError,
    SdmxObservation,
)
from halfsky.formats.sdmx.structure import Structure, structure_for, write_structure_xml

__all__ = [
    "ATTRIBUTES",
    "DATAFLOW_REF",
    "DIMENSIONS",
    "DSD_REF",
    "ObservationStatus",
    "SdmxError",
    "SdmxObservation",
    "Structure",
    "read_sdmx_csv",
    "read_sdmx_csv_lines",
    "read_sdmx_json",
    "structure_for",
    "write_sdmx_csv",
    "write_sdmx_json",
    "write_structure_xml",
]
