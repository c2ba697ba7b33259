"""The work ledger: tickets and time spent, on a feature or an application.

No GUI here: the map tool, the dock, the Processing algorithms and the CSV
import all write through these functions, and the database triggers (schema
v2) hold the same rules for every other client.

Hours are given as a Decimal, an int or a string ("1.5", "1,5", "1:30") and
stored as whole minutes, rounded half up to the nearest minute: 1.5 h is 90
minutes, 0.01 h (36 s) is 1 minute, 0.008 h (28.8 s) is 0 minutes and so
refused. A single entry is more than 0 and at most 24 hours.
"""
import datetime
import re
import sqlite3
import uuid as uuidlib
from decimal import Decimal, ROUND_HALF_UP

from ..errors import SitError
from ..i18n import tr
from ..schema import BY_NAME, CATALOGUED
from ..storage import db
from ..storage.sqlite_ddl import quote
from ..storage.store import current_user, transaction

APPLICATIONS = ("pav", "reseaux", "plui", "ads")
CATEGORIES = ("maintenance_corrective", "maintenance_evolutive", "formation", "hotline",
              "developpement")
STATUSES = ("ouvert", "en_cours", "resolu", "clos")
OPEN_STATUSES = ("ouvert", "en_cours")
MAX_MINUTES = 24 * 60
DEFAULT_HOURS_PER_DAY = 7
CATALOGUED_NAMES = frozenset(t.name for t in CATALOGUED)


class LedgerError(SitError):
    """A ticket or a time entry is refused (the message says which and why)."""


# Hours as text: decimal (1.5, 1,5) or H:MM. Python's Decimal() would also
# take "1_5" (15), "1e3", "inf" and non-ASCII digits: the text must match.
_DECIMAL_HOURS = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_CLOCK_HOURS = re.compile(r"([0-9]+):([0-5][0-9])")


def hours_to_minutes(hours):
    """Whole minutes from hours (Decimal, int or text), rounded half up.

    Refuses floats (inexact), anything that is not a number, and a result
    outside ]0, 1440] minutes.
    """
    if isinstance(hours, float):
        raise LedgerError(tr("Hours must be given exactly (text or Decimal), not as {value!r}.")
                          .format(value=hours))
    text = str(hours).strip()
    clock = _CLOCK_HOURS.fullmatch(text)
    if clock:  # 1:30 = one hour and a half
        value = int(clock.group(1)) + Decimal(int(clock.group(2))) / 60
    elif _DECIMAL_HOURS.fullmatch(text) or (isinstance(hours, (int, Decimal))
                                            and Decimal(hours).is_finite()):
        value = Decimal(text.replace(",", "."))
    else:
        raise LedgerError(tr("{value!r} is not a number of hours.").format(value=text))
    # Rounded only when near the range: 1e30 h would overflow the rounding.
    minutes = int((value * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP)) \
        if 0 < value <= 25 else 0
    if not 0 < minutes <= MAX_MINUTES:
        raise LedgerError(tr("{value} h is out of range: an entry is more than 0 and at most "
                             "24 hours.").format(value=text))
    return minutes


