"""CNIG PLU/PLUi deliveries (2017 and 2024 templates) into the `plui` tables.

The delivery is validated first, the way the IGN validator of the
Géoportail de l'urbanisme does: geometry validity, mandatory attributes,
codes against the CNIG lists, IDURBA and dates, references between DOC_URBA,
DOC_URBA_COM and the layers. Each defect is an error or a warning; the mode
decides whether errors refuse the whole delivery (strict) or only the
features the store cannot hold (tolerant). A delivery that replaces an
older one of the same authority moves the older one to `plui_archive`.
"""
import datetime
import hashlib
import json
import math
import os
import re

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME
from ..storage import db
from ..storage.store import current_user, transaction
from . import common

STRICT, TOLERANT = "strict", "tolerant"
MODES = (TOLERANT, STRICT)

# CNIG layer -> (store table, geometry family, mandatory attributes,
# optional attributes the standard expects in the file).
LAYERS = {
    "DOC_URBA": ("doc_urba", None,
                 ("idurba", "typedoc", "etat", "nomproc", "datappro", "dateref"), ()),
    "DOC_URBA_COM": ("doc_urba_com", None, ("idurba", "insee"), ()),
    "ZONE_URBA": ("zone_urba", "POLYGON", ("libelle", "typezone", "nomfic", "idurba"),
                  ("lib_idzone",)),
    "PRESCRIPTION_SURF": ("prescription_surf", "POLYGON",
                          ("libelle", "typepsc", "stypepsc", "idurba"), ("lib_idpsc",)),
    "PRESCRIPTION_LIN": ("prescription_lin", "LINESTRING",
                         ("libelle", "typepsc", "stypepsc", "idurba"), ("lib_idpsc",)),
    "PRESCRIPTION_PCT": ("prescription_pct", "POINT",
                         ("libelle", "typepsc", "stypepsc", "idurba"), ("lib_idpsc",)),
    "INFO_SURF": ("info_surf", "POLYGON", ("libelle", "typeinf", "stypeinf", "idurba"),
                  ("lib_idinf",)),
    "INFO_LIN": ("info_lin", "LINESTRING", ("libelle", "typeinf", "stypeinf", "idurba"),
                 ("lib_idinf",)),
    "INFO_PCT": ("info_pct", "POINT", ("libelle", "typeinf", "stypeinf", "idurba"),
                 ("lib_idinf",)),
}
# Longest names first: DOC_URBA_COM must not be taken for DOC_URBA.
_LAYER_NAME = re.compile(r"(?:^|_)(%s)(?:_\d{8})?$" % "|".join(
    sorted(LAYERS, key=len, reverse=True)), re.I)
# IDURBA, CNIG 2017 and later: {INSEE or SIREN}_{type}_{approval date}[_{code}];
# the 2013/2014 form {INSEE or SIREN}[_]{date} is still met.
_IDURBA = re.compile(r"^(\d{9}|(?:2A|2B|\d{2})\d{3})(?:_(PLU|PLUi|PLUI|POS|CC|PSMV)_|_?)"
                     r"(\d{8})(?:_[0-9A-Za-z]+)?$")
# Attributes the store cannot do without (NOT NULL columns): a feature
# lacking one is refused, never half-written.
_STORE_REQUIRED = ("libelle", "typezone", "typepsc", "stypepsc", "typeinf", "stypeinf",
                   "idurba", "insee")
# Codes the store checks against a list, with the list.
_CODED = {"typezone": "cnig_typezone", "typedoc": "cnig_typedoc", "etat": "cnig_etat",
          "typeref": "cnig_typeref", "destdomi": "cnig_destdomi"}


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


