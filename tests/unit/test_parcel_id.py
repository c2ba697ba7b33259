"""Parcel identifiers: every delivered form gives the same 14-character IDU."""
import pytest

from sit_chartreuse.core.errors import SitError
from sit_chartreuse.core.referential import parcel_id


@pytest.mark.parametrize("text, insee, idu", [
    ("25354000AB0001", None, "25354000AB0001"),
    (" 25354000ab0001 ", None, "25354000AB0001"),
    ("253354000AB0001", None, "25354000AB0001"),      # MAJIC: direction digit dropped
    ("2A0041000AB0012", None, "2A041000AB0012"),      # Corsica
    ("974411000AB0012", None, "97411000AB0012"),      # overseas: INSEE 97411
    ("AB 1", "25354", "25354000AB0001"),
    ("AB0001", "25354", "25354000AB0001"),
    ("A 12", "38185", "381850000A0012"),
    ("0A 12", "38185", "381850000A0012"),
    ("123 ZC 45", "38185", "38185123ZC0045"),
])
def test_every_form_gives_the_14_character_idu(text, insee, idu):
    assert parcel_id.normalize(text, insee) == idu
    assert len(idu) == 14


def test_parts_are_padded():
    pid = parcel_id.from_parts("25354", "", "B", "7")
    assert pid == ("25354", "000", "0B", "0007")
    assert pid.idu == "253540000B0007"


def test_edigeo_idu_gets_its_departement():
    assert parcel_id.from_edigeo("354000AB0001", "25").idu == "25354000AB0001"
    with pytest.raises(parcel_id.ParcelIdError):
        parcel_id.from_edigeo("354000AB0001", None)


@pytest.mark.parametrize("text, insee", [
    ("", None), ("hello", "25354"), ("25354000AB00011", None), ("AB 0", "25354"),
    ("AB 12345", "25354"), ("AB 12", "2535"),
])
def test_bad_references_are_refused_with_the_text(text, insee):
    with pytest.raises(SitError) as e:
        parcel_id.normalize(text, insee)
    assert text.strip() in str(e.value) or insee in str(e.value)


def test_short_form_needs_the_commune():
    with pytest.raises(parcel_id.ParcelIdError, match="AB 12"):
        parcel_id.normalize("AB 12")