def minutes_to_hours(minutes):
    """Exact hours (Decimal, two decimals) from minutes."""
    return (Decimal(minutes or 0) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def parse_date(value):
    """An ISO date from a date, a datetime or text (YYYY-MM-DD or DD/MM/YYYY)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    raise LedgerError(tr("{value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY).")
                      .format(value=text))


def hours_per_day(conn):
    """Hours in a day of work: the agreement's, else 7."""
    try:
        row = conn.execute("SELECT hours_per_day FROM convention "
                           "ORDER BY start_date DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # store older than the agreement tables
        row = None
    return row[0] if row else DEFAULT_HOURS_PER_DAY


def check_layer(layer):
    if layer not in CATALOGUED_NAMES:
        raise LedgerError(tr("{layer} is not a catalogued layer: tickets point at features of "
                             "{layers}.").format(layer=layer, layers=", ".join(
                                 sorted(CATALOGUED_NAMES))))


def application_of(layer):
    """The application owning `layer`, or None for a referential."""
    app = BY_NAME[layer].application
    return app if app in APPLICATIONS else None


def feature_point(conn, layer, feature_uuid):
    """A point on the feature (its PointOnSurface) as a GeoPackage blob.

    None for a table without geometry or a feature without one; a LedgerError
    if the feature does not exist.
    """
    check_layer(layer)
    if not BY_NAME[layer].geometry:
        found = conn.execute("SELECT NULL FROM %s WHERE uuid = ?" % quote(layer),
                             (feature_uuid,)).fetchone()
    else:
        found = conn.execute(
            "SELECT %s FROM %s WHERE uuid = ?"
            % (db.dialect(conn).point_on_surface.format("geom"), quote(layer)),
            (feature_uuid,)).fetchone()
    if found is None:
        raise LedgerError(tr("{layer}: no feature with uuid {uuid}.")
                          .format(layer=layer, uuid=feature_uuid))
    return found[0]


def _check_code(value, allowed, what):
    if value not in allowed:
        raise LedgerError(tr("Unknown value {value!r} for {what}: expected one of {allowed}.")
                          .format(what=what, value=value, allowed=", ".join(allowed)))


def _write(conn, sql, params, refusal):
    """Run one INSERT; a refusal of the database becomes a LedgerError with
    the message `refusal` ({error}: the database's reason)."""
    try:
        conn.execute(sql, params)
    except sqlite3.DatabaseError as e:
        raise LedgerError(refusal.format(error=e))


def insert_ticket(conn, application, category, title, layer=None, feature_uuid=None,
                  description=None, requester=None, opened_on=None, status="ouvert",
                  created_by=None, geom=None, external_ref=None):
    """Insert a ticket inside the caller's transaction; returns its uuid.

    On a feature, its point is a point on the feature unless `geom` is given.
    """
    layer, feature_uuid = layer or None, feature_uuid or None
    _check_code(application, APPLICATIONS, tr("application"))
    _check_code(category, CATEGORIES, tr("category"))
    _check_code(status, STATUSES, tr("status"))
    if not (title or "").strip():
        raise LedgerError(tr("A new ticket needs a title."))
    if (layer is None) != (feature_uuid is None):
        raise LedgerError(tr("Give both the layer and the feature uuid, or neither for work "
                             "on the application as a whole."))
    if layer:
        point = feature_point(conn, layer, feature_uuid)
        owner = application_of(layer)
        if owner and owner != application:
            raise LedgerError(tr("{layer} belongs to the application {owner}, not {app}.")
                              .format(layer=layer, owner=owner, app=application))
        geom = geom if geom is not None else point
    uuid = str(uuidlib.uuid4())
    _write(conn, "INSERT INTO ticket (uuid, geom, application, layer_name, feature_uuid, "
                 "category, title, description, status, requester, opened_on, created_by, "
                 "external_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           (uuid, geom, application, layer, feature_uuid, category, title.strip(),
            description or None, status, requester or None,
            parse_date(opened_on or datetime.date.today()), created_by or current_user(),
            external_ref or None),
           tr("The store refused the ticket: {error}"))
    return uuid


def open_ticket(conn, application, category, title, **kwargs):
    """Open a ticket in its own transaction; returns its uuid (see insert_ticket)."""
    with transaction(conn):
        return insert_ticket(conn, application, category, title, **kwargs)


def ticket(conn, uuid):
    """The ticket `uuid` as a dict, or a LedgerError."""
    cur = conn.execute("SELECT uuid, application, layer_name, feature_uuid, category, title, "
                       "status, opened_on, closed_on FROM ticket WHERE uuid = ?", (uuid,))
    row = cur.fetchone()
    if row is None:
        raise LedgerError(tr("No ticket with uuid {uuid}.").format(uuid=uuid))
    return dict(zip([d[0] for d in cur.description], row))


def insert_time(conn, ticket_uuid, work_date, hours, agent=None, note=None, recorded_by=None):
    """Insert one time entry inside the caller's transaction; returns its uuid."""
    uuid = str(uuidlib.uuid4())
    minutes = hours_to_minutes(hours)
    recorder = recorded_by or current_user()
    _write(conn, "INSERT INTO time_entry (uuid, ticket_uuid, work_date, agent, minutes, note, "
                 "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, %s)"
                 % db.dialect(conn).now,
           (uuid, ticket_uuid, parse_date(work_date), agent or recorder, minutes, note or None,
            recorder), tr("The store refused the time entry: {error}"))
    return uuid


def log_time(conn, work_date, hours, ticket_uuid=None, application=None, category=None,
             title=None, layer=None, feature_uuid=None, agent=None, note=None,
             description=None, requester=None):
    """Log time in one transaction, on an existing ticket or a new one.

    With `ticket_uuid`, the entry goes to that ticket (a `category`, `layer`
    or `feature_uuid` given must match it). Without, a ticket is opened on
    the feature (`layer`, `feature_uuid`) or on the `application` (both
    empty) with `category` and `title`. Returns (ticket uuid, entry uuid).
    """
    with transaction(conn):
        if ticket_uuid:
            existing = ticket(conn, ticket_uuid)
            for key, given in (("category", category), ("layer_name", layer),
                               ("feature_uuid", feature_uuid), ("application", application)):
                if given and given != existing[key]:
                    raise LedgerError(tr("Ticket {uuid} has {key} {value}, not {given}.").format(
                        uuid=ticket_uuid, key=key, value=existing[key], given=given))
        else:
            if layer and not application:
                application = application_of(layer)
            if not application:
                raise LedgerError(tr("Say which application the work is for."))
            ticket_uuid = insert_ticket(conn, application, category, title, layer=layer,
                                        feature_uuid=feature_uuid, description=description,
                                        requester=requester, opened_on=work_date)
        entry = insert_time(conn, ticket_uuid, work_date, hours, agent=agent, note=note)
    return ticket_uuid, entry


def _year_filter(year):
    if year is None:
        return "", ()
    return " AND e.work_date >= ? AND e.work_date < ?", ("%04d-01-01" % int(year),
                                                          "%04d-01-01" % (int(year) + 1))


def feature_minutes(conn, layer, feature_uuid, year=None):
    """Minutes logged on a feature (all its tickets), in `year` if given."""
    where, params = _year_filter(year)
    return conn.execute(
        "SELECT coalesce(sum(e.minutes), 0) FROM ticket t JOIN time_entry e "
        "ON e.ticket_uuid = t.uuid WHERE t.layer_name = ? AND t.feature_uuid = ?" + where,
        (layer, feature_uuid) + params).fetchone()[0]


def feature_hours(conn, layer, feature_uuid, year=None):
    """Hours (Decimal) logged on a feature, in `year` if given."""
    return minutes_to_hours(feature_minutes(conn, layer, feature_uuid, year))


def feature_days(conn, layer, feature_uuid, year=None):
    """Days (Decimal, two decimals) logged on a feature, at the agreement's hours a day."""
    return (Decimal(feature_minutes(conn, layer, feature_uuid, year))
            / (60 * hours_per_day(conn))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ticket_minutes(conn, ticket_uuid, year=None):
    """Minutes logged on a ticket, in `year` if given."""
    where, params = _year_filter(year)
    return conn.execute("SELECT coalesce(sum(e.minutes), 0) FROM time_entry e "
                        "WHERE e.ticket_uuid = ?" + where, (ticket_uuid,) + params).fetchone()[0]


def feature_tickets(conn, layer, feature_uuid, open_only=True):
    """The tickets of a feature, newest first, as dicts with their minutes."""
    statuses = OPEN_STATUSES if open_only else STATUSES
    cur = conn.execute(
        "SELECT t.uuid, t.application, t.title, t.category, t.status, t.opened_on, "
        "(SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE ticket_uuid = t.uuid) "
        "AS minutes FROM ticket t WHERE t.layer_name = ? AND t.feature_uuid = ? "
        "AND t.status IN (%s) ORDER BY t.opened_on DESC, t.fid DESC"
        % ", ".join("?" * len(statuses)), (layer, feature_uuid) + statuses)
    return [dict(zip([d[0] for d in cur.description], row)) for row in cur]


def search_tickets(conn, application=None, category=None, status=None, agent=None,
                   year=None, open_only=False):
    """Tickets matching every filter given, newest first, with their minutes.

    `agent` and `year` select tickets with time logged by that agent / in
    that year (the minutes then count only those entries); `status` may be
    one code or a sequence.
    """
    where, params = ["1 = 1"], []
    for column, value in (("application", application), ("category", category)):
        if value:
            where.append("t.%s = ?" % column)
            params.append(value)
    statuses = (OPEN_STATUSES if open_only else
                ((status,) if isinstance(status, str) else tuple(status or ())))
    if statuses:
        where.append("t.status IN (%s)" % ", ".join("?" * len(statuses)))
        params += statuses
    entry_where, entry_params = _year_filter(year)
    if agent:
        entry_where += " AND e.agent = ?"
        entry_params += (agent,)
    minutes = ("(SELECT coalesce(sum(e.minutes), 0) FROM time_entry e "
               "WHERE e.ticket_uuid = t.uuid%s)" % entry_where)
    if entry_where:
        where.append("EXISTS (SELECT 1 FROM time_entry e WHERE e.ticket_uuid = t.uuid%s)"
                     % entry_where)
        params += entry_params
    cur = conn.execute(
        "SELECT t.uuid, t.application, t.layer_name, t.feature_uuid, t.category, t.title, "
        "t.status, t.opened_on, t.closed_on, t.feature_deleted_on, %s AS minutes "
        "FROM ticket t WHERE %s ORDER BY t.opened_on DESC, t.fid DESC"
        % (minutes, " AND ".join(where)), tuple(entry_params) + tuple(params))
    return [dict(zip([d[0] for d in cur.description], row)) for row in cur]


def agents(conn):
    """Agents who logged time, sorted."""
    return [r[0] for r in conn.execute("SELECT DISTINCT agent FROM time_entry ORDER BY agent")]


def work_years(conn):
    """The years with time logged, newest first."""
    return [int(y) for (y,) in conn.execute(
        "SELECT DISTINCT %s FROM time_entry ORDER BY 1 DESC" % db.dialect(conn).year("work_date"))]