def import_plu(conn, input_path, mode=TOLERANT, feedback=None):
    """Validate the CNIG delivery at `input_path` and land it. Returns the
    Report; `report.refused` is true when the mode let errors block it (then
    nothing is written)."""
    if mode not in MODES:
        raise SitError(tr("Unknown import mode {mode}.").format(mode=mode))
    report = common.Report(tr("CNIG PLU import"), input_path)
    layers = _read_delivery(input_path, report, feedback)
    codes = _codelists(conn)
    doc = _validate(layers, codes, report)
    if not any(not f.refused for cnig, (_, _, features) in layers.items()
               if LAYERS[cnig][1] for f in features):
        # Landing nothing would archive the whole current plan.
        raise SitError(tr("{path}: no zone, prescription or information of the delivery can be "
                          "imported: nothing to import, the current plan is left as it is.")
                       .format(path=input_path))
    errors = [d for d in report.defects if d.blocking]
    if mode == STRICT and errors:
        report.refused = True
        report.outcome = tr("Delivery refused (strict mode): {n} errors; nothing was written.") \
            .format(n=len(errors))
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
            "importe_le, importe_par) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (idurba, doc.get("datappro"), os.path.basename(input_path.rstrip(os.sep)),
             fingerprint, landed, len(report.defects), now, current_user()))
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
            m = _LAYER_NAME.search(name)
            if not m:
                continue
            cnig = m.group(1).upper()
            if cnig in layers:
                raise SitError(tr("{path}: a second {layer} layer in the delivery (the first is "
                                  "{first}).").format(path=path, layer=cnig,
                                                      first=layers[cnig][0]))
            source = common.read_layer(path, layer, feedback=feedback)
            features = [_Feature(r) for r in source.records]
            layers[cnig] = (source.label, source.fields, features)
            read.append((cnig, source.label, len(features),
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

def _validate(layers, codes, report):
    """Record every defect; normalise codes in place; return DOC_URBA's row."""
    if "DOC_URBA" not in layers:
        raise SitError(tr("{path}: the delivery has no DOC_URBA table: the document cannot be "
                          "identified (IDURBA).").format(path=report.source))
    doc_label, _, doc_rows = layers["DOC_URBA"]
    if len(doc_rows) != 1 or not doc_rows[0].attrs.get("idurba"):
        raise SitError(tr("{file}: DOC_URBA must hold exactly one document with its IDURBA "
                          "({n} rows).").format(file=doc_label, n=len(doc_rows)))
    doc = doc_rows[0].attrs
    idurba = doc["idurba"]
    if not _IDURBA.match(idurba):
        report.defect(doc_label, 1, "IDURBA", tr("IDURBA {value} does not follow the CNIG "
                                                 "form SIREN-or-INSEE_TYPE_YYYYMMDD.")
                      .format(value=idurba), blocking=True)
    for cnig, (label, fields, features) in layers.items():
        _, family, mandatory, optional = LAYERS[cnig]
        absent = [n for n in mandatory + optional if n not in fields]
        for name in absent:
            report.defect(label, "", tr("attribute present"),
                          tr("attribute {name} missing from the file").format(
                              name=name.upper()), blocking=name in mandatory)
        for f in features:
            # Without a column the store requires, no feature of the layer can land.
            f.refused = any(n in _STORE_REQUIRED for n in absent)
            _validate_feature(cnig, label, family, mandatory, f, idurba, codes, report)
    coms = layers.get("DOC_URBA_COM")
    if coms is None:
        report.defect(doc_label, "", tr("DOC_URBA_COM"), tr("no DOC_URBA_COM table: the "
                      "communes of the document are unknown"), blocking=True)
    elif str(doc.get("typedoc", "")).upper() == "PLUI" and len(coms[2]) < 2:
        report.defect(coms[0], "", tr("DOC_URBA_COM size"), tr(
            "an intercommunal plan lists {n} commune(s) in DOC_URBA_COM").format(
                n=len(coms[2])))
    return doc


def _validate_feature(cnig, label, family, mandatory, f, idurba, codes, report):
    a = f.attrs
    where = "%d%s" % (f.number, " (%s)" % a["libelle"] if a.get("libelle") else "")

    def defect(rule, message, blocking=True, refuse=False):
        report.defect(label, where, rule, message, blocking)
        f.refused = f.refused or refuse

    for name, value in a.items():     # the plui tables hold text only
        if isinstance(value, float) and not math.isfinite(value):
            defect(tr("number"), tr("{name} = {value} is no number: left empty").format(
                name=name.upper(), value=value), blocking=False)
            a[name] = None
        elif isinstance(value, (int, float)):
            a[name] = "%.15g" % value if isinstance(value, float) else str(value)

    for name in mandatory:
        if name in a and a[name] in (None, ""):
            defect(tr("mandatory attribute"), tr("{name} is empty").format(name=name.upper()),
                   refuse=name in _STORE_REQUIRED)
    if cnig == "DOC_URBA" and str(a.get("typedoc", "")).upper() == "PLUI" and not a.get("siren"):
        defect(tr("mandatory attribute"), tr("SIREN is empty (mandatory for a PLUi)"))
    if a.get("idurba") and a["idurba"] != idurba:
        defect(tr("reference to DOC_URBA"), tr("IDURBA {value} is not the document's ({doc})")
               .format(value=a["idurba"], doc=idurba))
    for name in ("datvalid", "datappro", "dateref", "datefin"):
        if a.get(name) and not _date_ok(a[name]):
            defect(tr("date"), tr("{name} {value} is not a date YYYYMMDD").format(
                name=name.upper(), value=a[name]))
    for name, codelist in _CODED.items():
        if a.get(name):
            known = codes.get(codelist, {}).get(str(a[name]).upper())
            if known is None:
                defect(tr("code list"), tr("{name} {value} is not in the CNIG list").format(
                    name=name.upper(), value=a[name]), refuse=name == "typezone")
                a[name] = None
            else:
                a[name] = known               # "PLUI" -> "PLUi"
    for kind in ("psc", "inf"):
        if a.get("type" + kind) and a.get("stype" + kind):
            code = "%s-%s" % (a["type" + kind], a["stype" + kind])
            if code in codes.get("cnig_type" + kind, {}):
                a["code_cnig"] = code
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
    for cnig in sorted(layers):
        for f in layers[cnig][2]:
            h.update(json.dumps([cnig, sorted((k, str(v)) for k, v in f.attrs.items()),
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
    for table, family, _, _ in LAYERS.values():
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
    for cnig, (_, fields, features) in layers.items():
        table = LAYERS[cnig][0]
        spec = BY_NAME[table]
        # code_cnig is computed (TYPEPSC-STYPEPSC), the rest is as delivered.
        columns = [f.name for f in spec.fields if f.name in fields or f.name == "code_cnig"]
        rows = [f for f in features if not f.refused]
        if spec.geometry:
            common.insert_features(conn, table, columns, (
                [common.multi_wkb(f.geom)] + [f.attrs.get(c) for c in columns] for f in rows))
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
    for cnig, (_, _, features) in layers.items():
        refused = sum(1 for f in features if f.refused)
        rows.append((cnig, LAYERS[cnig][0], len(features), len(features) - refused, refused))
    report.table(tr("Landed"), [tr("CNIG layer"), tr("Table"), tr("Read"), tr("Landed"),
                                tr("Refused")], rows)
