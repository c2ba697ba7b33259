"""The PLUi as a CNIG delivery (2024 model by default, or 2025), laid out as
the official template: a folder `<SIREN>_<TYPEDOC>_<DATAPPRO>/` holding the
DOC_URBA and DOC_URBA_COM tables, and `Donnees_geographiques/` holding one
shapefile per geographic layer, every file named `<SIREN>_<LAYER>_<DATAPPRO>`.
One folder per document of the store; fields in the model's order (the
store's columns the model does not have, such as the 2013 DESTDOMI, are not
part of the delivery); what `importplu` reads back.
"""
import os

from osgeo import ogr

from ..errors import SitError
from ..i18n import tr
from ..imports.plu import LAYERS
from ..schema import BY_NAME, cnig
from .shapefile import delivery_folder, point_type, write_table

GEOGRAPHIC = "Donnees_geographiques"
_TYPES = {"POLYGON": ogr.wkbMultiPolygon, "LINESTRING": ogr.wkbMultiLineString}


def export_plu(conn, folder, model="2024"):
    """Write every document of the store as a CNIG delivery of `model` into
    `folder`. Returns the paths of the delivery folders."""
    if model not in cnig.EXPORT_MODELS:
        raise SitError(tr("The PLU export writes the models {models}, not {model}.").format(
            models=", ".join(cnig.EXPORT_MODELS), model=model))
    documents = conn.execute("SELECT idurba, typedoc, datappro FROM doc_urba "
                             "ORDER BY idurba").fetchall()
    if not documents:
        raise SitError(tr("The store holds no urban-planning document (doc_urba is empty): "
                          "nothing to export."))
    return [_export_document(conn, folder, model, *doc) for doc in documents]


def _export_document(conn, folder, model, idurba, typedoc, datappro):
    # The authority's SIREN (INSEE for a communal PLU) begins the IDURBA.
    prefix = idurba.split("_")[0]
    if not datappro:
        raise SitError(tr("Document {idurba}: DATAPPRO is empty, the delivery cannot be "
                          "named.").format(idurba=idurba))
    name = "%s_%s_%s" % (prefix, typedoc or "PLUi", datappro)
    with delivery_folder(folder, name) as tmp:
        os.mkdir(os.path.join(tmp, GEOGRAPHIC))
        for layer, (table, family) in LAYERS.items():
            fields = cnig.fields(model, layer)
            stored = {f.name for f in BY_NAME[table].fields}
            columns = ", ".join(c if c in stored else "NULL" for c in fields)
            geometry = "ST_AsBinary(geom)" if family else "NULL"
            rows = conn.execute("SELECT %s, %s FROM %s WHERE idurba = ? ORDER BY fid" % (
                geometry, columns, table), (idurba,)).fetchall()
            file_name = "%s_%s_%s" % (prefix, layer, datappro)
            if family:
                path = os.path.join(tmp, GEOGRAPHIC, file_name + ".shp")
                kind = point_type(r[0] for r in rows) if family == "POINT" else _TYPES[family]
            else:
                path, kind = os.path.join(tmp, file_name + ".dbf"), ogr.wkbNone
            write_table(path, [(f.upper(), ogr.OFTString, cnig.width(layer, f)) for f in fields],
                        rows, kind)
    return os.path.join(os.path.abspath(folder), name)
