"""CNIG SUP deliveries (servitudes d'utilité publique, any category: AC1,
A5, PM3...) into the `sup_*` tables (core/schema/sup.py).

The delivery is checked the way the IGN validator does it: tables and
fields against the standard, mandatory identifiers, dates, the source a
digitised geometry must name, geometries, and the references between the
tables. Each deviation is a defect with its rule; strict mode refuses the
delivery on errors, tolerant mode lands what the store can hold. What
cannot be read, or a delivery without its SERVITUDE table, is refused whole.
Rows are keyed on the standard's identifiers (IDSUP, IDACTE, IDGEST, IDGEN,
IDASS): a re-import of the same delivery writes nothing.
"""
import datetime
import math
import os
import re

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME
from ..storage import db
from ..storage.store import transaction
from . import common
from .plu import MODES, STRICT, TOLERANT  # noqa: F401  (the same two modes)

# CNIG table -> (store table, its key, geometry family or None).
LAYERS = {
    "SERVITUDE": ("sup_servitude", "idsup", None),
    "ACTE_SUP": ("sup_acte", "idacte", None),
    "GESTIONNAIRE_SUP": ("sup_gestionnaire", "idgest", None),
    "SERVITUDE_ACTE_SUP": ("sup_servitude_acte", None, None),
    "GENERATEUR_SUP_S": ("sup_generateur_surf", "idgen", "POLYGON"),
    "GENERATEUR_SUP_L": ("sup_generateur_lin", "idgen", "LINESTRING"),
    "GENERATEUR_SUP_P": ("sup_generateur_pct", "idgen", "POINT"),
    "ASSIETTE_SUP_S": ("sup_assiette_surf", "idass", "POLYGON"),
    "ASSIETTE_SUP_L": ("sup_assiette_lin", "idass", "LINESTRING"),
    "ASSIETTE_SUP_P": ("sup_assiette_pct", "idass", "POINT"),
}
# File names: [CATEGORY_]TABLE[_department], e.g. PM3_ASSIETTE_SUP_S_028,
# SERVITUDE_ACTE_SUP_028, A5_SERVITUDE. Longest names first.
_LAYER_NAME = re.compile(r"(?:^|_)(%s)(?:_(?:\d{2,3}|2A|2B|02A|02B))?$" % "|".join(
    sorted(LAYERS, key=len, reverse=True)), re.I)
# Attributes a category's model adds to the common ones (not stored).
_CATEGORY_FIELDS = {("PM3", "GENERATEUR"): ("id_gaspar", "code_alea")}
# What each table's rows point at: (field, CNIG tables holding the key).
_GENERATEURS = ("GENERATEUR_SUP_S", "GENERATEUR_SUP_L", "GENERATEUR_SUP_P")
_REFERENCES = {"SERVITUDE": (("idgest", ("GESTIONNAIRE_SUP",)),),
               "SERVITUDE_ACTE_SUP": (("idsup", ("SERVITUDE",)), ("idacte", ("ACTE_SUP",))),
               **{g: (("idsup", ("SERVITUDE",)),) for g in _GENERATEURS},
               **{a: (("idgen", _GENERATEURS),) for a in
                  ("ASSIETTE_SUP_S", "ASSIETTE_SUP_L", "ASSIETTE_SUP_P")}}
# A digitised geometry names its source (the validator's database constraint).
_SOURCE = {"GENERATEUR": ("modegenere", "srcgeogen"), "ASSIETTE": ("modegeoass", "srcgeoass")}
_DATES = ("datemaj", "datedecis", "datepub", "datesrcgen", "datesrcass")
# The validator's patterns (cnig_SUP_<category>_2013 and _2016), matched
# whole, per table (GENERATEUR and ASSIETTE for their three geometries).
# 2013 numbers the rows (IDSUP 35), 2016 names them (A5-123456789-1).
_NAME, _ID = r"[a-zA-Z0-9]+_[A-Za-z0-9_-]+", r"[a-zA-Z0-9]+-[0-9]{9}-[0-9]+"
_ASSIETTE_NAME = _NAME + r"(_gen[0-9]+)?_(%s)"
_ASSIETTE_2013 = ("mh|abor|ass|zpr1|zpr2|ziso|pepi|pepr|pepe|zhlg|zmcp|zpro|zgar|zpri|zsec|"
                  "zspe|sect|zatt|zsur")
