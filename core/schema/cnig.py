"""The CNIG PLU/PLUi models from 2013 to 2025, as the IGN validator of the
Géoportail de l'urbanisme knows them (IGNF/validator-config-gpu) and the
official templates lay them out (cnigfr/schema-plan-local-urbanisme): the
fields of each table in the standard's order, the mandatory ones, the
procedure codes, and the code list each coded field is checked against
(lists of codelists/cnig.csv, one per model where the model has its own).

The 2014 PLUi model is the 2013 one with the intercommunal tables; the
2025 model has no template: its fields are the validator's.
"""
import re

MODELS = ("2013", "2017", "2022", "2024", "2025")
# The models an export writes (the one in force before June 2025, and 2025).
EXPORT_MODELS = ("2024", "2025")

_DOC_2017 = ("idurba", "typedoc", "etat", "nomproc", "datappro", "datefin", "siren",
             "nomreg", "urlreg", "nomplan", "urlplan", "urlpe", "siteweb", "typeref", "dateref")
_DOC_2025 = _DOC_2017[:11] + ("nomrapp", "urlrapp") + _DOC_2017[11:]
_ZONE_2022 = ("libelle", "libelong", "typezone", "formdomi", "destoui", "destcdt", "destnon",
              "nomfic", "urlfic", "idurba", "datvalid", "symbole")


def _overlay(kind, model):
    """PRESCRIPTION_* (kind "psc") or INFO_* (kind "inf") fields."""
    if model == "2013":
        return ("libelle", "txt", "type" + kind, "stype" + kind, "nomfic", "urlfic", "insee",
                "datappro", "datvalid")
    nature = ("nature",) if kind == "psc" and model != "2017" else ()
    symbole = ("symbole",) if model != "2017" else ()
    return ("libelle", "txt", "type" + kind, "stype" + kind) + nature + (
        "nomfic", "urlfic", "idurba", "datvalid") + symbole


def fields(model, layer):
    """The fields of CNIG `layer` (DOC_URBA, ZONE_URBA...) in `model`, in order."""
    if layer == "DOC_URBA":
        if model == "2013":
            return ("idurba", "typedoc", "datappro", "datefin", "interco", "siren", "etat",
                    "nomreg", "urlreg", "nomplan", "urlplan", "siteweb", "typeref", "dateref")
        return _DOC_2025 if model == "2025" else _DOC_2017
    if layer == "DOC_URBA_COM":
        return ("idurba", "insee", "datecog") if model == "2013" else ("idurba", "insee")
    if layer == "ZONE_URBA":
        if model == "2013":
            return ("libelle", "libelong", "typezone", "destdomi", "nomfic", "urlfic", "insee",
                    "datappro", "datvalid")
        if model == "2017":
            # DESTDOMI ended with the 2013 model (2017 template and validator).
            return ("libelle", "libelong", "typezone", "nomfic", "urlfic", "idurba", "datvalid")
        return _ZONE_2022
    return _overlay("psc" if layer.startswith("PRESCRIPTION") else "inf", model)


# Widths of the text fields, as the official templates (2017, 2024) and the
# IGN validator give them; 254 (the dBASE limit) for the others. NATURE is
# 50 as the validator says and the 2024 template's PRESCRIPTION_LIN/_PCT
# (its PRESCRIPTION_SURF says 12).
_WIDTHS = {"idurba": 30, "typedoc": 4, "etat": 2, "nomproc": 10, "datappro": 8, "datefin": 8,
           "siren": 9, "nomreg": 80, "nomplan": 80, "nomrapp": 80, "typeref": 2, "dateref": 8,
           "insee": 5, "typezone": 3, "formdomi": 4, "destoui": 120, "destcdt": 120,
           "destnon": 120, "nomfic": 80, "datvalid": 8, "symbole": 20, "txt": 10,
           "typepsc": 2, "stypepsc": 2, "typeinf": 2, "stypeinf": 2, "nature": 50}


def width(layer, field):
    """The width of text field `field` of CNIG `layer` (a zone's LIBELLE is 12)."""
    if field == "libelle" and layer == "ZONE_URBA":
        return 12
    return _WIDTHS.get(field, 254)


