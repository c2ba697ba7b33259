"""The catalogue: the four applications of the agreement and the referentials,
as data (no Qt widgets, no iface), shared by the QGIS project, the dock and
the demo.

Each application is a group of layers; a layer is a table of the store,
possibly filtered. The wet networks' wastewater tables (``raepa_*ass*``) hold
both networks RAEPA tells apart with ``typreseau``; the catalogue shows them
twice, filtered:

- EP (eaux pluviales): ``typreseau = '01'`` (pluvial only);
- EU (eaux usées): every other value, i.e. '02' eaux usées, '03' unitaire and
  '00' indéterminé. A combined (unitaire) sewer ends at the treatment plant and
  is run as a wastewater network, and an undetermined one must not vanish from
  the map: so EU and EP split the tables without overlap or gap.

Repairs (``raepa_reparass_p``) carry no ``typreseau``: a repair belongs to EP
when the object it repaired (``idsuprepar``: a pipe, a device or a structure)
is pluvial, to EU otherwise.

A filter is an SQL expression valid both for SQLite (feature counts) and as
a QGIS/OGR subset string (the layers of the project).

The layer *key* identifies a layer of the catalogue: the table name, or
``<table>:eu`` / ``<table>:ep`` for the filtered wastewater layers. The QGIS
project (plugin/project.py) names its layers by key.
"""
from dataclasses import dataclass, replace
from typing import Tuple

from .schema import BY_NAME, TABLES, codelist_rows

PARK = "Parc naturel régional de Chartreuse"


@dataclass(frozen=True)
class Layer:
    table: str
    title: str
    subset: str = ""         # SQL filter ("" = the whole table)
    network: str = ""        # "eu" / "ep" for the filtered wastewater layers

    @property
    def key(self):
        return "%s:%s" % (self.table, self.network) if self.network else self.table


@dataclass(frozen=True)
class Group:
    title: str
    layers: Tuple[Layer, ...]


@dataclass(frozen=True)
class Application:
    code: str                # codelist `application`, or "ref" for the referentials
    title: str               # French title of the layer-tree group
    developer: str
    park_develops: bool
    groups: Tuple[Group, ...]  # a group titled "" holds layers directly under the application

    @property
    def layers(self):
        return tuple(layer for g in self.groups for layer in g.layers)


def _layer(table, title=None):
    return Layer(table, title or BY_NAME[table].title)


def network_of(typreseau):
    """The filtered group ("eu" or "ep") a `typreseau` code is shown in."""
    return "ep" if typreseau == "01" else "eu"


EP_FILTER = "\"typreseau\" = '01'"
EU_FILTER = "\"typreseau\" <> '01'"
_EP_SUPPORTS = ("SELECT idcana FROM raepa_canalass_l WHERE typreseau = '01' "
                "UNION SELECT idappareil FROM raepa_apparass_p WHERE typreseau = '01' "
                "UNION SELECT idouvrage FROM raepa_ouvrass_p WHERE typreseau = '01'")
EP_REPAIR_FILTER = "\"idsuprepar\" IN (%s)" % _EP_SUPPORTS
EU_REPAIR_FILTER = "(\"idsuprepar\" IS NULL OR \"idsuprepar\" NOT IN (%s))" % _EP_SUPPORTS


def _network(network, label):
    """The four wastewater layers filtered on one network ("eu" or "ep")."""
    pipe, repair = (EU_FILTER, EU_REPAIR_FILTER) if network == "eu" else (
        EP_FILTER, EP_REPAIR_FILTER)
    return tuple(Layer(table, "%s %s" % (title, label), subset, network)
                 for table, title, subset in (
                     ("raepa_ouvrass_p", "Ouvrages", pipe),
                     ("raepa_apparass_p", "Appareils", pipe),
                     ("raepa_reparass_p", "Réparations", repair),
                     ("raepa_canalass_l", "Canalisations", pipe)))


_TITLES = {code: label for name, code, label, _ in codelist_rows() if name == "application"}
_OUTSIDE = "Prestataire extérieur (maintenue par le Parc)"

