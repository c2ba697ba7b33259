"""The CNIG's official empty templates (gabarits) of the PLU/PLUi standard,
2017d and 2024-01, against our model of each year (core/schema/cnig.py),
the 2024 export and the importer; the enumerated types of 2017 (the
standard's .ods) and 2024 (the template's CSV) against our code lists
(issue 13, points 2 and 7).

Where our model departs from a template on purpose, the difference is
written here as an exception, with the reason."""
import csv
import os
import shutil
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
# What the tests read of a template: its tables and its code lists.
EXTRACTED = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".csv")


def _extract(zip_path, target):
    """The tables of a template (shapefiles, .dbf, .cpg) and its code lists
    (.csv), nothing else, each entry checked to stay inside `target`."""
    root = os.path.realpath(target)
    with zipfile.ZipFile(zip_path) as z:
        for member in z.infolist():
            if not member.filename.lower().endswith(EXTRACTED):
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


# --- (b) the 2024 export writes the 2024 template's tables -----------------------------

# A small PLUi in the 2024 model: the template filled with one feature per
# table (two communes), every value within the template's widths.
IDURBA, SIREN, DATAPPRO = "200040111_PLUi_20240315", "200040111", "20240315"
SQUARE = "POLYGON ((900000 6480000, 900100 6480000, 900100 6480100, 900000 6480100, " \
         "900000 6480000))"
FEATURES = {
    "DOC_URBA": [dict(IDURBA=IDURBA, TYPEDOC="PLUi", ETAT="03", NOMPROC="M1", DATAPPRO=DATAPPRO,
                      SIREN=SIREN, TYPEREF="01", DATEREF="20230101")],
    "DOC_URBA_COM": [dict(IDURBA=IDURBA, INSEE="38412"), dict(IDURBA=IDURBA, INSEE="38155")],
    "ZONE_URBA": [dict(LIBELLE="Ua", LIBELONG="Zone urbaine centrale", TYPEZONE="U",
                       FORMDOMI="0101", DESTOUI="01", NOMFIC="reglement.pdf", IDURBA=IDURBA,
                       DATVALID=DATAPPRO, _geom=SQUARE)],
    "PRESCRIPTION_SURF": [dict(LIBELLE="Espace boisé classé", TYPEPSC="01", STYPEPSC="00",
                               NATURE="Boisement", IDURBA=IDURBA, _geom=SQUARE)],
    "PRESCRIPTION_LIN": [dict(LIBELLE="Recul", TYPEPSC="15", STYPEPSC="01", IDURBA=IDURBA,
                              _geom="LINESTRING (900000 6480000, 900100 6480000)")],
    "PRESCRIPTION_PCT": [dict(LIBELLE="Arbre remarquable", TYPEPSC="07", STYPEPSC="04",
                              IDURBA=IDURBA, _geom="POINT (900050 6480050)")],
    "INFO_SURF": [dict(LIBELLE="Droit de préemption urbain", TYPEINF="04", STYPEINF="00",
                       IDURBA=IDURBA, _geom=SQUARE)],
    "INFO_LIN": [dict(LIBELLE="Voie bruyante", TYPEINF="99", STYPEINF="00", IDURBA=IDURBA,
                      _geom="LINESTRING (900000 6480050, 900100 6480050)")],
    "INFO_PCT": [dict(LIBELLE="Site archéologique", TYPEINF="16", STYPEINF="00", IDURBA=IDURBA,
                      _geom="POINT (900020 6480020)")],
}


