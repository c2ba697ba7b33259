"""StaR-Eau V2024 (ASTEE/CNIG) GeoPackages read into the RAEPA tables.

StaR-Eau succeeds RAEPA 1.2 without extending it: one layer per kind of
object (aep_vanne, ass_regard...), text codes, and no repairs. The mapping
is declarative: LAYERS gives each StaR-Eau layer its RAEPA layer (kind and
network), its fields' RAEPA names and the function code its kind stands
for; VALUES maps the values whose lists differ, and the other coded values
are matched on the labels of the RAEPA list (case, accents and underscores
aside). What has no place in RAEPA is reported: a layer that holds
features, and a field that holds values. `docs/reseaux.md` shows the
mapping as a table; the importer is `raepa.import_raepa`.
"""
import os
import unicodedata

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME
from . import common

# StaR-Eau field -> RAEPA field, for every layer; None: the layer's table says it.
_Fields = dict[str, str | None]
_COMMON: _Fields = {"maitre_ouvrage": "mouvrage", "exploitant": "gexploit",
           "an_pose_inf": "andebpose", "an_pose_sup": "anfinpose",
           "precision_xy": "qualglocxy", "precision_z": "qualglocz",
           "date_maj": "datemaj", "origine_maj": "sourmaj"}
_PIPE: _Fields = {"id_canalisation": "idcana", "etat_service": "enservice", "materiau": "materiau",
         "diametre_equivalent": "diametre", "mode_circulation": "modecirc",
         "noeudinitial": "idnini", "noeudterminal": "idnterm", "longueur_terrain": "longcana"}
_AEP_PIPE: _Fields = {**_PIPE, "type_reseau": None, "contenu_canalisation": "contcanaep",
             "fonction_canalisation": "fonccanaep"}
_ASS_PIPE: _Fields = {**_PIPE, "type_reseau": "typreseau", "contenu_canalisation": "contcanass",
             "fonction_canalisation": "fonccanass", "cote_fil_eau_amont": "zamont",
             "cote_fil_eau_aval": "zaval"}
_AEP_FITTING: _Fields = {"type_reseau": None, "id_noeud_reseau": "idappareil",
                         "diametre": "diametre"}
_AEP_STRUCTURE: _Fields = {"type_reseau": None, "id_noeud_reseau": "idouvrage"}
_ASS_FITTING: _Fields = {"type_reseau": "typreseau", "id_noeud_reseau": "idappareil"}
_ASS_STRUCTURE: _Fields = {"type_reseau": "typreseau", "id_noeud_reseau": "idouvrage"}

# StaR-Eau layer -> (RAEPA kind, network, its fields, RAEPA values it stands for).
LAYERS: dict[str, tuple[str, str, _Fields, dict[str, str]]] = {
    "aep_canalisation": ("canal", "aep", _AEP_PIPE, {"branchemnt": "N"}),
    "aep_canalisation_branchement": ("canal", "aep", _AEP_PIPE, {"branchemnt": "O"}),
    "aep_vanne": ("appar", "aep", _AEP_FITTING, {"fnappaep": "03-00"}),
    "aep_vanne_branchement": ("appar", "aep", _AEP_FITTING, {"fnappaep": "03-00"}),
    "aep_regulation": ("appar", "aep", _AEP_FITTING, {"fnappaep": "05-00"}),
    "aep_point_mesure": ("appar", "aep", _AEP_FITTING, {"fnappaep": "07-00"}),
    "aep_appareillage": ("appar", "aep", {**_AEP_FITTING, "type_appareillage": "fnappaep"}, {}),
    "aep_pompage": ("ouvr", "aep", _AEP_STRUCTURE, {"fnouvaep": "01-00"}),
    "aep_traitement": ("ouvr", "aep", _AEP_STRUCTURE, {"fnouvaep": "02-00"}),
    "aep_reservoir": ("ouvr", "aep", {**_AEP_STRUCTURE, "cote_radier": "z"},
                      {"fnouvaep": "03-00"}),
    "aep_captage": ("ouvr", "aep", _AEP_STRUCTURE, {"fnouvaep": "05-00"}),
    "ass_canalisation": ("canal", "ass", _ASS_PIPE, {"branchemnt": "N"}),
    "ass_canalisation_branchement": ("canal", "ass", _ASS_PIPE, {"branchemnt": "O"}),
    "ass_point_mesure": ("appar", "ass", _ASS_FITTING, {"fnappass": "04-00"}),
    "ass_pompage": ("ouvr", "ass", _ASS_STRUCTURE, {"fnouvass": "01-00"}),
    "ass_traitement": ("ouvr", "ass", _ASS_STRUCTURE, {"fnouvass": "02-00"}),
    "ass_bassin": ("ouvr", "ass", {**_ASS_STRUCTURE, "cote_radier": "z"},
                   {"fnouvass": "03-00"}),
    "ass_exutoire": ("ouvr", "ass", _ASS_STRUCTURE, {"fnouvass": "05-00"}),
    "ass_regard": ("ouvr", "ass", {**_ASS_STRUCTURE, "z_radier": "z"}, {"fnouvass": "06-00"}),
    "ass_engouffrement_point": ("ouvr", "ass", _ASS_STRUCTURE, {"fnouvass": "07-00"}),
}
for _mapping in LAYERS.values():
    _mapping[2].update({k: v for k, v in _COMMON.items() if k not in _mapping[2]})

