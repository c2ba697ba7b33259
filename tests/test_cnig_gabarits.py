"""The CNIG's official empty templates (gabarits) of the PLU/PLUi standard,
2017d and 2024-01, against our model of each year (core/schema/cnig.py),
the 2024 export and the importer; the 2017 enumerated types against our
2017 code lists (issue 13, points 2 and 7).

Where our model departs from a template on purpose, the difference is
written here as an exception, with the reason."""
import csv
import os
import zipfile

import pytest
from osgeo import gdal, ogr

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.imports import plu
from sit_chartreuse.core.schema import cnig, codelist_rows
from sit_chartreuse.core.storage import store

GABARITS = ("plu-cnig", "_models", "cnigfr-gabarits")
# Model -> (zip, the folder holding the PLU and PLUi deliveries inside it).
TEMPLATES = {
    "2017": ("210217_Gabarit_PLU_CNIG_v2017d.zip", "210217_Gabarit_PLU_CNIG_v2017d"),
    "2024": ("231220_Gabarit_PLU_CC_CNIG_v2024-01.zip",
             "231220_Gabarit_PLU_CC_CNIG_v2024-01/231220_Gabarit_PLU_CNIG_v2024-01"),
}
CARTE_COMMUNALE = ("231220_Gabarit_PLU_CC_CNIG_v2024-01/231220_Gabarit_CC_CNIG_v2024-01/"
                   "XXXXX_CC_DATAPPRO")
# The template's delivery folders: a commune's PLU, an EPCI's PLUi.
DELIVERIES = {"PLU": "XXXXX_PLU_DATAPPRO", "PLUi": "XXXXXXXXX_PLUi_DATAPPRO"}
# Exception: the dressing of the paper plan (HABILLAGE_*) is optional in the
# standard and the store does not hold it: not read, not exported.
HABILLAGE = {"HABILLAGE_SURF", "HABILLAGE_LIN", "HABILLAGE_PCT", "HABILLAGE_TXT"}
# Exception: the 2024 template's PRESCRIPTION_SURF has NATURE on 12
# characters; the IGN validator says 50 for every geometry, and so do the
# template's PRESCRIPTION_LIN and _PCT: we write 50.
NATURE_SURF_2024 = ("PRESCRIPTION_SURF", "NATURE", 12)


def _extract(zip_path, target):
    """The tables of a template (shapefiles, .dbf, .cpg), nothing else,
    each entry checked to stay inside `target`."""
    root = os.path.realpath(target)
    with zipfile.ZipFile(zip_path) as z:
        for member in z.infolist():
            if not member.filename.lower().endswith((".shp", ".shx", ".dbf", ".prj", ".cpg")):
                continue
            path = os.path.realpath(os.path.join(root, member.filename))
            assert path.startswith(root + os.sep), member.filename
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with z.open(member) as src, open(path, "wb") as out:
                out.write(src.read())


@pytest.fixture
def template(shared_data, tmp_path):
    """template(model) -> that model's template, extracted into tmp."""
    def extract(model):
        name, inner = TEMPLATES[model]
        target = str(tmp_path / ("gabarit_" + model))
        _extract(os.path.join(shared_data, *GABARITS, name), target)
        return os.path.join(target, inner)
    return extract


def _layer_of(file_name):
    """The CNIG table of a template or delivery file: XXXXX_ZONE_URBA_DATAPPRO.shp,
    241800432_ZONE_URBA_20200128.shp -> ZONE_URBA."""
    return os.path.splitext(file_name)[0].split("_", 1)[1].rsplit("_", 1)[0]


def _tables(folder):
    """{CNIG table: (relative folder, geometry type, [(field, OGR type, width)])}
    of a delivery folder, as OGR reads it."""
    tables = {}
    for parent, _, files in os.walk(folder):
        for name in files:
            stem, ext = os.path.splitext(name)
            if ext.lower() != ".dbf":
                continue
            shp = os.path.join(parent, stem + ".shp")
            ds = ogr.Open(shp if os.path.exists(shp) else os.path.join(parent, name))
            layer = ds.GetLayer(0)
            defn = layer.GetLayerDefn()
            fields = [(d.GetName(), d.GetTypeName(), d.GetWidth())
                      for d in (defn.GetFieldDefn(i) for i in range(defn.GetFieldCount()))]
            tables[_layer_of(name)] = (os.path.relpath(parent, folder),
                                       ogr.GeometryTypeToName(layer.GetGeomType()), fields)
            ds = None
    return tables


# --- (a) our model of each year has the template's tables and fields ------------------

@pytest.mark.parametrize("kind", sorted(DELIVERIES))
@pytest.mark.parametrize("model", sorted(TEMPLATES))
def test_our_model_has_the_templates_fields(template, model, kind):
    tables = _tables(os.path.join(template(model), DELIVERIES[kind]))
    assert set(tables) == set(plu.LAYERS) | HABILLAGE
    for layer in plu.LAYERS:
        folder, _, fields = tables[layer]
        assert folder == ("." if layer.startswith("DOC_URBA") else "Donnees_geographiques")
        assert [name for name, _, _ in fields] == [f.upper() for f in cnig.fields(model, layer)]
        assert {kind for _, kind, _ in fields} == {"String"}, layer
        widths = [(layer, name, width) for name, _, width in fields
                  if width != cnig.width(layer, name.lower())]
        assert widths == ([NATURE_SURF_2024] if (model, layer) == ("2024", "PRESCRIPTION_SURF")
                          else []), layer
