"""Referentials and the four applications of the agreement (schema v1).

Field names follow the national standards: RAEPA 1.1/1.2 for the wet
networks, CNIG PLU (2017, with the 2024 destination fields) for the PLUi.
Drop-off points have no national schema: their streams are a code list
compatible with OpenStreetMap's recycling:* keys.
"""
from .model import (Field as F, Table, TEXT, INTEGER, REAL, DATE, BOOLEAN)

# --- referentials -------------------------------------------------------
COMMUNE = Table("commune", "ref", "Communes", (
    F("insee", TEXT, "Code INSEE", not_null=True, unique=True,
      check="length(insee) = 5"),
    F("nom", TEXT, "Nom", not_null=True),
    F("epci_siren", TEXT, "SIREN de l'EPCI", check="length(epci_siren) = 9"),
    F("departement", TEXT, "Département"),
    F("population", INTEGER, "Population municipale"),
    F("millesime", INTEGER, "Millésime du référentiel"),
    F("source", TEXT, "Source"),
), geometry="MULTIPOLYGON")

PARCELLE = Table("parcelle", "ref", "Parcelles cadastrales", (
    F("idu", TEXT, "Identifiant (IDU)", not_null=True, unique=True,
      check="length(idu) = 14"),
    F("insee", TEXT, "Code INSEE", check="length(insee) = 5"),
    F("prefixe", TEXT, "Préfixe (commune absorbée)"),
    F("section", TEXT, "Section"),
    F("numero", TEXT, "Numéro"),
    F("contenance", INTEGER, "Contenance (m²)"),
    F("millesime", INTEGER, "Millésime du cadastre"),
), geometry="MULTIPOLYGON")

# --- pav: drop-off points and composters --------------------------------
_ADDRESS = (
    F("adresse", TEXT, "Adresse"),
    F("insee", TEXT, "Commune (INSEE)"),
    F("statut", TEXT, "Statut", codelist="equipement_statut", default="'service'"),
    F("date_pose", DATE, "Date de mise en place"),
    F("observations", TEXT, "Observations"),
)
PAV = Table("pav", "pav", "Points d'apport volontaire", (
    F("identifiant", TEXT, "Identifiant"),
    F("flux", TEXT, "Flux", codelist="pav_flux", not_null=True),
    F("volume_l", INTEGER, "Volume (litres)", check="volume_l > 0"),
    F("enterre", BOOLEAN, "Enterré"),
) + _ADDRESS, geometry="POINT")

COMPOSTEUR = Table("composteur", "pav", "Composteurs partagés", (
    F("identifiant", TEXT, "Identifiant"),
    F("type_site", TEXT, "Type de site", codelist="composteur_site"),
    F("volume_l", INTEGER, "Volume (litres)", check="volume_l > 0"),
    F("structure_referente", TEXT, "Structure référente"),
) + _ADDRESS, geometry="POINT")

# --- reseaux: RAEPA -----------------------------------------------------
_RAEPA_QUALITY = (
    F("andebpose", TEXT, "Année de début de pose"),
    F("qualglocxy", TEXT, "Qualité de géolocalisation XY", codelist="raepa_qualgeoloc"),
    F("qualglocz", TEXT, "Qualité de géolocalisation Z", codelist="raepa_qualgeoloc"),
    F("datemaj", DATE, "Date de mise à jour"),
    F("sourmaj", TEXT, "Source de la mise à jour"),
    F("qualannee", TEXT, "Fiabilité de l'année de pose", codelist="raepa_qualannee"),
    F("dategeoloc", DATE, "Date de géolocalisation"),
    F("sourgeoloc", TEXT, "Auteur de la géolocalisation"),
    F("sourattrib", TEXT, "Auteur de l'attribution"),
)
_RAEPA_OWNER = (
    F("mouvrage", TEXT, "Maître d'ouvrage"),
    F("gexploit", TEXT, "Gestionnaire exploitant"),
)


