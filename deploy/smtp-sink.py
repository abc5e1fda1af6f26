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

TLS and AUTH for tests of the client's security rules:
  --implicit-tls        with --tls-cert: TLS from the first byte (SMTPS), no STARTTLS.
  --tls-cert PATH --tls-key PATH
                        advertise STARTTLS (RFC 3207) with this certificate
                        (PEM; the file may hold the chain after the leaf) and
                        key.  STARTTLS stays optional (clients may go on in
                        plain text); with --implicit-tls the port speaks TLS
                        from the first byte instead (AUTH then needs no STARTTLS).
  --auth USER:PASSWORD  advertise AUTH PLAIN LOGIN and accept these
                        credentials (split at the first colon).  With TLS
                        configured, AUTH is offered and accepted only after
                        STARTTLS ("538 5.7.11" before it); without TLS it is
                        offered in plain text, for tests of a client that must
                        refuse to send a password unprotected.
                        Without --auth no AUTH is advertised and any AUTH
                        attempt fails.
Every AUTH command (advertised or not, accepted or not) is appended to
DIR/auth.log as one JSON line, so a test can assert which passwords the server
saw (none, if the client behaved):
    {"time": 1795000000.1, "peer": "127.0.0.1", "tls": true,
     "mechanism": "PLAIN", "user": "u", "password": "p", "ok": true,
     "result": "accepted"}
"password" is what the client sent (null if it sent none before the server
gave up); "result" is "accepted", "rejected" (wrong credentials or no --auth)
or "tls-required" (AUTH before STARTTLS while TLS is configured: refused with
538, with whatever the client already put on the command line logged).
Bytes that are not UTF-8 are kept as backslash escapes.

It must run under /usr/bin/python3: that is the interpreter that sees Debian's
python3-aiosmtpd package.  It stops cleanly on SIGTERM or SIGINT.
"""

import argparse
import base64
import binascii
import json
import logging
import os
import re
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, syntax

# aiosmtpd 1.4 logs a warning about its own use of Session.login_data on
# every successful AUTH; keep that out of the sink's log.
logging.getLogger("mail.log").addFilter(
    lambda record: "login_data is deprecated" not in record.getMessage())

# Messages of a few hundred MB must go through (attachment tests).
DATA_SIZE_LIMIT = 200 * 1024 * 1024

SEQ_RE = re.compile(r"^(\d{6,})\.(eml|json)$")


def log(msg):
    print(f"smtp-sink: {msg}", file=sys.stderr, flush=True)


class SinkHandler:
    def __init__(self, directory, refuse, tempfail_file, pipelining, advertise_auth=False):
        self.dir = directory
        self.pipelining = pipelining
        self.advertise_auth = advertise_auth
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
        if not self.advertise_auth:
            # aiosmtpd offers AUTH once TLS is up even without credentials.
            responses = [r for r in responses if not r.startswith("250-AUTH")]
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


def _text(b):
    return None if b is None else b.decode("utf-8", "backslashreplace")


class AuthLog:
    """Checks AUTH credentials and appends every attempt to DIR/auth.log."""

    def __init__(self, directory, credentials):
        self.path = os.path.join(directory, "auth.log")
        self.credentials = credentials      # (user, password) as bytes, or None

    def record(self, server, mechanism, user, password, ok, result):
        peer = server.session.peer[0] if server.session and server.session.peer else None
        entry = {
            "time": time.time(),
            "peer": peer,
            "tls": server.transport is not None
                   and server.transport.get_extra_info("ssl_object") is not None,
            "mechanism": mechanism,
            "user": _text(user),
            "password": _text(password),
            "ok": ok,
            "result": result,
        }
        # One write() of one line to an O_APPEND file: lines never interleave.
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
        log(f"AUTH {mechanism} user {entry['user']!r} -> {result}")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        """aiosmtpd's authenticator hook (PLAIN and LOGIN: auth_data is a LoginPassword)."""
        user = getattr(auth_data, "login", None)
        password = getattr(auth_data, "password", None)
        ok = self.credentials is not None and (user, password) == self.credentials
        self.record(server, mechanism, user, password, ok, "accepted" if ok else "rejected")
        if ok:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)     # aiosmtpd answers 535


