#!/usr/bin/python3
"""Fills a ticketd database (schema made by ticketd) with COUNT generated tickets, each
with a response clock: the data of the SLA report benchmark.

    bench-report-data.py DATABASE COUNT
"""
import random, sqlite3, sys, datetime
path, count = sys.argv[1], int(sys.argv[2])
random.seed(7)
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
units = ["Operations", "Storage", "Security"]
targets = {0: 144000, 1: 144000, 2: 144000, 3: 28800, 4: 28800}
base = datetime.datetime(2025, 1, 1)
def stamp(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.000")
tickets, clocks = [], []
for n in range(1, count + 1):
    created = base + datetime.timedelta(seconds=random.randrange(0, 690 * 86400))
    priority = random.choice([1, 1, 2, 2, 2, 3, 4])
    unit = random.choice(units)
    kind = "security" if unit == "Security" else random.choice(["incident", "request", "change"])
    tickets.append((n, "Generated ticket %d" % n, "user%d@example.org" % (n % 5000), "open", "support", stamp(created), stamp(created),
                    kind, priority, unit))
    target = targets[priority]
    consumed = random.expovariate(1 / (target * 0.6))
    running = random.random() < 0.02
    outcome = "running" if running else ("met" if consumed <= target else "breached")
    due = created + datetime.timedelta(seconds=target * 3)
    stopped = None if running else stamp(created + datetime.timedelta(seconds=consumed * 3))
    clocks.append((n, "response", unit, priority, float(target), stamp(created), 0.0 if running else consumed,
                   stamp(created) if running else None, "[]", stopped, None, stamp(due), outcome, 0.75))
    if len(tickets) == 50000:
        db.executemany("INSERT INTO tickets (number, subject, requester_address, status, mailbox, created_at, updated_at, kind, priority, unit) VALUES (?,?,?,?,?,?,?,?,?,?)", tickets)
        db.executemany("INSERT INTO sla_clocks (ticket_number, kind, unit, priority, target_seconds, started_at, consumed_seconds, segment_start, pauses, stopped_at, warn_at, due_at, outcome, warning_fraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", clocks)
        tickets, clocks = [], []
if tickets:
    db.executemany("INSERT INTO tickets (number, subject, requester_address, status, mailbox, created_at, updated_at, kind, priority, unit) VALUES (?,?,?,?,?,?,?,?,?,?)", tickets)
    db.executemany("INSERT INTO sla_clocks (ticket_number, kind, unit, priority, target_seconds, started_at, consumed_seconds, segment_start, pauses, stopped_at, warn_at, due_at, outcome, warning_fraction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", clocks)
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