def _canal(name, title, network_fields):
    return Table(name, "reseaux", title, (
        F("idcana", TEXT, "Identifiant de la canalisation", unique=True),
        *_RAEPA_OWNER,
        F("enservice", TEXT, "En service (O/N)", check="enservice IN ('O', 'N')"),
        F("branchemnt", TEXT, "Branchement (O/N)", check="branchemnt IN ('O', 'N')"),
        F("materiau", TEXT, "Matériau", codelist="raepa_materiau"),
        F("diametre", INTEGER, "Diamètre nominal (mm)", check="diametre >= 0"),
        F("anfinpose", TEXT, "Année de fin de pose"),
        F("modecirc", TEXT, "Mode de circulation", codelist="raepa_modecirc"),
        *network_fields,
        F("idnini", TEXT, "Nœud initial"),
        F("idnterm", TEXT, "Nœud terminal"),
        F("idcanppale", TEXT, "Canalisation principale"),
        F("profgen", REAL, "Profondeur génératrice (m)"),
        F("longcana", INTEGER, "Longueur (m)"),
        F("nbranche", INTEGER, "Nombre de branchements"),
        *_RAEPA_QUALITY,
    ), geometry="LINESTRING")


def _point(name, title, kind_fields, prefix="idappareil"):
    return Table(name, "reseaux", title, (
        F(prefix, TEXT, "Identifiant", unique=True),
        F("x", REAL, "X (Lambert 93)"),
        F("y", REAL, "Y (Lambert 93)"),
        *_RAEPA_OWNER,
        *kind_fields,
        F("anfinpose", TEXT, "Année de fin de pose"),
        F("idcanamont", TEXT, "Canalisation amont"),
        F("idcanaval", TEXT, "Canalisation aval"),
        F("idcanppale", TEXT, "Canalisation principale"),
        F("z", REAL, "Altitude (m NGF)"),
        *_RAEPA_QUALITY,
    ), geometry="POINT")


def _repar(name, title):
    return Table(name, "reseaux", title, (
        F("idrepar", TEXT, "Identifiant de la réparation", unique=True),
        F("x", REAL, "X (Lambert 93)"),
        F("y", REAL, "Y (Lambert 93)"),
        F("supprepare", TEXT, "Support réparé", codelist="raepa_supprepare"),
        F("defreparee", TEXT, "Défaillance réparée", codelist="raepa_defreparee"),
        F("idsuprepar", TEXT, "Identifiant du support réparé"),
        F("daterepar", DATE, "Date de la réparation"),
        F("mouvrage", TEXT, "Maître d'ouvrage"),
    ), geometry="POINT")


_TYPRESEAU = F("typreseau", TEXT, "Type de réseau", codelist="raepa_typreseau",
               not_null=True)
CANALAEP = _canal("raepa_canalaep_l", "Canalisations AEP", (
    F("contcanaep", TEXT, "Catégorie de la canalisation", codelist="raepa_contcanaep"),
    F("fonccanaep", TEXT, "Fonction de la canalisation", codelist="raepa_fonccanaep"),
))
APPARAEP = _point("raepa_apparaep_p", "Appareils AEP", (
    F("fnappaep", TEXT, "Fonction de l'appareil", codelist="raepa_fnappaep"),
    F("diametre", INTEGER, "Diamètre (mm)"),
    F("idouvrage", TEXT, "Ouvrage d'accueil"),
))
OUVRAEP = _point("raepa_ouvraep_p", "Ouvrages AEP", (
    F("fnouvaep", TEXT, "Fonction de l'ouvrage", codelist="raepa_fnouvaep"),
), prefix="idouvrage")
REPARAEP = _repar("raepa_reparaep_p", "Réparations AEP")
CANALASS = _canal("raepa_canalass_l", "Canalisations d'assainissement", (
    _TYPRESEAU,
    F("contcanass", TEXT, "Catégorie de la canalisation", codelist="raepa_contcanass"),
    F("fonccanass", TEXT, "Fonction de la canalisation", codelist="raepa_fonccanass"),
    F("zamont", REAL, "Altitude amont (m)"),
    F("zaval", REAL, "Altitude aval (m)"),
    F("sensecoul", TEXT, "Sens d'écoulement (O/N)", check="sensecoul IN ('O', 'N')"),
))
APPARASS = _point("raepa_apparass_p", "Appareils d'assainissement", (
    _TYPRESEAU,
    F("fnappass", TEXT, "Fonction de l'appareil", codelist="raepa_fnappass"),
    F("diametre", INTEGER, "Diamètre (mm)"),
    F("idouvrage", TEXT, "Ouvrage d'accueil"),
))
OUVRASS = _point("raepa_ouvrass_p", "Ouvrages d'assainissement", (
    _TYPRESEAU,
    F("fnouvass", TEXT, "Fonction de l'ouvrage", codelist="raepa_fnouvass"),
), prefix="idouvrage")
REPARASS = _repar("raepa_reparass_p", "Réparations d'assainissement")