_ASSIETTE_2016 = {"AC1": "abor|mh", "AR3": "zpr1|zpr2|ziso", "AS1": "pepi|pepr|pepe|pepm",
                  "EL3": "zhlg|zmcp", "PT1": "zpro|zgar", "PT2": "zpri|zsec|zspe|sect",
                  "T8": "zpri|zsec|zspe|sect", "T9": "zatt|zsur"}     # the others: ass
_PATTERNS = {
    "2013": {"SERVITUDE": {"idgest": "[0-9]{9}", "nomsup": _NAME + "_sup"},
             "ACTE_SUP": {"nomacte": _NAME + "(_[0-9]+)?_act"},
             "GENERATEUR": {"nomgen": _NAME + "_gen([0-9]+)?"},
             "ASSIETTE": {"nomass": _ASSIETTE_NAME % _ASSIETTE_2013}},
    "2016": {"SERVITUDE": {"idsup": _ID, "nomsup": _NAME + "_sup"},
             "ACTE_SUP": {"idacte": _ID + "-[0-9]+", "nomacte": _NAME + "_[0-9]{8}_act"},
             "SERVITUDE_ACTE_SUP": {"idsup": _ID, "idacte": _ID + "-[0-9]+"},
             "GENERATEUR": {"idgen": _ID + "-[0-9]+", "idsup": _ID,
                            "nomgen": _NAME + "_gen([0-9]+)?"},
             "ASSIETTE": {"idass": _ID + "-[0-9]+-[0-9]+", "idgen": _ID + "-[0-9]+"}}}


class _Layer:
    def __init__(self, cnig, source):
        self.cnig, self.label, self.fields = cnig, source.label, source.fields
        self.table, self.key, self.family = LAYERS[cnig]
        self.records = source.records
        self.refused = set()            # record numbers refused

    @property
    def spec(self):
        return BY_NAME[self.table]


def import_sup(conn, input_path, mode=TOLERANT, feedback=None):
    """Check the CNIG SUP delivery at `input_path` and land it. Returns the
    Report; `report.refused` is true when strict mode met errors (then
    nothing is written)."""
    if mode not in MODES:
        raise SitError(tr("Unknown import mode {mode}.").format(mode=mode))
    report = common.Report(tr("CNIG SUP import"), input_path)
    layers = _read_delivery(input_path, report, feedback)
    if "SERVITUDE" not in layers:
        raise SitError(tr("{path}: no SERVITUDE table: the servitudes the generators and "
                          "assiettes belong to are unknown; nothing was imported.")
                       .format(path=input_path))
    if not any(layer.family for layer in layers.values()):
        raise SitError(tr("{path}: no GENERATEUR_SUP_* nor ASSIETTE_SUP_* table: nothing to "
                          "import.").format(path=input_path))
    _validate(conn, layers, report)
    errors = [d for d in report.defects if d.blocking]
    if mode == STRICT and errors:
        report.refused = True
        report.outcome = tr("Delivery refused (strict mode): {n} errors; nothing was written.") \
            .format(n=len(errors))
        return report
    common.check_cancel(feedback)
    landed = []
    with transaction(conn):
        for layer in layers.values():
            landed.append((layer.cnig, layer.table, len(layer.records))
                          + _write(conn, layer))
            common.check_cancel(feedback)
    report.table(tr("Landed"), [tr("CNIG layer"), tr("Table"), tr("Read"), tr("Created"),
                                tr("Updated"), tr("Unchanged")], landed)
    created = sum(row[3] + row[4] for row in landed)
    report.outcome = (tr("Servitudes imported: {n} features written, {d} defects ({e} errors).")
                      if created else
                      tr("Servitudes already in the store with this content: nothing changed; "
                         "{d} defects ({e} errors).")).format(
        n=common.format_int(created), d=len(report.defects), e=len(errors))
    return report


# --- reading -------------------------------------------------------------------

def _read_delivery(input_path, report, feedback):
    layers = {}
    read = []
    with common.delivery(input_path) as root:
        for path in common.files_in(root, (".shp", ".dbf")):
            stem, ext = os.path.splitext(os.path.basename(path))
            if ext.lower() == ".dbf" and os.path.exists(os.path.splitext(path)[0] + ".shp"):
                continue                    # read through its .shp
            m = _LAYER_NAME.search(stem)
            if not m:
                continue
            cnig = m.group(1).upper()
            if cnig in layers:
                report.defect(os.path.basename(path), "", tr("one table per layer"), tr(
                    "a second {layer} table in the delivery: not read (the first is {first})")
                    .format(layer=cnig, first=layers[cnig].label), blocking=True)
                continue
            layer = _Layer(cnig, common.read_layer(path, feedback=feedback))
            layers[cnig] = layer
            read.append((cnig, layer.label, len(layer.records)))
    if not layers:
        raise SitError(tr("{path} holds nothing usable: no CNIG SUP table (SERVITUDE, "
                          "ACTE_SUP, GENERATEUR_SUP_*, ASSIETTE_SUP_*...) found.")
                       .format(path=input_path))
    report.table(tr("Read"), [tr("CNIG layer"), tr("File"), tr("Features")], read)
    return layers


