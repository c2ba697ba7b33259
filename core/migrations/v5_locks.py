"""Schema v5: the store's rules hold against a careless or hostile client.

- The categories of an agreement's line are codes of its code list (ticket
  categories for a days line, hosting kinds for a costs line), each once:
  the settlement counts time and costs through them.
"""
from .. import pg_ddl as pg
from .v3_money import _pg_refuse, _refuse

# A comma-separated list whose every item is a code of the line's list, each
# once: as many distinct codes occur in it as it has items (codes hold no comma).
_CATEGORIES_BAD = (
    "(SELECT count(*) FROM codelist WHERE list = CASE NEW.kind WHEN 'costs' "
    "THEN 'hosting_kind' ELSE 'ticket_category' END AND {position}(',' || NEW.categories "
    "|| ',', ',' || code || ',') > 0) <> length(NEW.categories) - "
    "length(replace(NEW.categories, ',', '')) + 1")
_CATEGORIES = ("convention_line: categories must be codes of the line's code list (ticket "
               "categories for a days line, hosting kinds for a costs line), comma-separated, "
               "each once")

SQLITE = [
    _refuse("convention_line_categories_insert", "INSERT", "convention_line",
            _CATEGORIES_BAD.format(position="instr"), _CATEGORIES),
    _refuse("convention_line_categories_update", "UPDATE OF kind, categories",
            "convention_line", _CATEGORIES_BAD.format(position="instr"), _CATEGORIES),
]


def postgres(schema):
    return _pg_refuse("convention_line_categories", "INSERT OR UPDATE OF kind, categories",
                      "convention_line", _CATEGORIES_BAD.format(position="strpos"),
                      _CATEGORIES, schema)
