#!/usr/bin/python3
"""A throwaway SMTP server for ticketd's tests, benchmark and demo.

It accepts mail on HOST:PORT and stores every accepted message byte for byte
(aiosmtpd's ``envelope.original_content``, dot-stuffing already undone) as
``DIR/NNNNNN.eml``, with the envelope next to it as ``DIR/NNNNNN.json``::

    {"mail_from": "...", "rcpt_tos": ["..."], "received_at": 1795000000.123}

The .json is written first and the .eml last, each under a temporary name that
is then renamed, so a reader that polls for ``*.eml`` never sees a partial
message and always finds the envelope already there.  Numbering continues
after the highest number already in DIR, so a restarted sink does not
overwrite earlier messages.

It advertises PIPELINING (RFC 2920), as Postfix does; --no-pipelining leaves it
out, for the client's one-command-at-a-time path.

Failure modes for tests:
  --refuse ADDR         RCPT TO:<ADDR> gets "550 5.1.1 mailbox unavailable"
                        (repeatable; compared case-insensitively).
  --tempfail-file PATH  while PATH exists, every MAIL FROM gets
                        "451 4.3.0 try again later" (create/delete the file to
                        switch it on and off without restarting the sink).

It must run under /usr/bin/python3: that is the interpreter that sees Debian's
python3-aiosmtpd package.  It stops cleanly on SIGTERM or SIGINT.
"""

import argparse
import json
import os
import re
import signal
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

# Messages of a few hundred MB must go through (attachment tests).
DATA_SIZE_LIMIT = 200 * 1024 * 1024

SEQ_RE = re.compile(r"^(\d{6,})\.(eml|json)$")


def log(msg):
    print(f"smtp-sink: {msg}", file=sys.stderr, flush=True)


class SinkHandler:
    def __init__(self, directory, refuse, tempfail_file, pipelining):
        self.dir = directory
        self.pipelining = pipelining
        self.refuse = {a.lower() for a in refuse}
        self.tempfail_file = tempfail_file
        # Continue after what is already there.  All hooks run on the one
        # event-loop thread, so a plain counter needs no lock.
        highest = 0
        for name in os.listdir(directory):
            m = SEQ_RE.match(name)
            if m:
                highest = max(highest, int(m.group(1)))
        self.seq = highest

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # With this hook aiosmtpd leaves the host name to it.  It reads commands
        # from a stream, so pipelined ones are simply answered in order.
        session.host_name = hostname
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    # Defining handle_MAIL / handle_RCPT means we must record the address in
    # the envelope ourselves (aiosmtpd only does so when the hook is missing).
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.tempfail_file and os.path.exists(self.tempfail_file):
            log(f"MAIL FROM:<{address}> -> 451 (tempfail file present)")
            return "451 4.3.0 try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            log(f"RCPT TO:<{address}> -> 550 (refused)")
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seq += 1
        base = os.path.join(self.dir, f"{self.seq:06d}")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "received_at": time.time(),
        }
        try:
            # Envelope first, message last: readers poll for .eml.  Temporary
            # names start with a dot and end in .tmp so no glob for *.eml or
            # *.json ever matches them.
            self._write_atomically(base + ".json",
                                   json.dumps(meta).encode("utf-8") + b"\n")
            self._write_atomically(base + ".eml", envelope.original_content)
        except OSError as e:
            log(f"cannot store message {self.seq:06d}: {e}")
            return "451 4.3.0 cannot store message"
        log(f"stored {self.seq:06d}.eml ({len(envelope.original_content)} bytes) "
            f"from <{envelope.mail_from}> to {envelope.rcpt_tos}")
        return "250 OK message accepted"

    @staticmethod
    def _write_atomically(path, data):
        d, name = os.path.split(path)
        tmp = os.path.join(d, f".{name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, path)


class SinkController(Controller):
    """Controller whose SMTP sessions may accept longer DATA lines if asked."""

    def __init__(self, *args, line_length_limit=None, **kwargs):
        # SMTP.__init__ sizes its StreamReader from the *class* attribute
        # line_length_limit, so a longer limit needs a subclass.
        self._smtp_class = SMTP
        if line_length_limit:
            self._smtp_class = type("LongLineSMTP", (SMTP,),
                                    {"line_length_limit": line_length_limit})
        super().__init__(*args, **kwargs)

    def factory(self):
        return self._smtp_class(self.handler, **self.SMTP_kwargs)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True, help="where messages are stored")
    p.add_argument("--refuse", action="append", default=[], metavar="ADDR",
                   help="answer RCPT TO this address with 550 (repeatable)")
    p.add_argument("--tempfail-file", metavar="PATH",
                   help="while PATH exists, answer MAIL FROM with 451")
    p.add_argument("--no-pipelining", action="store_true",
                   help="do not advertise PIPELINING in the EHLO reply")
    p.add_argument("--line-length-limit", type=int, default=None, metavar="N",
                   help="accept DATA lines up to N bytes incl. CRLF "
                        "(default: aiosmtpd's RFC 5321 limit of 1001; longer "
                        "lines get '500 Line too long')")
    args = p.parse_args()
    if not 0 < args.port < 65536:
        # aiosmtpd's Controller checks readiness by connecting to the port,
        # so port 0 (let the kernel choose) cannot work.
        p.error("--port must be 1-65535")

    os.makedirs(args.dir, exist_ok=True)
    handler = SinkHandler(args.dir, args.refuse, args.tempfail_file, not args.no_pipelining)

    # Block the stop signals *before* the controller starts its thread, so
    # the thread inherits the mask and the signals are only ever seen by the
    # sigwait below; then stop the controller in an orderly way.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})

    controller = SinkController(
        handler,
        hostname=args.host,
        port=args.port,
        data_size_limit=DATA_SIZE_LIMIT,
        decode_data=False,          # keep bytes: store exactly what was sent
        enable_SMTPUTF8=False,      # not needed by ticketd
        line_length_limit=args.line_length_limit,
    )
    controller.start()              # returns once the port accepts connections
    log(f"listening on {args.host}:{args.port}, storing into {args.dir}"
        + (f", refusing {sorted(handler.refuse)}" if handler.refuse else "")
        + (f", tempfail file {args.tempfail_file}" if args.tempfail_file else ""))

    sig = signal.sigwait({signal.SIGTERM, signal.SIGINT})
    log(f"got {signal.Signals(sig).name}, stopping")
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
