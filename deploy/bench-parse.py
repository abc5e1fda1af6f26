#!/usr/bin/python3
"""The reference for ticketd's parsing benchmark: the same corpus through Python's
`email` package (policy=default), doing what ticketd's parser does with each message:
the address, subject, date and threading headers decoded, the text body found and
decoded to Unicode (plain, else HTML), and every attachment decoded.

    bench-parse.py FOLDER [SECONDS]     prints `messages bytes seconds`
"""
import email
import email.policy
import os
import sys
import time

folder = sys.argv[1]
minimum = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
corpus = []
for name in sorted(os.listdir(folder)):
    if not name.startswith("."):
        with open(os.path.join(folder, name), "rb") as f:
            corpus.append(f.read())
corpus_bytes = sum(len(raw) for raw in corpus)

checksum = 0
messages = 0
total = 0
start = time.perf_counter()
while True:
    for raw in corpus:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        for name in ("from", "to", "cc", "reply-to", "subject", "date", "message-id", "in-reply-to", "references"):
            value = message[name]
            if value is not None:
                checksum += len(str(value))
        body = message.get_body(preferencelist=("plain", "html"))
        if body is not None:
            checksum += len(body.get_content())
        for part in message.iter_attachments():
            content = part.get_content()
            checksum += len(content)
    messages += len(corpus)
    total += corpus_bytes
    elapsed = time.perf_counter() - start
    if elapsed >= minimum:
        break
print(messages, total, elapsed, checksum)