# Order matters: layer-tree order, points drawn above lines above polygons.
_APPLICATIONS = (
    Application("pav", _TITLES["pav"], PARK, True, (
        Group("", (_layer("pav"), _layer("composteur"))),
    )),
    Application("reseaux", _TITLES["reseaux"], PARK, True, (
        Group("AEP (eau potable)", (
            _layer("raepa_ouvraep_p"), _layer("raepa_apparaep_p"),
            _layer("raepa_reparaep_p"), _layer("raepa_canalaep_l"))),
        Group("EU (eaux usées)", _network("eu", "EU")),
        Group("EP (eaux pluviales)", _network("ep", "EP")),
    )),
    Application("plui", _TITLES["plui"], _OUTSIDE, False, (
        Group("", (
            _layer("prescription_pct"), _layer("info_pct"),
            _layer("prescription_lin"), _layer("info_lin"),
            _layer("prescription_surf"), _layer("info_surf"),
            _layer("zone_urba"), _layer("doc_urba"), _layer("doc_urba_com"))),
        # The State's servitudes, annexed to the plan (core/schema/sup.py).
        Group("Servitudes", (
            _layer("sup_assiette_pct"), _layer("sup_generateur_pct"),
            _layer("sup_assiette_lin"), _layer("sup_generateur_lin"),
            _layer("sup_assiette_surf"), _layer("sup_generateur_surf"),
            _layer("sup_servitude"), _layer("sup_acte"), _layer("sup_servitude_acte"),
            _layer("sup_gestionnaire"))),
    )),
    Application("ads", _TITLES["ads"], PARK, True, (
        Group("Dossiers", (_layer("ads_dossier"), _layer("ads_dossier_parcelle"))),
    )),
)
_REFERENTIALS = Application("ref", "Référentiels", PARK + " (mise à jour annuelle)", True, (
    Group("", (_layer("commune"), _layer("parcelle"))),
))


def _with_other_tables(app):
    """`app` with the schema's other tables of its application (import
    history...) appended, so a table added later is never left out."""
    shown = {layer.table for layer in app.layers}
    others = tuple(_layer(t.name) for t in TABLES
                   if t.application == app.code and t.name not in shown)
    if not others:
        return app
    first, rest = app.groups[0], app.groups[1:]
    groups = ((Group("", first.layers + others),) + rest if not first.title
              else app.groups + (Group("", others),))
    return replace(app, groups=groups)


CATALOGUE = tuple(_with_other_tables(app) for app in _APPLICATIONS + (_REFERENTIALS,))
# The filter of each layer of the catalogue, by key.
SUBSETS = {layer.key: layer.subset for app in CATALOGUE for group in app.groups
           for layer in group.layers}
APPLICATIONS, REFERENTIALS = CATALOGUE[:-1], CATALOGUE[-1]

# Every other table (the Park's bookkeeping: tickets, time, agreement,
# settlement...) is shown in a "Gestion" group.
MANAGEMENT_TITLE = "Gestion"
MANAGEMENT_TABLES = tuple(t.name for t in TABLES if t.application not in
                          {app.code for app in CATALOGUE})
# The lookup table the value-relation widgets read, in a collapsed group.
CODELIST_GROUP_TITLE = "Listes de codes"
CODELIST_TABLE = "codelist"


def store_summary(conn):
    """What the store holds, per application (the four, then the referentials).

    Returns a list of dicts ``{code, title, developer, park_develops,
    last_change, layers}``; ``layers`` is a list of ``{key, table, title,
    group, count, last_change}``. ``count`` honours the EU/EP filters;
    ``last_change`` is the table's ``gpkg_contents.last_change`` (ISO 8601
    UTC, kept by triggers), the application's being the latest of its tables.
    Tables missing from an older store count 0 with no date.
    """
    changes = dict(conn.execute("SELECT table_name, last_change FROM gpkg_contents"))
    summary = []
    for app in CATALOGUE:
        layers = []
        for group in app.groups:
            for layer in group.layers:
                present = layer.table in changes
                count = conn.execute(
                    'SELECT count(*) FROM "%s"%s' % (
                        layer.table, " WHERE " + layer.subset if layer.subset else "")
                ).fetchone()[0] if present else 0
                layers.append({"key": layer.key, "table": layer.table, "title": layer.title,
                               "group": group.title, "count": count,
                               "last_change": changes.get(layer.table)})
        dates = [entry["last_change"] for entry in layers if entry["last_change"]]
        summary.append({"code": app.code, "title": app.title, "developer": app.developer,
                        "park_develops": app.park_develops,
                        "last_change": max(dates) if dates else None, "layers": layers})
    return summary