class SinkSMTP(SMTP):
    """aiosmtpd's SMTP, plus: AUTH refused for want of TLS is logged too, and
    AUTH is left out of the EHLO reply when no credentials are configured."""

    # Set per class by SinkController.  (Not named auth_*: aiosmtpd would take
    # such an attribute for the handler of an AUTH mechanism.)
    sink_auth_log = None

    @syntax("AUTH <mechanism>")
    async def smtp_AUTH(self, arg):
        # aiosmtpd answers 538 before looking at the arguments; record what the
        # client already sent (an initial response may carry the password).
        if (self.sink_auth_log is not None and self._auth_require_tls
                and not self._tls_protocol and self.session.extended_smtp and arg):
            parts = arg.split()
            mechanism = parts[0].upper()
            user = password = None
            if len(parts) == 2:
                try:
                    raw = base64.b64decode(parts[1], validate=True)
                except (binascii.Error, ValueError):
                    raw = parts[1].encode()
                if mechanism == "PLAIN":
                    fields = raw.split(b"\0")
                    if len(fields) == 3:
                        user, password = fields[1], fields[2]
                    else:
                        password = raw
                else:
                    user = raw
            self.sink_auth_log.record(self, mechanism, user, password, False, "tls-required")
        await super().smtp_AUTH(arg)


class SinkController(Controller):
    """Controller whose SMTP sessions are SinkSMTP, logging AUTH to auth_log,
    and may accept longer DATA lines if asked."""

    def __init__(self, *args, line_length_limit=None, auth_log=None, **kwargs):
        # SMTP.__init__ sizes its StreamReader from the *class* attribute
        # line_length_limit, so a longer limit needs a subclass.
        attrs = {"sink_auth_log": auth_log}
        if line_length_limit:
            attrs["line_length_limit"] = line_length_limit
        self._smtp_class = type("SinkSMTPSession", (SinkSMTP,), attrs)
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
    p.add_argument("--tls-cert", metavar="PATH",
                   help="certificate (PEM) for STARTTLS; needs --tls-key")
    p.add_argument("--tls-key", metavar="PATH", help="private key (PEM) for STARTTLS")
    p.add_argument("--implicit-tls", action="store_true",
                   help="with --tls-cert: TLS from the first byte (SMTPS) instead of STARTTLS")
    p.add_argument("--auth", metavar="USER:PASSWORD",
                   help="advertise AUTH PLAIN LOGIN and accept these credentials")
    args = p.parse_args()
    if not 0 < args.port < 65536:
        # aiosmtpd's Controller checks readiness by connecting to the port,
        # so port 0 (let the kernel choose) cannot work.
        p.error("--port must be 1-65535")
    if bool(args.tls_cert) != bool(args.tls_key):
        p.error("--tls-cert and --tls-key go together")
    credentials = None
    if args.auth is not None:
        user, sep, password = args.auth.partition(":")
        if not sep or not user:
            p.error("--auth wants USER:PASSWORD")
        credentials = (user.encode(), password.encode())

    tls_context = None
    if args.tls_cert:
        # A server context: no client certificates asked for, no host check.
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            tls_context.load_cert_chain(args.tls_cert, args.tls_key)
        except (OSError, ssl.SSLError) as e:
            p.error(f"cannot load --tls-cert/--tls-key: {e}")

    os.makedirs(args.dir, exist_ok=True)
    handler = SinkHandler(args.dir, args.refuse, args.tempfail_file, not args.no_pipelining,
                          advertise_auth=credentials is not None)
    auth_log = AuthLog(args.dir, credentials)
    # Without --tls-cert and --auth these are aiosmtpd's defaults (no STARTTLS;
    # AUTH only after TLS, i.e. never) except that AUTH attempts are logged.
    security = {"authenticator": auth_log,
                "auth_require_tls": tls_context is not None or credentials is None}
    if tls_context is not None and args.implicit_tls:
        # The whole connection is TLS: aiosmtpd knows only STARTTLS as TLS, so AUTH
        # must not wait for it.
        security.update(ssl_context=tls_context, auth_require_tls=False)
    elif tls_context is not None:
        security.update(tls_context=tls_context, require_starttls=False)

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
        auth_log=auth_log,
        **security,
    )
    controller.start()              # returns once the port accepts connections
    log(f"listening on {args.host}:{args.port}, storing into {args.dir}"
        + (f", refusing {sorted(handler.refuse)}" if handler.refuse else "")
        + (f", tempfail file {args.tempfail_file}" if args.tempfail_file else "")
        + ((", implicit TLS" if args.implicit_tls else ", STARTTLS") if tls_context else "")
        + (f", AUTH as {args.auth.partition(':')[0]!r}" if credentials else ""))

    sig = signal.sigwait({signal.SIGTERM, signal.SIGINT})
    log(f"got {signal.Signals(sig).name}, stopping")
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
