"""One user logging time, run as its own process by test_concurrency.py:

    python concurrency_worker.py LOCATION FEATURE_UUID NAME COUNT YEAR OUT [PAUSE]

logs COUNT entries on the pav feature (a new ticket every 100 entries), each
in its own transaction as the map tool does, PAUSE seconds apart (default
none), and writes one line per entry
to OUT: "<note> <minutes> ok" or "<note> <minutes> refused <reason>".
"""
import os
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "build", "pkgroot"))

from sit_chartreuse.core.errors import SitError  # noqa: E402
from sit_chartreuse.core.ledger import ledger  # noqa: E402
from sit_chartreuse.core.storage import store  # noqa: E402


def main(location, feature_uuid, name, count, year, out, pause="0"):
    conn = store.open_store(location)
    ticket = None
    with open(out, "w", encoding="utf-8") as report:
        for i in range(int(count)):
            note, minutes = "%s-%05d" % (name, i), 1 + i % 60
            day = "%s-%02d-%02d" % (year, 1 + i % 12, 1 + i % 28)
            try:
                if i % 100 == 0:
                    ticket, _ = ledger.log_time(
                        conn, day, Decimal(minutes) / 60, layer="pav", feature_uuid=feature_uuid,
                        category="maintenance_corrective", title="Ticket %s" % note,
                        agent=name, note=note)
                else:
                    ledger.log_time(conn, day, Decimal(minutes) / 60, ticket_uuid=ticket,
                                    agent=name, note=note)
                report.write("%s %d ok\n" % (note, minutes))
            except SitError as e:
                report.write("%s %d refused %s\n" % (note, minutes, str(e).replace("\n", " ")))
            report.flush()
            time.sleep(float(pause))
    conn.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
