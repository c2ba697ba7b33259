"""CNIG PLU/PLUi deliveries of every model (2013 to 2025) into the `plui` tables.

The model is recognised from the delivery (core/schema/cnig.py) or given.
The delivery is validated first against that model, the way the IGN
validator of the Géoportail de l'urbanisme does: fields present and
unexpected, geometry validity, mandatory attributes, codes against the
model's CNIG lists, IDURBA and dates, references between DOC_URBA,
DOC_URBA_COM and the layers. Each deviation is a defect (an error or a
warning) with its rule. Strict mode refuses the delivery on errors; tolerant
mode lands what the store can hold and reports the rest. Only what cannot
be read refuses a tolerant import. A delivery that replaces an older one of
the same authority moves the older one to `plui_archive`; each import
records the model it was read as.
"""
import datetime
import functools
import hashlib
import json
import math
import os
import re
import uuid as uuidlib

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME, cnig
from ..storage import db
from ..storage.store import current_user, transaction
from . import common

STRICT, TOLERANT = "strict", "tolerant"
MODES = (TOLERANT, STRICT)
AUTO = ""               # the model recognised from the delivery

# CNIG layer -> (store table, geometry family).
LAYERS = {
    "DOC_URBA": ("doc_urba", None),
    "DOC_URBA_COM": ("doc_urba_com", None),
    "ZONE_URBA": ("zone_urba", "POLYGON"),
    "PRESCRIPTION_SURF": ("prescription_surf", "POLYGON"),
    "PRESCRIPTION_LIN": ("prescription_lin", "LINESTRING"),
    "PRESCRIPTION_PCT": ("prescription_pct", "POINT"),
    "INFO_SURF": ("info_surf", "POLYGON"),
    "INFO_LIN": ("info_lin", "LINESTRING"),
    "INFO_PCT": ("info_pct", "POINT"),
}
# File names end with the approval date, or DATAPPRO in the official
# templates. Longest names first: DOC_URBA_COM must not be taken for DOC_URBA.
_DATE = r"(?:_(?:\d{8}|DATAPPRO))?$"
_LAYER_NAME = re.compile(r"(?:^|_)(%s)%s" % ("|".join(
    sorted(LAYERS, key=len, reverse=True)), _DATE), re.I)
# The layer only a carte communale delivery has (CNIG PLU/CC standard).
_CARTE_COMMUNALE = re.compile(r"(?:^|_)SECTEUR_CC" + _DATE, re.I)
# The dressing of the paper plan, optional in the standard: the store has no table for it.
_HABILLAGE = re.compile(r"(?:^|_)(HABILLAGE_(?:SURF|LIN|PCT|TXT))" + _DATE, re.I)
# IDURBA, CNIG 2017 and later: {INSEE or SIREN}_{type}_{approval date}[_{code}];
# the 2013/2014 form {INSEE or SIREN}[_]{date} is still met.
_IDURBA = re.compile(r"^(\d{9}|(?:2A|2B|\d{2})\d{3})(?:_(PLU|PLUi|PLUI|POS|CC|PSMV)_|_?)"
                     r"(\d{8})(?:_[0-9A-Za-z]+)?$")
# What the importer fills when a delivery leaves it out or empty (_fill):
# every other NOT NULL column lacking refuses the feature, never half-written.
_FILLED = ("idurba", "stypepsc", "stypeinf")
# Codes the store checks against a list, with the list.
_CODED = {"typezone": "cnig_typezone", "typedoc": "cnig_typedoc", "etat": "cnig_etat",
          "typeref": "cnig_typeref", "destdomi": "cnig_destdomi"}
# Every model's own list of a coded field, to name the model a stray code is of.
_MODEL_LISTS = {"psc": ("cnig_typepsc_2017", "cnig_typepsc_2022", "cnig_typepsc_2024",
                        "cnig_typepsc_s_2025", "cnig_typepsc_l_2025", "cnig_typepsc_p_2025"),
                "inf": ("cnig_typeinf_2017", "cnig_typeinf_2022", "cnig_typeinf_2024",
                        "cnig_typeinf_s_2025", "cnig_typeinf_l_2025", "cnig_typeinf_p_2025")}


class _Feature:
    __slots__ = ("number", "attrs", "geom", "valid", "refused", "curved")

    def __init__(self, record):
        self.number, self.attrs, self.geom = record.number, record.attrs, record.geom
        self.valid, self.refused = record.valid, False
        # Arcs (CURVEPOLYGON, MULTISURFACE...): the store holds straight segments.
        self.curved = self.geom is not None and self.geom.HasCurveGeometry()
        if self.curved:
            self.geom = self.geom.GetLinearGeometry()
            self.valid = self.geom.IsValid()


