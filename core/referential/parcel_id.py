"""Cadastral parcel identifiers (IDU) in every form they are delivered in.

The SIT's key is the 14-character IDU: INSEE code (5) + prefixe (3, the
absorbed commune, "000" if none) + section (2, left-padded with "0") +
numero (4, left-padded with "0"), e.g. ``25354000AB0001``. Deliveries also
use the 15-character MAJIC form (departement 2 + direction 1 + commune 3 +
...), the 12-character EDIGEO form (no departement) and what people type:
"AB 123" with the commune's INSEE code given apart.
"""
import re
from typing import NamedTuple

from ..errors import SitError
from ..i18n import tr

_INSEE = re.compile(r"^(?:\d\d|2A|2B)\d{3}$")
_IDU14 = re.compile(r"^((?:\d\d|2A|2B)\d{3})(\d{3})([0-9A-Z]{2})(\d{4})$")
_MAJIC15 = re.compile(r"^((?:\d\d|2A|2B))\d(\d{3})(\d{3})([0-9A-Z]{2})(\d{4})$")
# EDIGEO's 12 characters (commune 3, prefixe 3, section 2, numero 4), as
# Sirap's notice board writes them, sometimes with the leading zeros lost.
_EDIGEO12 = re.compile(r"^\d{4,6}[0-9A-Z]{2}\d{4}$")
# "AB 123", "AB0123", "0A 12", "000 AB 123", "A12": optional prefixe, a section
# holding at least one letter, a number.
_HUMAN = re.compile(r"^(?:(\d{3})\s+)?([0-9A-Z]?[A-Z])\s*(\d{1,4})$")


class ParcelIdError(SitError):
    """A parcel reference that cannot be read as a cadastral identifier."""


class ParcelId(NamedTuple):
    insee: str
    prefixe: str
    section: str
    numero: str

    @property
    def idu(self) -> str:
        return self.insee + self.prefixe + self.section + self.numero


def from_parts(insee: object, prefixe: object, section: object, numero: object) -> ParcelId:
    """The parcel whose parts are given, padded to their standard widths."""
    insee = str(insee or "").strip().upper()
    prefixe = str(prefixe or "").strip() or "000"
    section = str(section or "").strip().upper()
    numero = str(numero or "").strip()
    if (not _INSEE.match(insee) or not re.fullmatch(r"\d{1,3}", prefixe)
            or not re.fullmatch(r"[0-9A-Z]{1,2}", section)
            or not re.fullmatch(r"\d{1,4}", numero) or int(numero) == 0):
        raise ParcelIdError(tr(
            "Not a cadastral parcel: commune {insee}, prefix {prefixe}, section {section}, "
            "number {numero}.").format(insee=insee, prefixe=prefixe, section=section,
                                       numero=numero))
    return ParcelId(insee, prefixe.zfill(3), section.rjust(2, "0"), numero.zfill(4))


def parse(text: object, insee: object = None) -> ParcelId:
    """Read a parcel reference in any accepted form.

    `insee` is needed (and only used) for the short forms that do not carry
    the commune: "AB 123" and the like, and the 12-character EDIGEO form
    (which takes the département of `insee`).
    """
    raw = str(text or "")
    compact = re.sub(r"\s+", "", raw).upper()
    m = _IDU14.match(compact)
    if m and not compact.endswith("0000"):  # already in standard widths
        return ParcelId(*m.groups())
    m = _MAJIC15.match(compact)
    if m:  # the direction digit is not part of the INSEE code
        dep, com, pre, sec, num = m.groups()
        return from_parts(dep + com, pre, sec, num)
    if insee and _EDIGEO12.match(compact):
        return from_edigeo(compact.zfill(12), str(insee).strip()[:2])
    m = _HUMAN.match(raw.strip().upper())
    if m:
        if not insee:
            raise ParcelIdError(tr(
                "Parcel reference \"{text}\" does not name its commune: give the INSEE "
                "code.").format(text=raw))
        pre, sec, num = m.groups()
        return from_parts(insee, pre, sec, num)
    raise ParcelIdError(tr(
        "\"{text}\" is not a parcel reference (expected a 14-character IDU, a "
        "15-character MAJIC identifier or a section and number such as \"AB 123\").")
        .format(text=raw))


def normalize(text: object, insee: object = None) -> str:
    """The 14-character IDU of a parcel reference in any accepted form."""
    return parse(text, insee).idu


def from_edigeo(idu12: object, departement: object) -> ParcelId:
    """The ParcelId of EDIGEO's 12-character IDU (commune 3 + prefixe +
    section + numero) completed with the departement code (2 characters)."""
    compact = str(idu12 or "").strip().upper()
    m = re.fullmatch(r"(\d{3})(\d{3})([0-9A-Z]{2})(\d{4})", compact)
    if not m or not re.fullmatch(r"\d\d|2A|2B", str(departement or "").upper()):
        raise ParcelIdError(tr(
            "\"{text}\" is not an EDIGEO parcel identifier of departement {dep}.")
            .format(text=idu12, dep=departement))
    com, pre, sec, num = m.groups()
    return from_parts(str(departement).upper() + com, pre, sec, num)
