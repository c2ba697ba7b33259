"""RAEPA 1.1/1.2 network surveys (drinking water AEP, sanitation ASS) into
the `raepa_*` tables; StaR-Eau GeoPackages through `stareau`'s mapping.

Each layer of the delivery is recognised by its name and fields: pipes
(lines), structures (ouvrages), fittings (appareils), repairs. Fields keep
their RAEPA names; the names of the common import templates (3liz's
gabarits: mode_circ, id_nd_amon, fe_amont...) are mapped to RAEPA's. Codes
are checked against the RAEPA lists: an unknown code is reported and left
empty rather than invented. Pipes are tied to the nodes their ids name; a
node id that does not exist, or a pipe end far from its node, is reported.
Features are keyed on their RAEPA id, so a re-run updates in place.

RAEPA 1.2 (2019) keeps 1.1's field names but drops PROFGEN from the
sanitation pipes, writes the functions of fittings and structures and the
content of drinking-water pipes as two-level codes (07-01: a meter under
"metering point"), and SENSECOUL as 1/0; the version is recognised from
these and said in the report.
"""
import hashlib
import os
import re

from osgeo import ogr

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME
from ..storage.store import transaction
from . import common, stareau

# Import-template field -> RAEPA field.
FIELD_MAP = {"mode_circ": "modecirc", "id_nd_amon": "idnini", "id_nd_aval": "idnterm",
             "fe_amont": "zamont", "fe_aval": "zaval", "dim_v": "diametre",
             "z_radier": "z", "z_appareil": "z"}
KEYS = {"canal": "idcana", "appar": "idappareil", "ouvr": "idouvrage", "repar": "idrepar"}
SUFFIX = {"canal": "l", "appar": "p", "ouvr": "p", "repar": "p"}
YES_NO = ("enservice", "branchemnt", "sensecoul")
# RAEPA 1.2's SENSECOUL: 1 flows the way the pipe is drawn, 0 against it.
SENSECOUL_12 = {"1": "O", "0": "N"}
# Fields RAEPA 1.2 no longer delivers, per (kind, network).
DROPPED_IN_12 = {("canal", "ass"): {"profgen"}}
TWO_LEVEL_CODE = re.compile(r"^\d\d-\d\d$")
# A pipe end farther than this (m) from the node its id names is reported.
NODE_TOLERANCE_M = 0.5


class _Layer:
    def __init__(self, label, kind, network, source):
        self.label, self.kind, self.network, self.source = label, kind, network, source
        self.table = "raepa_%s%s_%s" % (kind, network, SUFFIX[kind])
        self.rows = []
        self.version = None


def import_raepa(conn, input_path, feedback=None, data_format=None):
    """`data_format`: "raepa", "stareau" or None to tell from the input."""
    if data_format is None:
        data_format = "stareau" if stareau.is_stareau(input_path) else "raepa"
    if data_format == "stareau":
        report = common.Report(tr("StaR-Eau import"), input_path)
        layers = [_Layer(*found) for found in stareau.read_delivery(conn, input_path, report,
                                                                   feedback)]
    else:
        report = common.Report(tr("RAEPA import"), input_path)
        layers = _read_delivery(input_path, report, feedback)
        _say_version(layers, report)
    codes = {}
    for name, code in conn.execute("SELECT list, code FROM codelist WHERE list LIKE 'raepa_%'"):
        codes.setdefault(name, set()).add(code)
    for layer in layers:
        _convert(layer, codes, report)
    _connect(layers, report)
    common.check_cancel(feedback)
    landed = []
    with transaction(conn):
        for layer in layers:
            spec = BY_NAME[layer.table]
            columns = [f.name for f in spec.fields if f.name != KEYS[layer.kind]]
            created, updated, same = common.upsert(conn, layer.table, KEYS[layer.kind],
                                                   columns, layer.rows)
            landed.append((layer.label, layer.table, len(layer.source.records), created,
                           updated, same))
            common.check_cancel(feedback)
    report.table(tr("Landed"), [tr("File"), tr("Table"), tr("Read"), tr("created"),
                                tr("updated"), tr("unchanged")], landed)
    report.outcome = tr("{n} features read, {c} created, {u} updated, {s} unchanged.").format(
        n=common.format_int(sum(r[2] for r in landed)),
        c=common.format_int(sum(r[3] for r in landed)),
        u=common.format_int(sum(r[4] for r in landed)),
        s=common.format_int(sum(r[5] for r in landed)))
    return report