def import_plu(conn, input_path, mode=TOLERANT, feedback=None, model=AUTO):
    """Validate the CNIG delivery at `input_path` against `model` (one of
    cnig.MODELS; AUTO: recognised from the delivery) and land it. Returns the
    Report; `report.refused` is true when the mode let errors block it (then
    nothing is written)."""
    if mode not in MODES:
        raise SitError(tr("Unknown import mode {mode}.").format(mode=mode))
    if model != AUTO and model not in cnig.MODELS:
        raise SitError(tr("Unknown CNIG model {model}: one of {models}.").format(
            model=model, models=", ".join(cnig.MODELS)))
    report = common.Report(tr("CNIG PLU import"), input_path)
    layers = _read_delivery(input_path, report, feedback)
    codes = _codelists(conn)
    doc, model = _validate(layers, codes, report, model)
    errors = [d for d in report.defects if d.blocking]
    if mode == STRICT and errors:
        report.refused = True
        report.outcome = tr("Delivery refused (strict mode): {n} errors; nothing was written.") \
            .format(n=len(errors))
        return report
    if not any(not f.refused for layer, (_, _, features) in layers.items()
               if LAYERS[layer][1] for f in features):
        # Landing nothing would archive the whole current plan: nothing is
        # written, the report says why (an empty template, every feature refused).
        report.outcome = tr("{path}: no zone, prescription or information of the delivery can "
                            "be imported: nothing to import, the current plan is left as it "
                            "is.").format(path=input_path)
        return report
    fingerprint = _fingerprint(layers)
    idurba = doc["idurba"]
    current = conn.execute("SELECT empreinte FROM plui_import WHERE idurba = ? AND "
                           "remplace_le IS NULL", (idurba,)).fetchone()
    if current and current[0] == fingerprint:
        report.outcome = tr("Document {idurba} is already imported with this content: "
                            "nothing changed.").format(idurba=idurba)
        return report
    replaced = _replaced_documents(conn, idurba, doc.get("datappro"))
    common.check_cancel(feedback)
    with transaction(conn):
        now = datetime.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
        archived = sum(_archive(conn, old, idurba, now) for old in replaced)
        landed = _insert(conn, layers, feedback)
        conn.execute(
            "INSERT INTO plui_import (idurba, datappro, source, empreinte, nb_objets, nb_defauts, "
            "importe_le, importe_par, modele) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (idurba, doc.get("datappro"), os.path.basename(input_path.rstrip(os.sep)),
             fingerprint, landed, len(report.defects), now, current_user(), model))
        common.check_cancel(feedback)
    _landed_table(report, layers)
    if replaced:
        report.note(tr("Replaced and kept in history (plui_archive): {docs}; {n} features "
                       "archived.").format(docs=", ".join(replaced), n=archived))
        report.table(tr("Tickets on replaced features (their object is in plui_archive)"),
                     [tr("Ticket"), tr("Table"), tr("Document")],
                     _tickets_on(conn, replaced))
    report.outcome = tr("Document {idurba} imported: {n} features, {d} defects ({e} errors).") \
        .format(idurba=idurba, n=common.format_int(landed), d=len(report.defects),
                e=len(errors))
    return report


# --- reading -------------------------------------------------------------------

