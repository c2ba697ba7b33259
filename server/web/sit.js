// The page for élus and technicians (/sit/): figures from /sit/suivi/*,
// the map from the SIT's own WMS (QGIS Server) and OpenLayers (vendored
// from npm, no CDN). Read-only. French formatting by the browser.
(function () {
  "use strict";

  const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
  const nombre = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
  const pourcent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
  const jour = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" });
  const ETATS = { on_track: "dans les temps", reached_80: "80\u00a0% atteints", over_100: "dépassé" };
  const METHODES = { linear: "linéaire", seasonal: "saisonnière" };
  // Sequential greens for the days per commune; no time: light grey.
  const COULEURS = ["#d9f0a3", "#addd8e", "#78c679", "#31a354", "#006837"];
  const SANS_TEMPS = "#eeeeee";
  // The communes are drawn over the applications, see-through so that the
  // applications' features (PLUi zones...) still show.
  const OPACITE = 0.6;

  const params = new URLSearchParams(window.location.search);
  const au = params.get("au");   // date of the figures (today by default)
  const $ = (id) => document.getElementById(id);

  // Money in integer cents, days in decimal strings (exact in the JSON).
  const argent = (cents) => euros.format(cents / 100);
  const jours = (texte) => (texte === null ? "—" : nombre.format(Number(texte)) + " j");
  // "1er janvier": the French ordinal of the first of the month.
  const date = (iso) => jour.format(new Date(iso + "T12:00:00")).replace(/^1 /, "1er ");

  async function lire(chemin) {
    const reponse = await fetch(chemin, { credentials: "same-origin" });
    const corps = await reponse.json();
    if (!reponse.ok) {
      throw new Error(corps.error ? corps.error.message : reponse.statusText);
    }
    return corps;
  }

  function cellule(ligne, texte, classe) {
    const td = document.createElement("td");
    td.textContent = texte;
    if (classe) td.className = classe;
    ligne.appendChild(td);
    return td;
  }

  // --- consumption ------------------------------------------------------------

  function methode(l) {
    const nom = METHODES[l.methode] || l.methode;
    return l.annees_lues.length ? nom + " (" + l.annees_lues.join(", ") + ")" : nom;
  }

  function tableConsommation(c) {
    const corps = $("consommation").tBodies[0];
    corps.replaceChildren();
    for (const l of c.lignes) {
      const tr = corps.insertRow();
      tr.dataset.code = l.code;
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = l.libelle;
      tr.appendChild(th);
      cellule(tr, jours(l.prevu_jours), "nombre");
      cellule(tr, argent(l.prevu_centimes), "nombre");
      cellule(tr, jours(l.consomme_jours), "nombre");
      cellule(tr, argent(l.consomme_centimes), "nombre");
      cellule(tr, l.part === null ? "—" : pourcent.format(Number(l.part)), "nombre");
      cellule(tr, argent(l.reste_centimes), "nombre");
      cellule(tr, jours(l.projection_jours), "nombre");
      cellule(tr, argent(l.projection_centimes), "nombre");
      cellule(tr, methode(l));
      cellule(tr, ETATS[l.etat] || l.etat, "etat " + l.etat);
    }
    const pied = $("consommation").tFoot;
    pied.replaceChildren();
    const tr = pied.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = "Total";
    tr.appendChild(th);
    const t = c.totaux;
    for (const texte of ["", argent(t.prevu_centimes), "", argent(t.consomme_centimes), "",
      argent(t.reste_centimes), "", argent(t.projection_centimes), "", ""]) {
      cellule(tr, texte, "nombre");
    }
    $("date-chiffres").textContent = "Chiffres au " + date(c.date);
    $("part-ecoulee").textContent = "Au " + date(c.date) + ", " +
      pourcent.format(Number(c.part_ecoulee)) + " de l’année " + c.annee +
      " de la convention sont écoulés (du " + date(c.debut) + " au " + date(c.fin) + ").";
  }

  // One bar per line: used and projected as shares of the provisional, on
  // one scale for all lines (the provisional's 100 % mark lines up).
  function barres(c) {
    const liste = $("barres");
    liste.replaceChildren();
    const parts = (l) => (l.prevu_centimes ? [l.consomme_centimes / l.prevu_centimes,
      l.projection_centimes / l.prevu_centimes] : [0, 0]);
    const echelle = Math.max(1, ...c.lignes.flatMap(parts));
    for (const l of c.lignes) {
      const prevu = l.prevu_centimes;
      const [part, projection] = parts(l);
      const li = document.createElement("li");
      li.dataset.code = l.code;
      const nom = document.createElement("span");
      nom.className = "nom";
      nom.textContent = l.libelle;
      const piste = document.createElement("span");
      piste.className = "piste";
      for (const [classe, valeur] of [["projection", projection], ["consomme", part]]) {
        const barre = document.createElement("span");
        barre.className = classe + " " + l.etat;
        barre.style.width = (100 * valeur / echelle) + "%";
        piste.appendChild(barre);
      }
      const repere = document.createElement("span");
      repere.className = "prevu";
      repere.style.left = (100 / echelle) + "%";
      repere.title = "Prévu : " + argent(prevu);
      piste.appendChild(repere);
      const texte = document.createElement("span");
      texte.className = "texte";
      texte.textContent = pourcent.format(part) + " consommés, projection " +
        pourcent.format(projection) + " du prévu (" + argent(l.projection_centimes) + ")";
      li.append(nom, piste, texte);
      liste.appendChild(li);
    }
  }

  // --- effort per commune -----------------------------------------------------

  // Five classes of equal width in half days, up to the most worked commune.
  function classes(effort) {
    const max = Math.max(0, ...effort.features.map((f) => Number(f.properties.jours)));
    const pas = Math.max(0.5, Math.ceil((max * 2) / COULEURS.length) / 2);
    return COULEURS.map((couleur, i) => ({ de: i * pas, a: (i + 1) * pas, couleur }));
  }

  function couleur(bornes, joursCommune) {
    if (!(joursCommune > 0)) return SANS_TEMPS;
    const classe = bornes.find((b) => joursCommune <= b.a);
    return (classe || bornes[bornes.length - 1]).couleur;
  }

  function transparente(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return "rgba(" + r + ", " + g + ", " + b + ", " + OPACITE + ")";
  }

  function legendeEffort(bornes) {
    const liste = $("legende-effort");
    liste.replaceChildren();
    const entrees = [[SANS_TEMPS, "aucun jour"]].concat(bornes.map((b) =>
      [b.couleur, "de " + nombre.format(b.de) + " à " + nombre.format(b.a) + " j"]));
    for (const [teinte, texte] of entrees) {
      const li = document.createElement("li");
      const pastille = document.createElement("span");
      pastille.className = "pastille";
      pastille.style.background = transparente(teinte);
      li.append(pastille, texte);
      liste.appendChild(li);
    }
  }

  function tableEffort(effort) {
    const corps = $("effort").tBodies[0];
    corps.replaceChildren();
    // Two communes may share a name (Saint-Pierre-d'Entremont, 38 and 73).
    const noms = effort.features.map((f) => f.properties.nom);
    const affiche = (f) => (noms.indexOf(f.properties.nom) !== noms.lastIndexOf(f.properties.nom)
      ? f.properties.nom + " (" + f.properties.insee.slice(0, 2) + ")" : f.properties.nom);
    const lignes = effort.features.map((f) => [affiche(f), f.properties, f.id])
      .sort((a, b) => Number(b[1].jours) - Number(a[1].jours) || a[0].localeCompare(b[0], "fr"));
    lignes.push(["Transversal (travail sur les applications)", effort.transversal, "transversal"]);
    if (effort.hors_communes.minutes > 0) {
      lignes.push(["Hors des communes", effort.hors_communes, "hors_communes"]);
    }
    for (const [nom, e, cle] of lignes) {
      const tr = corps.insertRow();
      tr.dataset.cle = cle;
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = nom;
      tr.appendChild(th);
      cellule(tr, jours(e.jours), "nombre");
      cellule(tr, argent(e.montant_centimes), "nombre");
    }
  }

  // --- the map ----------------------------------------------------------------

  const lambert93 = new ol.proj.Projection({
    code: "EPSG:2154", units: "m",
    extent: [-378305.81, 6093283.21, 1212610.74, 7186901.68],
  });
  ol.proj.addProjection(lambert93);
  const communes = new ol.source.Vector();
  let bornes = classes({ features: [] });
  const carte = new ol.Map({
    target: "carte",
    layers: [new ol.layer.Vector({
      source: communes, zIndex: 1,
      style: (f) => new ol.style.Style({
        fill: new ol.style.Fill({ color: transparente(couleur(bornes, Number(f.get("jours")))) }),
        stroke: new ol.style.Stroke({ color: "#555555", width: 1 }),
      }),
    })],
    view: new ol.View({ projection: lambert93, center: [900000, 6480000], zoom: 8 }),
  });

  function couchesApplications(contexte) {
    const legende = $("legende-applications");
    const dessinees = new Set();   // applications whose WMS image came back
    for (const app of contexte.applications) {
      if (!app.couches.length) continue;
      const couche = new ol.layer.Image({
        source: new ol.source.ImageWMS({
          url: "/", projection: lambert93, ratio: 1,
          params: { LAYERS: app.couches.join(","), FORMAT: "image/png", TRANSPARENT: true,
            VERSION: "1.3.0" },
        }),
      });
      couche.getSource().on("imageloadend", () => {
        dessinees.add(app.code);
        document.body.dataset.images = dessinees.size;
      });
      couche.getSource().on("imageloaderror", () => {
        erreur("La carte de l’application « " + app.titre + " » n’a pas pu être dessinée.");
      });
      carte.addLayer(couche);
      const li = document.createElement("li");
      const case_ = document.createElement("input");
      case_.type = "checkbox";
      case_.checked = true;
      case_.id = "app-" + app.code;
      case_.addEventListener("change", () => couche.setVisible(case_.checked));
      const etiquette = document.createElement("label");
      etiquette.htmlFor = case_.id;
      etiquette.textContent = app.titre;
      li.append(case_, etiquette);
      legende.appendChild(li);
    }
    if (contexte.emprise) {
      carte.getView().fit(contexte.emprise, { padding: [20, 20, 20, 20] });
    }
  }

  function carteEffort(effort) {
    bornes = classes(effort);
    legendeEffort(bornes);
    communes.clear();
    communes.addFeatures(new ol.format.GeoJSON().readFeatures(effort,
      { dataProjection: lambert93, featureProjection: lambert93 }));
  }

  // --- loading ------------------------------------------------------------------

  function erreur(message) {
    $("erreur").textContent = message;
    $("erreur").hidden = false;
  }

  async function charger(annee) {
    document.body.dataset.etat = "chargement";
    document.body.dataset.carte = "";
    $("erreur").hidden = true;
    const alaDate = au ? "&au=" + encodeURIComponent(au) : "";
    try {
      const [c, effort] = await Promise.all([
        lire("/sit/suivi/consommation?annee=" + annee + alaDate),
        lire("/sit/suivi/effort?annee=" + annee)]);   // the whole year's
      tableConsommation(c);
      barres(c);
      tableEffort(effort);
      carteEffort(effort);
      carte.once("rendercomplete", () => { document.body.dataset.carte = "pret"; });
      carte.render();
    } catch (e) {
      erreur(e.message);
    }
    document.body.dataset.annee = annee;
    document.body.dataset.etat = "pret";
  }

  async function demarrer() {
    const contexte = await lire("/sit/suivi/contexte");
    $("convention").textContent = (contexte.titre || "Convention") + " (" +
      contexte.convention + ")";
    const choix = $("annee");
    if (!contexte.annees.length) throw new Error("La convention n’a pas encore commencé.");
    for (const annee of contexte.annees) choix.add(new Option(String(annee), String(annee)));
    const voulue = params.get("annee") || (au ? au.slice(0, 4) : String(new Date().getFullYear()));
    choix.value = contexte.annees.map(String).includes(voulue) ? voulue
      : String(contexte.annees[contexte.annees.length - 1]);
    choix.addEventListener("change", () => charger(choix.value));
    couchesApplications(contexte);
    await charger(choix.value);
  }

  demarrer().catch((e) => {
    erreur(e.message);
    document.body.dataset.etat = "pret";
  });
})();
