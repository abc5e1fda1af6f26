#!/usr/bin/python3
"""Turns a team member's reply in deploy/sample-mail/team-replies into the reply their
mail client would send: addressed to the Reply-To of the newest mail ticketd sent to
that member about the ticket named in the subject ("[... #N]"), In-Reply-To its
Message-ID. That mail's Reply-To carries the member's reply token, so the commands in
the reply count (README, "Trust and security").

    reply-from-team.py SMTP_DIR TEMPLATE.eml > reply.eml

SMTP_DIR is the SMTP sink's folder (NNNNNN.eml + NNNNNN.json). Exits 1, saying why,
when ticketd sent that member nothing about that ticket.
"""

import email
import email.header
import email.policy
import email.utils
import glob
import json
import os
import re
import sys


def main():
    smtp_dir, template_path = sys.argv[1], sys.argv[2]
    with open(template_path, "rb") as f:
        template = email.message_from_bytes(f.read(), policy=email.policy.compat32)
    member = email.utils.parseaddr(template["From"])[1].lower()
    ticket = re.search(r"#(\d+)\]", template["Subject"] or "")
    if not ticket:
        sys.exit(f"{template_path}: no [... #N] in the subject")
    tag = f"#{ticket.group(1)}]"

    chosen = None
    for path in sorted(glob.glob(os.path.join(smtp_dir, "*.eml"))):
        with open(path[:-4] + ".json") as f:
            envelope = json.load(f)
        if member not in (a.lower() for a in envelope["rcpt_tos"]):
            continue
        with open(path, "rb") as f:
            sent = email.message_from_bytes(f.read(), policy=email.policy.compat32)
        if tag in str(email.header.make_header(email.header.decode_header(sent["Subject"] or ""))):
            chosen = sent
    if chosen is None:
        sys.exit(f"ticketd sent {member} nothing about {tag[:-1]}")

    del template["To"]
    template["To"] = chosen["Reply-To"] or chosen["From"]
    del template["In-Reply-To"]
    template["In-Reply-To"] = chosen["Message-ID"]
    sys.stdout.buffer.write(template.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


if __name__ == "__main__":
    main()
