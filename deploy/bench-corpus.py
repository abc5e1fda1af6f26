#!/usr/bin/python3
"""Writes a corpus of realistic support mails for ticketd's benchmark.

    bench-corpus.py DIR COUNT [--seed N]
    bench-corpus.py --big MB FILE

Each mail is a new request from its own sender (so that ticketd opens a ticket and
answers it), 1-200 KB in size with most of them small, as in a real support mailbox:
plain text, text + HTML alternatives, and mails with attachments (logs, PDFs, images),
in UTF-8, ISO-8859-1, windows-1252, KOI8-R, ISO-2022-JP and Shift_JIS, with
quoted-printable and base64 bodies and RFC 2047 encoded subjects and names.

With --big MB, writes one mail to FILE instead: a text body and one base64 attachment,
about MB megabytes in all.
"""

import argparse
import base64
import os
import random
import sys
from email.header import Header
from email.utils import formataddr, format_datetime
import datetime
import quopri

TEXTS = {
    "utf-8": "Grüße aus Zürich — the storage element is unreachable since 09:00 CET. Błąd połączenia, ошибка 503.",
    "iso-8859-1": "Bonjour, le service de calcul ne répond plus depuis ce matin. Merci de vérifier la file d'attente.",
    "windows-1252": "Hello “team”, the VO portal returns an error – please have a look… Thanks, Søren",
    "koi8-r": "Здравствуйте! Сервис хранения недоступен с утра, задания завершаются с ошибкой.",
    "iso-2022-jp": "お世話になっております。ストレージサービスに接続できません。確認をお願いします。",
    "shift_jis": "計算ノードのジョブが失敗しています。ログを添付します。よろしくお願いします。",
}
SUBJECTS = [
    "Storage element unreachable at {site}",
    "Request: new VO membership for {site}",
    "Jobs failing on {site} CE since this morning",
    "Please increase quota for project {n}",
    "Ticket about certificate renewal, {site}",
    "Question about the accounting portal",
    "Service request: new account for {name}",
    "Outage: {site} login node down",
]
SITES = ["CERN-PROD", "INFN-T1", "NIKHEF-ELPROD", "CESNET", "IN2P3-CC", "FZK-LCG2", "PSNC", "CYFRONET"]
NAMES = ["José Álvarez", "Zoë Brontë", "Иван Петров", "山田太郎", "Anna Schmidt", "Piotr Wiśniewski", "Søren Kierkegaard"]
LOG_LINE = "2026-11-23T09:{m:02d}:{s:02d}Z ce01 globus-job-manager[{pid}]: job {job} failed: connection refused\n"


def words(rng, charset, size):
    base = TEXTS[charset]
    out, length = [], 0
    while length < size:
        out.append(base)
        length += len(base.encode("utf-8"))
    return "\n".join(out)


def encode_text(text, charset, rng):
    """A text part's headers and body, quoted-printable, base64 or 8-bit as mail clients do."""
    data = text.encode(charset, errors="replace")
    if charset in ("iso-2022-jp",):
        return "7bit", data.decode("ascii").replace("\n", "\r\n")
    choice = rng.random()
    if choice < 0.5:
        return "quoted-printable", quopri.encodestring(data).decode("ascii").replace("\n", "\r\n")
    if choice < 0.8:
        return "base64", wrap(base64.b64encode(data).decode("ascii"))
    return "8bit", data.decode(charset, errors="replace").replace("\n", "\r\n")


def wrap(b64):
    return "\r\n".join(b64[i:i + 76] for i in range(0, len(b64), 76))


def text_part(text, charset, subtype, rng):
    cte, body = encode_text(text, charset, rng)
    return (f"Content-Type: text/{subtype}; charset=\"{charset}\"\r\n"
            f"Content-Transfer-Encoding: {cte}\r\n\r\n{body}\r\n")


def attachment(rng, size):
    kind = rng.choice(["log", "pdf", "png"])
    if kind == "log":
        lines, length = [], 0
        while length < size:
            line = LOG_LINE.format(m=rng.randrange(60), s=rng.randrange(60), pid=rng.randrange(99999),
                                   job=rng.randrange(10**8))
            lines.append(line)
            length += len(line)
        data = "".join(lines).encode("ascii")
        return ("text/plain; charset=us-ascii", "job-manager.log", data)
    data = rng.randbytes(size)
    if kind == "pdf":
        return ("application/pdf", "Fehlerbericht_Übersicht.pdf", b"%PDF-1.4\n" + data)
    return ("image/png", "screenshot.png", b"\x89PNG\r\n\x1a\n" + data)


