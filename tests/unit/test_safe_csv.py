"""CSV files safe in a spreadsheet (core/safe_csv.py): whole rows as the
csv module reads them back, and the reading limit restored."""
import csv
import io

import pytest

from sit_chartreuse.core import safe_csv


def test_rows_read_back_with_formulas_behind_a_quote_and_numbers_bare():
    out = io.StringIO(newline="")
    safe_csv.writer(out, delimiter=";").writerows([
        ["Hébergement", "=1+1", "-1234,56", None], ["a;b", 'dit "oui"', "ligne\nsuite", 7]])
    text = out.getvalue()
    assert text.split("\r\n")[0] == "Hébergement;\"'=1+1\";-1234,56;"
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=";")) == [
        ["Hébergement", "'=1+1", "-1234,56", ""], ["a;b", 'dit "oui"', "ligne\nsuite", "7"]]


def test_the_field_limit_is_set_while_reading_then_restored():
    before = csv.field_size_limit()
    with safe_csv.field_limit(10):
        assert csv.field_size_limit() == 10
        with pytest.raises(csv.Error, match=r"field larger than field limit \(10\)"):
            next(csv.reader(io.StringIO("x" * 11)))
    assert csv.field_size_limit() == before