def _small_delivery(template_folder, target):
    """The template's PLUi tables copied under real names and filled with FEATURES."""
    name = "%s_PLUi_%s" % (SIREN, DATAPPRO)
    root = os.path.join(target, name)
    for parent, _, files in os.walk(template_folder):
        for file_name in files:
            relative = os.path.relpath(parent, template_folder)
            os.makedirs(os.path.join(root, relative), exist_ok=True)
            renamed = file_name.replace("XXXXXXXXX", SIREN).replace("DATAPPRO", DATAPPRO)
            with open(os.path.join(parent, file_name), "rb") as src, \
                    open(os.path.join(root, relative, renamed), "wb") as out:
                out.write(src.read())
    for layer, rows in FEATURES.items():
        folder = root if layer.startswith("DOC_URBA") else os.path.join(
            root, "Donnees_geographiques")
        stem = os.path.join(folder, "%s_%s_%s" % (SIREN, layer, DATAPPRO))
        ds = ogr.Open(stem + (".dbf" if layer.startswith("DOC_URBA") else ".shp"), 1)
        table = ds.GetLayer(0)
        for values in rows:
            feature = ogr.Feature(table.GetLayerDefn())
            for field, value in values.items():
                if field == "_geom":
                    feature.SetGeometry(ogr.CreateGeometryFromWkt(value))
                else:
                    feature.SetField(field, value)
            assert table.CreateFeature(feature) == 0
        ds = None
    return root


def test_the_2024_export_matches_the_2024_template(template, store_location, run_algorithm,
                                                   tmp_path):
    """A store's PLUi exported for MODEL 2024 has the template's folders,
    file names, tables, geometry types, fields, types and widths (NATURE of
    PRESCRIPTION_SURF aside, see NATURE_SURF_2024)."""
    reference = os.path.join(template("2024"), DELIVERIES["PLUi"])
    conn = store.open_store(store_location)
    report = plu.import_plu(conn, _small_delivery(reference, str(tmp_path)))
    assert report.defects == [] and "Read as the CNIG 2024 model" in report.html()
    conn.close()
    out = tmp_path / "out"
    run_algorithm("exportplu", {"STORE": str(store_location), "MODEL": "2024",
                                "OUTPUT_FOLDER": str(out)})
    delivery = str(out / ("%s_PLUi_%s" % (SIREN, DATAPPRO)))
    assert os.listdir(str(out)) == [os.path.basename(delivery)]
    assert _file_names(delivery, SIREN, DATAPPRO) == {
        name for name in _file_names(reference, "XXXXXXXXX", "DATAPPRO")
        if _layer_of(os.path.basename(name)) in plu.LAYERS}
    expected, found = _tables(reference), _tables(delivery)
    assert set(found) == set(plu.LAYERS)
    for layer in plu.LAYERS:
        folder, geometry, fields = expected[layer]
        if layer == NATURE_SURF_2024[0]:
            fields = [(n, t, 50 if n == NATURE_SURF_2024[1] else w) for n, t, w in fields]
        assert found[layer] == (folder, geometry, fields), layer
        if folder != ".":       # the same Lambert-93, written in ESRI's .prj form
            assert _srs(delivery, layer).IsSame(_srs(reference, layer)), layer


def _srs(folder, layer):
    name = next(n for n in os.listdir(os.path.join(folder, "Donnees_geographiques"))
                if n.endswith(".shp") and _layer_of(n) == layer)
    ds = ogr.Open(os.path.join(folder, "Donnees_geographiques", name))
    srs = ds.GetLayer(0).GetSpatialRef().Clone()
    ds = None
    return srs


def _file_names(folder, prefix, date):
    """The .shp and .dbf tables of a delivery, relative, with `prefix` and
    `date` read as the template's XXXXXXXXX and DATAPPRO."""
    names = set()
    for parent, _, files in os.walk(folder):
        for name in files:
            stem, ext = os.path.splitext(name)
            if ext == ".dbf" and os.path.exists(os.path.join(parent, stem + ".shp")):
                continue
            if ext in (".shp", ".dbf"):
                assert stem.startswith(prefix + "_") and stem.endswith("_" + date), name
                names.add(os.path.join(os.path.relpath(parent, folder), "{SIREN}%s{DATAPPRO}%s"
                                       % (stem[len(prefix):-len(date)], ext)))
    return names


