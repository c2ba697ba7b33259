"""The networks as RAEPA 1.2 shapefiles (COVADIS/CNIG, in force since April
2019): one shapefile per RAEPA table, named as the standard's tables
(RAEPA_CANALASS_L.shp...) with its fields in its order, in a folder
`RAEPA/`. The store's columns RAEPA 1.2 lacks (PROFGEN of the sanitation
pipes) are not part of it; what `importraepa` reads back.
"""
import os

from osgeo import ogr

from ..schema import BY_NAME
from ..schema.model import DATE, INTEGER, REAL
from .shapefile import delivery_folder, write_table

FOLDER = "RAEPA"
_QUALITY = ("andebpose", "qualglocxy", "qualglocz", "datemaj", "sourmaj", "qualannee",
            "dategeoloc", "sourgeoloc", "sourattrib")
_PIPE = ("idcana", "mouvrage", "gexploit", "enservice", "branchemnt")
_REPAIR = ("idrepar", "x", "y", "supprepare", "defreparee", "idsuprepar", "daterepar",
           "mouvrage")
# The fields of RAEPA 1.2, in the order of its templates.
FIELDS = {
    "raepa_canalaep_l": _PIPE + (
        "materiau", "diametre", "anfinpose", "modecirc", "contcanaep", "fonccanaep", "idnini",
        "idnterm", "idcanppale", "profgen", "andebpose", "longcana", "nbranche") + _QUALITY[1:],
    "raepa_apparaep_p": ("idappareil", "x", "y", "mouvrage", "gexploit", "fnappaep",
                         "anfinpose", "diametre", "idcanamont", "idcanaval", "idcanppale",
                         "idouvrage", "z") + _QUALITY,
    "raepa_ouvraep_p": ("idouvrage", "x", "y", "mouvrage", "gexploit", "fnouvaep", "anfinpose",
                        "idcanamont", "idcanaval", "idcanppale", "z") + _QUALITY,
    "raepa_reparaep_p": _REPAIR,
    "raepa_canalass_l": _PIPE + (
        "typreseau", "materiau", "diametre", "anfinpose", "modecirc", "contcanass",
        "fonccanass", "idnini", "idnterm", "idcanppale", "zamont", "zaval", "sensecoul",
        "andebpose", "longcana", "nbranche") + _QUALITY[1:],
    "raepa_apparass_p": ("idappareil", "x", "y", "mouvrage", "gexploit", "typreseau",
                         "fnappass", "anfinpose", "diametre", "idcanamont", "idcanaval",
                         "idcanppale", "idouvrage", "z") + _QUALITY,
    "raepa_ouvrass_p": ("idouvrage", "x", "y", "mouvrage", "gexploit", "typreseau", "fnouvass",
                        "anfinpose", "idcanamont", "idcanaval", "idcanppale", "z") + _QUALITY,
    "raepa_reparass_p": _REPAIR,
}
# Widths of the 1.2 templates' text fields: identifiers 254, codes 2.
_WIDTHS = {"mouvrage": 100, "gexploit": 100, "sourmaj": 100, "sourgeoloc": 100,
           "sourattrib": 100, "enservice": 1, "branchemnt": 1, "sensecoul": 1,
           "anfinpose": 4, "andebpose": 4}
_TYPES = {INTEGER: ogr.OFTInteger, REAL: ogr.OFTReal, DATE: ogr.OFTDate}


def _width(name):
    return _WIDTHS.get(name, 254 if name.startswith("id") else 2)


def export_raepa(conn, folder):
    """Write the eight RAEPA tables of the store into `folder`/RAEPA.
    Returns (the folder written, {table: features})."""
    counts = {}
    with delivery_folder(folder, FOLDER) as tmp:
        for table, names in FIELDS.items():
            spec = BY_NAME[table]
            types = {f.name: f.type for f in spec.fields}
            dates = [i for i, n in enumerate(names, start=1) if types[n] == DATE]
            rows = []
            for row in conn.execute("SELECT ST_AsBinary(geom), %s FROM %s ORDER BY fid" % (
                    ", ".join(names), table)):
                row = list(row)
                for i in dates:           # PostgreSQL gives dates, SQLite ISO text
                    row[i] = row[i] and str(row[i])
                rows.append(row)
            counts[table] = len(rows)
            kind = ogr.wkbLineString if spec.geometry == "LINESTRING" else ogr.wkbPoint
            write_table(os.path.join(tmp, table.upper() + ".shp"), [
                (n.upper(), _TYPES.get(types[n], ogr.OFTString), _width(n)) for n in names],
                rows, kind)
    return os.path.join(os.path.abspath(folder), FOLDER), counts