# --- plui: CNIG PLU -----------------------------------------------------
_CNIG_COMMON = (
    F("nomfic", TEXT, "Nom du fichier"),
    F("urlfic", TEXT, "URL du fichier"),
    F("insee", TEXT, "Commune (INSEE)"),
    F("datappro", TEXT, "Date d'approbation (AAAAMMJJ)"),
    F("datvalid", TEXT, "Date de validation (AAAAMMJJ)"),
    F("idurba", TEXT, "Identifiant du document (IDURBA)"),
)
DOC_URBA = Table("doc_urba", "plui", "Documents d'urbanisme", (
    F("idurba", TEXT, "Identifiant du document (IDURBA)", not_null=True, unique=True),
    F("typedoc", TEXT, "Type de document", codelist="cnig_typedoc"),
    F("etat", TEXT, "État", codelist="cnig_etat"),
    F("nomproc", TEXT, "Procédure"),
    F("datappro", TEXT, "Date d'approbation (AAAAMMJJ)"),
    F("datefin", TEXT, "Date de fin de validité (AAAAMMJJ)"),
    F("siren", TEXT, "SIREN de l'autorité compétente"),
    F("nomreg", TEXT, "Nom du règlement"),
    F("urlreg", TEXT, "URL du règlement"),
    F("nomplan", TEXT, "Nom du plan"),
    F("urlplan", TEXT, "URL du plan"),
    F("urlpe", TEXT, "URL des pièces écrites"),
    F("siteweb", TEXT, "Site web"),
    F("typeref", TEXT, "Référentiel de saisie", codelist="cnig_typeref"),
    F("dateref", TEXT, "Date du référentiel (AAAAMMJJ)"),
    F("nomrapp", TEXT, "Nom du rapport de présentation (2025)", since=7),
    F("urlrapp", TEXT, "URL du rapport de présentation (2025)", since=7),
))
DOC_URBA_COM = Table("doc_urba_com", "plui", "Communes des documents d'urbanisme", (
    F("idurba", TEXT, "Identifiant du document (IDURBA)", not_null=True),
    F("insee", TEXT, "Commune (INSEE)", not_null=True),
), catalogued=False)
ZONE_URBA = Table("zone_urba", "plui", "Zones du PLUi", (
    F("libelle", TEXT, "Libellé", not_null=True),
    F("libelong", TEXT, "Libellé long"),
    F("typezone", TEXT, "Type de zone", codelist="cnig_typezone", not_null=True),
    F("destdomi", TEXT, "Destination dominante (2017)", codelist="cnig_destdomi"),
    F("formdomi", TEXT, "Forme urbaine dominante (2024)"),
    F("destoui", TEXT, "Destinations autorisées (2024)"),
    F("destcdt", TEXT, "Destinations sous conditions (2024)"),
    F("destnon", TEXT, "Destinations interdites (2024)"),
) + _CNIG_COMMON + (
    F("symbole", TEXT, "Symbole (2022)", since=7),
), geometry="MULTIPOLYGON")


def _cnig_overlay(name, title, kind, geometry):
    code, subcode, codelist = (("typepsc", "stypepsc", "cnig_typepsc")
                               if kind == "prescription" else
                               ("typeinf", "stypeinf", "cnig_typeinf"))
    return Table(name, "plui", title, (
        F("libelle", TEXT, "Libellé", not_null=True),
        F("txt", TEXT, "Référence au règlement"),
        F(code, TEXT, "Type", not_null=True),
        F(subcode, TEXT, "Sous-type", not_null=True),
        F("code_cnig", TEXT, "Type et sous-type (CNIG)", codelist=codelist),
    ) + _CNIG_COMMON + (
        (F("nature", TEXT, "Nature (2022)", since=7),) if kind == "prescription" else ()) + (
        F("symbole", TEXT, "Symbole (2022)", since=7),
    ), geometry=geometry)