def _read_delivery(input_path, report, feedback):
    layers, read, skipped = [], [], []
    with common.delivery(input_path) as root:
        paths = common.require_files(input_path, root, (".shp", ".gpkg"),
                                     tr("shapefile or GeoPackage"))
        for path in paths:
            names = ([None] if path.lower().endswith(".shp") else
                     [n for n in _gpkg_layers(path)])
            for name in names:
                source = common.read_layer(path, name, feedback=feedback)
                kind, network = _recognise(source)
                if kind is None:
                    report.note(tr("{file}: not a RAEPA layer, skipped.").format(
                        file=source.label))
                    skipped.append(source.label)
                    continue
                layer = _Layer(source.label, kind, network, source)
                layers.append(layer)
                mapped = sorted("%s → %s" % (f, FIELD_MAP[f]) for f in source.fields
                                if f in FIELD_MAP)
                unused = sorted(f for f in source.fields if f not in FIELD_MAP
                                and f not in {x.name for x in BY_NAME[layer.table].fields})
                read.append((layer.label, layer.table, len(source.records), source.crs_note,
                             ", ".join(mapped), ", ".join(unused)))
    if not layers:
        raise SitError(tr("{path} holds nothing usable: no RAEPA layer (pipes, structures, "
                          "fittings, repairs) found; read and skipped: {files}.").format(
                              path=input_path, files=", ".join(skipped)))
    report.table(tr("Read"), [tr("File"), tr("Table"), tr("Features"), tr("CRS"),
                              tr("Template fields mapped"), tr("Fields not kept")], read)
    return layers


def _say_version(layers, report):
    """RAEPA 1.2 when a 1.2 trait shows (see the module's docstring), else 1.1."""
    signs = []
    for layer in layers:
        fields = set(layer.source.fields)
        dropped = DROPPED_IN_12.get((layer.kind, layer.network), set())
        if dropped and "sensecoul" in fields and not dropped & fields:
            signs.append(tr("{file}: no {fields}").format(
                file=layer.label, fields=", ".join(sorted(dropped))))
        codes = {str(r.attrs.get(f.name)) for r in layer.source.records
                 for f in BY_NAME[layer.table].fields if f.codelist and r.attrs.get(f.name)}
        if any(TWO_LEVEL_CODE.match(c) for c in codes):
            signs.append(tr("{file}: two-level codes").format(file=layer.label))
    for layer in layers:
        layer.version = "1.2" if signs else "1.1"
    report.note(tr("RAEPA version read: 1.2 ({signs}).").format(signs="; ".join(signs))
                if signs else tr("RAEPA version read: 1.1."))


def _gpkg_layers(path):
    ds = common.open_vector(path)
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def _recognise(source):
    """(kind, network) of a layer from its geometry, fields and name."""
    fields = {FIELD_MAP.get(f, f) for f in source.fields}
    # "raepa" holds "aep": the standard's own names (RAEPA_CANALASS_L) are not AEP.
    name = os.path.basename(source.label).lower().replace("raepa", "")
    geoms = [r.geom for r in source.records if r.geom is not None]
    lines = bool(geoms) and all("LINE" in g.GetGeometryName() for g in geoms)
    if lines or "idcana" in fields or re.search(r"cana", name):
        kind = "canal"
    elif "idrepar" in fields or "repar" in name:
        kind = "repar"
    elif "idappareil" in fields or "app" in name:
        kind = "appar"
    elif "idouvrage" in fields or "ouv" in name:
        kind = "ouvr"
    else:
        return None, None
    if "aep" in name or fields & {"contcanaep", "fonccanaep", "fnappaep",
                                                  "fnouvaep"}:
        return kind, "aep"
    if re.search(r"ass|_eu|_ep", name) or fields & {"typreseau", "contcanass", "fonccanass",
                                                    "fnappass", "fnouvass"}:
        return kind, "ass"
    raise SitError(tr("{file}: cannot tell drinking water (AEP) from sanitation (ASS): name "
                      "the file with aep or ass.").format(file=source.path))