# StaR-Eau value -> RAEPA code, per RAEPA field, where labels do not match.
VALUES = {
    "qualglocxy": {"a": "01", "b": "02", "c": "03"},
    "qualglocz": {"a": "01", "b": "02", "c": "03"},
    "typreseau": {"ep": "01", "eu": "02", "unitaire": "03"},
    "enservice": {"en service": "O", "hors service": "N", "abandonne": "N"},
}


def is_stareau(input_path):
    """True for a GeoPackage (or a folder of them) with StaR-Eau layers."""
    paths = ([os.path.join(input_path, n) for n in sorted(os.listdir(input_path))]
             if os.path.isdir(input_path) else [input_path])
    return any(p.lower().endswith(".gpkg") and set(_layer_names(p)) & set(LAYERS)
               for p in paths)


def _layer_names(path):
    ds = common.open_vector(path)
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def read_delivery(conn, input_path, report, feedback):
    """(label, kind, network, source) of each mapped layer, its records
    renamed to RAEPA's fields and codes."""
    labels = {}
    for name, code, label in conn.execute(
            "SELECT list, code, label FROM codelist WHERE list LIKE 'raepa_%' ORDER BY code"):
        # Two-level codes sort last: RAEPA 1.2's win over 1.1's for the same label.
        labels.setdefault(name, {})[_plain(label)] = code
    found, read, unmapped = [], [], []
    with common.delivery(input_path) as root:
        for path in common.require_files(input_path, root, (".gpkg",), tr("GeoPackage")):
            for name in _layer_names(path):
                source = common.read_layer(path, name, feedback=feedback)
                if name not in LAYERS:
                    unmapped.append((source.label, len(source.records)))
                    if source.records:
                        report.defect(source.label, "", tr("no place in RAEPA"), tr(
                            "{n} features of a kind RAEPA does not hold: not kept").format(
                                n=len(source.records)))
                    continue
                kind, network, fields, fixed = LAYERS[name]
                table = "raepa_%s%s_%s" % (kind, network, "l" if kind == "canal" else "p")
                lost = [f for f in source.fields if f not in fields]
                for field in lost:
                    n = sum(1 for r in source.records if r.attrs.get(field) not in (None, ""))
                    if n:
                        report.defect(source.label, "", tr("no place in RAEPA"), tr(
                            "{field}: {n} values have no place in RAEPA: not kept").format(
                                field=field, n=n))
                _rename(source, table, fields, fixed, labels)
                found.append((source.label, kind, network, source))
                read.append((source.label, table, len(source.records), ", ".join(lost)))
    if not found:
        raise SitError(tr("{path} holds no StaR-Eau layer that RAEPA can hold (pipes, "
                          "fittings, structures).").format(path=input_path))
    report.table(tr("Read"), [tr("Layer"), tr("Table"), tr("Features"),
                              tr("Fields not kept")], read)
    report.table(tr("Layers with no place in RAEPA"), [tr("Layer"), tr("Features")], unmapped)
    report.note(tr("StaR-Eau does not model repairs: raepa_reparaep_p and raepa_reparass_p "
                   "are left as they are."))
    return found


def _rename(source, table, fields, fixed, labels):
    """The records' attributes under RAEPA's names, with RAEPA's codes where
    the value or its label matches; other values stay for the RAEPA import
    to report."""
    spec = {f.name: f for f in BY_NAME[table].fields}
    for r in source.records:
        attrs = dict(fixed)
        for field, target in fields.items():
            value = r.attrs.get(field)
            if target is None or value in (None, ""):
                continue
            if target in VALUES or spec[target].codelist:
                value = str(value)
                plain = _plain(value)
                value = VALUES.get(target, {}).get(plain) or labels.get(
                    spec[target].codelist, {}).get(plain, value)
            attrs[target] = value
        r.attrs.clear()
        r.attrs.update(attrs)


def _plain(text):
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())
