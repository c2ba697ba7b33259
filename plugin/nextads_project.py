"""The Next'ADS bridge in the QGIS project of a store (a PROJECT_EXTENSIONS
entry): the action "Ouvrir dans Next'ADS" on the dossier and parcel layers
(it evaluates ``sit_nextads_url()``, plugin/nextads.py, when clicked, so a
changed template applies to projects already saved), and the relations
parcel ↔ dossier, so a parcel's form lists its dossiers and a dossier's form
its parcels.
"""
from qgis.core import QgsAction, QgsApplication, QgsRelation

from ..core.i18n import tr
from .ledger_project import add_tab

PARCEL_RELATION_ID = "sit_ads_parcelle"
DOSSIER_RELATION_ID = "sit_ads_dossier"


def action_name():
    return tr("Open in Next'ADS")   # "Ouvrir dans Next'ADS"


def extend_project(project, layers):
    """Next'ADS action on dossiers and parcels, relations between them."""
    for key in ("ads_dossier", "parcelle"):
        action = QgsAction(QgsAction.OpenUrl, action_name(), "[% sit_nextads_url() %]",
                           QgsApplication.iconPath("mActionHighlightFeature.svg"), False,
                           "Next'ADS", {"Feature", "Canvas"})
        layers[key].actions().addAction(action)
    links, dossiers, parcels = (layers["ads_dossier_parcelle"], layers["ads_dossier"],
                                layers["parcelle"])
    manager = project.relationManager()
    relations = {}
    for rid, name, referenced, field in (
            (PARCEL_RELATION_ID, tr("ADS dossiers of the parcel"), parcels, "idu"),
            (DOSSIER_RELATION_ID, tr("Parcels of the dossier"), dossiers, "numero")):
        relation = QgsRelation()
        relation.setId(rid)
        relation.setName(name)
        relation.setReferencingLayer(links.id())
        relation.setReferencedLayer(referenced.id())
        relation.addFieldPair(field, field)
        relation.setStrength(QgsRelation.Association)
        manager.addRelation(relation)
        relations[rid] = relation
    # Many-to-many through ads_dossier_parcelle: each form lists the other side.
    for layer, title, rid, other in (
            (parcels, tr("ADS dossiers"), PARCEL_RELATION_ID, DOSSIER_RELATION_ID),
            (dossiers, tr("Parcels"), DOSSIER_RELATION_ID, PARCEL_RELATION_ID)):
        add_tab(layer, title, "<p>%s</p>" % tr("Open in Next'ADS: the action \"{action}\" "
                                               "(Actions menu or attribute table).")
                .format(action=action_name()), relations[rid])
        form = layer.editFormConfig()
        editor = form.invisibleRootContainer().children()[-1].children()[-1]
        editor.setNmRelationId(other)
        layer.setEditFormConfig(form)