def mandatory(model, layer):
    """Fields that must be present and filled."""
    if layer == "DOC_URBA":
        return ("idurba", "typedoc", "etat", "datappro") + (
            () if model == "2013" else ("nomproc", "dateref"))
    if layer == "DOC_URBA_COM":
        return ("idurba", "insee")
    idurba = () if model == "2013" else ("idurba",)
    if layer == "ZONE_URBA":
        return ("libelle", "typezone") + (() if model == "2013" else ("nomfic",)) + idurba
    kind = "psc" if layer.startswith("PRESCRIPTION") else "inf"
    return ("libelle", "type" + kind) + (() if model == "2013" else ("stype" + kind,)) + idurba


_IDS = {"ZONE_URBA": "lib_idzone", "PRESCRIPTION": "lib_idpsc", "INFO": "lib_idinfo"}


def identifiers(layer):
    """The identifier the IGN validator computes for the features of `layer`
    (LIB_IDZONE...): a delivery may carry it; none must, in any model (the
    validator does not require it, the official templates do not have it)."""
    if layer.startswith("DOC_URBA"):
        return ()
    return (_IDS.get(layer) or _IDS[layer.split("_")[0]],)


# Procedure codes (NOMPROC): 2024 renamed MC/MJ (mise en compatibilité, mise à
# jour) to MEC/MAJ; 2022 added RA (révision allégée).
_NOMPROC = {"2017": r"E|R|A|MC\d+|MJ\d+|M\d+|MS\d+|RS\d+",
            "2022": r"E|R|A|MC\d+|MJ\d+|M\d+|MS\d+|RS\d+|RA\d+",
            "2024": r"E|R|A|MEC\d+|MAJ\d+|M\d+|MS\d+|RS\d+|RA\d+"}


def nomproc_ok(model, value):
    pattern = _NOMPROC.get(model, _NOMPROC["2024"] if model == "2025" else None)
    return pattern is None or re.fullmatch(pattern, value) is not None


TYPEZONES = ("U", "AUc", "AUs", "A", "N")


def typeref_ok(model, code):
    """TYPEREF 05 (orthophoto and cadastre) came with the 2022 model."""
    return code != "05" or model not in ("2013", "2017")


def codelist(model, layer, field):
    """Name of the list `field` of `layer` is checked against in `model`
    (None: the field is not coded in that model)."""
    if field in ("typepsc", "typeinf"):
        kind = field[4:]
        if model == "2013":
            return "cnig_type%s_2017" % kind      # read as TYPE-00, the 2017 mapping
        if model == "2025":
            return "cnig_type%s_%s_2025" % (kind, layer.rsplit("_", 1)[1][0].lower())
        return "cnig_type%s_%s" % (kind, model)
    if field == "formdomi" and model not in ("2013", "2017"):
        return "cnig_formdomi_2025" if model == "2025" else "cnig_formdomi_2022"
    return None


def recognise(layer_fields, nomproc="", datappro=""):
    """The model of a delivery from its fields ({CNIG layer: field names}),
    its procedure code and its approval date."""
    names = set().union(*layer_fields.values()) if layer_fields else set()
    if {"nomrapp", "urlrapp"} & set(layer_fields.get("DOC_URBA", ())):
        return "2025"
    if {"formdomi", "destoui", "destcdt", "destnon", "symbole", "nature"} & names:
        if re.match(r"(MEC|MAJ)\d", nomproc or ""):
            return "2024"
        if re.match(r"(MC|MJ)\d", nomproc or ""):
            return "2022"
        # No date (an empty delivery, the 2024 template): 2024, in force
        # since January 2024, whose fields are the 2022 model's.
        return "2022" if datappro and datappro < "20240101" else "2024"
    layers = [f for name, f in layer_fields.items() if not name.startswith("DOC_URBA")]
    if any("idurba" in f for f in layers) or "nomproc" in layer_fields.get("DOC_URBA", ()):
        return "2017"
    return "2013"