# --- validation -----------------------------------------------------------------

def _validate(conn, layers, report):
    """Record every defect; normalise the values in place; mark the records
    the store cannot hold as refused."""
    # Generators and assiettes come in the geometries the category has.
    for cnig in ("ACTE_SUP", "GESTIONNAIRE_SUP", "SERVITUDE_ACTE_SUP"):
        if cnig not in layers:
            report.defect(report.source, "", tr("table present"), tr(
                "no {layer} table in the delivery").format(layer=cnig), blocking=True)
    categories = sorted({str(r.attrs.get("categorie") or "").upper()
                         for r in layers["SERVITUDE"].records} - {""})
    patterns = _patterns(layers["SERVITUDE"].records, categories, report)
    keys = {cnig: set() for cnig in LAYERS}
    for layer in layers.values():
        _check_fields(layer, categories, report)
        for record in layer.records:
            _check_record(layer, record, keys[layer.cnig], report,
                          patterns.get(layer.cnig.split("_SUP_")[0], {}))
    for layer in layers.values():
        for field, targets in _REFERENCES.get(layer.cnig, ()):
            known = set().union(*(keys[t] for t in targets)) | _stored(conn, targets, field)
            for record in layer.records:
                value = record.attrs.get(field)
                if value and value not in known and record.number not in layer.refused:
                    report.defect(layer.label, _where(layer, record), tr("reference"), tr(
                        "{name} {value} is in no {tables} table").format(
                            name=field.upper(), value=value,
                            tables=" / ".join(targets)), blocking=True)


def _patterns(servitudes, categories, report):
    """{table: {field: compiled pattern}} of the delivery's model, which its
    identifiers tell (the validator is told it)."""
    ids = [_text(r.attrs.get("idsup")) for r in servitudes]
    model = "2016" if any(i and not i.isdigit() for i in ids) else "2013"
    report.note(tr("Checked against the CNIG SUP {model} model ({why}).").format(
        model=model, why=tr("identifiers such as A5-123456789-1") if model == "2016"
        else tr("numbered identifiers")))
    patterns = {t: dict(p) for t, p in _PATTERNS[model].items()}
    if model == "2016":
        patterns["ASSIETTE"]["nomass"] = _ASSIETTE_NAME % "|".join(
            dict.fromkeys(_ASSIETTE_2016.get(c, "ass") for c in categories or ("",)))
    return {t: {f: re.compile(p) for f, p in fields.items()} for t, fields in patterns.items()}


def _stored(conn, targets, field):
    """The keys `field` may point at that the store already holds."""
    found = set()
    for cnig in targets:
        table = LAYERS[cnig][0]
        found |= {v for (v,) in conn.execute("SELECT %s FROM %s" % (field, table))}
    return found


def _check_fields(layer, categories, report):
    columns = {f.name for f in layer.spec.fields} - {"uuid"}
    kind = layer.cnig.split("_")[0]
    extras = {f for c in categories for f in _CATEGORY_FIELDS.get((c, kind), ())}
    for field in layer.fields:
        if field in extras:
            report.note(tr("{layer}: attribute {name} of the category's model is not kept.")
                        .format(layer=layer.label, name=field.upper()))
        elif field not in columns:
            report.defect(layer.label, "", tr("unexpected attribute"), tr(
                "attribute {name} is not in the CNIG SUP standard: not kept").format(
                    name=field.upper()))
    for field in _mandatory(layer):
        if field not in layer.fields:
            report.defect(layer.label, "", tr("attribute present"), tr(
                "attribute {name} missing from the file: no feature of the table can "
                "be imported").format(name=field.upper()), blocking=True)
            layer.refused |= {r.number for r in layer.records}


def _mandatory(layer):
    return [f.name for f in layer.spec.fields if f.not_null]


def _where(layer, record):
    key = record.attrs.get(layer.key) if layer.key else None
    return "%d%s" % (record.number, " (%s)" % key if key else "")


