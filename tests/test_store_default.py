"""Every algorithm's STORE defaults to the SIT open in QGIS: the Processing
dialog shows it filled in, and processing.run may leave it out; on both
backends (a PostgreSQL store's default holds no password, which Processing
takes from the store opened in this session)."""
import pytest
from qgis.core import QgsProcessingContext, QgsProject

from helpers import clear_project, with_authcfg
from sit_chartreuse.plugin.project import open_sit
from test_settlement import Ledger, at_provisional


@pytest.fixture
def open_store(store_location, pg_authcfg):
    """The store, with the provisional 2026 ledger, open as the SIT of QGIS's
    project (PostgreSQL reached by QGIS through an authentication configuration)."""
    ledger = Ledger(store_location)
    at_provisional(ledger)
    ledger.conn.close()
    location = with_authcfg(store_location, pg_authcfg)
    open_sit(location, QgsProject.instance())
    yield location
    clear_project()


def _store_algorithms(registry):
    """The algorithms working on an existing store (createstore makes one)."""
    return [a.id() for a in registry.providerById("sitchartreuse").algorithms()
            if a.parameterDefinition("STORE") is not None and a.name() != "createstore"]


def test_every_store_parameter_defaults_to_the_open_sit(sit_processing, open_store):
    ids = _store_algorithms(sit_processing)
    assert "sitchartreuse:settlement" in ids and len(ids) >= 10
    for algorithm_id in ids:
        algorithm = sit_processing.createAlgorithmById(algorithm_id)
        assert algorithm.parameterDefinition("STORE").defaultValue() == \
            open_store.public_text(), algorithm_id
    assert "password" not in open_store.public_text()


def test_without_a_sit_open_the_store_is_asked_for(sit_processing):
    clear_project()
    algorithm = sit_processing.createAlgorithmById("sitchartreuse:settlement")
    assert not algorithm.parameterDefinition("STORE").defaultValue()
    ok, problem = algorithm.checkParameterValues({"YEAR": 2026}, QgsProcessingContext())
    assert not ok and "STORE" in problem


def test_the_settlement_dialog_shows_the_open_sit(sit_processing, open_store, qgis_iface,
                                                  monkeypatch):
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.gui import QgsBrowserGuiModel
    model = QgsBrowserGuiModel()   # the file widget's browser (pytest-qgis's iface has none)
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    dialog = AlgorithmDialog(sit_processing.createAlgorithmById("sitchartreuse:settlement"))
    try:
        values = dialog.createProcessingParameters()
        assert values["STORE"] == open_store.public_text()
    finally:
        dialog.deleteLater()


def test_the_settlement_runs_on_the_open_sit_without_store(sit_processing, open_store,
                                                           tmp_path):
    import processing
    result = processing.run("sitchartreuse:settlement", {
        "YEAR": 2026, "OUTPUT_TABLE": "TEMPORARY_OUTPUT",
        "OUTPUT_FEATURES": "TEMPORARY_OUTPUT", "OUTPUT_CSV": str(tmp_path / "decompte.csv")})
    assert result["TOTAL_TTC_CENTS"] == 1740000   # Article 3's provisional figures