def _read_delivery(input_path, report, feedback):
    """{CNIG layer name: (label, fields, [_Feature])} for every CNIG layer found."""
    layers = {}
    read = []
    with common.delivery(input_path) as root:
        sources = []
        for path in common.files_in(root, (".shp", ".dbf", ".gpkg")):
            stem, ext = os.path.splitext(os.path.basename(path))
            if ext.lower() == ".dbf" and os.path.exists(os.path.splitext(path)[0] + ".shp"):
                continue                    # read through its .shp
            if ext.lower() == ".gpkg":
                sources += [(path, name, name) for name in _gpkg_layers(path)]
            else:
                sources.append((path, None, stem))
        for path, layer, name in sources:
            if _CARTE_COMMUNALE.search(name):
                raise SitError(tr("{file}: a carte communale delivery (SECTEUR_CC). This import "
                                  "reads PLU and PLUi deliveries: the sectors of a carte "
                                  "communale have no place in the PLUi tables.").format(
                                      file=os.path.basename(path)))
            habillage = _HABILLAGE.search(name)
            if habillage:
                report.note(tr("{file}: the dressing of the plan ({layer}) has no table in the "
                               "store: not read.").format(file=os.path.basename(path),
                                                         layer=habillage.group(1).upper()))
            m = _LAYER_NAME.search(name)
            if not m:
                continue
            cnig_name = m.group(1).upper()
            if cnig_name in layers:
                report.defect(os.path.basename(path), "", tr("one table per layer"), tr(
                    "a second {layer} table in the delivery: not read (the first is {first})")
                    .format(layer=cnig_name, first=layers[cnig_name][0]), blocking=True)
                continue
            source = common.read_layer(path, layer, feedback=feedback)
            features = [_Feature(r) for r in source.records]
            layers[cnig_name] = (source.label, source.fields, features)
            read.append((cnig_name, source.label, len(features),
                         source.encoding_note or "UTF-8", source.crs_note))
    if not layers:
        raise SitError(tr("{path} holds nothing usable: no CNIG layer (DOC_URBA, ZONE_URBA, "
                          "PRESCRIPTION_*, INFO_*) found.").format(path=input_path))
    report.table(tr("Read"), [tr("CNIG layer"), tr("File"), tr("Features"), tr("Encoding"),
                              tr("CRS")], read)
    return layers


def _gpkg_layers(path):
    ds = common.open_vector(path)
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def _codelists(conn):
    codes = {}
    for name, code in conn.execute("SELECT list, code FROM codelist WHERE list LIKE 'cnig_%'"):
        codes.setdefault(name, {})[code.upper()] = code
    return codes


# --- validation -----------------------------------------------------------------

def _validate(layers, codes, report, model):
    """Record every defect against `model` (AUTO: the one recognised);
    normalise codes in place; return (DOC_URBA's row, the model read)."""
    doc = _document(layers, report)
    idurba = doc["idurba"]
    if model == AUTO:
        model = cnig.recognise({c: fields for c, (_, fields, _) in layers.items()},
                               doc.get("nomproc"), doc.get("datappro"))
        report.note(tr("Read as the CNIG {model} model, recognised from the delivery's fields.")
                    .format(model=model))
    else:
        report.note(tr("Read as the CNIG {model} model, as asked.").format(model=model))
    if idurba and not _IDURBA.match(idurba):
        report.defect(layers.get("DOC_URBA", (report.source,))[0], 1, "IDURBA", tr(
            "IDURBA {value} does not follow the CNIG form SIREN-or-INSEE_TYPE_YYYYMMDD.")
            .format(value=idurba), blocking=True)
    for name, (label, fields, features) in layers.items():
        mandatory = cnig.mandatory(model, name)
        # Without a column the store requires, no feature of the layer can land.
        refused = _check_fields(name, label, fields, model, mandatory, report)
        for f in features:
            f.refused = f.refused or refused
            _validate_feature(name, label, model, mandatory, f, idurba, codes, report)
            _fill(name, fields, f, idurba)
    coms = layers.get("DOC_URBA_COM")
    if coms is None:
        report.defect(report.source, "", tr("DOC_URBA_COM"), tr(
            "no DOC_URBA_COM table: the communes of the document are unknown"), blocking=True)
    elif str(doc.get("typedoc", "")).upper() == "PLUI" and len(coms[2]) < 2:
        report.defect(coms[0], "", tr("DOC_URBA_COM size"), tr(
            "an intercommunal plan lists {n} commune(s) in DOC_URBA_COM").format(
                n=len(coms[2])))
    if not any(name.startswith("PRESCRIPTION") for name in layers):
        report.defect(report.source, "", tr("prescriptions"), tr(
            "no prescription table (PRESCRIPTION_SURF, _LIN or _PCT) in the delivery"))
    return doc, model


