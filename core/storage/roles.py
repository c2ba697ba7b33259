"""Writer and reader roles on a SIT stored in PostgreSQL.

Two group roles (NOLOGIN) per SIT schema, ``<schema>_writer`` for the SIT
manager and ``<schema>_reader`` for the Communauté; people's login roles are
made members of them. The database itself enforces who may write: the
trigger functions run as the caller (SECURITY INVOKER), so the writer also
reads what they read (code lists, tickets, settlements) and updates the
table of contents (the last-change trigger).

Granting is idempotent: the privileges of both roles on every table are
revoked then granted again, in one transaction, so running it twice (or after
a migration) leaves exactly the privileges described here.
"""
import sqlite3

from ..errors import SitError
from ..i18n import tr
from . import db
from .store import transaction

quote = db.Dialect.quote

# PostgreSQL's identifiers are at most 63 bytes; a longer name would be
# truncated silently and could then name another role.
MAX_NAME_BYTES = 63

WRITES = "INSERT, UPDATE, DELETE"
# Where the writer may not write freely (any other table: WRITES). Both roles
# read everything.
WRITER_LIMITED = {
    # The store's own tables: changed by migrations only, run by the owner.
    "sit_meta": "",
    "codelist": "",
    # The last-change trigger of every layer updates it, as the caller.
    "gpkg_contents": "UPDATE",
    # Issued settlements are history: issuing inserts, reopening updates
    # (the settlement_immutable trigger lets only the reopening columns
    # change); nothing is deleted.
    "settlement": "INSERT, UPDATE",
    "settlement_line": "INSERT",
    # The time per day and category: written by its triggers, as the owner.
    "time_day_total": "",
}


class RoleError(SitError):
    """The roles cannot be created or granted."""


def default_names(schema):
    return "%s_writer" % schema, "%s_reader" % schema


def grant_roles(conn, writer=None, reader=None, writer_members=(), reader_members=()):
    """Create (if missing) and grant the writer and reader roles of the SIT
    `conn` is open on (a PgConnection, as the owner of the SIT's tables).

    `writer_members` and `reader_members` are existing login roles made
    members of each. Returns (writer, reader), the roles' names.
    """
    if not isinstance(conn, db.PgConnection):
        raise RoleError(tr("Roles exist only in PostgreSQL: who may write a GeoPackage is "
                           "set by the permissions of its file."))
    location = conn.location
    default_writer, default_reader = default_names(location.schema)
    writer, reader = writer or default_writer, reader or default_reader
    if writer == reader:
        raise RoleError(tr("The writer and reader roles must differ (both are {role}).")
                        .format(role=writer))
    for name in (writer, reader):
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise RoleError(tr("The role name {role} is longer than PostgreSQL's 63 bytes: "
                               "choose shorter writer and reader role names.").format(role=name))
    try:
        with transaction(conn):
            _check_rights(conn, location, [writer, reader], list(writer_members) +
                          list(reader_members))
            for name in (writer, reader):
                if not _role_exists(conn, name):
                    conn.execute("CREATE ROLE %s NOLOGIN" % quote(name))
            _grant(conn, location.schema, writer, reader)
            for role, members in ((writer, writer_members), (reader, reader_members)):
                for member in members:
                    conn.execute("GRANT %s TO %s" % (quote(role), quote(member)))
    except sqlite3.Error as e:  # PostgreSQL's errors too (core/storage/db.py)
        raise RoleError(tr("Cannot grant the roles {writer} and {reader} on {where}: {error}")
                        .format(writer=writer, reader=reader, where=location.label, error=e))
    return writer, reader


def _role_exists(conn, name):
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone() is not None


def _check_rights(conn, location, roles, members):
    """Refuse plainly what PostgreSQL would refuse obscurely, or ignore: a
    GRANT by a role that does not own the table only warns."""
    user, may_create = conn.execute(
        "SELECT current_user, rolcreaterole OR rolsuper FROM pg_roles "
        "WHERE rolname = current_user").fetchone()
    owners = [r[0] for r in conn.execute(
        "SELECT r.rolname FROM pg_roles r JOIN pg_namespace n ON n.nspname = ? "
        "WHERE r.rolname IN (?, ?) AND pg_has_role(r.oid, n.nspowner, 'MEMBER')",
        [location.schema] + roles)]
    if owners:   # its privileges would be revoked then limited: the owner's own
        raise RoleError(tr("{roles} owns the SIT {where} (or is a superuser): the writer and "
                           "reader roles must be other roles.")
                        .format(roles=", ".join(owners), where=location.label))
    missing = [r for r in roles if not _role_exists(conn, r)]
    if (missing or members) and not may_create:
        raise RoleError(tr("Your PostgreSQL role {user} may not create roles nor grant their "
                           "membership (CREATEROLE): connect as a role that may, or ask the "
                           "database administrator to run this.").format(user=user))
    unknown = [m for m in members if not _role_exists(conn, m)]
    if unknown:
        raise RoleError(tr("No PostgreSQL role named {roles}: create the login roles first "
                           "(CREATE ROLE … LOGIN PASSWORD …).")
                        .format(roles=", ".join(unknown)))
    foreign = [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'S') "
        "AND NOT pg_has_role(c.relowner, 'USAGE') "
        "UNION ALL SELECT n.nspname FROM pg_namespace n WHERE n.nspname = ? "
        "AND NOT pg_has_role(n.nspowner, 'USAGE') ORDER BY 1",
        (location.schema, location.schema))]
    if foreign:
        raise RoleError(tr("Your PostgreSQL role {user} does not own {objects} in {where}: "
                           "grant the roles as the owner of the SIT.")
                        .format(user=user, objects=", ".join(foreign), where=location.label))


def _grant(conn, schema, writer, reader):
    s, w, r = quote(schema), quote(writer), quote(reader)
    conn.execute("GRANT USAGE ON SCHEMA %s TO %s, %s" % (s, w, r))
    conn.execute("REVOKE ALL ON ALL TABLES IN SCHEMA %s FROM %s, %s" % (s, w, r))
    conn.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA %s FROM %s, %s" % (s, w, r))
    conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA %s TO %s, %s" % (s, w, r))
    tables = [row[0] for row in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY 1", (schema,))]
    for table in tables:
        writes = WRITER_LIMITED.get(table, WRITES)
        if writes:
            conn.execute("GRANT %s ON %s.%s TO %s" % (writes, s, quote(table), w))
    # fid is a bigserial: inserting draws from its sequence.
    conn.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA %s TO %s" % (s, w))
    # Tables and sequences a later migration creates (as this role) get the same.
    for sql in ("GRANT SELECT ON TABLES TO %s, %s" % (w, r),
                "GRANT %s ON TABLES TO %s" % (WRITES, w),
                "GRANT USAGE ON SEQUENCES TO %s" % w):
        conn.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA %s %s" % (s, sql))
