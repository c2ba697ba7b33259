"""Servitudes d'utilité publique (schema v8): the CNIG SUP standard's tables
(SERVITUDE, ACTE_SUP, GESTIONNAIRE_SUP, SERVITUDE_ACTE_SUP, GENERATEUR_SUP_S/L/P,
ASSIETTE_SUP_S/L/P), lower case, for every category (AC1, A5, PM3...).

The standard's identifiers are text: the 2013 model numbers them (35), the
2016 model spells them out (A5-123456789-1). A servitude, its acts, its
managers, its generators and their assiettes are the State's: shown in the
PLUi application, beside the plan they are annexed to.
"""
from .model import Field as F, Key, Table, TEXT, INTEGER

V = 8

SERVITUDE = Table("sup_servitude", "plui", "Servitudes d'utilité publique", (
    F("idsup", TEXT, "Identifiant de la servitude (IDSUP)", not_null=True, unique=True),
    F("idgest", TEXT, "Gestionnaire (IDGEST)"),
    F("nomsup", TEXT, "Nom"),
    F("nomsuplitt", TEXT, "Nom littéral"),
    # Labelled by the list sup_categorie, not checked against it: the
    # national nomenclature has more categories than the list names.
    F("categorie", TEXT, "Catégorie (AC1, A5, PM3...)", not_null=True),
    F("idintgest", TEXT, "Identifiant chez le gestionnaire"),
    F("descriptio", TEXT, "Description"),
    F("datemaj", TEXT, "Date de mise à jour (AAAAMMJJ)"),
    F("echnum", INTEGER, "Échelle de numérisation"),
    F("validegest", TEXT, "Validée par le gestionnaire (T/F)"),
    F("obsvalidat", TEXT, "Observations sur la validation"),
    F("estabroge", TEXT, "Abrogée (T/F)"),
    F("modeprod", TEXT, "Mode de production"),
    F("quiprod", TEXT, "Producteur"),
    F("docsource", TEXT, "Document source"),
), since=V)

ACTE = Table("sup_acte", "plui", "Actes des servitudes", (
    F("idacte", TEXT, "Identifiant de l'acte (IDACTE)", not_null=True, unique=True),
    F("nomacte", TEXT, "Nom"),
    F("reference", TEXT, "Référence"),
    F("typeacte", TEXT, "Type d'acte"),
    F("fichier", TEXT, "Fichier"),
    F("decision", TEXT, "Décision"),
    F("datedecis", TEXT, "Date de décision (AAAAMMJJ)"),
    F("datepub", TEXT, "Date de publication (AAAAMMJJ)"),
    F("aplan", TEXT, "A un plan (T/F)"),
), since=V)

GESTIONNAIRE = Table("sup_gestionnaire", "plui", "Gestionnaires des servitudes", (
    F("idgest", TEXT, "Identifiant du gestionnaire (IDGEST)", not_null=True, unique=True),
    F("nomgest", TEXT, "Nom"),
    F("nomcorres", TEXT, "Correspondant"),
    F("numtel", TEXT, "Téléphone"),
    F("courriel", TEXT, "Courriel"),
    F("adresse", TEXT, "Adresse"),
), since=V)

# Which acts institute which servitudes (many to many): a link, no feature.
SERVITUDE_ACTE = Table("sup_servitude_acte", "plui", "Actes instituant les servitudes", (
    F("idsup", TEXT, "Servitude (IDSUP)", not_null=True),
    F("idacte", TEXT, "Acte (IDACTE)", not_null=True),
), catalogued=False, since=V, keys=(Key(("idsup", "idacte")),))


def _generateur(suffix, title, geometry):
    return Table("sup_generateur_" + suffix, "plui", title, (
        F("idgen", TEXT, "Identifiant du générateur (IDGEN)", not_null=True, unique=True),
        F("idsup", TEXT, "Servitude (IDSUP)", not_null=True),
        F("nomgen", TEXT, "Nom"),
        F("typegen", TEXT, "Type de générateur"),
        F("modegenere", TEXT, "Mode de génération"),
        F("srcgeogen", TEXT, "Source de la géométrie"),
        F("datesrcgen", TEXT, "Date de la source (AAAAMMJJ)"),
        F("refbdext", TEXT, "Base de données externe"),
        F("idbdext", TEXT, "Identifiant dans la base externe"),
    ), geometry=geometry, since=V)


def _assiette(suffix, title, geometry):
    return Table("sup_assiette_" + suffix, "plui", title, (
        F("idass", TEXT, "Identifiant de l'assiette (IDASS)", not_null=True, unique=True),
        F("idgen", TEXT, "Générateur (IDGEN)", not_null=True),
        F("nomass", TEXT, "Nom"),
        F("typeass", TEXT, "Type d'assiette"),
        F("modegeoass", TEXT, "Mode de géométrie"),
        F("paramcalc", INTEGER, "Paramètre de calcul (m)"),
        F("srcgeoass", TEXT, "Source de la géométrie"),
        F("datesrcass", TEXT, "Date de la source (AAAAMMJJ)"),
    ), geometry=geometry, since=V)


GENERATEURS = (_generateur("surf", "Générateurs surfaciques des servitudes", "MULTIPOLYGON"),
               _generateur("lin", "Générateurs linéaires des servitudes", "MULTILINESTRING"),
               _generateur("pct", "Générateurs ponctuels des servitudes", "MULTIPOINT"))
ASSIETTES = (_assiette("surf", "Assiettes surfaciques des servitudes", "MULTIPOLYGON"),
             _assiette("lin", "Assiettes linéaires des servitudes", "MULTILINESTRING"),
             _assiette("pct", "Assiettes ponctuelles des servitudes", "MULTIPOINT"))

TABLES = (SERVITUDE, ACTE, GESTIONNAIRE, SERVITUDE_ACTE) + GENERATEURS + ASSIETTES
