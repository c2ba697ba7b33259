"""sitchartreuse:importsup: a CNIG SUP delivery into the sup_* tables."""
from ..core.imports.sup import MODES, import_sup
from .import_base import ImportAlgorithm, mode_parameter


class ImportSupAlgorithm(ImportAlgorithm):
    _name = "importsup"
    _display = "Import a CNIG SUP delivery (servitudes)"
    _help = ("Checks then imports a delivery of servitudes d'utilité publique in the CNIG SUP "
             "standard, any category (AC1, A5, PM3...): the folder as delivered or a zip, "
             "with SERVITUDE, ACTE_SUP, GESTIONNAIRE_SUP, SERVITUDE_ACTE_SUP and the "
             "generators and assiettes (surface, line, point). The report (and the optional "
             "defects table) lists each defect with its table, feature and rule: fields "
             "outside the standard, mandatory identifiers, dates, the source a digitised "
             "geometry must name, geometries, references between the tables. Tolerant mode "
             "imports what the store can hold; strict mode refuses the delivery on any "
             "error. Rows are keyed on the standard's identifiers: importing the same "
             "delivery again changes nothing.")

    def add_parameters(self):
        self.addParameter(mode_parameter())

    def run_import(self, conn, source, parameters, context, feedback):
        mode = MODES[self.parameterAsEnum(parameters, "MODE", context)]
        return import_sup(conn, source, mode=mode, feedback=feedback)
