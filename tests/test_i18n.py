"""French UI: every tr() string of the code has a finished French translation,
and the compiled .qm shipped with the plugin gives them."""
import os
import sys
import xml.etree.ElementTree as ET

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from conftest import ROOT

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import i18n  # noqa: E402

QM = os.path.join(ROOT, "i18n", "sit_chartreuse_fr.qm")


def test_extraction_finds_the_strings_of_the_code():
    strings = i18n.code_strings()
    # a literal tr() call and a Processing attribute passed to tr() by the base class
    assert "Cannot read the referential file {path}: {error}" in strings
    assert "Update the communes referential" in strings
    assert not [w for w in strings.values() if w.split("/")[0] in i18n.EXCLUDED]


def test_every_string_has_a_french_translation():
    untranslated = i18n.missing()
    assert not untranslated, "\n".join("%s: %r" % (w, t) for t, w in untranslated)


def test_placeholders_are_kept_in_translations():
    _tree, context = i18n.read_ts()
    for source, translation in i18n.translations(context).items():
        if translation:
            fields = {p.split("}")[0] for p in source.split("{")[1:]}
            assert fields == {p.split("}")[0] for p in translation.split("{")[1:]}, source


def test_compiled_translation_loads_and_translates(qgis_app):
    from sit_chartreuse.core.i18n import CONTEXT, tr
    translator = QTranslator()
    assert translator.load(QM), QM
    QCoreApplication.installTranslator(translator)
    try:
        assert tr("Update the communes referential") == \
            "Mettre à jour le référentiel des communes"
        # The .qm is current: it gives every finished translation of the .ts.
        for message in ET.parse(i18n.TS).getroot().iter("message"):
            translation = message.find("translation")
            if translation.get("type") is None and translation.text:
                assert QCoreApplication.translate(CONTEXT, message.findtext("source")) == \
                    translation.text, "%s is stale (run scripts/setup.sh): %r" % (
                        QM, message.findtext("source"))
    finally:
        QCoreApplication.removeTranslator(translator)
