#!/usr/bin/env python3
"""Check the evaluation set: every .eml parses, has the required headers, agrees with
labels.tsv, and print the distribution. Standard library only.

    python3 Tests/ClassificationEvaluation/check.py
"""

import collections
import os
import re
import sys
from email import policy
from email.parser import BytesParser

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("incident", "request", "change", "problem", "security", "maintenance")
CLASSES = ("standard", "normal", "emergency")
# words a "compromise-no-word" mail must not contain, in the set's languages
SECURITY_WORDS = re.compile(
    r"secur|sicherheit|sécurité|securite|sicurezza|seguridad|segurança|bezpiecze|bezpečn|"
    r"beveilig|csirt|\bcert\b", re.I)


def text_of(msg):
    out = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            out.append(part.get_content())
    return "\n".join(out)


def main():
    errors = []
    emls = sorted(f for f in os.listdir(HERE) if f.endswith(".eml"))
    with open(os.path.join(HERE, "labels.tsv"), encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    if rows[0] != ["file", "mailbox", "kind", "change_class"]:
        errors.append(f"labels.tsv header: {rows[0]}")
    labels = {}
    for r in rows[1:]:
        if len(r) != 4:
            errors.append(f"labels.tsv bad row {r}")
            continue
        if r[0] in labels:
            errors.append(f"labels.tsv lists {r[0]} twice")
        labels[r[0]] = r[1:]
    feats = {}
    with open(os.path.join(HERE, "features.tsv"), encoding="utf-8") as fh:
        for line in list(fh)[1:]:
            name, lang, f = line.rstrip("\n").split("\t")
            feats[name] = (lang, f.split(","))
    if set(labels) != set(emls):
        errors.append(f"labels/eml mismatch: {set(labels) ^ set(emls)}")

    ids = collections.Counter()
    by_kind, by_lang, by_feat, by_mb = (collections.Counter() for _ in range(4))
    lines_total = []
    for name in emls:
        raw = open(os.path.join(HERE, name), "rb").read()
        head = raw.split(b"\n\n", 1)[0]
        try:
            head.decode("ascii")
        except UnicodeDecodeError:
            errors.append(f"{name}: non-ASCII bytes in the header")
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
            if not msg.get(h):
                errors.append(f"{name}: missing {h}")
        if msg.defects:
            errors.append(f"{name}: defects {msg.defects}")
        ids[msg["Message-ID"]] += 1
        mailbox, kind, cls = labels.get(name, ("?", "?", "?"))
        m = re.match(r"^(\d{3})-([a-z]{2})-([a-z]+)(?:-([a-z]+))?\.eml$", name)
        if not m:
            errors.append(f"{name}: bad file name")
            continue
        if m.group(3) != kind or (m.group(4) or "-") != cls:
            errors.append(f"{name}: file name disagrees with label {kind}/{cls}")
        if kind not in KINDS or (kind == "change") != (cls in CLASSES) or (kind != "change" and cls != "-"):
            errors.append(f"{name}: bad label {kind}/{cls}")
        to = str(msg["To"])
        want = "support@desk.example.org" if mailbox == "support" else "notifications@desk.example.org"
        if want not in to:
            errors.append(f"{name}: To {to!r} disagrees with mailbox {mailbox}")
        body = text_of(msg)
        if len(body.strip()) < 80:
            errors.append(f"{name}: body too short")
        lang, flist = feats[name]
        if lang != m.group(2):
            errors.append(f"{name}: language mismatch")
        if "compromise-no-word" in flist:
            hit = SECURITY_WORDS.search(str(msg["Subject"]) + "\n" + body)
            if hit or kind != "security":
                errors.append(f"{name}: compromise-no-word mail says {hit.group(0) if hit else kind!r}")
        if "forwarded-alert" in flist and (kind != "incident" or mailbox != "support"):
            errors.append(f"{name}: forwarded alert must be incident/support")
        plain = next((p for p in msg.walk() if p.get_content_type() == "text/plain"), None)
        if plain is not None:
            lines_total.append(len([l for l in plain.get_content().splitlines() if l.strip()]))
        by_kind[kind + ("/" + cls if kind == "change" else "")] += 1
        by_mb[mailbox] += 1
        by_lang[lang] += 1
        for f in flist:
            by_feat[f] += 1
    for mid, n in ids.items():
        if n > 1:
            errors.append(f"Message-ID {mid} used {n} times")

    size = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE))
    print(f"{len(emls)} mails, {size / 1024:.0f} KiB in the directory")
    print("kind:", dict(sorted(by_kind.items())))
    kinds = collections.Counter(k.split("/")[0] for k in by_kind.elements())
    print("kind (total):", dict(sorted(kinds.items())))
    print("mailbox:", dict(by_mb))
    print("language:", dict(by_lang.most_common()))
    print("features:", dict(sorted(by_feat.items())))
    print(f"non-empty text/plain lines: min {min(lines_total)}, max {max(lines_total)}, "
          f"mean {sum(lines_total) / len(lines_total):.1f}")
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