# --- (c) the empty templates through importplu, tolerant ------------------------------

PLUI_TABLES = tuple(table for table, _ in plu.LAYERS.values()) + ("plui_import", "plui_archive")


def _counts(conn):
    return {t: conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in PLUI_TABLES}


@pytest.mark.parametrize("kind", sorted(DELIVERIES))
@pytest.mark.parametrize("model", sorted(TEMPLATES))
def test_an_empty_template_is_read_and_nothing_lands(template, store_location, run_algorithm,
                                                     tmp_path, model, kind):
    """The CNIG's empty template, imported in tolerant mode: no failure, the
    model named in the report, one defect only (DOC_URBA names no document:
    the delivery is empty), nothing written."""
    delivery = os.path.join(template(model), DELIVERIES[kind])
    conn = store.open_store(store_location)
    before = _counts(conn)
    conn.close()
    report, defects = str(tmp_path / "report.html"), str(tmp_path / "defects.csv")
    result = run_algorithm("importplu", {"STORE": str(store_location), "INPUT": delivery,
                                         "MODE": 0, "OUTPUT_REPORT": report,
                                         "OUTPUT_DEFECTS": defects})
    assert result["SUMMARY"] == (
        "%s: no zone, prescription or information of the delivery can be imported: nothing to "
        "import, the current plan is left as it is." % delivery)
    with open(report, encoding="utf-8") as f:
        html = f.read()
    assert "Read as the CNIG %s model, recognised from the delivery&#x27;s fields." % model \
        in html
    # The dressing is said to be left aside, not dropped silently.
    prefix = DELIVERIES[kind].split("_")[0]
    for layer in sorted(HABILLAGE):
        assert ("%s_%s_DATAPPRO.shp: the dressing of the plan (%s) has no table in the store: "
                "not read." % (prefix, layer, layer)) in html
    with open(defects, encoding="utf-8") as f:
        assert [(row["layer"], row["rule"], row["message"], row["level"])
                for row in csv.DictReader(f)] == [
            (DELIVERIES[kind].replace("_%s_" % kind, "_DOC_URBA_") + ".dbf", "DOC_URBA",
             "DOC_URBA holds no document and the delivery no feature: an empty delivery",
             "error")]
    conn = store.open_store(store_location)
    assert _counts(conn) == before
    conn.close()
    # Strict mode refuses it on that error.
    conn = store.open_store(store_location)
    assert plu.import_plu(conn, delivery, mode=plu.STRICT).refused
    assert _counts(conn) == before
    conn.close()


def test_a_carte_communale_is_refused_by_name(shared_data, tmp_path, new_store):
    """The 2024 carte communale template: its SECTEUR_CC (sectors where one
    may build or not, TYPESECT/FERMRECO) has no place in the PLUi tables, so
    the delivery is refused whole, naming the file and what it is."""
    name, _ = TEMPLATES["2024"]
    _extract(os.path.join(shared_data, *GABARITS, name), str(tmp_path))
    delivery = os.path.join(str(tmp_path), CARTE_COMMUNALE)
    conn = store.open_store(new_store)
    before = _counts(conn)
    with pytest.raises(SitError) as e:
        plu.import_plu(conn, delivery)
    assert str(e.value) == (
        "XXXXX_SECTEUR_CC_DATAPPRO.shp: a carte communale delivery (SECTEUR_CC). This import "
        "reads PLU and PLUi deliveries: the sectors of a carte communale have no place in the "
        "PLUi tables.")
    assert _counts(conn) == before
    conn.close()


