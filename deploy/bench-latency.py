#!/usr/bin/python3
"""Latency of ticketd's answer: appends COUNT new requests one at a time at RATE per
second to an IMAP inbox (where a running `ticketd run` waits in IDLE), then waits for
each acknowledgement to arrive at the SMTP server, and prints the seconds from the end
of each APPEND to the arrival of its acknowledgement:

    bench-latency.py HOST PORT USER PASSWORD SINK_DIR COUNT RATE
    -> `received count p50 p99 max` (seconds)

SINK_DIR is where Postfix's smtp-sink dumps each message it receives (`-d`); a dump's
modification time is when the message's final dot arrived, and the acknowledgement
is recognised by its In-Reply-To.
"""
import imaplib
import os
import re
import sys
import time

host, port, user, password, sink, count, rate = sys.argv[1:8]
count, rate = int(count), float(rate)

imap = imaplib.IMAP4(host, int(port))
imap.login(user, password)
appended = {}
start = time.time()
for i in range(count):
    # A steady rate: wait for this message's slot.
    slot = start + i / rate
    now = time.time()
    if slot > now:
        time.sleep(slot - now)
    message_id = f"latency-{i}-{int(start)}@bench.example"
    raw = (f"From: User {i} <user{i}@bench.example>\r\nTo: support@ticketd.example\r\n"
           f"Subject: Storage element down, request {i}\r\nMessage-ID: <{message_id}>\r\n"
           f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n\r\n"
           f"The storage element has not answered since this morning. Request {i}.\r\n").encode()
    typ, _ = imap.append("INBOX", None, None, raw)
    if typ != "OK":
        sys.exit(f"APPEND failed: {typ}")
    appended[message_id] = time.time()
imap.logout()

in_reply_to = re.compile(rb"^In-Reply-To:\s*<([^>]+)>", re.MULTILINE | re.IGNORECASE)
arrived = {}
deadline = time.time() + 60
seen = set()
while len(arrived) < count and time.time() < deadline:
    for name in os.listdir(sink):
        if name in seen:
            continue
        path = os.path.join(sink, name)
        try:
            with open(path, "rb") as f:
                head = f.read(8192)
            stat = os.stat(path)
        except OSError:
            continue
        match = in_reply_to.search(head)
        if match is None:
            continue  # not complete yet, or not an acknowledgement
        seen.add(name)
        key = match.group(1).decode()
        if key in appended and key not in arrived:
            arrived[key] = stat.st_mtime_ns / 1e9
    time.sleep(0.05)

latencies = sorted(arrived[key] - appended[key] for key in arrived)
if not latencies:
    sys.exit("no acknowledgement arrived")


def percentile(fraction):
    rank = max(1, min(len(latencies), int(-(-fraction * len(latencies) // 1))))
    return latencies[rank - 1]


print(len(latencies), f"{percentile(0.5):.4f}", f"{percentile(0.99):.4f}", f"{latencies[-1]:.4f}")
