"""The work ledger in the QGIS project of a store (a PROJECT_EXTENSIONS entry).

- a polymorphic relation ticket → every catalogued layer (ticket.layer_name
  holds the table, matched against each layer's ``@sit_table`` variable;
  ticket.feature_uuid → uuid), so each feature's form lists its tickets;
- a relation ticket.uuid → time_entry.ticket_uuid, so each ticket's form
  lists its time entries;
- a "Tickets" tab on every catalogued form: total time on the feature (a
  virtual field on the expression function sit_hours() of
  core/ledger/expressions.py) and the relation editor;
- the ticket layer drawn by effort (size and colour graduated on its hours).

Forms open fast: the total is a plain field (QGIS 3.22's HTML widget costs a
WebKit view per form) and the children are listed by the plugin's light
relation widget (plugin/ticket_list.py), QGIS's basic relation editor
where the plugin is not loaded.
"""
from qgis.core import (QgsAttributeEditorContainer, QgsAttributeEditorField,
                       QgsAttributeEditorHtmlElement,
                       QgsAttributeEditorRelation, QgsEditFormConfig,
                       QgsExpressionContextUtils, QgsGraduatedSymbolRenderer,
                       QgsMarkerSymbol, QgsPolymorphicRelation, QgsRelation,
                       QgsRendererRange)
from qgis.PyQt.QtCore import QMetaType

from ..core.compat import as_tab, field
from ..core.i18n import tr
from ..core.ledger.ledger import CATALOGUED_NAMES
from .ticket_list import WIDGET_TYPE as LIST_WIDGET

POLYMORPHIC_ID = "sit_ticket_feature"
TIME_RELATION_ID = "sit_ticket_time_entry"
TABLE_VARIABLE = "sit_table"
HOURS_FIELD = "sit_hours"  # virtual field: hours logged on the feature (or ticket)

# Ticket effort classes: (lower hours, upper hours, marker size mm, colour).
EFFORT_CLASSES = ((0, 2, 2.4, "#fee391"), (2, 7, 3.4, "#fec44f"), (7, 21, 4.6, "#ec7014"),
                  (21, 1e9, 6.0, "#993404"))


def extend_project(project, layers):
    """Add the ledger's relations, forms and styles to a freshly built project."""
    ticket, time_entry = layers["ticket"], layers["time_entry"]
    manager = project.relationManager()
    time_relation = QgsRelation()
    time_relation.setId(TIME_RELATION_ID)
    time_relation.setName(tr("Time entries"))
    time_relation.setReferencingLayer(time_entry.id())
    time_relation.setReferencedLayer(ticket.id())
    time_relation.addFieldPair("ticket_uuid", "uuid")
    time_relation.setStrength(QgsRelation.Association)
    manager.addRelation(time_relation)

    featured = [layer for layer in layers.values()
                if layer.customProperty("sit/table") in CATALOGUED_NAMES]
    for layer in featured:
        QgsExpressionContextUtils.setLayerVariable(layer, TABLE_VARIABLE,
                                                   layer.customProperty("sit/table"))
    polymorphic = QgsPolymorphicRelation()
    polymorphic.setId(POLYMORPHIC_ID)
    polymorphic.setName(tr("Tickets"))
    polymorphic.setReferencingLayer(ticket.id())
    polymorphic.setReferencedLayerField("layer_name")
    polymorphic.setReferencedLayerExpression("@" + TABLE_VARIABLE)
    polymorphic.setReferencedLayerIds([layer.id() for layer in featured])
    polymorphic.addFieldPair("feature_uuid", "uuid")
    manager.addPolymorphicRelation(polymorphic)

    for layer in featured:
        relation = next(r for r in manager.referencedRelations(layer)
                        if r.polymorphicRelationId() == POLYMORPHIC_ID)
        add_tab(layer, tr("Tickets"), None, relation, add_hours_field(layer), LIST_WIDGET)
    add_tab(ticket, tr("Time spent"), None, time_relation, add_hours_field(ticket),
            LIST_WIDGET)
    style_by_effort(ticket)


def add_hours_field(layer):
    """The virtual field HOURS_FIELD; returns its index."""
    index = layer.addExpressionField(
        "sit_hours()", field(HOURS_FIELD, QMetaType.Type.Double, "double", 10, 2))
    layer.setFieldAlias(index, tr("Time spent (h)"))
    return index


def add_tab(layer, title, html, relation, field_index=None, widget="relation_editor"):
    """A tab with a field (index `field_index`, e.g. the hours spent) or a text
    (`html`, a WebKit view: slower), then a relation editor (last child) of
    type `widget`.

    A generated form becomes a drag-and-drop one holding every field in a
    first tab, so nothing the generated form showed is lost.
    """
    form = layer.editFormConfig()
    converting = form.layout() != QgsEditFormConfig.TabLayout
    if converting:
        form.setLayout(QgsEditFormConfig.TabLayout)
    # Only now: setLayout() detaches the shared form data the root belongs to.
    root = form.invisibleRootContainer()
    if converting:
        root.clear()
        fields_tab = QgsAttributeEditorContainer(tr("Attributes"), root)
        as_tab(fields_tab)
        for index, field in enumerate(layer.fields()):
            if index != field_index:
                fields_tab.addChildElement(QgsAttributeEditorField(field.name(), index,
                                                                   fields_tab))
        root.addChildElement(fields_tab)
    tab = QgsAttributeEditorContainer(title, root)
    as_tab(tab)
    if field_index is not None:
        tab.addChildElement(QgsAttributeEditorField(layer.fields()[field_index].name(),
                                                    field_index, tab))
    if html:
        text = QgsAttributeEditorHtmlElement("sit_text", tab)
        text.setHtmlCode(html)
        text.setShowLabel(False)
        tab.addChildElement(text)
    editor = QgsAttributeEditorRelation(relation, tab)
    editor.setRelationWidgetTypeId(widget)
    editor.setRelationEditorConfiguration({"buttons": "AllButtons",
                                           "show_first_feature": False})
    editor.setShowLabel(False)
    tab.addChildElement(editor)
    root.addChildElement(tab)
    layer.setEditFormConfig(form)


def style_by_effort(ticket):
    """Graduated size and colour on the ticket's hours (sit_hours())."""
    ranges = []
    for low, high, size, colour in EFFORT_CLASSES:
        symbol = QgsMarkerSymbol.createSimple({
            "name": "circle", "color": colour, "outline_color": "#4d2600",
            "outline_width": "0.3", "size": str(size)})
        label = (tr("{low} h and more").format(low=low) if high >= 1e9 else
                 tr("{low} to {high} h").format(low=low, high=high))
        ranges.append(QgsRendererRange(low, high, symbol, label))
    renderer = QgsGraduatedSymbolRenderer(HOURS_FIELD, ranges)
    ticket.setRenderer(renderer)
    ticket.triggerRepaint()