def test_no_template_field_is_a_placeholder(template, new_store, tmp_path):
    """No table of the templates has a first field INFO (ogrinfo's "INFO:
    Open of" line once read as one): a delivery's INFO field is an
    unexpected attribute like any other."""
    for model in TEMPLATES:
        for kind, folder in DELIVERIES.items():
            for layer, (_, _, fields) in _tables(os.path.join(template(model), folder)).items():
                assert "INFO" not in [name for name, _, _ in fields], (model, kind, layer)
    delivery = _small_delivery(os.path.join(template("2024"), DELIVERIES["PLUi"]),
                               str(tmp_path))
    ds = ogr.Open(os.path.join(delivery, "Donnees_geographiques",
                               "%s_ZONE_URBA_%s.shp" % (SIREN, DATAPPRO)), 1)
    ds.GetLayer(0).CreateField(ogr.FieldDefn("INFO", ogr.OFTString))
    ds = None
    conn = store.open_store(new_store)
    report = plu.import_plu(conn, delivery)
    assert [(d.rule, d.message) for d in report.defects] == [
        ("unexpected attribute", "attribute INFO is not in the CNIG 2024 model: not kept")]
    assert conn.execute("SELECT count(*) FROM zone_urba").fetchone()[0] == 1
    conn.close()


# --- the 2017 enumerated types against our 2017 code lists --------------------------

TYPES_2017 = "210217_Standard_CNIG_PLU_v2017d_Types_enumeres.ods"
# Exceptions, list by list: codes we hold that the 2017 standard does not.
# The IGN validator's 2017 information list opens with 00-00 (an empty row it
# accepts): kept, so that the importer judges as the validator does.
# TYPEDOC: the store writes PLUi (the importer reads PLUI whatever its case);
# CC is the carte communale's (the CC template's DOC_URBA), refused by
# importplu but a document the store may describe; SCOT is no PLU (a SCoT has
# its own CNIG standard) and has no place in the PLUi tables.
# TYPEZONE: Nh, Nd are the 2013 model's, flagged as such in a 2017 delivery.
# TYPEREF 05 (orthophoto and cadastre) came with 2022: the store's one list
# has it, and the importer flags it in an older delivery (cnig.typeref_ok).
OURS_ONLY = {"cnig_typeinf_2017": {"00-00"}, "cnig_typedoc": {"CC", "PLUi"},
             "cnig_typezone": {"Nh", "Nd"}, "cnig_typeref": {"05"}}
THEIRS_ONLY = {"cnig_typedoc": {"PLUI", "SCOT"}}


def _ods_rows(shared_data, sheet):
    """The rows of a sheet of the standard's .ods. LibreOffice wrote 1048565
    empty rows at its end, an error GDAL reports and reads past: quiet, and
    not raised (GDAL 3.10 turns exceptions on where 3.6 has them off)."""
    path = os.path.join(shared_data, *GABARITS, TYPES_2017)
    modes = gdal.GetUseExceptions(), ogr.GetUseExceptions()
    gdal.DontUseExceptions()
    ogr.DontUseExceptions()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = ogr.GetDriverByName("ODS").Open(path)
        layer = ds.GetLayerByName(sheet)
        rows = [[f.GetField(i) for i in range(f.GetFieldCount())] for f in layer]
    finally:
        gdal.PopErrorHandler()
        for module, used in zip((gdal, ogr), modes):
            module.UseExceptions() if used else module.DontUseExceptions()
    ds = None
    return rows


def _label(text):
    """The standard's label as a code list holds it: its first line, plain spaces."""
    return " ".join(text.split("\n")[0].replace("\xa0", " ").split())


def _ours():
    lists = {}
    for name, code, label, _ in codelist_rows():
        lists.setdefault(name, {})[code] = label
    return lists


@pytest.mark.parametrize("sheet, ours", [("PrescriptionUrbaType_v2017c", "cnig_typepsc_2017"),
                                         ("InformationUrbaType_v2017c", "cnig_typeinf_2017")])