def _document(layers, report):
    """DOC_URBA's row. A missing DOC_URBA, or one of several rows, is a
    defect: the document is then known by the IDURBA its layers carry."""
    doc_label, _, rows = layers.get("DOC_URBA", (report.source, [], []))
    rows = [f for f in rows if f.attrs.get("idurba")]
    if len(rows) == 1:
        return rows[0].attrs
    if rows:
        report.defect(doc_label, "", tr("DOC_URBA size"), tr(
            "DOC_URBA holds {n} documents: the first ({idurba}) is imported").format(
                n=len(rows), idurba=rows[0].attrs["idurba"]), blocking=True)
        for f in rows[1:]:
            f.refused = True
        return rows[0].attrs
    found = sorted({f.attrs["idurba"] for name, (_, _, features) in layers.items()
                    for f in features if name != "DOC_URBA" and f.attrs.get("idurba")})
    if not any(features for _, _, features in layers.values()):
        report.defect(doc_label, "", tr("DOC_URBA"), tr(
            "DOC_URBA holds no document and the delivery no feature: an empty delivery"),
            blocking=True)
        return {"idurba": ""}
    if len(found) != 1:
        raise SitError(tr("{path}: no DOC_URBA row with its IDURBA, and the layers name {n} "
                          "documents: the document cannot be identified.").format(
                              path=report.source, n=len(found)))
    report.defect(doc_label, "", tr("DOC_URBA"), tr(
        "no DOC_URBA row: the document is {idurba}, named by its layers").format(
            idurba=found[0]), blocking=True)
    return {"idurba": found[0]}


def _check_fields(name, label, fields, model, mandatory, report):
    """Fields missing and unexpected; true if one the store requires is missing."""
    for field in mandatory:
        if field not in fields:
            report.defect(label, "", tr("attribute present"), tr(
                "attribute {name} missing from the file").format(name=field.upper()),
                blocking=True)
    known = set(cnig.fields(model, name) + cnig.identifiers(name))
    columns = {f.name for f in BY_NAME[LAYERS[name][0]].fields}
    for field in fields:
        if field not in known:
            report.defect(label, "", tr("unexpected attribute"), (
                tr("attribute {name} is not in the CNIG {model} model: kept") if field in columns
                else tr("attribute {name} is not in the CNIG {model} model: not kept")).format(
                    name=field.upper(), model=model))
    return bool(_store_required(name) - set(fields))


def _fill(name, fields, f, idurba):
    """What the store needs and an older model does not carry: the layers of
    the 2013 model name no document (they are the delivery's), their types
    no sub-type (the 2017 standard reads TYPE as TYPE-00). Empty ones too,
    after their defect."""
    if name == "DOC_URBA":
        return
    defaults = {"idurba": idurba}
    for kind in ("psc", "inf"):
        if "type" + kind in fields:
            defaults["stype" + kind] = "00"
    for field, value in defaults.items():
        if f.attrs.get(field) in (None, ""):
            f.attrs[field] = value
            if field not in fields:
                fields.append(field)


def _store_required(name):
    """The NOT NULL columns of the layer's table that a delivery must fill."""
    return {f.name for f in BY_NAME[LAYERS[name][0]].fields if f.not_null} - set(_FILLED)


def _models_of(codes, kind, code):
    """The models whose list holds TYPE-STYPE `code` (kind "psc" or "inf")."""
    return sorted({name.rsplit("_", 1)[1] for name in _MODEL_LISTS[kind]
                   if code in codes.get(name, {})})