PRESCRIPTION_SURF = _cnig_overlay("prescription_surf", "Prescriptions surfaciques",
                                  "prescription", "MULTIPOLYGON")
PRESCRIPTION_LIN = _cnig_overlay("prescription_lin", "Prescriptions linéaires",
                                 "prescription", "MULTILINESTRING")
PRESCRIPTION_PCT = _cnig_overlay("prescription_pct", "Prescriptions ponctuelles",
                                 "prescription", "MULTIPOINT")
INFO_SURF = _cnig_overlay("info_surf", "Informations surfaciques",
                          "information", "MULTIPOLYGON")
INFO_LIN = _cnig_overlay("info_lin", "Informations linéaires",
                         "information", "MULTILINESTRING")
INFO_PCT = _cnig_overlay("info_pct", "Informations ponctuelles",
                         "information", "MULTIPOINT")

# --- ads: bridge to Next'ADS --------------------------------------------
ADS_DOSSIER = Table("ads_dossier", "ads", "Dossiers d'urbanisme (Next'ADS)", (
    F("numero", TEXT, "Numéro de dossier", not_null=True, unique=True),
    F("type_dossier", TEXT, "Type de dossier", codelist="ads_type"),
    F("insee", TEXT, "Commune (INSEE)"),
    F("date_depot", DATE, "Date de dépôt"),
    F("statut", TEXT, "Statut / décision", codelist="ads_statut"),
    F("date_decision", DATE, "Date de décision"),
), geometry="MULTIPOLYGON")
ADS_DOSSIER_PARCELLE = Table("ads_dossier_parcelle", "ads",
                             "Parcelles des dossiers", (
    F("numero", TEXT, "Numéro de dossier", not_null=True),
    F("idu", TEXT, "Parcelle (IDU)", not_null=True, check="length(idu) = 14"),
), catalogued=False)

# --- plui history (schema v4, imports) ---------------------------------------
# Every CNIG delivery imported, and the features of the deliveries a newer
# one replaced: a replaced PLUi is kept, by IDURBA and date, not lost.
PLUI_IMPORT = Table("plui_import", "plui", "Livraisons du PLUi importées", (
    F("idurba", TEXT, "Identifiant du document (IDURBA)", not_null=True),
    F("datappro", TEXT, "Date d'approbation (AAAAMMJJ)"),
    F("source", TEXT, "Livraison importée"),
    F("empreinte", TEXT, "Empreinte du contenu (SHA-256)", not_null=True),
    F("nb_objets", INTEGER, "Objets importés"),
    F("nb_defauts", INTEGER, "Défauts relevés"),
    F("importe_le", TEXT, "Importée le", not_null=True),
    F("importe_par", TEXT, "Importée par"),
    F("modele", TEXT, "Modèle CNIG lu (2013 à 2025)", since=7),
    F("remplace_le", TEXT, "Remplacée le"),
    F("remplace_par", TEXT, "Remplacée par (IDURBA)"),
), catalogued=False, since=4)
PLUI_ARCHIVE = Table("plui_archive", "plui", "Archives du PLUi (livraisons remplacées)", (
    F("idurba", TEXT, "Identifiant du document (IDURBA)", not_null=True),
    F("import_uuid", TEXT, "Livraison (plui_import.uuid)", not_null=True),
    F("layer_name", TEXT, "Table d'origine", not_null=True),
    F("feature_uuid", TEXT, "Objet (uuid d'origine)"),
    F("attributes", TEXT, "Attributs (JSON)"),
), geometry="GEOMETRY", catalogued=False, since=4)

TABLES = (COMMUNE, PARCELLE, PAV, COMPOSTEUR,
          CANALAEP, APPARAEP, OUVRAEP, REPARAEP,
          CANALASS, APPARASS, OUVRASS, REPARASS,
          DOC_URBA, DOC_URBA_COM, ZONE_URBA,
          PRESCRIPTION_SURF, PRESCRIPTION_LIN, PRESCRIPTION_PCT,
          INFO_SURF, INFO_LIN, INFO_PCT,
          ADS_DOSSIER, ADS_DOSSIER_PARCELLE,
          PLUI_IMPORT, PLUI_ARCHIVE)