def test_the_2017_prescription_and_information_types_are_ours(shared_data, sheet, ours):
    """Every TYPE-STYPE of the 2017 standard, with its label; the standard's
    rows of abrogated or moved codes ("--") are no codes."""
    theirs = {"%02d-%02d" % (int(code), int(sub)): _label(label)
              for code, sub, label, *_ in _ods_rows(shared_data, sheet)
              if code and sub and code.isdigit() and sub.isdigit()}
    held = _ours()[ours]
    assert set(held) - set(theirs) == OURS_ONLY.get(ours, set())
    assert set(theirs) <= set(held)
    assert {code: held[code] for code in theirs} == theirs


@pytest.mark.parametrize("sheet, ours", [("DocumentUrbaType", "cnig_typedoc"),
                                         ("EtatDocumentType", "cnig_etat"),
                                         ("ReferentielSaisieType", "cnig_typeref"),
                                         ("ZoneUrbaType", "cnig_typezone")])
def test_the_2017_document_and_zone_types_are_ours(shared_data, sheet, ours):
    theirs = {row[0] for row in _ods_rows(shared_data, sheet)[1:] if row[0]}
    held = set(_ours()[ours])
    assert (held - theirs, theirs - held) == (OURS_ONLY.get(ours, set()),
                                              THEIRS_ONLY.get(ours, set()))


def test_the_2017_procedure_codes_are_ours(shared_data):
    """ProcedureUrbaType: each code, numbered where the standard says so
    ("Présence n°": oui), is a valid 2017 NOMPROC; written the other way, not."""
    rows = _ods_rows(shared_data, "ProcedureUrbaType")[1:]
    assert [code for code, _, _ in rows] == ["E", "MC", "MJ", "M", "MS", "R", "RS", "A"]
    for code, _, numbered in rows:
        good, bad = (code + "3", code) if numbered == "oui" else (code, code + "3")
        assert cnig.nomproc_ok("2017", good) and not cnig.nomproc_ok("2017", bad), code


def _doc_urba_stored_with(template, new_store, tmp_path, name, value):
    """The 2024 template's small PLUi with DOC_URBA's field `name` set to
    `value`, imported: (defects, the value stored)."""
    delivery = _small_delivery(os.path.join(template("2024"), DELIVERIES["PLUi"]),
                               str(tmp_path))
    ds = ogr.Open(os.path.join(delivery, "%s_DOC_URBA_%s.dbf" % (SIREN, DATAPPRO)), 1)
    layer = ds.GetLayer(0)
    doc = layer.GetNextFeature()
    doc.SetField(name, value)
    layer.SetFeature(doc)
    doc = layer = ds = None
    conn = store.open_store(new_store)
    try:
        defects = plu.import_plu(conn, delivery).defects
        return defects, conn.execute("SELECT %s FROM doc_urba" % name.lower()).fetchall()
    finally:
        conn.close()


def test_a_caduc_document_keeps_its_etat(template, new_store, tmp_path):
    """ETAT 09 (caduc), in the 2017 and 2024 lists and the validator's, was
    missing from ours: the store left it empty with a defect."""
    assert _doc_urba_stored_with(template, new_store, tmp_path, "ETAT", "09") == \
        ([], [("09",)])



# --- the 2024 enumerated types (the template's CSV) against our 2024 code lists ---------

# The validator's 2024 lists, which the importer follows, hold two codes
# the template's do not: the empty 00-00 row and 43-00 (obligation légale de
# débroussaillement, of its 2022 list).
OURS_ONLY_2024 = {"cnig_typeinf_2024": {"00-00", "43-00"}, "cnig_typedoc": {"CC", "PLUi"},
                  "cnig_typezone": {"Nh", "Nd"}}
THEIRS_ONLY_2024 = {"cnig_typedoc": {"PLUI", "SCOT"}}
TYPES_2024 = "Types_enumeres_PLU_v2024-01"


def _csv_rows(template, name):
    path = os.path.join(template("2024"), TYPES_2024, name)
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[1:]


@pytest.mark.parametrize("name, ours", [("PrescriptionUrbaType.csv", "cnig_typepsc_2024"),
                                        ("InformationUrbaType.csv", "cnig_typeinf_2024")])