def _convert(layer, codes, report):
    """RAEPA rows (dicts) from the layer's records, codes checked."""
    spec = BY_NAME[layer.table]
    key = KEYS[layer.kind]
    seen = set()
    blank = 0
    for r in layer.source.records:
        where = str(r.number)
        if r.geom is None and not any(v not in (None, "") for v in r.attrs.values()):
            blank += 1      # templates hold one such placeholder feature
            continue
        if r.geom is None or r.geom.IsEmpty():
            report.defect(layer.label, where, tr("geometry"), tr("no geometry: refused"), True)
            continue
        a = {FIELD_MAP.get(k, k): v for k, v in r.attrs.items()}
        geom = r.geom if spec.geometry == "POINT" else _line(r.geom)
        if geom.GetGeometryName() != spec.geometry:
            report.defect(layer.label, where, tr("geometry"), tr(
                "{found} where {family} is expected").format(
                    found=geom.GetGeometryName(), family=spec.geometry), True)
            continue
        row = {"geom": common.wkb(geom), "_geom": geom}
        for f in spec.fields:
            value = a.get(f.name)
            if isinstance(value, str):
                value = value.strip() or None
            if f.name == "sensecoul" and layer.version == "1.2":
                value = SENSECOUL_12.get(value, value)
            if value is not None and f.codelist and str(value) not in codes.get(f.codelist, ()):
                report.defect(layer.label, where, tr("code list"), tr(
                    "{field} = {value} is not in the RAEPA list {codelist}: left empty")
                    .format(field=f.name, value=value, codelist=f.codelist))
                value = None
            if value is not None and f.name in YES_NO and value not in ("O", "N"):
                report.defect(layer.label, where, tr("code list"), tr(
                    "{field} = {value} is not O or N: left empty").format(
                        field=f.name, value=value))
                value = None
            try:
                row[f.name] = _typed(value, f.type)
            except ValueError:
                report.defect(layer.label, where, tr("type"), tr(
                    "{field} = {value} is not a {type}: left empty").format(
                        field=f.name, value=value, type=f.type))
                row[f.name] = None
        if spec.geometry == "POINT":
            row["x"], row["y"] = round(r.geom.GetX(), 3), round(r.geom.GetY(), 3)
        if layer.kind == "canal" and row.get("longcana") is None:
            row["longcana"] = int(round(r.geom.Length()))
        if "typreseau" in row and row["typreseau"] is None:
            report.defect(layer.label, where, tr("mandatory attribute"),
                          tr("typreseau is empty: set to 00 (unknown)"))
            row["typreseau"] = "00"
        row[key] = row.get(key) or _derived_id(layer, row)
        if row[key] in seen:
            twin = common.twin_key(row[key], seen)
            report.defect(layer.label, where, tr("unique identifier"), tr(
                "{field} {value} delivered twice: this one stored as {twin}").format(
                    field=key, value=row[key], twin=twin))
            row[key] = twin
        seen.add(row[key])
        layer.rows.append(row)
    if blank:
        report.note(tr("{file}: {n} features without geometry nor attributes skipped.")
                    .format(file=layer.label, n=blank))
    derived = sum(1 for r in layer.source.records if not r.attrs.get(key)) - blank
    if derived:
        report.note(tr("{file}: no {field} in the delivery for {n} features: identifiers "
                       "derived from their nodes (or geometry), stable from one run to the next.")
                    .format(file=layer.label, field=key, n=derived))


def _line(geom):
    """Pipes are single lines: a multi-part one is joined when its parts
    touch, else refused by the caller."""
    return geom if geom.GetGeometryType() == ogr.wkbLineString else \
        ogr.ForceToLineString(geom.Clone())


def _typed(value, kind):
    if value is None:
        return None
    if kind == "integer":
        return common.as_integer(value)
    if kind == "real":
        return common.as_real(value)
    if kind == "date":
        return common.iso_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _derived_id(layer, row):
    if layer.kind == "canal" and row.get("idnini") and row.get("idnterm"):
        return "%s-%s" % (row["idnini"], row["idnterm"])
    digest = hashlib.sha1(row["geom"], usedforsecurity=False).hexdigest()  # a name, not a secret
    return "%s-%s" % (layer.kind, digest[:12])


def _connect(layers, report):
    """Tie pipes to the nodes their idnini/idnterm name; fill the nodes'
    idcanamont/idcanaval when the delivery leaves them empty."""
    for network in ("aep", "ass"):
        nodes = {}
        for layer in layers:
            if layer.network == network and layer.kind in ("appar", "ouvr"):
                for row in layer.rows:
                    nodes[row[KEYS[layer.kind]]] = row
        pipes = [(layer, row) for layer in layers
                 if layer.network == network and layer.kind == "canal" for row in layer.rows]
        if not nodes:
            continue
        for layer, pipe in pipes:
            g = pipe["_geom"]
            ends = {"idnini": g.GetPoint_2D(0), "idnterm": g.GetPoint_2D(g.GetPointCount() - 1)}
            for end, node_field in (("idnini", "idcanaval"), ("idnterm", "idcanamont")):
                node_id = pipe.get(end)
                if not node_id:
                    continue
                node = nodes.get(node_id)
                if node is None:
                    report.defect(layer.label, pipe["idcana"], tr("connection"), tr(
                        "{end} {node} names no structure or fitting of the delivery").format(
                            end=end, node=node_id))
                    continue
                x, y = ends[end]
                gap = ((node["x"] - x) ** 2 + (node["y"] - y) ** 2) ** 0.5
                if gap > NODE_TOLERANCE_M:
                    report.defect(layer.label, pipe["idcana"], tr("connection"), tr(
                        "{end} {node} is {gap} m from the pipe's end").format(
                            end=end, node=node_id, gap=("%.1f" % gap).replace(".", ",")))
                if not node.get(node_field):
                    node[node_field] = pipe["idcana"]