def attachment_part(content_type, filename, data):
    encoded_name = Header(filename, "utf-8").encode() if not filename.isascii() else filename
    return (f"Content-Type: {content_type}; name=\"{encoded_name}\"\r\n"
            f"Content-Disposition: attachment; filename=\"{encoded_name}\"\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{wrap(base64.b64encode(data).decode('ascii'))}\r\n")


def pick_size(rng):
    """1-200 KB, skewed towards small mails: most are a few KB, a few carry attachments."""
    return int(min(200_000, max(1_000, rng.lognormvariate(8.6, 1.1))))


def mail(rng, n, size=None, big_attachment=None):
    charset = rng.choice(list(TEXTS))
    name = rng.choice(NAMES)
    site = rng.choice(SITES)
    subject = rng.choice(SUBJECTS).format(site=site, n=n, name=name)
    if rng.random() < 0.3:
        subject = Header(subject + " – dringend", "utf-8").encode()
    sender = formataddr((Header(name, "utf-8").encode() if not name.isascii() else name, f"user{n}@{site.lower()}.example"))
    date = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=n)
    headers = (f"Return-Path: <user{n}@{site.lower()}.example>\r\n"
               f"Received: from mx.{site.lower()}.example (mx.{site.lower()}.example [192.0.2.{n % 250 + 1}])\r\n"
               f"\tby mail.ticketd.example with ESMTPS id {n:08x}; {format_datetime(date)}\r\n"
               f"From: {sender}\r\n"
               f"To: EGI Support <support@ticketd.example>\r\n"
               f"Subject: {subject}\r\n"
               f"Date: {format_datetime(date)}\r\n"
               f"Message-ID: <bench-{n}-{rng.randrange(10**9)}@{site.lower()}.example>\r\n"
               f"MIME-Version: 1.0\r\n"
               f"User-Agent: Mozilla/5.0 Thunderbird/128.0\r\n")
    target = size or pick_size(rng)
    text = words(rng, charset, min(target, 3000) // 2)
    boundary = f"=_bench_{n}_{rng.randrange(10**9)}"
    if big_attachment is None and target < 4000 and rng.random() < 0.5:
        cte, body = encode_text(text, charset, rng)
        return (headers + f"Content-Type: text/plain; charset=\"{charset}\"\r\n"
                f"Content-Transfer-Encoding: {cte}\r\n\r\n{body}\r\n").encode(charset, errors="replace")
    parts = []
    html = "<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>"
    alternative = f"=_alt_{n}"
    parts.append(f"Content-Type: multipart/alternative; boundary=\"{alternative}\"\r\n\r\n"
                 f"--{alternative}\r\n{text_part(text, charset, 'plain', rng)}"
                 f"--{alternative}\r\n{text_part(html, charset, 'html', rng)}"
                 f"--{alternative}--\r\n")
    remaining = target - len(headers) - 2 * len(text) * 2
    if big_attachment is not None:
        parts.append(attachment_part("application/octet-stream", "dump.tar.gz", big_attachment))
    else:
        while remaining > 1500:
            chunk = min(remaining * 3 // 4, rng.randrange(1000, 120_000))
            parts.append(attachment_part(*attachment(rng, max(chunk, 500))))
            remaining -= chunk * 4 // 3 + 200
    body = "".join(f"--{boundary}\r\n{part}" for part in parts) + f"--{boundary}--\r\n"
    return (headers + f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
            f"This is a multi-part message in MIME format.\r\n{body}").encode(charset, errors="replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", help="the folder to write, or with --big the file")
    parser.add_argument("count", type=int, nargs="?", default=0)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--big", type=int, default=0, help="write one mail of about this many MB to DIR (a file)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.big:
        data = mail(rng, 1, big_attachment=rng.randbytes(args.big * 1024 * 1024 * 3 // 4))
        with open(args.dir, "wb") as f:
            f.write(data)
        print(f"wrote {len(data) / 1e6:.1f} MB to {args.dir}", file=sys.stderr)
        return
    os.makedirs(args.dir, exist_ok=True)
    total = 0
    for n in range(1, args.count + 1):
        data = mail(rng, n)
        total += len(data)
        with open(os.path.join(args.dir, f"{n:06d}.eml"), "wb") as f:
            f.write(data)
    print(f"wrote {args.count} mails, {total / 1e6:.1f} MB, to {args.dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