def _validate_feature(name, label, model, mandatory, f, idurba, codes, report):
    a = f.attrs
    family = LAYERS[name][1]
    where = "%d%s" % (f.number, " (%s)" % a["libelle"] if a.get("libelle") else "")

    def defect(rule, message, blocking=True, refuse=False):
        report.defect(label, where, rule, message, blocking)
        f.refused = f.refused or refuse

    for field, value in a.items():     # the plui tables hold text only
        if isinstance(value, float) and not math.isfinite(value):
            defect(tr("number"), tr("{name} = {value} is no number: left empty").format(
                name=field.upper(), value=value), blocking=False)
            a[field] = None
        elif isinstance(value, (int, float)):
            a[field] = "%.15g" % value if isinstance(value, float) else str(value)

    for field in mandatory:
        if field in a and a[field] in (None, ""):
            defect(tr("mandatory attribute"), tr("{name} is empty").format(name=field.upper()),
                   refuse=field in _store_required(name))
    if name == "DOC_URBA" and str(a.get("typedoc", "")).upper() == "PLUI" and not a.get("siren"):
        defect(tr("mandatory attribute"), tr("SIREN is empty (mandatory for a PLUi)"))
    if a.get("idurba") and a["idurba"] != idurba:
        if _same_idurba(a["idurba"], idurba):
            defect(tr("reference to DOC_URBA"), tr(
                "IDURBA {value} is the document's written otherwise ({doc}): read as {doc}")
                .format(value=a["idurba"], doc=idurba), blocking=False)
            a["idurba"] = idurba
        else:
            defect(tr("reference to DOC_URBA"), tr("IDURBA {value} is not the document's ({doc})")
                   .format(value=a["idurba"], doc=idurba))
    for field in ("datvalid", "datappro", "dateref", "datefin"):
        if a.get(field) and not _date_ok(a[field]):
            defect(tr("date"), tr("{name} {value} is not a date YYYYMMDD").format(
                name=field.upper(), value=a[field]))
    if name == "DOC_URBA" and a.get("nomproc") and not cnig.nomproc_ok(model, a["nomproc"]):
        defect(tr("code list"), tr("NOMPROC {value} is not a procedure code of the CNIG {model} "
                                   "model").format(value=a["nomproc"], model=model))
    for field, codelist in _CODED.items():
        if a.get(field):
            known = codes.get(codelist, {}).get(str(a[field]).upper())
            if known is None:
                defect(tr("code list"), tr("{name} {value} is not in the CNIG list").format(
                    name=field.upper(), value=a[field]), refuse=field == "typezone")
                a[field] = None
            else:
                a[field] = known               # "PLUI" -> "PLUi"
                if field == "typezone" and model != "2013" and known not in cnig.TYPEZONES:
                    defect(tr("code list"), tr("TYPEZONE {value} is a code of the CNIG 2013 "
                                               "model, not of {model}").format(
                                                   value=known, model=model))
                if field == "typeref" and not cnig.typeref_ok(model, known):
                    defect(tr("code list"), tr("TYPEREF {value} is a code of the CNIG 2022 "
                                               "model and later, not of {model}").format(
                                                   value=known, model=model))
    formdomi = cnig.codelist(model, name, "formdomi")
    if a.get("formdomi") and formdomi and a["formdomi"] not in codes.get(formdomi, {}):
        defect(tr("code list"), tr("FORMDOMI {value} is not in the CNIG {model} list").format(
            value=a["formdomi"], model=model))
    for kind in ("psc", "inf"):
        if a.get("type" + kind):
            # No sub-type reads as 00, as _fill then writes it.
            code = "%s-%s" % (a["type" + kind], a.get("stype" + kind) or "00")
            if code in codes.get(cnig.codelist(model, name, "type" + kind), {}):
                a["code_cnig"] = code
            elif code in codes.get("cnig_type" + kind, {}):
                a["code_cnig"] = code
                defect(tr("code list"), tr("TYPE{k}-STYPE{k} {code} is a code of the CNIG "
                                           "{others} model, not of {model}").format(
                    k=kind.upper(), code=code, others=", ".join(_models_of(codes, kind, code)),
                    model=model))
            else:
                defect(tr("code list"), tr("TYPE{k}-STYPE{k} {code} is not in the CNIG list")
                       .format(k=kind.upper(), code=code))
    if family:
        g = f.geom
        if g is None or g.IsEmpty():
            defect(tr("geometry"), tr("no geometry"), refuse=True)
        elif family not in g.GetGeometryName():
            defect(tr("geometry"), tr("{found} where {family} is expected").format(
                found=g.GetGeometryName(), family=family), refuse=True)
        elif not f.valid:
            defect(tr("valid geometry"), tr("invalid geometry (self-intersection?): kept as "
                                            "delivered"))
        if f.curved:
            defect(tr("geometry"), tr("curved geometry: its arcs are stored as straight "
                                      "segments"), blocking=False)


def _same_idurba(a, b):
    """The same IDURBA, written with another case or without its separators."""
    return a.upper().replace("_", "") == b.upper().replace("_", "")


@functools.lru_cache(maxsize=1024)   # a delivery repeats its few dates on every feature
def _date_ok(value):
    try:
        datetime.datetime.strptime(str(value), "%Y%m%d")
    except ValueError:
        return False
    return True


# --- writing ---------------------------------------------------------------------

def _fingerprint(layers):
    """SHA-256 of the delivery's content: the same delivery re-imported is
    recognised and changes nothing."""
    h = hashlib.sha256()
    for layer in sorted(layers):
        for f in layers[layer][2]:
            h.update(json.dumps([layer, sorted((k, str(v)) for k, v in f.attrs.items()),
                                 common.wkb(f.geom).hex() if f.geom else None]).encode())
    return h.hexdigest()