def test_the_2024_prescription_and_information_types_are_ours(template, name, ours):
    theirs = {"%02d-%02d" % (int(code), int(sub)): _label(label)
              for code, sub, label, *_ in _csv_rows(template, name)
              if code.isdigit() and sub.isdigit()}
    held = _ours()[ours]
    assert set(held) - set(theirs) == OURS_ONLY_2024.get(ours, set())
    assert {code: held.get(code) for code in theirs} == theirs


@pytest.mark.parametrize("name, ours", [("DocumentUrbaType.csv", "cnig_typedoc"),
                                        ("EtatDocumentType.csv", "cnig_etat"),
                                        ("ReferentielSaisieType.csv", "cnig_typeref"),
                                        ("ZoneUrbaType.csv", "cnig_typezone"),
                                        ("FormdomiType.csv", "cnig_formdomi_2022")])
def test_the_2024_document_zone_and_form_types_are_ours(template, name, ours):
    theirs = {row[0] for row in _csv_rows(template, name) if row and row[0]}
    held = set(_ours()[ours])
    assert (held - theirs, theirs - held) == (OURS_ONLY_2024.get(ours, set()),
                                              THEIRS_ONLY_2024.get(ours, set()))
    if ours == "cnig_formdomi_2022":        # the list the 2024 model checks FORMDOMI with
        assert cnig.codelist("2024", "ZONE_URBA", "formdomi") == ours


def test_the_2024_procedure_codes_are_ours(template):
    """ProcedureUrbaType of 2024: MEC and MAJ for MC and MJ. RA (révision
    allégée), which the validator accepts from 2022 on, is not in the
    template's list: accepted too (the importer judges as the validator)."""
    rows = _csv_rows(template, "ProcedureUrbaType.csv")
    assert [code for code, _, _ in rows] == ["E", "MEC", "MAJ", "M", "MS", "R", "RS", "A"]
    for code, _, numbered in rows:
        good, bad = (code + "3", code) if numbered == "oui" else (code, code + "3")
        assert cnig.nomproc_ok("2024", good) and not cnig.nomproc_ok("2024", bad), code
    assert cnig.nomproc_ok("2024", "RA1") and not cnig.nomproc_ok("2024", "MC1")


def test_an_orthophoto_reference_keeps_its_typeref(template, new_store, tmp_path):
    """TYPEREF 05 (orthophoto and cadastre) of the 2024 list was missing from
    ours: the store left it empty with a defect."""
    assert _doc_urba_stored_with(template, new_store, tmp_path, "TYPEREF", "05") == \
        ([], [("05",)])


def test_typeref_05_is_a_2022_code(shared_data, new_store, tmp_path):
    """The same TYPEREF 05 in a 2017 delivery (the real PLUi of 2020): a
    code its model does not have, an error as the 2017 validator's list says
    (01 to 04); the document still lands in tolerant mode."""
    delivery = str(tmp_path / "241800432_PLUi_20200128")
    shutil.copytree(os.path.join(shared_data, "plu-cnig", "241800432_PLUi_20200128"), delivery)
    path = os.path.join(delivery, "241800432_DOC_URBA_20200128.dbf")
    os.chmod(delivery, 0o755)
    os.chmod(path, 0o644)
    ds = ogr.Open(path, 1)
    layer = ds.GetLayer(0)
    doc = layer.GetNextFeature()
    doc.SetField("TYPEREF", "05")
    layer.SetFeature(doc)
    doc = layer = ds = None
    conn = store.open_store(new_store)
    report = plu.import_plu(conn, delivery)
    assert ("code list", "TYPEREF 05 is a code of the CNIG 2022 model and later, not of 2017",
            True) in [(d.rule, d.message, d.blocking) for d in report.defects]
    assert conn.execute("SELECT typeref FROM doc_urba").fetchall() == [("05",)]
    conn.close()
