"""Next'ADS dossier numbers, parcel references and the dossier URL
(core/ads.py), without a store."""
import pytest

from sit_chartreuse.core import ads

INSEE = "38442"
NUMERO = "PC0384421900012"


def test_dossier_number_is_read():
    n = ads.parse_numero("PC 038 442 19 00012")
    assert (n.numero, n.type_dossier, n.insee, n.year, n.sequence, n.suffix) == (
        NUMERO, "PC", "38442", 2019, "00012", "")
    assert ads.parse_numero("pcmi-073-274-26-X0003-M01").type_dossier == "PCMI"
    assert ads.parse_numero("PCMI0732742600003M01").insee == "73274"
    assert ads.parse_numero("DP 02A 004 99 00001").year == 1999
    assert ads.parse_numero("DP 02A 004 99 00001").insee == "2A004"
    assert ads.parse_numero("CU0384422600001").type_dossier == "CU"
    with pytest.raises(ads.AdsError, match="PC 038 442 19 00012"):
        ads.parse_numero("PC 38442 19 12")
    with pytest.raises(ads.AdsError):
        ads.parse_numero("XX0384421900012")
    # The types are configurable.
    assert ads.parse_numero("ZZ0384421900012", types=ads.TYPES + ("ZZ",)).type_dossier == "ZZ"


@pytest.mark.parametrize("reference, insee", [
    ("38442000AB0012", None), ("38 442 000 AB 0012", None),     # IDU (14)
    ("380442000AB0012", None),                                   # MAJIC (15)
    ("AB 12", INSEE), ("ab12", INSEE), ("000 AB 12", INSEE), ("AB0012", INSEE),
    ("38442 AB 12", None), ("38442:AB 12", None),
])
def test_parcel_reference_in_every_form_resolves_to_the_same_idu(reference, insee):
    assert ads.normalize_parcel(reference, insee) == "38442000AB0012"


def test_malformed_parcel_reference_is_named():
    with pytest.raises(ads.AdsError, match="A-B-12"):
        ads.normalize_parcel("A-B-12", INSEE)
    with pytest.raises(ads.AdsError, match="INSEE"):
        ads.normalize_parcel("AB 12")


def test_nextads_url_template():
    url = ads.nextads_url("https://ads.example/d/{numero}?c={insee}&p={parcelles}",
                          "PC0384422600001", "38442", ["38442000AB0001", "38442000AB0002"])
    assert url == ("https://ads.example/d/PC0384422600001?c=38442"
                   "&p=38442000AB0001,38442000AB0002")
    with pytest.raises(ads.AdsError, match="demandeur"):
        ads.nextads_url("https://ads.example/{demandeur}")



def test_the_stored_key_prints_spaced_and_an_unreadable_one_as_it_is():
    assert ads.display_numero(NUMERO) == "PC 038 442 19 00012"
    assert ads.display_numero("PCMI0732742600003M01") == "PCMI 073 274 26 00003 M01"
    assert ads.display_numero("dossier 12") == "dossier 12"
    assert ads.compact_numero(" pc.038-442 19/00012 ") == NUMERO


def test_references_typed_in_one_field_are_split_on_commas_semicolons_and_lines():
    assert ads.split_references("AB 12, AB 13;\n\n38442 AC 1 ;") == ["AB 12", "AB 13",
                                                                    "38442 AC 1"]
    assert ads.split_references(None) == []


def test_url_values_are_encoded_and_a_parcel_text_is_split():
    url = ads.nextads_url("https://ads.example/d/{numero}?p={parcelles}", "PC 038&x",
                          parcelles="38442000AB0001; 38442000AB0002")
    assert url == "https://ads.example/d/PC%20038%26x?p=38442000AB0001,38442000AB0002"