def _replaced_documents(conn, idurba, datappro):
    """The current documents this delivery replaces: the same IDURBA (a
    corrected delivery) or the same authority (INSEE/SIREN) with an older
    approval. A newer document already in the store refuses the import."""
    authority = _authority(idurba)
    out = []
    for old, old_date in conn.execute("SELECT idurba, datappro FROM doc_urba"):
        if old != idurba and _authority(old) != authority:
            continue
        if old != idurba and (old_date or "") > (datappro or ""):
            raise SitError(tr("The store holds {old}, approved on {date}, newer than this "
                              "delivery ({new}): import refused.").format(
                                  old=old, date=old_date, new=idurba))
        out.append(old)
    return out


def _authority(idurba):
    """The INSEE code or SIREN that IDURBA starts with."""
    m = _IDURBA.match(idurba)
    return m.group(1) if m else idurba.split("_")[0]


def _archive(conn, old, new, now):
    """Move document `old` and its features into plui_archive."""
    row = conn.execute("SELECT uuid FROM plui_import WHERE idurba = ? AND remplace_le IS NULL",
                       (old,)).fetchone()
    if row is None:     # loaded otherwise (demo, hand edits): record it now
        conn.execute("INSERT INTO plui_import (idurba, empreinte, importe_le, source) "
                     "VALUES (?, '', ?, ?)", (old, now, tr("already in the store")))
        row = conn.execute("SELECT uuid FROM plui_import WHERE idurba = ? AND "
                           "remplace_le IS NULL", (old,)).fetchone()
    count = 0
    d = db.dialect(conn)
    for table, family in LAYERS.values():
        columns = [f.name for f in BY_NAME[table].fields]
        pairs = ", ".join("'%s', %s" % (c, d.quote(c)) for c in columns)
        count += conn.execute(
            "INSERT INTO plui_archive (geom, idurba, import_uuid, layer_name, feature_uuid, "
            "attributes) SELECT %s, ?, ?, ?, uuid, CAST(%s(%s) AS TEXT) FROM %s "
            "WHERE idurba = ?" % ("geom" if family else "NULL", d.json_object, pairs,
                                  d.quote(table)),
            (old, row[0], table, old)).rowcount
        conn.execute("DELETE FROM %s WHERE idurba = ?" % d.quote(table), (old,))
    conn.execute("UPDATE plui_import SET remplace_le = ?, remplace_par = ? WHERE uuid = ?",
                 (now, new, row[0]))
    return count


def _tickets_on(conn, documents):
    """Tickets that point at a feature of the replaced `documents`."""
    marks = ", ".join("?" * len(documents))
    return [(tr("ticket {n}: {title}").format(n=fid, title=title), layer, idurba)
            for fid, title, layer, idurba in conn.execute(
                "SELECT t.fid, t.title, t.layer_name, a.idurba FROM ticket t "
                "JOIN plui_archive a ON a.feature_uuid = t.feature_uuid "
                "AND a.layer_name = t.layer_name WHERE a.idurba IN (%s) ORDER BY t.fid" % marks,
                documents)]


def _insert(conn, layers, feedback):
    landed = 0
    d = db.dialect(conn)
    for layer, (_, fields, features) in layers.items():
        table = LAYERS[layer][0]
        spec = BY_NAME[table]
        # code_cnig is computed (TYPEPSC-STYPEPSC), the rest is as delivered.
        columns = [f.name for f in spec.fields if f.name in fields or f.name == "code_cnig"]
        rows = [f for f in features if not f.refused]
        if spec.geometry:
            # uuids given here and the R-tree filled once: half the insert's time
            common.bulk_insert(conn, table, columns + ["uuid"], (
                [common.multi_wkb(f.geom)] + [f.attrs.get(c) for c in columns]
                + [str(uuidlib.uuid4())] for f in rows), [f.geom.GetEnvelope() for f in rows])
        else:
            with common.store_rules(table):
                d.insert_many(conn, "INSERT INTO %s (%s)" % (
                    d.quote(table), ", ".join(map(d.quote, columns))),
                    "(%s)" % ", ".join("?" * len(columns)), [
                        [f.attrs.get(c) for c in columns] for f in rows])
        landed += len(rows)
        common.check_cancel(feedback)
    return landed


def _landed_table(report, layers):
    rows = []
    for layer, (_, _, features) in layers.items():
        refused = sum(1 for f in features if f.refused)
        rows.append((layer, LAYERS[layer][0], len(features), len(features) - refused, refused))
    report.table(tr("Landed"), [tr("CNIG layer"), tr("Table"), tr("Read"), tr("Landed"),
                                tr("Refused")], rows)
