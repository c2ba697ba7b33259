"""Expression functions on the work ledger, for labels, styles and forms.

- ``sit_hours(year)``: hours logged on the current feature (all its tickets),
  in `year` if given; on the ticket layer, the hours of the current ticket;
- ``sit_days(year)``: the same in days, at the agreement's hours per day;
- ``sit_open_tickets()``: how many open tickets the current feature has.

They read the store of the current layer (variables ``@sit_store`` and
``@sit_table``, see context_store) with one read-only connection per store,
shared between threads (rendering evaluates labels and styles off the main
thread) under a lock. QGIS-core only: the desktop plugin and QGIS Server
register them alike.
"""
import sqlite3
import threading
from decimal import Decimal

from qgis.core import QgsExpression, QgsExpressionFunction, QgsProject

from ..i18n import tr
from ..storage.project import location_from_text, store_of
from . import ledger

GROUP = "SIT Chartreuse"
lock = threading.Lock()
_connections: dict = {}


def connection(location):
    with lock:
        conn = _connections.get(str(location))
        if conn is None:
            conn = location.connect_read_only(check_same_thread=False)
            _connections[str(location)] = conn
        return conn


def close_connections():
    with lock:
        for conn in _connections.values():
            conn.close()
        _connections.clear()


def layer_table(layer):
    """(store location, table) of a SIT layer, or None (main thread only: it
    reads the layer and the project)."""
    table = layer.customProperty("sit/table") if layer is not None else None
    location = store_of(QgsProject.instance()) if table else None
    return (location, table) if location else None


def context_store(context):
    """(store location, table) of the SIT layer an expression is evaluated
    on, or None. Read from the context's variables only (@sit_store,
    @sit_table, set when the SIT is opened): functions run in map rendering
    threads, where layers and the project may be deleted under them."""
    text, table = context.variable("sit_store"), context.variable("sit_table")
    if not text or not table:
        return None
    location = location_from_text(text)
    return (location, table) if location else None


def _minutes(context, year):
    """Minutes on the context's feature (or ticket), None outside a SIT layer."""
    found = context_store(context)
    feature = context.feature()
    if not found or not feature.isValid() or feature.fieldNameIndex("uuid") < 0:
        return None
    path, table = found
    conn = connection(path)
    with lock:
        if table == "ticket":
            return ledger.ticket_minutes(conn, feature["uuid"], year)
        if table not in ledger.CATALOGUED_NAMES:
            return None
        return ledger.feature_minutes(conn, table, feature["uuid"], year)


def _year(values):
    year = values[0] if values else None
    return None if year in (None, "") or (hasattr(year, "isNull") and year.isNull()) else int(year)


class _LedgerFunction(QgsExpressionFunction):
    def __init__(self, name, help_text, with_year=True):
        params = [QgsExpressionFunction.Parameter("year", True, None)] if with_year else []
        super().__init__(name, params, GROUP, help_text)

    def usesGeometry(self, node):  # noqa: N802 (QGIS API)
        return False

    def referencedColumns(self, node):  # noqa: N802
        return ["uuid"]

    def handlesNull(self):  # noqa: N802
        return True

    def func(self, values, context, parent, node):
        try:
            return self.compute(values, context)
        except (sqlite3.Error, ValueError, TypeError) as e:
            parent.setEvalErrorString(str(e))
            return None


class SitHours(_LedgerFunction):
    def __init__(self):
        super().__init__("sit_hours", tr(
            "Hours logged on the current feature (all its tickets), in the year given or in "
            "all years; on the ticket layer, the hours of the ticket. Example: "
            "sit_hours(2026)"))

    def compute(self, values, context):
        minutes = _minutes(context, _year(values))
        return None if minutes is None else float(ledger.minutes_to_hours(minutes))


class SitDays(_LedgerFunction):
    def __init__(self):
        super().__init__("sit_days", tr(
            "Days logged on the current feature (or ticket), at the agreement's hours per "
            "day, in the year given or in all years. Example: sit_days(2026)"))

    def compute(self, values, context):
        minutes = _minutes(context, _year(values))
        if minutes is None:
            return None
        conn = connection(context_store(context)[0])
        with lock:
            per_day = ledger.hours_per_day(conn)
        return float((Decimal(minutes) / (60 * per_day)).quantize(Decimal("0.01")))


class SitOpenTickets(_LedgerFunction):
    def __init__(self):
        super().__init__("sit_open_tickets", tr(
            "Number of open tickets (open or in progress) on the current feature."),
            with_year=False)

    def compute(self, values, context):
        found = context_store(context)
        feature = context.feature()
        if not found or found[1] not in ledger.CATALOGUED_NAMES or not feature.isValid():
            return None
        conn = connection(found[0])
        with lock:
            return len(ledger.feature_tickets(conn, found[1], feature["uuid"]))


FUNCTIONS = (SitHours, SitDays, SitOpenTickets)
_registered: list = []


def register():
    """Register the functions (idempotent)."""
    if _registered:
        return
    for cls in FUNCTIONS:
        function = cls()
        if QgsExpression.isFunctionName(function.name()):
            QgsExpression.unregisterFunction(function.name())
        if QgsExpression.registerFunction(function):
            _registered.append(function)  # QGIS does not own it: keep it alive


def unregister():
    for function in _registered:
        QgsExpression.unregisterFunction(function.name())
    _registered.clear()
    close_connections()
