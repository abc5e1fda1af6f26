#!/usr/bin/env python3
"""ticketd(1), in roff, from the command-line help of every command and subcommand.

  manpage.py BINARY VERSION > ticketd.1
"""
import re
import subprocess
import sys


def help_text(binary, words):
    run = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, check=True)
    return run.stdout


def subcommands(text):
    """The names listed under SUBCOMMANDS: (each at two spaces' indent)."""
    names, inside = [], False
    for line in text.splitlines():
        if line.startswith("SUBCOMMANDS:"):
            inside = True
            continue
        if inside:
            if not line.strip():
                break
            match = re.match(r"^  ([a-z][a-z-]*)(\s|$)", line)
            if match:
                names.append(match.group(1))
    return names


def roff(text):
    """Help text as roff: escapes, and each section heading in bold."""
    out = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        if re.match(r"^[A-Z][A-Z ]+:", line):
            out.append(".PP\n.B " + line)
        else:
            out.append(line)
    return "\n".join(out)


def main():
    binary, version = sys.argv[1], sys.argv[2]
    pages = []
    queue = [[]]
    while queue:
        words = queue.pop(0)
        text = help_text(binary, words)
        pages.append((words, text))
        queue.extend(words + [name] for name in subcommands(text) if name != "help")
    print(f'.TH TICKETD 1 "" "ticketd {version}" "User Commands"')
    print(".SH NAME\nticketd \\- turns support and notification mail into tickets, and answers them")
    print(".SH SYNOPSIS\n.B ticketd\n.I command\n[options]")
    for words, text in pages:
        title = "DESCRIPTION" if not words else "ticketd " + " ".join(words)
        print(f".SH {title.upper() if not words else title}" if not words else f".SS {title}")
        print(".nf")
        print(roff(text))
        print(".fi")
    print(".SH SEE ALSO\n/usr/share/doc/ticketd/README.md.gz")


if __name__ == "__main__":
    main()
