"""The figures of the page for élus and technicians (/sit/), as JSON: the
agreement's consumption to a date, the effort per commune, and what the
map shows. Every figure is the domain's (core/agreement: consumption.compute,
the settlement's breakdown by commune); this module only shapes it.

Money is in integer cents (keys ending ``_centimes``), days and shares in
decimal strings: never a binary float of euros.
"""
import json
from decimal import ROUND_HALF_UP, Decimal

from ..core import catalogue
from ..core.agreement import consumption, settlement
from ..core.agreement.convention import COSTS, find_convention
from ..core.schema import BY_NAME
from ..core.storage import db

HUNDREDTH = Decimal("0.01")


def _decimal(value, places=HUNDREDTH):
    return None if value is None else str(Decimal(value).quantize(places, ROUND_HALF_UP))


def _days(minutes, hours_per_day):
    return _decimal(Decimal(minutes) / (hours_per_day * 60))


def context(conn, today):
    """The agreement's years begun by `today`, and the layers of each
    application as the project's WMS names them (spatial layers, drawn
    bottom first), with the communes' extent (EPSG:2154)."""
    conv = find_convention(conn)
    years = [y for y in conv.years() if conv.term_of_year(y)[0] <= today]
    join, columns = db.dialect(conn).box("commune", "c")
    box = conn.execute("SELECT MIN(%s), MIN(%s), MAX(%s), MAX(%s) FROM commune c %s"
                       % (*columns.split(", "), join)).fetchone()
    return {
        "convention": conv.reference, "titre": conv.title, "annees": years,
        "applications": [
            {"code": app.code, "titre": app.title,
             "couches": [layer.title for layer in reversed(app.layers)
                         if BY_NAME[layer.table].geometry]}
            for app in catalogue.APPLICATIONS],
        "emprise": list(box) if box[0] is not None else None,
    }


def consumption_json(conn, year, at):
    """The consumption of `year` on `at` (consumption.compute), per line and in total."""
    conv = find_convention(conn)
    result = consumption.compute(conn, conv, year, at)
    hpd = conv.hours_per_day
    lines = []
    for line in result.lines:
        days = line.kind != COSTS
        lines.append({
            "position": line.position, "code": line.code, "libelle": line.label,
            "nature": "jours" if days else "couts",
            "prevu_jours": _decimal(Decimal(line.provisional_quantity_hundredths) / 100)
            if days else None,
            "prevu_centimes": line.provisional_amount_cents,
            "prix_unitaire_centimes": line.unit_price_cents if days else None,
            "consomme_jours": _days(line.used_minutes, hpd) if days else None,
            "consomme_centimes": line.used_ht_cents,
            "part": _decimal(line.share, Decimal("0.0001")),
            "reste_jours": _decimal(Decimal(line.provisional_quantity_hundredths) / 100
                                    - Decimal(line.used_minutes) / (hpd * 60))
            if days else None,
            "reste_centimes": line.left_ht_cents,
            "projection_jours": _days(line.projected_minutes, hpd) if days else None,
            "projection_centimes": line.projected_ht_cents,
            "methode": line.method, "annees_lues": list(line.past_years),
            "etat": line.state,
        })
    return {
        "convention": conv.reference, "annee": year, "date": result.at.isoformat(),
        "debut": result.first.isoformat(), "fin": result.last.isoformat(),
        "part_ecoulee": _decimal(result.elapsed_share, Decimal("0.0001")),
        "lignes": lines,
        "totaux": {"prevu_centimes": result.provisional_ht_cents,
                   "consomme_centimes": result.used_ht_cents,
                   "reste_centimes": result.provisional_ht_cents - result.used_ht_cents,
                   "projection_centimes": result.projected_ht_cents},
    }


def effort_geojson(conn, year):
    """The year's days per commune (the settlement's breakdown) as a GeoJSON
    FeatureCollection of every commune of the store in EPSG:2154 (the map's
    projection), and apart the transversal days
    (application-level work) and those outside every commune."""
    conv = find_convention(conn)
    hpd = conv.hours_per_day
    shares = {s.key: s for s in settlement.compute(conn, conv, year).by_commune}
    # To the decimetre: SpatiaLite's AsGeoJSON with 0 decimals strips the
    # integer part's trailing zeros too (910000 becomes 91).
    as_json = "ST_AsGeoJSON(geom, 1)" if db.dialect(conn) is db.POSTGRES else \
        "AsGeoJSON(GeomFromGPB(geom), 1)"
    features = [{"type": "Feature", "id": insee,
                 "geometry": json.loads(geometry) if geometry else None,
                 "properties": dict(_effort(shares.get(insee), hpd), insee=insee, nom=nom)}
                for insee, nom, geometry in conn.execute(
                    "SELECT insee, nom, %s FROM commune ORDER BY nom, insee" % as_json)]
    return {"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
            "annee": year, "features": features,
            "transversal": _effort(shares.get(settlement.TRANSVERSAL), hpd),
            "hors_communes": _effort(shares.get(settlement.OUTSIDE), hpd)}


def _effort(share, hours_per_day):
    """Days and amount of a breakdown row (None: no time)."""
    minutes = share.minutes if share else 0
    return {"minutes": minutes, "jours": _days(minutes, hours_per_day),
            "montant_centimes": share.amount_ht_cents if share else 0}