def _text(value):
    """The standard's attributes as text: 35.0 (a numeric DBF column) is 35."""
    if isinstance(value, float):
        return None if not math.isfinite(value) else "%.15g" % value
    return None if value in (None, "") else str(value)


def _check_record(layer, record, keys, report, patterns):
    columns = {f.name: f for f in layer.spec.fields}
    a = record.attrs
    for field in list(a):
        if field in columns and columns[field].type == "integer" and a[field] not in (None, ""):
            try:
                a[field] = common.as_integer(a[field])
            except ValueError:
                report.defect(layer.label, _where(layer, record), tr("number"), tr(
                    "{name} = {value} is no integer: left empty").format(
                        name=field.upper(), value=a[field]), blocking=True)
                a[field] = None
        elif field in columns:
            a[field] = _text(a[field])
    where = _where(layer, record)

    def defect(rule, message, refuse=False):
        report.defect(layer.label, where, rule, message, blocking=True)
        if refuse:
            layer.refused.add(record.number)

    for field in _mandatory(layer):
        if field in layer.fields and not a.get(field):
            defect(tr("mandatory attribute"), tr("{name} is empty").format(name=field.upper()),
                   refuse=True)
    key = (a.get("idsup"), a.get("idacte")) if layer.key is None else a.get(layer.key)
    if key in keys:
        defect(tr("unique identifier"), tr("{name} {value} is delivered twice: the second is "
                                           "not imported").format(
            name=(layer.key or "idsup, idacte").upper(), value=key), refuse=True)
    elif record.number not in layer.refused:
        keys.add(key)
    for field, pattern in patterns.items():
        if a.get(field) not in (None, "") and not pattern.fullmatch(str(a[field])):
            defect(tr("pattern"), tr("{name} {value} does not match the standard's pattern "
                                     "{pattern}").format(name=field.upper(), value=a[field],
                                                         pattern=pattern.pattern))
    for field in _DATES:
        if a.get(field) and not _date_ok(a[field]):
            defect(tr("date"), tr("{name} {value} is not a date YYYYMMDD").format(
                name=field.upper(), value=a[field]))
    mode, source = _SOURCE.get(layer.cnig.split("_")[0], (None, None))
    if mode and str(a.get(mode) or "").lower() == "digitalisation" and not a.get(source):
        defect(tr("source of the geometry"), tr(
            "{mode} is Digitalisation but {source} is empty: a digitised geometry names "
            "its source").format(mode=mode.upper(), source=source.upper()))
    if layer.family:
        g = record.geom
        if g is not None and g.HasCurveGeometry():
            g = record.geom = g.GetLinearGeometry()
        if g is None or g.IsEmpty():
            defect(tr("geometry"), tr("no geometry"), refuse=True)
        elif layer.family not in g.GetGeometryName():
            defect(tr("geometry"), tr("{found} where {family} is expected").format(
                found=g.GetGeometryName(), family=layer.family), refuse=True)
        elif not g.IsValid():
            defect(tr("valid geometry"), tr("invalid geometry (self-intersection?): kept as "
                                            "delivered"))


def _date_ok(value):
    try:
        datetime.datetime.strptime(str(value), "%Y%m%d")
    except ValueError:
        return False
    return True


# --- writing ---------------------------------------------------------------------

def _write(conn, layer):
    """(created, updated, unchanged) rows of `layer` in its table."""
    records = [r for r in layer.records if r.number not in layer.refused]
    if layer.key is None:
        return _write_links(conn, records)
    columns = [f.name for f in layer.spec.fields
               if f.name in layer.fields and f.name not in ("uuid", layer.key)]
    rows = []
    for r in records:
        row = {c: r.attrs.get(c) for c in [layer.key] + columns}
        if layer.family:
            row["geom"] = common.multi_wkb(r.geom)
        rows.append(row)
    return common.upsert(conn, layer.table, layer.key, columns, rows,
                         geometry=bool(layer.family))


def _write_links(conn, records):
    """Which acts institute which servitudes: pairs not yet stored are added."""
    stored = set(conn.execute("SELECT idsup, idacte FROM sup_servitude_acte"))
    pairs = list(dict.fromkeys((r.attrs["idsup"], r.attrs["idacte"]) for r in records))
    new = [p for p in pairs if p not in stored]
    d = db.dialect(conn)
    with common.store_rules("sup_servitude_acte"):
        d.insert_many(conn, "INSERT INTO sup_servitude_acte (idsup, idacte)", "(?, ?)", new)
    return len(new), 0, len(pairs) - len(new)
