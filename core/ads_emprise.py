"""A dossier's footprint set from its parcels, as the permit software asks it
over HTTP (openADS's ``emprise``): the rules of ``sitchartreuse:importads``
for one dossier whose number and parcels alone are known.

The number is read by ``ads.parse_numero`` (type and commune come from it);
nothing else about the dossier (applicant, address) is taken, so nothing
personal is stored. A dossier met again keeps its uuid, hence its tickets,
its filing date and status; its parcels are replaced. Parcels missing from
the cadastre referential are kept on the dossier and reported, and the
dossier then has no footprint (a partial one would hide constraints).
"""
from dataclasses import dataclass
from typing import List

from . import ads
from .i18n import tr
from .storage.store import transaction


@dataclass
class EmpriseResult:
    numero: str
    created: bool
    parcels: List[str]      # IDUs linked to the dossier
    missing: List[str]      # of them, those not in the referential

    @property
    def has_footprint(self):
        return bool(self.parcels) and not self.missing


def record_emprise(conn, numero, idus):
    """Create or update dossier `numero` (any spacing) on the parcels `idus`
    (14-character IDUs), in one transaction; returns an EmpriseResult."""
    number = ads.parse_numero(numero)
    idus = list(dict.fromkeys(idus))
    if not idus:
        raise ads.AdsError(tr("No parcel given."))
    _, missing = ads.resolve_parcels(conn, idus)
    with transaction(conn):
        created = conn.execute(
            "INSERT INTO ads_dossier (numero, type_dossier, insee) VALUES (?, ?, ?) "
            "ON CONFLICT (numero) DO NOTHING",
            (number.numero, number.type_dossier, number.insee)).rowcount == 1
        conn.execute("DELETE FROM ads_dossier_parcelle WHERE numero = ?", (number.numero,))
        conn.executemany("INSERT INTO ads_dossier_parcelle (numero, idu) VALUES (?, ?)",
                         [(number.numero, i) for i in idus])
        ads.update_footprints(conn, [number.numero])
    return EmpriseResult(number.numero, created, idus, missing)
