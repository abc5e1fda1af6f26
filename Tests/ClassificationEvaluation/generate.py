#!/usr/bin/env python3
"""Generate the labelled e-mail evaluation set for ticketd's classifier.

Standard library only. Deterministic: fixed dates, fixed Message-IDs, the mails are
numbered after a shuffle with a fixed seed. Run from anywhere:

    python3 Tests/ClassificationEvaluation/generate.py

It (re)writes NNN-<lang>-<kind>.eml, labels.tsv and features.tsv next to itself.
The mails were written by hand, as users and monitoring systems of an EGI-style
service desk write them, without looking at the classifier's rules.
"""

import datetime as _dt
import hashlib
import html as _html
import os
import random
import re
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, format_datetime, parseaddr

HERE = os.path.dirname(os.path.abspath(__file__))
SUPPORT = "support@desk.example.org"
NOTIFY = "notifications@desk.example.org"

MAILS = []

# Features recorded per mail (features.tsv) and summed up in README.md.
#   mixed-signal tags:
#     cve-emergency         emergency change that names a CVE            -> change/emergency
#     compromise-no-word    compromise report that never says "security" -> security
#     request-outage        request that mentions an outage               -> request
#     forwarded-alert       monitoring alert forwarded by a person        -> incident (support)
#     says-request          "this is a request, not an incident" + error  -> request
#     says-security         "this is a security incident", innocuous text -> security
#     says-emergency        "emergency change" explicitly declared        -> change/emergency
#     says-not-urgent       "not urgent, just a question" + a failure     -> request
#     maint-upgrade         maintenance announcement mentioning upgrade   -> maintenance
#     change-downtime       change request mentioning a future downtime   -> change/normal
TAGS = [
    "cve-emergency", "compromise-no-word", "request-outage", "forwarded-alert",
    "says-request", "says-security", "says-emergency", "says-not-urgent",
    "maint-upgrade", "change-downtime",
]


def M(lang, kind, cls, mailbox, frm, subject, body, **opt):
    """Record one mail. cls is the change class or '-'.

    opt: fmt ('plain' | 'alt' | 'html'), style ('outlook' | 'thunderbird' | 'gmail'
    | 'web'), charset, cte ('qp' | '8bit' | 'b64'), hq ('q' | 'b' header encoding),
    reply (bool), fwd (bool), tags (space separated), vague (bool: the subject alone
    does not tell the kind), date ('YYYY-MM-DD HH:MM:SS +ZZZZ'), to, cc, attach
    (dict: a forwarded message attached as message/rfc822), auto (bool:
    Auto-Submitted), ua (User-Agent/X-Mailer header value), lines (html body to use
    instead of the converted text).
    """
    for t in opt.get("tags", "").split():
        assert t in TAGS, t
    assert kind in ("incident", "request", "change", "problem", "security", "maintenance")
    assert (kind == "change") == (cls in ("standard", "normal", "emergency")), (kind, cls)
    assert mailbox in ("support", "notifications")
    MAILS.append(dict(lang=lang, kind=kind, cls=cls, mailbox=mailbox, frm=frm,
                      subject=subject, body=body.strip("\n") + "\n", opt=opt))


# ---------------------------------------------------------------------------
# building
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
            para.append(_html.escape(lines[i], quote=False))
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
            '<style><!--\n/* Style Definitions */\np.MsoNormal, li.MsoNormal, '
            'div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\t'
            'font-family:"Calibri",sans-serif;}\n@page WordSection1\n\t'
            '{size:612.0pt 792.0pt;\n\tmargin:70.85pt 70.85pt 2.0cm 70.85pt;}\n'
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

BASE_DATE = _dt.datetime(2024, 9, 2, 8, 17, 0, tzinfo=_dt.timezone.utc)
TZ = {"en": 0, "de": 2, "fr": 2, "it": 2, "es": 2, "pl": 2, "cs": 2, "nl": 2, "pt": 1}


def _date(m, number):
    d = m["opt"].get("date")
    if d:
        return _dt.datetime.strptime(d, "%Y-%m-%d %H:%M:%S %z")
    # people write on working days, in office hours (local time): five mails a day
    day = BASE_DATE.date()
    for _ in range(number // 5):
        day += _dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += _dt.timedelta(days=1)
    local = _dt.datetime(day.year, day.month, day.day, 8 + (number * 7) % 10,
                         (number * 13) % 60, (number * 29) % 60)
    off = TZ[m["lang"]]
    if m["lang"] == "en":
        # English mail comes from everywhere; vary the offset by sender domain
        dom = _domain(m["frm"])
        off = 1 if dom.endswith(".uk") else 2 if dom.endswith((".ch", ".eu", ".de", ".se", ".fi", ".gr", ".hu", ".si", ".hr", ".bg", ".ro")) else 0
        if dom.endswith((".tw", ".kr")):
            off = 8
    return local.replace(tzinfo=_dt.timezone(_dt.timedelta(hours=off)))


def build(m, number):
    o = m["opt"]
    charset = o.get("charset", "utf-8")
    cte = o.get("cte", "qp")
    hq = o.get("hq", "q")
    fmt = o.get("fmt", "plain")
    style = o.get("style", "outlook" if fmt == "html" else "thunderbird")
    cs = _charset(charset, cte)

    text = m["body"]
    if fmt == "plain":
        msg = MIMEText(text, "plain", cs)
    elif fmt == "html":
        msg = MIMEText(o.get("lines") or _to_html(text, style, charset, m["lang"]), "html", cs)
    else:
        msg = MIMEMultipart("alternative")
        msg.attach(MIMEText(text, "plain", _charset(charset, cte)))
        msg.attach(MIMEText(o.get("lines") or _to_html(text, style, charset, m["lang"]),
                            "html", _charset(charset, cte)))
    if o.get("attach"):
        a = o["attach"]
        inner = MIMEText(a["body"].strip("\n") + "\n", "plain", _charset("utf-8", "qp"))
        inner_mime = [(k, v) for k, v in inner.items() if k != "MIME-Version"]
        for k in list(inner.keys()):
            del inner[k]
        for h in ("From", "To", "Subject", "Date", "Message-ID"):
            if h == "Subject":
                inner[h] = _encode_header(a["subject"], "utf-8", "q", h)
            elif h == "Message-ID":
                inner[h] = "<%s@%s>" % (hashlib.sha1(a["subject"].encode()).hexdigest()[:20], _domain(a["from"]))
            else:
                inner[h] = a[{"From": "from", "To": "to", "Date": "date"}[h]]
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
    key = hashlib.sha1(f"{number}:{m['subject']}".encode()).hexdigest()
    level = 0
    for part in msg.walk():
        if part is not msg:
            if part.get("MIME-Version") and not _inside_rfc822(msg, part):
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
    seed = f"{number}:{m['subject']}:{frm}".encode()
    h = hashlib.sha1(seed).hexdigest()
    dt = _date(m, number)
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
        mid = f"<{h[:4].upper()}PR0{number:03d}MB{h[4:8].upper()}{h[8:20].upper()}@{h[20:22]}.eurprd0{number % 9}.prod.outlook.com>"
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
    if m["lang"] != "en" and fmt != "plain" and style == "outlook":
        msg["Content-Language"] = {"de": "de-DE", "fr": "fr-FR", "it": "it-IT", "es": "es-ES",
                                   "pl": "pl-PL", "cs": "cs-CZ", "nl": "nl-NL", "pt": "pt-PT"}[m["lang"]]
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
    f = []
    fmt = o.get("fmt", "plain")
    f.append({"plain": "plain", "alt": "html-alternative", "html": "html-only"}[fmt])
    if o.get("reply"):
        f.append("reply")
    if o.get("fwd") or o.get("attach"):
        f.append("forward")
    if o.get("attach"):
        f.append("forward-attached")
    f.append("charset-" + o.get("charset", "utf-8").lower())
    f.append("cte-" + o.get("cte", "qp"))
    if o.get("vague"):
        f.append("body-needed")
    f.extend(o.get("tags", "").split())
    return f


def main():
    from email.generator import BytesGenerator
    import io

    order = list(range(len(MAILS)))
    random.Random(20240917).shuffle(order)
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


# ---------------------------------------------------------------------------
# the mails
# ---------------------------------------------------------------------------

# ===========================================================================
# INCIDENTS
# ===========================================================================

M("en", "incident", "-", "notifications", "Nagios Monitoring <nagios@argo-mon.egi.eu>",
  "** PROBLEM Service Alert: ce01.grid.hep.ph.ic.ac.uk/org.sam.CONDOR-JobSubmit-/ops/Role=lcgadmin is CRITICAL **",
  """
***** Nagios *****

Notification Type: PROBLEM

Service: org.sam.CONDOR-JobSubmit-/ops/Role=lcgadmin
Host: ce01.grid.hep.ph.ic.ac.uk
Address: 192.0.2.41
State: CRITICAL

Date/Time: Tue Sep 3 04:12:55 UTC 2024

Additional Info:

CRITICAL - Job submission failed: HTCondor-CE did not accept the job within 600 s
(SCHEDD_ERROR: Failed to connect to schedd ce01.grid.hep.ph.ic.ac.uk:9619)
""", date="2024-09-03 04:13:02 +0000", auto=True, style="web", extra=[("X-Nagios-Notification-Type", "PROBLEM")])

M("en", "incident", "-", "notifications", "ARGO Monitoring <argo-alerts@argo.egi.eu>",
  "[ARGO] EGI_CRITICAL: INFN-T1 endpoint storm-fe.cr.cnaf.infn.it (SRM) is CRITICAL",
  """
ARGO Monitoring Service - status change notification

Tenant:        EGI
Report:        Critical
Site:          INFN-T1
Service type:  SRM
Endpoint:      storm-fe.cr.cnaf.infn.it
Metric:        eu.egi.SRM-VOPut
Status:        OK -> CRITICAL
Timestamp:     2024-09-04T02:40:00Z

Summary: CRITICAL - File was NOT copied to SRM
Message: [SE][PrepareToPut] httpg://storm-fe.cr.cnaf.infn.it:8444/srm/managerv2:
 CGSI-gSOAP running on argo-mon.egi.eu reports Error reading token data header: Connection closed

Details: https://argo.egi.eu/egi/report-status/Critical/SITES/INFN-T1

You receive this mail because you are registered as a contact for INFN-T1 in GOCDB.
""", date="2024-09-04 02:41:10 +0000", auto=True, style="web")

M("en", "incident", "-", "notifications", "Alertmanager <alertmanager@monitoring.cloud.cesnet.cz>",
  "[FIRING:2] CephOSDDown (production ceph-prg1 critical)",
  """
[FIRING:2] CephOSDDown (production ceph-prg1 critical)

Alerts Firing:

Labels:
 - alertname = CephOSDDown
 - ceph_daemon = osd.117
 - cluster = ceph-prg1
 - env = production
 - severity = critical
Annotations:
 - summary = OSD osd.117 is down
 - description = osd.117 on host stor-prg1-14 has been marked down for more than 5 minutes. PGs may be degraded.
Source: http://prometheus.cloud.cesnet.cz:9090/graph?g0.expr=ceph_osd_up+%3D%3D+0

Labels:
 - alertname = CephOSDDown
 - ceph_daemon = osd.118
 - cluster = ceph-prg1
 - env = production
 - severity = critical
Annotations:
 - summary = OSD osd.118 is down
 - description = osd.118 on host stor-prg1-14 has been marked down for more than 5 minutes. PGs may be degraded.
Source: http://prometheus.cloud.cesnet.cz:9090/graph?g0.expr=ceph_osd_up+%3D%3D+0
""", auto=True, fmt="alt", style="web")

M("en", "incident", "-", "notifications", "Icinga <icinga@mon.ifca.es>",
  "** PROBLEM Host Alert: site-bdii.ifca.es is DOWN **",
  """
***** Icinga 2 Host Monitoring on mon.ifca.es *****

==> site-bdii.ifca.es is DOWN! <==

Info:    CRITICAL - Host Unreachable (193.146.75.20)

When:    2024-09-05 03:17:44 +0200
Host:    site-bdii.ifca.es
IPv4:    193.146.75.20

Comment by icingaadmin:
  (none)

Details: https://mon.ifca.es/icingaweb2/monitoring/host/show?host=site-bdii.ifca.es
""", date="2024-09-05 03:17:50 +0200", auto=True)

M("en", "incident", "-", "support", "Callum Reid <c.reid@physics.ox.ac.uk>",
  "Fwd: ** PROBLEM Service Alert: t2se01.physics.ox.ac.uk/webdav-tpc is CRITICAL **",
  """
This one has been red since about 6 this morning and our local admin is away. Could someone from the storage team have a look?

Callum

-------- Forwarded Message --------
Subject: ** PROBLEM Service Alert: t2se01.physics.ox.ac.uk/webdav-tpc is CRITICAL **
Date: Thu, 5 Sep 2024 05:58:12 +0100
From: nagios@nagios.physics.ox.ac.uk
To: grid-admins@physics.ox.ac.uk

***** Nagios *****

Notification Type: PROBLEM

Service: webdav-tpc
Host: t2se01.physics.ox.ac.uk
Address: 192.0.2.88
State: CRITICAL

Date/Time: Thu Sep 5 05:58:12 BST 2024

Additional Info:

CRITICAL - HTTP-TPC pull failed: HTTP 500 Internal Server Error (davs://t2se01.physics.ox.ac.uk:1094/dpm/physics.ox.ac.uk/home/dteam/argo-tpc)
""", date="2024-09-05 09:12:05 +0100", fwd=True, tags="forwarded-alert")

M("en", "incident", "-", "support", "Marta Kowalczyk <m.kowalczyk@egi.eu>",
  "Fwd: [ARGO] EGI_CRITICAL: CESGA endpoint cloud.cesga.es (org.openstack.nova) is CRITICAL",
  """
Hi,

forwarding as the site does not seem to react. The Nova endpoint is failing the VM instantiation test since yesterday evening. Please assign to the CESGA cloud team.

Thanks,
Marta

---------- Forwarded message ---------
From: ARGO Monitoring <argo-alerts@argo.egi.eu>
Date: Fri, 6 Sep 2024 at 21:10
Subject: [ARGO] EGI_CRITICAL: CESGA endpoint cloud.cesga.es (org.openstack.nova) is CRITICAL
To: <operations@egi.eu>

Site:          CESGA
Service type:  org.openstack.nova
Endpoint:      cloud.cesga.es
Metric:        eu.egi.cloud.OpenStack-VM
Status:        OK -> CRITICAL
Summary: CRITICAL - VM creation failed: No valid host was found. There are not enough hosts available. (HTTP 500)
""", date="2024-09-07 09:14:55 +0200", fwd=True, style="gmail", tags="forwarded-alert", fmt="alt")

M("en", "incident", "-", "support", "Giulia Ferraro <giulia.ferraro@unimi.it>",
  "jobs going to Held on ce02",
  """
Dear support,

since this morning all my jobs submitted to ce02.grid.sara.nl end up in Held state after a few minutes. Nothing has changed on my side (same JDL/submit file I have been using for months).

condor_q -held gives:

  ID          OWNER   HELD_SINCE  HOLD_REASON
  8812034.0   gferraro 9/6 09:14  Error from slot1_7@wn-r12-05: Failed to execute '/var/lib/condor/execute/dir_29912/condor_exec.exe': (errno=13: 'Permission denied')
  8812035.0   gferraro 9/6 09:14  Error from slot1_3@wn-r12-07: Failed to execute ...

About 40 jobs so far, all on wn-r12-* nodes as far as I can see. Could you check these worker nodes?

Best regards,
Giulia Ferraro
Dipartimento di Fisica, Università degli Studi di Milano
""", date="2024-09-06 11:30:40 +0200")

M("en", "incident", "-", "support", "Tomas Lindqvist <tomas.lindqvist@uu.se>",
  "Re: FedCloud dashboard",
  """
Hello,

when I try to log in to the FedCloud dashboard with EGI Check-in I get redirected back with "500 Internal Server Error" after choosing my home organisation. It worked fine yesterday. I tried two browsers and a private window, same result. Colleagues in my group see the same.

The error page shows: "Request ID: 7c1f0e2a-5d2b-4a7e-9c11-0a9b2f7e3d44".

Regards,
Tomas Lindqvist
Uppsala University, Dept. of Information Technology

On Wed, 4 Sep 2024 at 08:55, Erik Holm <erik.holm@uu.se> wrote:
> Tomas, can you still get into the FedCloud dashboard? I get an error page
> after the Check-in login since this morning. Should we tell the EGI desk?
>
> Erik
""", reply=True, vague=True, style="gmail", date="2024-09-04 10:12:40 +0200", cc="Erik Holm <erik.holm@uu.se>")

M("en", "incident", "-", "support", "Priya Natarajan <priya.natarajan@manchester.ac.uk>",
  "Help",
  """
Hi,

I can't get anything in or out of our group's storage area any more. gfal-copy just times out:

$ gfal-copy file:///home/priya/test.dat davs://se02.tier2.hep.manchester.ac.uk:443/dpm/tier2.hep.manchester.ac.uk/home/lsst/priya/test.dat
gfal-copy error: 110 (Connection timed out) - Connection timed out after 60 seconds

gfal-ls on the same path also hangs. This was working on Friday. I have a deadline on Wednesday so I would really appreciate if someone could look at it.

Thanks,
Priya
""", vague=True)

M("en", "incident", "-", "support", "Andrei Popescu <andrei.popescu@nipne.ro>",
  "voms-proxy-init hangs for vo.eli-np.eu",
  """
Hello,

voms-proxy-init --voms vo.eli-np.eu hangs for ~2 minutes and then fails:

Contacting voms.grid.nipne.ro:15020 [/DC=org/DC=terena/DC=tcs/C=RO/L=Magurele/O=IFIN-HH/CN=voms.grid.nipne.ro] "vo.eli-np.eu"...
Error contacting voms.grid.nipne.ro:15020 for VO vo.eli-np.eu: REST and legacy VOMS endpoints failed.
None of the contacted servers for vo.eli-np.eu were capable of returning a valid AC for the user.

Users of the VO cannot create proxies at all since around 14:00 today, so no jobs can be submitted. The server answers ping.

Andrei Popescu
IFIN-HH, Grid Computing Group
""")

M("en", "incident", "-", "support", "Dr. Helen Fairbairn <h.fairbairn@ed.ac.uk>",
  "Notebooks extremely slow, kernel keeps dying",
  """
Dear EGI Notebooks team,

For the last two days the Notebooks service (notebooks.egi.eu) has been almost unusable for our course. Opening a notebook takes several minutes and the Python 3 kernel dies after a few cells with "Kernel Restarting: The kernel appears to have died. It will restart automatically." Even a trivial cell like print(1) sometimes does not return.

We have 25 students using the service in a practical session on Thursday, so this is a real worry.

Kind regards,
Helen

--
Dr Helen Fairbairn
School of Geosciences, University of Edinburgh
""", fmt="alt", style="outlook")

M("en", "incident", "-", "support", "Jan Vermeulen <jan.vermeulen@kuleuven.be>",
  "Re: [Ticket #2291] Transfers from BEgrid to PIC failing",
  """
Hi,

unfortunately it is still not working after your intervention yesterday. Same error on all transfers from our SE to PIC in the last 3 hours:

  TRANSFER [500] DESTINATION OVERWRITE srm-ifce err: Communication error on send, err: [SE][srmRm][] httpg://srm.pic.es:8443/srm/managerv2: CGSI-gSOAP running on fts3.cern.ch reports could not open connection to srm.pic.es:8443

FTS job ids, if it helps: 5f0c2a7e-6b8e-11ef-9b2c-fa163e1f2a10, 61aa3c9e-6b8e-11ef-a0e1-fa163e1f2a10

Jan

On Mon, 9 Sep 2024 at 16:42, EGI Service Desk <support@desk.example.org> wrote:
> Dear Jan,
>
> the site reports that a misconfigured firewall rule was corrected. Could you
> please confirm that the transfers work again?
>
> Best regards,
> EGI Service Desk
""", date="2024-09-10 11:20:41 +0200", reply=True, vague=False)

M("en", "incident", "-", "notifications", "CloudFerro Status <status@cloudferro.com>",
  "[Service Disruption] Block storage (Cinder) unavailable in WAW3-1",
  """
Service disruption notice

Region: WAW3-1
Affected service: Block Storage (volumes)
Status: Investigating
Start: 2024-09-10 11:05 UTC

Since 11:05 UTC creating, attaching and detaching volumes in region WAW3-1 fails with error "Volume status must be available or in-use". Existing attached volumes are not affected. Our engineers are investigating the issue and we will provide updates every 60 minutes.

We apologise for the inconvenience.

CloudFerro Operations
""", date="2024-09-10 11:48:00 +0000", auto=True, fmt="alt", style="web")

M("en", "incident", "-", "support", "Rafael Ortega <rafael.ortega@cern.ch>",
  "FTS transfers failing with checksum mismatch to DESY",
  """
Hi,

since roughly 08:00 UTC today about 30% of the transfers from CERN EOS to DESY-HH fail with a checksum mismatch on the destination side:

  TRANSFER [5] DESTINATION CHECKSUM MISMATCH User defined checksum and destination checksum do not match 0a3f1c22 != 00000000

Destination checksum 00000000 looks like the storage is not computing checksums at all. Example job: https://fts3-public.cern.ch:8449/fts3/ftsmon/#/job/b41e6f5c-6f2a-11ef-8c0d-fa163e6a8b31

Could you pass this on to the DESY storage admins?

Cheers,
Rafael
""")

M("en", "incident", "-", "support", "Yuki Tanaka <y.tanaka@ipmu.jp>",
  "DIRAC jobs for CTA",
  """
Dear support team,

Our DIRAC jobs (VO vo.cta.in2p3.fr) are stuck in "Waiting" for over 24h. Looking at the pilot monitor, all pilots submitted to the EGI sites since Sunday night end up "Aborted" with:

  Pilot failed: Failed to download pilot files from https://dirac-cta.in2p3.fr/pilot/: SSL certificate problem: certificate has expired

So it seems the certificate of the pilot file server has expired. 3200 jobs are waiting.

Best regards,
Yuki Tanaka
""", vague=True)

M("en", "incident", "-", "support", "Stefan Oprea <stefan.oprea@spacescience.ro>",
  "urgent!!",
  """
hi

cvmfs is broken on all worker nodes of RO-14-ISS since a couple of hours, every job dies at the start:

ls: cannot access '/cvmfs/sft.cern.ch': Transport endpoint is not connected

cvmfs_config probe says "Probing /cvmfs/sft.cern.ch... Failed!" on wn01..wn24. Restarting autofs on one node fixed it for 10 min then same again. we dont know what to look at next. please help

Stefan
""", vague=True)

M("en", "incident", "-", "support", "Lena Fischer <lena.fischer@desy.de>",
  "DESY-ZN",
  """
Dear colleagues,

the accounting portal shows zero CPU hours for our site DESY-ZN for every day since 7 September, although the cluster is full and APEL publishing on our side logs no error (last "Sent 2214 records" this morning).

https://accounting.egi.eu/egi/site/DESY-ZN/ is completely empty for September.

Best regards,
Lena Fischer
DESY Zeuthen, IT
""", date="2024-09-12 10:02:33 +0200", fmt="html", style="thunderbird", vague=True)

M("en", "incident", "-", "notifications", "Alertmanager <alerts@prometheus.egi.eu>",
  "[FIRING:1] CheckinProxyHighErrorRate (aai.egi.eu critical)",
  """
[FIRING:1] CheckinProxyHighErrorRate (aai.egi.eu critical)

Labels:
 - alertname = CheckinProxyHighErrorRate
 - instance = aai.egi.eu
 - job = satosa
 - severity = critical
Annotations:
 - summary = More than 20% of authentication requests end with HTTP 5xx
 - description = 5xx ratio is 0.43 over the last 10m on aai.egi.eu
Source: https://prometheus.egi.eu/graph?g0.expr=job%3Asatosa_http_5xx%3Aratio10m
""", auto=True)

M("en", "incident", "-", "support", "Kostas Papadopoulos <kpapad@grnet.gr>",
  "site-bdii.afroditi.hellasgrid.gr",
  """
Hello,

our site BDII (site-bdii.afroditi.hellasgrid.gr) stopped publishing to the top BDII around 02:00 UTC. ldapsearch against the site BDII returns an empty result:

$ ldapsearch -x -LLL -H ldap://site-bdii.afroditi.hellasgrid.gr:2170 -b mds-vo-name=HG-08-Okeanos,o=grid
$ (nothing)

/var/log/bdii/bdii-update.log has "ERROR: Provider /var/lib/bdii/gip/provider/glite-info-provider-ldap timed out". As a result the site is failing all ARGO tests. I'm on it but would appreciate a second pair of eyes from the NGI.

Kostas
""", vague=True)

# --- German
M("de", "incident", "-", "support", "Jörg Baumann <joerg.baumann@kit.edu>",
  "WG: ** PROBLEM Service Alert: dcache-door-doma01.gridka.de/xrootd is CRITICAL **",
  """
Hallo zusammen,

zur Info bzw. bitte weiterleiten an die Storage-Gruppe, der Alarm kommt seit heute Nacht immer wieder und die Tür antwortet tatsächlich nicht.

Gruß
Jörg

-----Ursprüngliche Nachricht-----
Von: nagios@mon.gridka.de <nagios@mon.gridka.de>
Gesendet: Mittwoch, 11. September 2024 03:21
An: gridka-admins@lists.kit.edu
Betreff: ** PROBLEM Service Alert: dcache-door-doma01.gridka.de/xrootd is CRITICAL **

***** Nagios *****

Notification Type: PROBLEM
Service: xrootd
Host: dcache-door-doma01.gridka.de
State: CRITICAL
Date/Time: Wed Sep 11 03:21:04 CEST 2024

Additional Info:
CRITICAL - Socket timeout after 10 seconds (port 1094)
""", date="2024-09-11 08:05:12 +0200", fwd=True, fmt="alt", style="outlook", tags="forwarded-alert")

M("de", "incident", "-", "support", "Sabine Krüger <sabine.krueger@uni-mainz.de>",
  "AW: Jobs brechen nach wenigen Minuten ab",
  """
Hallo,

hier die gewünschten Details: Seit gestern Nachmittag brechen fast alle unsere Jobs auf dem MOGON-Grid-CE nach 2-3 Minuten ab. Im stderr steht jeweils:

  slurmstepd: error: Detected 1 oom_kill event in StepId=4471823.batch. Some of your processes may have been killed by the cgroup out-of-memory handler.

Die Jobs brauchen laut unseren Messungen maximal 1,5 GB, und wir haben nichts an der Software geändert. Bis Montag lief alles problemlos. Kann es sein, dass sich das Memory-Limit auf den Knoten geändert hat?

Viele Grüße
Sabine Krüger
Institut für Physik, JGU Mainz

-----Ursprüngliche Nachricht-----
Von: EGI Service Desk <support@desk.example.org>
Gesendet: Mittwoch, 18. September 2024 10:05
An: Sabine Krüger <sabine.krueger@uni-mainz.de>
Betreff: Re: Jobs brechen nach wenigen Minuten ab

Sehr geehrte Frau Krüger,

können Sie uns bitte die genaue Fehlermeldung und den Zeitraum nennen?

Viele Grüße
EGI Service Desk
""", charset="iso-8859-1", cte="qp", reply=True, style="outlook", date="2024-09-18 11:47:03 +0200")

M("de", "incident", "-", "support", "Thomas Hartmann <thomas.hartmann@gsi.de>",
  "Problem",
  """
Hallo Support,

wir kommen seit ca. 10 Uhr nicht mehr auf unseren Speicherbereich im GSI-Lustre über den WebDAV-Zugang. Jeder Zugriff endet mit

  HTTP/1.1 503 Service Unavailable

sowohl mit curl als auch mit davix-ls. Betroffen sind mindestens drei Gruppen aus unserem Experiment. Innerhalb des Campus über NFS geht es noch.

Könnt ihr bitte nachsehen?

Danke und Gruß,
Thomas
""", vague=True, cte="8bit")

M("de", "incident", "-", "support", "Dr. Katrin Vogel <katrin.vogel@fz-juelich.de>",
  "Anmeldung über Check-in funktioniert nicht",
  """
Sehr geehrte Damen und Herren,

seit heute Morgen kann ich mich nicht mehr über EGI Check-in bei der Jupyter-Instanz anmelden. Nach der Auswahl von "Forschungszentrum Jülich" über eduGAIN erscheint die Meldung:

  "Error: The identity provider returned an error: urn:oasis:names:tc:SAML:2.0:status:Responder"

Andere Kolleginnen haben dasselbe Problem. Die Anmeldung bei anderen Diensten mit unserem IdP funktioniert normal.

Mit freundlichen Grüßen
Katrin Vogel

--
Dr. Katrin Vogel
Jülich Supercomputing Centre (JSC)
Forschungszentrum Jülich GmbH
""", fmt="html", style="outlook", cte="b64", hq="b")

# --- French
M("fr", "incident", "-", "support", "Sébastien Lefèvre <sebastien.lefevre@lal.in2p3.fr>",
  "TR: [ARGO] EGI_CRITICAL: GRIF-IJCLAB endpoint grid05.lal.in2p3.fr (ARC-CE) is CRITICAL",
  """
Bonjour,

je vous transmets l'alerte ci-dessous : le CE ARC est en CRITICAL depuis cette nuit et les jobs de test ops ne passent plus. Je suis en déplacement, est-ce que quelqu'un de l'équipe peut regarder ?

Merci,
Sébastien

-------- Message transféré --------
Sujet : [ARGO] EGI_CRITICAL: GRIF-IJCLAB endpoint grid05.lal.in2p3.fr (ARC-CE) is CRITICAL
Date : Thu, 12 Sep 2024 01:50:00 +0000
De : ARGO Monitoring <argo-alerts@argo.egi.eu>
Pour : grid.admin@ijclab.in2p3.fr

Site:          GRIF-IJCLAB
Service type:  ARC-CE
Endpoint:      grid05.lal.in2p3.fr
Metric:        org.nordugrid.ARC-CE-submit-ops
Status:        OK -> CRITICAL
Summary: CRITICAL - Job submission failed: Failed to connect to grid05.lal.in2p3.fr:443 (REST interface)
""", date="2024-09-12 07:45:20 +0200", fwd=True, tags="forwarded-alert")

M("fr", "incident", "-", "support", "Claire Dubois <claire.dubois@cc.in2p3.fr>",
  "Échec des jobs sur le CE de Lyon",
  """
Bonjour,

depuis ce matin, tous les jobs que nous soumettons sur cccondorce02.in2p3.fr échouent immédiatement. Le log indique :

  000 (123456.000.000) 09/12 10:02:11 Job submitted from host: <193.48.99.12:9618>
  012 (123456.000.000) 09/12 10:02:40 Job was held.
      Failed to initialize user log to /var/lib/condor-ce/spool/...: Disk quota exceeded

On dirait que la partition spool du CE est pleine. Pouvez-vous vérifier ?

Cordialement,
Claire Dubois
""", date="2024-09-12 10:35:51 +0200")

M("fr", "incident", "-", "support", "Mathieu Garnier <mathieu.garnier@univ-grenoble-alpes.fr>",
  "stockage",
  """
Bonjour à tous,

impossible d'accéder à notre espace de stockage sur le SE du LPSC depuis hier soir. Toutes les commandes gfal renvoient :

  gfal-ls error: 113 (No route to host) - Failed to connect to lpsc-se-dpm-server.in2p3.fr port 443

Le serveur ne répond pas non plus au ping. Nos productions de simulation sont bloquées.

Merci d'avance pour votre aide,
Mathieu
""", vague=True, charset="iso-8859-1", cte="8bit")

# --- Italian
M("it", "incident", "-", "support", "Francesca Rinaldi <francesca.rinaldi@pd.infn.it>",
  "I: ** PROBLEM Host Alert: cloud-ctrl01.pd.infn.it is DOWN **",
  """
Ciao,

vi inoltro l'allarme di stanotte: il controller OpenStack di Padova risulta DOWN e la dashboard non risponde. Potete verificare se è un problema di rete lato sede?

Grazie,
Francesca

-------- Messaggio Inoltrato --------
Oggetto: ** PROBLEM Host Alert: cloud-ctrl01.pd.infn.it is DOWN **
Data: Fri, 13 Sep 2024 02:04:31 +0200
Mittente: icinga@mon.pd.infn.it
A: cloud-admins@pd.infn.it

***** Icinga 2 Host Monitoring *****
==> cloud-ctrl01.pd.infn.it is DOWN! <==
Info:    CRITICAL - Host Unreachable (192.0.2.130)
When:    2024-09-13 02:04:31 +0200
""", date="2024-09-13 08:50:36 +0200", fwd=True, tags="forwarded-alert")

M("it", "incident", "-", "support", "Marco Bianchi <marco.bianchi@ba.infn.it>",
  "Job in errore su ReCaS-Bari",
  """
Buongiorno,

da ieri sera i nostri job sul CE di ReCaS-Bari falliscono tutti con lo stesso errore:

  /bin/bash: /cvmfs/cms.cern.ch/cmsset_default.sh: No such file or directory

Sembra che CVMFS non sia montato su alcuni worker node (almeno wn-203, wn-207, wn-211). Prima funzionava senza problemi. Potreste controllare?

Cordiali saluti,
Marco Bianchi
INFN Sezione di Bari
""")

M("it", "incident", "-", "support", "Elena Moretti <elena.moretti@cineca.it>",
  "Aiuto, non riesco più a lavorare",
  """
Salve,

il servizio Jupyter su cui lavoriamo (jupyter.cloud.cineca.it) non risponde più da circa un'ora: il browser resta in caricamento e poi dà "504 Gateway Time-out". Ho provato anche da un'altra rete, stesso risultato. Ho dei notebook aperti con calcoli in corso e non so se stanno ancora girando.

Grazie per l'aiuto,
Elena Moretti
""", vague=True, fmt="alt", style="gmail", cte="b64", hq="b")

# --- Spanish
M("es", "incident", "-", "support", "Javier Fernández <javier.fernandez@cesga.es>",
  "No puedo acceder a mi máquina virtual",
  """
Hola,

desde esta mañana no puedo conectarme por SSH a mi máquina virtual en la nube de CESGA (IP 193.144.35.87). La consola de OpenStack muestra la instancia en estado "ERROR" y el mensaje:

  Build of instance 4f2c9a61-8e3b-4d7a-b6a1-2c0e5a9d7f13 aborted: Failed to allocate the network(s), not rescheduling.

No he cambiado nada. Otros compañeros del proyecto tampoco pueden arrancar instancias nuevas.

Un saludo,
Javier Fernández
""", vague=True)

M("es", "incident", "-", "support", "María José Torres <mjtorres@pic.es>",
  "RE: Errores en transferencias FTS hacia PIC",
  """
Buenas tardes,

desde las 13:00 todas las transferencias FTS con destino a PIC fallan con el error:

  DESTINATION SRM_PUT_TURL error on the turl request : [SE][PrepareToPut][SRM_FAILURE] No write pools configured for <atlas:default@osm>

Parece un problema de configuración en los pools de dCache tras el reinicio de esta mañana. Afecta a ATLAS y CMS.

Saludos,
María José Torres
Port d'Informació Científica (PIC)

________________________________
De: ATLAS DDM Shifter <atlas-adc-expert@cern.ch>
Enviado el: martes, 17 de septiembre de 2024 14:02
Para: pic-admins@pic.es
Asunto: Errores en transferencias FTS hacia PIC

Hi PIC experts, we see 100% transfer failures to PIC_DATADISK since about 11:00 UTC
("No write pools configured"). Could you please have a look? GGUS ticket to follow.
ATLAS DDM shifter
""", charset="iso-8859-1", cte="qp", reply=True, style="outlook", date="2024-09-17 15:10:33 +0200", parent_domain="cern.ch")

M("es", "incident", "-", "support", "Pablo Ruiz <pablo.ruiz@ifca.unican.es>",
  "Ayuda urgente",
  """
Hola,

el portal de nuestro proyecto, que corre en una VM de la nube de IFCA, está caído desde las 8:00. La VM no responde a ping y en la consola aparece "kernel panic - not syncing: VFS: Unable to mount root fs". Tenemos una demo a las 12:00 con el comité del proyecto.

¿Podéis ayudarnos a recuperar la VM o al menos el volumen de datos?

Gracias,
Pablo
""", vague=True)

# --- Polish
M("pl", "incident", "-", "support", "Katarzyna Wiśniewska <k.wisniewska@cyfronet.pl>",
  "Nie działa logowanie do UI",
  """
Dzień dobry,

od rana nie mogę zalogować się na ui.cyfronet.pl. Po podaniu hasła sesja SSH od razu się zamyka:

  Connection to ui.cyfronet.pl closed by remote host.

To samo dzieje się u dwóch innych osób z naszego zespołu. Wczoraj wieczorem wszystko działało. Bez dostępu do UI nie możemy wysyłać zadań.

Pozdrawiam,
Katarzyna Wiśniewska
ACK Cyfronet AGH
""", charset="iso-8859-2", cte="qp")

M("pl", "incident", "-", "support", "Piotr Nowak <piotr.nowak@ncbj.gov.pl>",
  "Odp: Błędy zadań na CE",
  """
Witam,

niestety problem nadal występuje. Od wczoraj wszystkie nasze zadania na ce.cis.gov.pl kończą się błędem:

  ARC job failed: LRMS error: (-1) Job was lost by the LRMS

Zadanie startuje, a po kilku minutach znika z kolejki bez żadnego outputu. Dotyczy to ok. 200 zadań VO vo.plgrid.pl. Przykładowe identyfikatory: 8KhNDmz1q5onuXbJEm4ZjOLmABFKDmABFKDmKpHKDmBBFKDmq1zXcn, 3LsMDmL7r5onuXbJEm4ZjOLmABFKDmABFKDmKpHKDmCBFKDm0N1ckn.

Czy coś się zmieniło w konfiguracji węzłów?

Pozdrawiam
Piotr Nowak

W dniu 10.09.2024 o 15:20, EGI Service Desk pisze:
> Dzień dobry,
>
> czy problem z zadaniami na ce.cis.gov.pl nadal występuje? Jeśli tak,
> prosimy o przesłanie identyfikatorów kilku zadań.
>
> Pozdrawiamy,
> EGI Service Desk
""", reply=True, date="2024-09-11 09:03:27 +0200")

M("pl", "incident", "-", "support", "Michał Zieliński <michal.zielinski@man.poznan.pl>",
  "PD: Bufor na stacji PL612 się zapełnia",
  """
Cześć,

storage na se.reef.man.poznan.pl nie odpowiada od ok. godziny. gfal-copy zwraca:

  gfal-copy error: 70 (Communication error on send) - Could not connect to se.reef.man.poznan.pl:8446

Nasze transfery z LOFAR stoją, a bufor na stacji zaraz się zapełni. Proszę o pilne sprawdzenie.

Michał

-------- Przekazana wiadomość --------
Temat: Bufor na stacji PL612 się zapełnia
Data: Thu, 26 Sep 2024 11:02:40 +0200
Nadawca: Operator stacji LOFAR PL612 <lofar-pl612@cbk.waw.pl>
Adresat: michal.zielinski@man.poznan.pl

Michał, transfery do Poznania stoją od 10:20, lokalny bufor jest zapełniony w 85%. Zostało nam ok. 3 godzin, potem tracimy obserwacje.
""", vague=True, fmt="alt", style="thunderbird", fwd=True, date="2024-09-26 11:15:09 +0200")

# --- Czech
M("cs", "incident", "-", "support", "Jana Dvořáková <jana.dvorakova@cesnet.cz>",
  "Nefunguje přihlášení do MetaCentra",
  """
Dobrý den,

od dnešního rána se nemohu přihlásit na čelní uzel skirit.ics.muni.cz. Kerberos vrací chybu:

  kinit: Cannot contact any KDC for realm 'META' while getting initial credentials

Kolegové z ústavu mají stejný problém. Včera večer vše fungovalo.

S pozdravem
Jana Dvořáková
""", charset="iso-8859-2", cte="8bit")

M("cs", "incident", "-", "support", "Martin Novák <martin.novak@fzu.cz>",
  "Re: Úlohy padají na praguelcg2",
  """
Dobrý den,

posílám upřesnění: od včerejšího večera nám na praguelcg2 padají všechny úlohy hned po startu s chybou:

  apptainer: FATAL: container creation failed: mount /proc/self/fd/3->/usr/local/var/apptainer/mnt/session/rootfs error: while mounting image: failed to find loop device

Týká se to minimálně uzlů golias1xx. Na jiných webech stejné úlohy běží. Můžete se na to podívat?

Díky,
Martin Novák
FZÚ AV ČR

Dne 19. 09. 24 v 9:12 EGI Service Desk napsal(a):
> Dobrý den,
>
> můžete prosím upřesnit, na kterých uzlech se chyba objevuje a jakou
> chybovou hlášku úlohy vypisují?
>
> S pozdravem
> EGI Service Desk
""", reply=True, date="2024-09-19 10:40:51 +0200")

M("cs", "incident", "-", "support", "Petr Svoboda <petr.svoboda@cuni.cz>",
  "Dotaz k úložišti",
  """
Dobrý den,

od pondělí nemám přístup k datům na úložišti du4.cesnet.cz. Příkaz

  rsync -av data/ svoboda@du4.cesnet.cz:~/VO_storage/

končí chybou "ssh: connect to host du4.cesnet.cz port 22: Connection refused". Stejně se chová i sftp. Máme tam výsledky simulací, které potřebujeme na konferenci příští týden.

Děkuji za pomoc,
Petr Svoboda
Matematicko-fyzikální fakulta UK
""", vague=True, fmt="html", style="outlook", cte="b64", hq="b")

# --- Dutch
M("nl", "incident", "-", "support", "Pieter de Vries <pieter.devries@nikhef.nl>",
  "Storing op de Grid UI",
  """
Hoi,

sinds vanochtend werkt de Grid UI (ui-02.nikhef.nl) niet meer goed: elke voms-proxy-init en glite-ce-job-submit blijft hangen en na een paar minuten krijg ik

  Error: Could not establish a connection: Network is unreachable

Vanaf mijn laptop kan ik de CE wel bereiken. Lijkt op een netwerkprobleem op de UI zelf.

Groeten,
Pieter
""")

M("nl", "incident", "-", "support", "Sanne Jansen <sanne.jansen@surf.nl>",
  "Re: Inloggen lukt niet",
  """
Beste support,

ik kan sinds gisteren niet meer inloggen op het Research Cloud portaal. Na het inloggen via SURFconext krijg ik een lege pagina met alleen "Something went wrong (HTTP 502)". Collega's van de UvA hebben hetzelfde probleem.

Met vriendelijke groet,
Sanne Jansen

Op 25-09-2024 om 09:14 schreef Thijs de Groot:
> Sanne, kun jij nog inloggen op Research Cloud? Ik krijg alleen een 502.
> Thijs
""", fmt="alt", style="outlook", reply=True, date="2024-09-25 10:01:37 +0200", cc="Thijs de Groot <t.degroot@uva.nl>", parent_domain="uva.nl", cte="b64", hq="b")

# --- Portuguese
M("pt", "incident", "-", "support", "João Pereira <joao.pereira@lip.pt>",
  "Fwd: Falha nos jobs no NCG-INGRID-PT",
  """
Olá,

reencaminho a mensagem de um utilizador da VO biomed. Confirmo: desde ontem à noite todos os jobs da VO biomed no site NCG-INGRID-PT falham com:

  Payload failed: /tmp/jobdir/run.sh: line 12: /cvmfs/biomed.egi.eu/setup.sh: No such file or directory

O repositório CVMFS parece não estar montado nos worker nodes. Podem verificar?

Cumprimentos,
João Pereira
LIP Lisboa

---------- Mensagem encaminhada ---------
De: Inês Sousa <ines.sousa@i3s.up.pt>
Data: sexta, 27/09/2024 à(s) 08:31
Assunto: Falha nos jobs no NCG-INGRID-PT
Para: João Pereira <joao.pereira@lip.pt>

João, os meus jobs de docking estão todos a falhar no vosso site desde ontem. Podes ver o que se passa?
Inês
""", charset="iso-8859-1", cte="qp", fwd=True, style="gmail", date="2024-09-27 09:40:55 +0100")

# ===========================================================================
# REQUESTS
# ===========================================================================

M("en", "request", "-", "support", "Anna Schneider <anna.schneider@embl.de>",
  "How do I get access to biomed resources?",
  """
Hello,

I am a new postdoc at EMBL Heidelberg and my group would like to run some docking campaigns on the grid using the biomed VO. I have a personal certificate from GÉANT TCS already.

Could you tell me what the registration procedure is and whether I need anything else (e.g. a specific role) before I can submit jobs through DIRAC? A link to the relevant documentation would be great.

Many thanks,
Anna Schneider
""", fmt="alt", style="thunderbird")

M("en", "request", "-", "support", "Robert Kessler <r.kessler@stfc.ac.uk>",
  "Post-mortem for the Check-in outage of 29 August?",
  """
Hi,

after last week's Check-in outage (29 August, roughly 09:00-13:30 UTC) several of our users asked me what happened. Is there a post-mortem or service incident report you could send me, or a page where it will be published? I'd like to forward it to our user community.

Thanks,
Rob

--
Robert Kessler
Scientific Computing Department, STFC Rutherford Appleton Laboratory
""", date="2024-09-04 10:00:27 +0100", tags="request-outage")

M("en", "request", "-", "support", "Daniel Weber <daniel.weber@unibe.ch>",
  "Service account portal-climate@unibe.ch",
  """
Dear service desk,

during Tuesday's outage of the B2ACCESS/Check-in bridge our portal lost its stored access credentials, and the refresh token we had for the EUDAT B2SHARE API no longer works (invalid_grant). Everything else is running again on our side.

Could you please issue a new API token for the service account portal-climate@unibe.ch so we can reconnect? I can confirm the request by phone if you need it.

Best regards,
Daniel Weber
University of Bern, Climate and Environmental Physics
""", tags="request-outage", vague=True)

M("en", "request", "-", "support", "Olga Ivanova <olga.ivanova@jinr.ru>",
  "Documentation for automatic proxy renewal",
  """
Hello,

This is a request, not an incident: nothing is broken. Our long-running workflows print "ERROR: proxy certificate expired" in their logs after about 12 hours, which is expected since we create the proxies manually.

We would like to set up automatic renewal (MyProxy or a robot certificate, whatever you recommend for VO-managed workflows). Could you point us to the current documentation or a how-to for this?

Thank you,
Olga Ivanova
""", tags="says-request", vague=True)

M("en", "request", "-", "support", "Sergio Alvarez <s.alvarez@ebi.ac.uk>",
  "memory per job slot",
  """
Hi all,

not urgent, just a question. Some of our jobs failed last week on NIKHEF with "Job exceeded memory limit", which made me realise I don't know what we are allowed to ask for.

What is the maximum memory per core we can request on the EGI sites that support our VO, and is there a way to request a whole node for jobs that need ~32 GB? If there is a table somewhere, a link is enough.

Cheers,
Sergio
""", tags="says-not-urgent", vague=True)

M("en", "request", "-", "support", "Prof. Karen Holt <karen.holt@glasgow.ac.uk>",
  "Account for new PhD student",
  """
Dear colleagues,

a new PhD student, Mr Liam O'Connor (liam.oconnor@glasgow.ac.uk), joined my group this month and will need an account on the Glasgow grid UI to prepare and submit his analysis jobs. He already has a University GUID.

What do you need from me to set this up? I am happy to act as sponsor.

Kind regards,
Karen Holt
Professor of Particle Physics, University of Glasgow
""")

M("en", "request", "-", "support", "Nikos Georgiou <ngeorgiou@auth.gr>",
  "Re: quota",
  """
Hello,

how can I see how much of my storage quota on the dCache instance I have already used? I could not find it in the web interface, and I'd like to know the current limit for my user area as well before I start copying the new data set (about 3 TB).

Thanks in advance,
Nikos Georgiou
Aristotle University of Thessaloniki

On 9/12/24 10:14 AM, dCache Support AUTH wrote:
> Dear Nikos,
>
> your user area /pnfs/grid.auth.gr/data/users/ngeorgiou has been created
> and is ready to use.
>
> Best regards,
> dCache support
""", vague=True, reply=True, date="2024-09-13 08:31:15 +0300", parent_domain="grid.auth.gr")

M("en", "request", "-", "support", "Clara Smits <clara.smits@vu.nl>",
  "Data Transfer API documentation",
  """
Hello,

we are writing a small Python tool that should move datasets between two EGI storage endpoints via FTS. Where can I find up-to-date documentation of the REST API (submission, polling job status, authentication with tokens instead of X.509)? The pages I found still describe the old X.509-only setup.

Regards,
Clara Smits
""")

M("en", "request", "-", "support", "Miguel Santos <miguel.santos@uc.pt>",
  "A/R report Q3 for UC-LCA",
  """
Dear EGI Operations,

could you please send me the availability and reliability figures for our site UC-LCA for July-September 2024, ideally as a PDF we can attach to our quarterly report to the NGI? If the monthly reports are already published somewhere, the links would be enough.

Best regards,
Miguel Santos
Laboratory for Advanced Computing, University of Coimbra
""")

M("en", "request", "-", "support", "Ilse Vandenberghe <ilse.vandenberghe@ugent.be>",
  "Robot certificate for our science gateway",
  """
Hi,

we are deploying a science gateway for the structural biology community that will submit jobs on behalf of its users. I understand we need a robot certificate for that.

What is the procedure to obtain one, which CA should we use in Belgium, and does the gateway need to be registered somewhere (e.g. with the VO manager) before it can be used?

Thanks,
Ilse
""", fmt="alt", style="gmail")

M("en", "request", "-", "support", "Laura Bennett <laura.bennett@bristol.ac.uk>",
  "Information about SLA for Cloud Compute",
  """
Dear Sir or Madam,

our project is preparing a proposal to use EGI Cloud Compute for a 2-year environmental modelling campaign. The funding agency asks us to describe the service levels we can expect.

Could you send us the service level agreement or service description for Cloud Compute (availability targets, support hours, response times), and tell us whether a dedicated SLA can be negotiated for a project of our size (~200 vCPUs)?

Yours faithfully,
Laura Bennett
Research Project Manager, School of Geographical Sciences
University of Bristol
""", fmt="html", style="outlook")

M("en", "request", "-", "support", "Hannes Lindgren <hannes.lindgren@csc.fi>",
  "Numbers for our paper",
  """
Hello,

for a paper acknowledging the infrastructure we need the total normalised CPU hours (HS23) consumed by VO vo.climate.csc.fi in 2023, broken down by country if possible. Could someone from the accounting team send us these numbers?

Best,
Hannes
""", vague=True)

M("en", "request", "-", "support", "Dr. Amir Haddad <amir.haddad@weizmann.ac.il>",
  "question",
  """
Hello,

is it possible to get VMs with GPUs in the EGI Federated Cloud for our VO (vo.structbio.eu)? We would need something like 2 x A100 for a few weeks to train a model. If yes, which providers offer this and how do we ask for it?

Thank you,
Amir Haddad
Department of Structural Biology
""", vague=True)

M("en", "request", "-", "support", "Sofia Lund <sofia.lund@ku.dk>",
  "Re: access to FedCloud",
  """
Hi Marco,

thanks, I managed to enrol in vo.access.egi.eu following your instructions.

One more question: the VO gives access for a limited time only. How long exactly, and what do we do when our pilot phase is over and we want to move to a proper allocation? Is there a form for that?

Best wishes,
Sofia

On 10/09/2024 14:21, EGI Service Desk wrote:
> Dear Sofia,
>
> to try the Cloud Compute service please enrol in the vo.access.egi.eu VO
> via https://aai.egi.eu/registry/ and then use the FedCloud dashboard.
>
> Best regards,
> Marco (EGI Service Desk)
""", date="2024-09-11 09:05:13 +0200", reply=True, vague=True)

M("en", "request", "-", "support", "Beatriz Costa <beatriz.costa@lip.pt>",
  "Dates of the storage outage in June",
  """
Hello,

for the annual report to our funding agency (FCT) I must list the service interruptions that affected our project. Could you confirm the exact start and end times of the storage outage at the Lisbon site in June? I remember it was around 12-14 June but I need the official figures, ideally from GOCDB or your incident record.

Thank you,
Beatriz Costa
""", tags="request-outage")

M("en", "request", "-", "support", "Wojtek Lis <w.lis@ifj.edu.pl>",
  "vo.magic.eu",
  """
Hi,

could you send me the list of EGI sites that currently support vo.magic.eu, with their CE endpoints? The information in the operations portal looks outdated (some sites there were decommissioned last year).

Thanks,
Wojtek
""", vague=True)

M("en", "request", "-", "support", "Ruth Adler <ruth.adler@weizmann.ac.il>",
  "Does a short CRITICAL count against our A/R?",
  """
Hi,

no hurry at all, this is just a question. Yesterday afternoon ARGO showed our SRM endpoint as CRITICAL for about 10 minutes (a transfer test failed while we were restarting a pool), then it went back to OK.

Does such a short failure count against our monthly availability/reliability? And is there a way to mark it as a scheduled intervention afterwards?

Ruth
""", tags="says-not-urgent", vague=True)

M("en", "request", "-", "support", "Tobias Brandt <tobias.brandt@egi.eu>",
  "Fwd: slides of the Check-in webinar",
  """
Hi support,

can you help this user? I don't have the slides myself. I think they should be on Indico.

Tobias

---------- Forwarded message ---------
From: Ana Milić <ana.milic@irb.hr>
Date: Wed, 11 Sep 2024 at 10:02
Subject: slides of the Check-in webinar
To: Tobias Brandt <tobias.brandt@egi.eu>

Dear Tobias,

I attended the webinar on integrating services with EGI Check-in last Thursday. Would it be possible to get the slides and the recording? I would like to show them to our developers.

Best regards,
Ana Milić
Ruđer Bošković Institute
""", date="2024-09-11 15:02:44 +0200", fwd=True, style="gmail")

# --- German
M("de", "request", "-", "support", "Markus Lehmann <markus.lehmann@tu-dresden.de>",
  "EU-Projekt HydroNet",
  """
Guten Tag,

wir (Arbeitsgruppe Hydrologie, TU Dresden) möchten im Rahmen eines EU-Projekts Rechenkapazität in der EGI Cloud nutzen, etwa 50 vCPUs und 2 TB Object Storage für ca. ein Jahr.

Wie läuft die Beantragung ab? Gibt es ein Formular, und brauchen wir dafür eine eigene VO oder können wir eine bestehende nutzen?

Vielen Dank und freundliche Grüße
Markus Lehmann
""", fmt="alt", style="outlook", vague=True)

M("de", "request", "-", "support", "Claudia Meier <claudia.meier@uni-heidelberg.de>",
  "WG: Bericht zum Ausfall vom 3. September",
  """
Hallo,

nach dem Ausfall des Speichersystems am 3. September wurden wir von unserer Institutsleitung gebeten, kurz zu dokumentieren, was passiert ist und ob Daten verloren gegangen sind. Könnten Sie uns einen kurzen Bericht oder die Zusammenfassung aus Ihrem Incident-Ticket schicken?

Bei uns läuft inzwischen wieder alles, es geht nur um die Dokumentation.

Viele Grüße
Claudia Meier
Universitätsrechenzentrum Heidelberg

-----Ursprüngliche Nachricht-----
Von: Prof. Dr. Klaus Reinhardt <k.reinhardt@uni-heidelberg.de>
Gesendet: Dienstag, 17. September 2024 09:12
An: Claudia Meier <claudia.meier@uni-heidelberg.de>
Betreff: Bericht zum Ausfall vom 3. September

Liebe Frau Meier,
bitte besorgen Sie uns für das Direktorium eine kurze Zusammenfassung des Speicherausfalls vom 3. September.
Danke, K. Reinhardt
""", tags="request-outage", charset="iso-8859-1", cte="qp", fwd=True, style="outlook", date="2024-09-17 11:02:18 +0200")

M("de", "request", "-", "support", "Florian Wagner <florian.wagner@lrz.de>",
  "Frage zum Speicherkontingent",
  """
Hallo zusammen,

kurze Frage: Wie groß ist aktuell das Speicherkontingent unserer Gruppe (Projekt pn73xo) auf dem dCache, und wo kann ich selbst nachsehen, wie viel davon belegt ist? Ich möchte nur abschätzen, ob der neue Datensatz (ca. 5 TB) noch reinpasst, bevor ich mit dem Kopieren anfange.

Danke!
Florian
""", vague=True)

# --- French
M("fr", "request", "-", "support", "Isabelle Martin <isabelle.martin@obspm.fr>",
  "RE: Demande d'information",
  """
Bonjour,

merci pour votre réponse rapide. Pour préciser : nous souhaiterions savoir si le service EGI Notebooks peut être utilisé dans le cadre d'un cours de master (une trentaine d'étudiants, de janvier à mars). Faut-il une VO dédiée ? Les étudiants doivent-ils avoir un compte institutionnel eduGAIN, ou un compte social suffit-il ?

Merci par avance pour vos réponses.

Cordialement,
Isabelle Martin
Observatoire de Paris

Le 11/09/2024 à 16:03, EGI Service Desk a écrit :
> Bonjour,
>
> pourriez-vous préciser l'usage prévu (nombre d'utilisateurs, durée) ?
>
> Cordialement,
> EGI Service Desk
""", vague=True, fmt="alt", style="thunderbird", reply=True, date="2024-09-12 09:20:44 +0200")

M("fr", "request", "-", "support", "Nicolas Bernard <nicolas.bernard@ijclab.in2p3.fr>",
  "Message d'erreur dans la documentation FTS",
  """
Bonjour,

Ceci est une demande, pas un incident : le service fonctionne normalement. Dans la documentation utilisateur de FTS, l'exemple de soumission avec un token renvoie chez nous l'erreur « 401 Unauthorized: invalid audience ». Nous pensons que c'est simplement l'exemple qui n'est plus à jour.

Pourriez-vous nous indiquer la bonne valeur d'audience à utiliser, ou nous envoyer la version à jour de la documentation ?

Merci,
Nicolas Bernard
""", tags="says-request", charset="iso-8859-1", cte="qp")

M("fr", "request", "-", "support", "Amélie Rousseau <amelie.rousseau@univ-lyon1.fr>",
  "Demande de compte",
  """
Bonjour,

je suis doctorante au laboratoire LBBE et j'aurais besoin d'un compte sur l'interface utilisateur (UI) du Centre de Calcul pour lancer mes analyses phylogénétiques. Ma directrice de thèse, Mme Girard, est en copie.

Quelles sont les démarches à suivre ?

Bien cordialement,
Amélie Rousseau
""", cc="Hélène Girard <helene.girard@univ-lyon1.fr>")

# --- Italian
M("it", "request", "-", "support", "Luca Romano <luca.romano@unibo.it>",
  "Richiesta documentazione su CVMFS",
  """
Buongiorno,

il nostro gruppo vorrebbe distribuire il proprio software sui siti della VO tramite CVMFS. Esiste una guida su come richiedere un nuovo repository (ad es. software.ourgroup.egi.eu) e su chi lo gestisce lato EGI? Mi servirebbe anche sapere quali sono i limiti di dimensione consigliati.

Grazie mille,
Luca Romano
Università di Bologna
""")

M("it", "request", "-", "support", "Chiara Esposito <chiara.esposito@ct.infn.it>",
  "R: Informazioni",
  """
Salve,

vorrei sapere se è possibile ottenere un'allocazione di risorse cloud per un progetto di ricerca sulla vulcanologia (INGV + INFN Catania). Ci servirebbero circa 100 core e 10 TB di storage per 18 mesi. Come si presenta la richiesta e quali sono i tempi di risposta?

Cordiali saluti,
Chiara Esposito

________________________________
Da: Giuseppe Russo <giuseppe.russo@ingv.it>
Inviato: lunedì 16 settembre 2024 11:20
A: Chiara Esposito <chiara.esposito@ct.infn.it>
Oggetto: Informazioni

Chiara, puoi chiedere tu a EGI come funziona per avere risorse cloud per il progetto? Io non ho mai fatto richiesta.
Giuseppe
""", vague=True, fmt="html", style="outlook", reply=True, date="2024-09-16 14:02:09 +0200", cc="Giuseppe Russo <giuseppe.russo@ingv.it>", parent_domain="ingv.it", cte="b64", hq="b")

M("it", "request", "-", "support", "Giorgio Conti <giorgio.conti@roma1.infn.it>",
  "Domanda sui job falliti la settimana scorsa",
  """
Ciao,

non è urgente, è solo una domanda. La settimana scorsa una decina dei nostri job sono falliti con "Maximum wall time exceeded" sul sito INFN-ROMA1. Non è un problema del sito, credo semplicemente che i job fossero troppo lunghi.

Qual è il wall time massimo per la coda della VO virgo, e c'è una coda "long" che possiamo usare?

Grazie,
Giorgio
""", tags="says-not-urgent", charset="iso-8859-1", cte="8bit")

# --- Spanish
M("es", "request", "-", "support", "Lucía Gómez <lucia.gomez@bsc.es>",
  "Consulta",
  """
Hola,

estamos evaluando usar el servicio de Check-in para autenticar a los usuarios de nuestra plataforma web. ¿Qué pasos hay que seguir para registrar un nuevo servicio (client OIDC) y cuánto tarda normalmente la aprobación? ¿Hay algún entorno de pruebas?

Muchas gracias,
Lucía Gómez
Barcelona Supercomputing Center
""", vague=True, fmt="alt", style="gmail", cte="b64", hq="b")

M("es", "request", "-", "support", "Andrés Molina <andres.molina@ific.uv.es>",
  "Solicitud de acceso al UI de IFIC",
  """
Buenos días,

me he incorporado este mes al grupo de física de neutrinos del IFIC y necesitaría acceso al UI del Tier-2 para lanzar trabajos. Mi supervisor es el Dr. Herrero. ¿Qué documentación debo enviar y a quién?

Un saludo,
Andrés Molina
Instituto de Física Corpuscular (IFIC)
""", charset="iso-8859-1", cte="qp")

M("es", "request", "-", "support", "Carmen Navarro <carmen.navarro@ciemat.es>",
  "RV: token de acceso",
  """
Hola,

os reenvío el mensaje de un usuario de nuestro proyecto. Durante la caída del martes se le invalidó el token y ahora no puede acceder al repositorio. ¿Le podéis emitir uno nuevo? El servicio en sí ya funciona bien.

Gracias,
Carmen

-------- Mensaje reenviado --------
Asunto: token de acceso
Fecha: Thu, 12 Sep 2024 09:41:17 +0200
De: Raúl Iglesias <raul.iglesias@ciemat.es>
Para: Carmen Navarro <carmen.navarro@ciemat.es>

Carmen, después de la caída del martes mi token personal para el repositorio de datos ya no vale (me da "token revoked"). ¿Puedes pedir que me den uno nuevo?

Raúl
""", date="2024-09-12 11:15:08 +0200", fwd=True, tags="request-outage")

# --- Polish
M("pl", "request", "-", "support", "Tomasz Kamiński <tomasz.kaminski@uw.edu.pl>",
  "Pytanie",
  """
Dzień dobry,

chciałbym zapytać, czy w ramach EGI można uzyskać dostęp do klastra z GPU dla projektu z zakresu uczenia maszynowego w astrofizyce. Jakie są warunki i do kogo należy wysłać wniosek? Potrzebowalibyśmy ok. 2000 godzin GPU w ciągu pół roku.

Z poważaniem,
Tomasz Kamiński
Obserwatorium Astronomiczne UW
""", vague=True, charset="iso-8859-2", cte="qp")

M("pl", "request", "-", "support", "Agnieszka Lewandowska <a.lewandowska@psnc.pl>",
  "Prośba o dostęp do dokumentacji",
  """
Dzień dobry,

prosiłabym o przesłanie aktualnej dokumentacji dotyczącej konfiguracji klienta APEL dla ARC-CE (wersja dla AlmaLinux 9). Na stronie wiki znalazłam tylko starą wersję dla CentOS 7.

Pozdrawiam serdecznie,
Agnieszka Lewandowska
PCSS
""")

M("pl", "request", "-", "support", "Paweł Wójcik <pawel.wojcik@agh.edu.pl>",
  "komunikat o błędzie w portalu",
  """
Cześć,

to jest prośba, a nie zgłoszenie awarii. W portalu rozliczeń przy eksporcie do CSV pojawia się komunikat "Error: report too large, please narrow the time range". Rozumiem, że to ograniczenie, a nie błąd.

Czy możecie mi po prostu przesłać dane rozliczeniowe naszej VO za cały 2023 rok w jednym pliku CSV?

Dzięki,
Paweł Wójcik
""", tags="says-request", vague=True)

# --- Czech
M("cs", "request", "-", "support", "Lucie Horáková <lucie.horakova@muni.cz>",
  "Dotaz",
  """
Dobrý den,

chtěla bych se zeptat, jakým způsobem lze získat osobní certifikát pro přístup ke gridu. Jsem nová doktorandka na Přírodovědecké fakultě MU. Stačí mi certifikát od CESNET (přes eduID), nebo je potřeba jiný?

Děkuji za odpověď,
Lucie Horáková
""", vague=True, charset="iso-8859-2", cte="qp")

M("cs", "request", "-", "support", "Ondřej Černý <ondrej.cerny@vsb.cz>",
  "RE: Žádost o účet",
  """
Dobrý den,

prosím o informaci, jak si mohu zřídit účet v MetaCentru pro naši výzkumnou skupinu. Jsme z VŠB-TUO a potřebovali bychom spouštět simulace proudění, zhruba 5000 jádrohodin měsíčně.

S pozdravem
Ondřej Černý

________________________________
Od: Karel Zeman <karel.zeman@vsb.cz>
Odesláno: pondělí 23. září 2024 8:41
Komu: Ondřej Černý <ondrej.cerny@vsb.cz>
Předmět: Žádost o účet

Ondro, zeptej se prosím podpory, jak se dostaneme k výpočetnímu času v MetaCentru, ať můžeme začít s projektem.
K.
""", fmt="html", style="outlook", reply=True, date="2024-09-23 10:02:55 +0200", parent_domain="vsb.cz", cte="b64", hq="b")

M("cs", "request", "-", "support", "Jiří Kučera <jiri.kucera@cesnet.cz>",
  "Zpráva o výpadku z 5. září",
  """
Dobrý den,

po výpadku datového úložiště 5. září se nás ptají uživatelé, co se vlastně stalo. Mohli byste nám poslat stručnou zprávu o příčině a době trvání výpadku? Rádi bychom ji zveřejnili na našem webu pro uživatele.

Vše už funguje, jde jen o informaci.

Díky,
Jiří Kučera
""", tags="request-outage", charset="windows-1250", cte="qp")

# --- Dutch
M("nl", "request", "-", "support", "Maarten Bakker <maarten.bakker@uva.nl>",
  "FW: Vraag over opslag in dCache",
  """
Hallo,

wij willen ongeveer 40 TB aan radioastronomische data langdurig opslaan in dCache bij SURF. Kunnen jullie me vertellen welke opties er zijn (disk of tape), wat het kost en hoe we een aanvraag indienen?

Groet,
Maarten Bakker
Anton Pannekoek Instituut, UvA

________________________________
Van: Lotte Mulder <l.mulder@uva.nl>
Verzonden: dinsdag 24 september 2024 16:20
Aan: Maarten Bakker <maarten.bakker@uva.nl>
Onderwerp: Vraag over opslag in dCache

Maarten, kun jij bij SURF navragen hoe we de LOFAR-data (ca. 40 TB) het beste kunnen opslaan? Disk of tape, en wat kost dat?
Lotte
""", fwd=True, style="outlook", fmt="alt", date="2024-09-25 08:50:12 +0200", cte="b64", hq="b")

M("nl", "request", "-", "support", "Eva Visser <eva.visser@rug.nl>",
  "Verzoek",
  """
Beste,

ik ben projectleider van een nieuw project in de levenswetenschappen en we willen de EGI Notebooks dienst gebruiken. Hoe kunnen de projectleden (ongeveer 12 mensen) toegang krijgen? Moeten ze zich allemaal apart registreren?

Met vriendelijke groet,
Eva Visser
Rijksuniversiteit Groningen
""", vague=True)

# --- Portuguese
M("pt", "request", "-", "support", "Ricardo Almeida <ricardo.almeida@incd.pt>",
  "Pedido de informação sobre o serviço de Check-in",
  """
Bom dia,

gostaríamos de saber quais os atributos que o EGI Check-in liberta para os serviços registados (por exemplo eduPersonEntitlement, voPersonID) e se existe documentação sobre o mapeamento dos grupos das VOs. Estamos a integrar o nosso portal.

Obrigado,
Ricardo Almeida
INCD
""", fmt="alt", style="thunderbird")

M("pt", "request", "-", "support", "Sofia Rodrigues <sofia.rodrigues@fc.ul.pt>",
  "Re: Dúvida",
  """
Olá,

sou estudante de doutoramento e o meu orientador disse-me para usar a infraestrutura EGI para as minhas simulações. Não sei por onde começar: preciso de um certificado? De uma VO? Existe algum tutorial para principiantes?

Obrigada,
Sofia Rodrigues
Faculdade de Ciências da Universidade de Lisboa

No dia 12/09/2024, às 10:15, Nuno Carvalho <nuno.carvalho@fc.ul.pt> escreveu:
> Sofia, escreva para o suporte do EGI a explicar o que precisa, eles ajudam.
> Ponha-me em cópia.
> Nuno
""", vague=True, charset="iso-8859-1", cte="8bit", reply=True, date="2024-09-12 18:44:02 +0100", cc="Nuno Carvalho <nuno.carvalho@fc.ul.pt>", parent_domain="fc.ul.pt")

# ===========================================================================
# CHANGES — standard (catalogue: host certificate, VO members, quota, restart)
# ===========================================================================

M("en", "change", "standard", "support", "Gareth Hughes <gareth.hughes@stfc.ac.uk>",
  "Host certificate for srm-lhcb.gridpp.rl.ac.uk expires 14 October",
  """
Hi,

the host certificate of srm-lhcb.gridpp.rl.ac.uk expires on 14 October 2024. Please renew it (same DN and subject alt names as now: srm-lhcb.gridpp.rl.ac.uk, srm-lhcb-alias.gridpp.rl.ac.uk) and install it on the node when it is issued. The CSR is already in the usual place on the config server.

Cheers,
Gareth

--
Gareth Hughes
RAL Tier-1 Storage Team
""")

M("en", "change", "standard", "support", "Dr. Eleni Stavrou <eleni.stavrou@cyi.ac.cy>",
  "vo.eastmed.eu - new members",
  """
Dear support,

as VO manager of vo.eastmed.eu I would like to ask you to add the following five researchers to the VO with the default role (they have all accepted the AUP):

  Andreas Christou     a.christou@cyi.ac.cy
  Maria Georgiou       m.georgiou@ucy.ac.cy
  Omar Khalil          omar.khalil@aub.edu.lb
  Yasmin Haddad        y.haddad@sesame.org.jo
  Emre Yilmaz          emre.yilmaz@metu.edu.tr

Their certificate DNs are in the attached list of the VOMS admin request queue.

Thank you,
Eleni Stavrou
The Cyprus Institute
""")

M("en", "change", "standard", "support", "Michael O'Brien <michael.obrien@tcd.ie>",
  "RE: eo-flood quota",
  """
Dear EGI Cloud team,

our project eo-flood on the IN2P3-IRES cloud has a quota of 64 vCPUs and 256 GB RAM, which we reach every day now that the flood-mapping pipeline is in production.

Could you please raise the quota to 128 vCPUs and 512 GB RAM (storage can stay as it is)? The allocation approved in our resource request covers this amount.

Kind regards,
Michael O'Brien
Trinity College Dublin, School of Computer Science and Statistics

________________________________
From: IRES Cloud Support <cloud-support@iphc.cnrs.fr>
Sent: 12 September 2024 09:40
To: Michael O'Brien <michael.obrien@tcd.ie>
Subject: Re: eo-flood quota

Dear Michael,
quota changes for EGI projects go through the EGI service desk; please send them the request with the new values and we will apply it once it is registered.
Best regards,
SCIGNE cloud team
""", fmt="alt", style="outlook", reply=True, vague=True, date="2024-09-12 11:15:37 +0100", parent_domain="iphc.cnrs.fr")

M("en", "change", "standard", "support", "Sarah Whitfield <s.whitfield@lancaster.ac.uk>",
  "small favour",
  """
Hi both,

I've pushed the new ACL for the CVMFS/Frontier clients of the new WN rack (10.41.0.0/16) to the squid config on squid01.hec.lancs.ac.uk via Puppet, but frontier-squid needs a restart to pick it up and I no longer have sudo on that box.

Could one of you restart the frontier-squid service there when convenient? It's a quick one, the second squid takes the load meanwhile.

Thanks!
Sarah
""", vague=True)

M("de", "change", "standard", "support", "Uwe Schmidt <uwe.schmidt@scc.kit.edu>",
  "Hostzertifikat für arc-ce03.gridka.de ersetzen",
  """
Hallo Kollegen,

für arc-ce03.gridka.de muss das Hostzertifikat ersetzt werden: Der Rechner bekommt zusätzlich den Alias ce-belle.gridka.de, der als SAN mit ins Zertifikat soll. Das alte Zertifikat ist noch bis Januar gültig, kann nach dem Tausch aber zurückgezogen werden.

Bitte ein neues Zertifikat bei GÉANT TCS beantragen und auf dem Host einspielen.

Danke und Gruß
Uwe Schmidt
SCC, KIT
""", charset="iso-8859-1", cte="qp")

M("fr", "change", "standard", "support", "Pierre Lambert <pierre.lambert@cppm.in2p3.fr>",
  "Augmentation du quota pour la VO km3net.org",
  """
Bonjour,

l'espace disque alloué à la VO km3net.org sur le SE du CPPM (marsedpm.in2p3.fr) est presque plein (47,8 To utilisés sur 50 To). Avec la nouvelle campagne de simulation, nous aurions besoin de 30 To supplémentaires.

Pourriez-vous augmenter le quota de la VO à 80 To ? Le comité des ressources a déjà donné son accord.

Merci d'avance,
Pierre Lambert
Responsable calcul KM3NeT, CPPM
""", fmt="alt", style="thunderbird")

M("it", "change", "standard", "support", "Alessandra Greco <alessandra.greco@ge.infn.it>",
  "Nuovi utenti da inserire nella VO",
  """
Buongiorno,

in qualità di VO manager di vo.km3net-it.infn.it vi chiedo di aggiungere alla VO i seguenti utenti, che hanno già registrato il loro certificato:

- Davide Ferri (davide.ferri@ge.infn.it)
- Sara Colombo (sara.colombo@unige.it)
- Matteo Galli (matteo.galli@ge.infn.it)

Ruolo: utente standard, nessun gruppo aggiuntivo.

Grazie,
Alessandra Greco
INFN Genova
""")

M("es", "change", "standard", "support", "Diego Herrera <diego.herrera@cesga.es>",
  "apel.cesga.es",
  """
Hola,

hemos actualizado la configuración del cliente APEL (nuevo nombre de cola en el parser) en apel.cesga.es, pero el servicio necesita un reinicio para aplicarla. ¿Podéis reiniciar el servicio apelclient cuando os venga bien? No hay prisa, con que esté hecho antes del envío de registros del domingo es suficiente.

Gracias,
Diego Herrera
Centro de Supercomputación de Galicia
""", vague=True)

M("pl", "change", "standard", "support", "Krzysztof Mazur <krzysztof.mazur@cyfronet.pl>",
  "Zwiększenie limitu dla projektu w chmurze",
  """
Dzień dobry,

proszę o zwiększenie limitów (quota) dla projektu plgg-epos w chmurze Cyfronet:
- vCPU: z 48 do 96,
- RAM: z 192 GB do 384 GB,
- liczba instancji: z 10 do 20.

Przydział został zatwierdzony w ramach grantu obliczeniowego PLG/2024/017245.

Z góry dziękuję,
Krzysztof Mazur
""", charset="iso-8859-2", cte="qp")

M("cs", "change", "standard", "support", "Tomáš Procházka <tomas.prochazka@cesnet.cz>",
  "Prodloužení certifikátu",
  """
Ahoj,

certifikát hostitele pro se1.farm.particle.cz vyprší 2. listopadu. Můžete prosím zařídit jeho obnovení (stejné DN, stejné alternativní názvy) a nasadit ho na stroj? CSR je připravený v adresáři /root/certs/2024.

Díky,
Tomáš
""", vague=True, charset="iso-8859-2", cte="8bit")

# ===========================================================================
# CHANGES — normal
# ===========================================================================

M("en", "change", "normal", "support", "Paul Osei <p.osei@qmul.ac.uk>",
  "Re: Apptainer 1.3 on the worker nodes",
  """
Hello,

the LIGO and LSST VOs ask for Apptainer >= 1.3 (they need the new --oci mode). Our WNs at UKI-LT2-QMUL still run 1.1.9 from EPEL.

Please install apptainer 1.3.4 on all worker nodes (cluster "lt2-wn", ~300 nodes) and keep the existing configuration (allow setuid = no, user namespaces enabled). We can roll it out gradually, one rack at a time.

Thanks,
Paul Osei
Queen Mary University of London

On 11/09/2024 17:02, LIGO Computing wrote:
> Dear UKI-LT2-QMUL admins,
> from 1 October our production workflows will require Apptainer 1.3 or
> newer on the worker nodes. Please let us know when you can upgrade.
""", reply=True, date="2024-09-12 09:02:11 +0100", parent_domain="ligo.org")

M("en", "change", "normal", "support", "Heidi Korhonen <heidi.korhonen@csc.fi>",
  "Firewall: open 9619/tcp on ce.fgi.csc.fi",
  """
Hi,

we are adding a new submission host for the vo.nordugrid.org users (submit01.nordugrid.org, 192.0.2.201) and it needs to reach the HTCondor-CE.

Please open TCP port 9619 on the firewall in front of ce.fgi.csc.fi for traffic from 192.0.2.201/32. No other ports are needed.

Best regards,
Heidi Korhonen
CSC - IT Center for Science
""")

M("en", "change", "normal", "support", "Bartosz Kubiak <bartosz.kubiak@eosc-synergy.eu>",
  "our Check-in client",
  """
Hello,

we are moving the production instance of our portal from portal-old.eosc-synergy.eu to portal.eosc-synergy.eu. Could you please add the redirect URI

  https://portal.eosc-synergy.eu/oidc/callback

to our OIDC client (client id 6f1d3a22-synergy-portal) in Check-in, and also enable the refresh_token grant for it? The old redirect URI can stay for one more month.

Thanks,
Bartosz
""", vague=True, fmt="alt", style="gmail")

M("en", "change", "normal", "support", "Jens Albrecht <jens.albrecht@desy.de>",
  "Change request: upgrade dCache on dcache-se-doma.desy.de to 9.2",
  """
Hello,

we would like to upgrade the dCache instance dcache-se-doma.desy.de from 8.2.40 to 9.2.25 (golden release). The upgrade includes the schema migration of the Chimera database and requires all doors and pools to be stopped.

We plan to do it during a downtime on Tuesday 15 October, 08:00-14:00 UTC, which we will declare in GOCDB once the change is approved. Rollback: restore the DB snapshot and reinstall 8.2.40.

Please review and approve.

Best regards,
Jens Albrecht
DESY IT, Grid Storage
""", tags="change-downtime")

M("en", "change", "normal", "support", "Sven Eriksson <sven.eriksson@nsc.liu.se>",
  "vo.neutron-env.eu at NSC",
  """
Dear operations,

the NSC-LIU site has agreed to support the new VO vo.neutron-env.eu (see the MoU from last week). Please configure the site for it:

- install the .lsc files for voms.neutron-env.eu on the CE and WNs,
- create the pool accounts (50 normal, 5 sgm),
- add the VO to the ARC-CE authorisation groups and to the site BDII,
- set a fair share of 5%.

Thanks,
Sven
""", vague=True)

M("en", "change", "normal", "support", "Dr. Ioana Radu <ioana.radu@egi.eu>",
  "ARGO: add eu.egi.storage.accounting to the ARGO_MON_CRITICAL profile",
  """
Dear ARGO team,

following the decision of the Operations Management Board of 19 September, please add the service type eu.egi.storage.accounting (with metric eu.egi.storage.accounting.Publishing) to the ARGO_MON_CRITICAL profile, effective from 1 November 2024, so that storage accounting publishing counts in the A/R figures from the November report on.

The minutes of the OMB are on Indico.

Best regards,
Ioana Radu
EGI Foundation, Operations
""", fmt="alt", style="outlook")

M("en", "change", "normal", "support", "Owen Pritchard <owen.pritchard@stfc.ac.uk>",
  "Re: APEL server 2.1 release",
  """
Hi,

following up on the thread below: the 2.1.0 packages are now in the production repository. We'd like to deploy them on the central APEL repository server (apel-repo.egi.eu) next week.

The database migration will make the message receiver unavailable for about two hours, so we'd schedule a downtime for Wednesday 23 October 09:00-11:00 UTC and announce it two days before. Sites don't have to do anything; their clients will just retry.

Could you raise this as a change for the operations board?

Thanks,
Owen

On 02/10/2024 11:07, Harriet Lowe wrote:
> The release notes for 2.1.0 are on GitHub. The main change is the new
> summarisation for GPU records.
""", date="2024-10-03 14:10:02 +0100", reply=True, tags="change-downtime", vague=True)

# --- German
M("de", "change", "normal", "support", "Dr. Rainer Wolf <rainer.wolf@mpcdf.mpg.de>",
  "Neue Queue für lange Jobs",
  """
Hallo,

für die VO belle bräuchten wir auf unserem HTCondor-CE (ce01.mpcdf.mpg.de) eine zusätzliche Queue "long" mit einer maximalen Walltime von 96 Stunden, begrenzt auf höchstens 200 gleichzeitig laufende Jobs. Die bestehende Default-Queue (48h) soll unverändert bleiben.

Könnt ihr das einrichten und im BDII publizieren?

Viele Grüße
Rainer Wolf
Max Planck Computing and Data Facility
""", vague=True, charset="iso-8859-1", cte="8bit")

M("de", "change", "normal", "support", "Sebastian Koch <sebastian.koch@rwth-aachen.de>",
  "WG: Umzug des Site-BDII auf neue Hardware",
  """
Hallo Service Desk,

wie unten mit unserem Team besprochen, möchten wir den Site-BDII von RWTH-Aachen auf neue Hardware umziehen (neuer Host bdii02.physik.rwth-aachen.de, AlmaLinux 9). Der DNS-Alias site-bdii.physik.rwth-aachen.de soll danach auf den neuen Host zeigen, und der Eintrag in GOCDB muss angepasst werden.

Für die Umstellung würden wir am 22. Oktober eine kurze Downtime (ca. 1 Stunde) eintragen. Bitte den Change prüfen und freigeben.

Gruß
Sebastian

-----Ursprüngliche Nachricht-----
Von: Julia Becker <julia.becker@rwth-aachen.de>
Gesendet: Montag, 30. September 2024 15:12
An: Sebastian Koch <sebastian.koch@rwth-aachen.de>
Betreff: Umzug des Site-BDII auf neue Hardware

Hi Sebastian,
die neue Maschine ist fertig installiert, BDII-Pakete sind drauf. Von mir aus können wir umziehen, sobald der Change durch ist.
Julia
""", date="2024-10-01 10:31:47 +0200", fwd=True, tags="change-downtime", fmt="alt", style="outlook")

# --- French
M("fr", "change", "normal", "support", "Julien Moreau <julien.moreau@lapp.in2p3.fr>",
  "Activation de WebDAV sur le SE du LAPP",
  """
Bonjour,

nous souhaitons activer l'accès WebDAV (davs, port 443) sur le SE lapp-se01.in2p3.fr, en plus de SRM et xrootd, pour permettre les transferts HTTP-TPC demandés par ATLAS. Il faudra également ajouter l'endpoint correspondant dans GOCDB et dans la configuration du site.

Pouvez-vous prendre en charge cette modification ?

Cordialement,
Julien Moreau
LAPP Annecy
""", charset="iso-8859-1", cte="qp")

# --- Italian
M("it", "change", "normal", "support", "Stefano Lombardi <stefano.lombardi@lnl.infn.it>",
  "configurazione nuovo repository CVMFS",
  """
Ciao,

la VO di JUNO ha pubblicato un nuovo repository CVMFS (juno-nightlies.ihep.ac.cn). Vi chiedo di aggiungerlo alla configurazione dei worker node di INFN-LNL-2 (CVMFS_REPOSITORIES e chiave pubblica in /etc/cvmfs/keys/ihep.ac.cn/). Le nightly servono per i job di validazione a partire dalla prossima settimana.

Grazie,
Stefano
""")

# --- Spanish
M("es", "change", "normal", "support", "Elena Castro <elena.castro@ifca.unican.es>",
  "Habilitar flavor con GPU para el proyecto deep-hybrid",
  """
Hola,

para el proyecto deep-hybrid de la nube de IFCA necesitaríamos que se habilite el acceso al flavor "g1.large" (1 x NVIDIA V100, 8 vCPU, 32 GB RAM), que ahora mismo es privado. Además habría que asignar la imagen de Ubuntu 22.04 con drivers CUDA al proyecto.

¿Podéis hacer el cambio en la configuración de OpenStack?

Gracias,
Elena Castro
Instituto de Física de Cantabria
""", fmt="html", style="outlook", cte="b64", hq="b")

# --- Polish
M("pl", "change", "normal", "support", "Marek Dąbrowski <marek.dabrowski@icm.edu.pl>",
  "Aktualizacja UI do AlmaLinux 9",
  """
Dzień dobry,

zgłaszam wniosek o zmianę: chcielibyśmy przeinstalować maszynę ui.icm.edu.pl z CentOS 7 (koniec wsparcia) na AlmaLinux 9 wraz z najnowszym middleware (UMD 5, voms-clients, gfal2, HTCondor 23).

Planujemy to zrobić w trakcie przerwy technicznej 29 października w godz. 9:00-15:00, którą zgłosimy w GOCDB po akceptacji zmiany. Użytkownicy zostaną poinformowani tydzień wcześniej.

Proszę o akceptację.

Pozdrawiam,
Marek Dąbrowski
ICM UW
""", tags="change-downtime", charset="iso-8859-2", cte="qp")

# --- Czech
M("cs", "change", "normal", "support", "Radek Veselý <radek.vesely@fzu.cz>",
  "Povolení protokolu xroot na SE",
  """
Dobrý den,

ALICE nás požádala o zpřístupnění dat i přes protokol xroot. Prosím o povolení xrootd door na dcache-se.farm.particle.cz (port 1094), včetně otevření portu ve firewallu a doplnění endpointu do GOCDB.

Děkuji,
Radek Veselý
Fyzikální ústav AV ČR
""")

# ===========================================================================
# CHANGES — emergency
# ===========================================================================

M("en", "change", "emergency", "support", "Neil Cartwright <n.cartwright@imperial.ac.uk>",
  "Emergency change: patch CVE-2024-6387 on all UIs tonight",
  """
Hi,

emergency change request. We must patch CVE-2024-6387 (regreSSHion, remote code execution in OpenSSH sshd) on all user interfaces tonight: ui01-ui04.grid.hep.ph.ic.ac.uk are reachable from the internet on port 22.

Plan: install the fixed openssh packages from the vendor (9.8p1-backport), restart sshd at 22:00 BST, verify logins. Until then LoginGraceTime=0 is set as mitigation. Impact: active SSH sessions will be dropped once.

Please register this as an emergency change; we will do the post-review next week.

Neil
""", tags="cve-emergency says-emergency", date="2024-07-02 15:42:10 +0100")

M("en", "change", "emergency", "support", "Matteo Ricci <matteo.ricci@egi.eu>",
  "URGENT: kernel update on WNs for CVE-2024-1086 today",
  """
Dear site admins team,

following the EGI SVG advisory on CVE-2024-1086 (nf_tables use-after-free, local privilege escalation, actively exploited), we need to update the kernel on all worker nodes of the central test cluster today, not in the next regular maintenance.

Steps: drain the nodes in batches of 20, install kernel-5.14.0-427.28.1, reboot, re-enable. Expected reduced capacity for ~6 hours. Rollback: boot previous kernel (not advised).

Please treat it as an urgent change and start as soon as possible.

Matteo
""", tags="cve-emergency", date="2024-06-06 10:05:33 +0200")

M("en", "change", "emergency", "support", "Sara Lindholm <sara.lindholm@egi.eu>",
  "Switch aai.egi.eu to the standby site now",
  """
Hi all,

this is an emergency change request. The primary data centre hosting the Check-in proxy has lost cooling and the provider will power down the racks within the next hour. If we do nothing, Check-in, and with it login to most EGI services, will be down for the rest of the day.

Please switch the DNS record of aai.egi.eu (TTL is already 60 s) to the standby deployment in Amsterdam and enable the read-only mode for the registry immediately. I approve it on behalf of the service owner; we'll do the review afterwards.

Sara
""", tags="says-emergency", fmt="alt", style="thunderbird")

M("en", "change", "emergency", "support", "Dimitris Alexiou <dalexiou@admin.grnet.gr>",
  "Re: new ARGO profile deployed",
  """
Hi,

the new ARGO profile that was deployed an hour ago marks every site using the ARC REST interface as CRITICAL (wrong metric name in the profile). If it stays like this until midnight, the daily A/R computation for 40+ sites will be wrong and we will have to recompute the whole month.

Emergency change: please roll back the ARGO_MON_CRITICAL profile to the previous version (v2024-09-01) right now. We will fix the metric name and go through the normal change process afterwards.

Dimitris

On 24/09/2024 14:05, ARGO Team wrote:
> Dear all,
> the updated ARGO_MON_CRITICAL profile (v2024-09-24) has been deployed to
> production. Please report any problems to the ARGO team.
""", tags="says-emergency", vague=True, reply=True, date="2024-09-24 15:20:10 +0300", parent_domain="argo.grnet.gr")

# --- German
M("de", "change", "emergency", "support", "Bernd Hoffmann <bernd.hoffmann@scc.kit.edu>",
  "Notfall-Change: xz-utils (CVE-2024-3094) auf allen UIs sofort zurücksetzen",
  """
Hallo zusammen,

wegen der Backdoor in xz 5.6.0/5.6.1 (CVE-2024-3094) müssen wir heute noch auf allen UIs (ui01-ui06.gridka.de), die das Fedora-Testpaket aus dem Entwicklungs-Repo haben, xz-utils auf 5.4.6 zurücksetzen und sshd neu starten. Das kann nicht bis zum nächsten Wartungsfenster warten.

Bitte als Emergency Change erfassen, die Nachbetrachtung machen wir nächste Woche im Team-Meeting.

Gruß
Bernd
""", tags="cve-emergency says-emergency", date="2024-03-30 09:14:05 +0100",
  charset="iso-8859-1", cte="qp")

# --- French
M("fr", "change", "emergency", "support", "Laurent Mercier <laurent.mercier@cea.fr>",
  "Changement urgent : désactivation de cups-browsed (CVE-2024-47176)",
  """
Bonjour,

suite à la publication de CVE-2024-47176 (exécution de code à distance via cups-browsed, port UDP 631), nous devons désactiver et masquer le service cups-browsed sur tous les worker nodes et UI de GRIF-IRFU aujourd'hui même, et bloquer le port 631/udp en entrée sur le pare-feu du site.

Il s'agit d'un changement d'urgence : nous l'appliquons cet après-midi et vous enverrons le compte-rendu pour la revue a posteriori.

Cordialement,
Laurent Mercier
CEA/IRFU
""", tags="cve-emergency", date="2024-09-27 11:20:44 +0200")

# --- Italian
M("it", "change", "emergency", "support", "Riccardo Fontana <riccardo.fontana@cnaf.infn.it>",
  "Rollback urgente di StoRM",
  """
Ciao a tutti,

la nuova versione di StoRM WebDAV (1.4.2) installata ieri sera su storm-fe-archive corrompe i metadati dei file scritti via HTTP (checksum ADLER32 non salvati nell'xattr). Ogni ora che passa si accumulano file non verificabili.

Chiedo un change di emergenza: rollback immediato alla versione 1.4.1 su tutti i frontend e blocco delle scritture fino a rollback completato. Faremo la revisione dopo.

Riccardo
""", tags="says-emergency", fmt="alt", style="thunderbird")

# --- Spanish
M("es", "change", "emergency", "support", "Carlos Fernández <carlos.fernandez@cesga.es>",
  "Parche urgente glibc (CVE-2023-4911) en los nodos de login",
  """
Hola,

necesitamos aplicar hoy mismo el parche de glibc para CVE-2023-4911 ("Looney Tunables", escalada local a root) en los cuatro nodos de login del FinisTerrae III, a los que acceden usuarios de fuera del centro.

Plan: instalar glibc-2.28-225.el8_8.6, reiniciar los nodos de uno en uno (cortes de ~5 min cada uno) y comprobar las sesiones. No podemos esperar a la ventana de mantenimiento del mes que viene.

Por favor, registradlo como cambio de emergencia.

Carlos
""", tags="cve-emergency", date="2023-10-04 08:37:12 +0200", charset="iso-8859-1", cte="8bit")

# --- Polish
M("pl", "change", "emergency", "support", "Grzegorz Kurek <grzegorz.kurek@cyfronet.pl>",
  "Pilna zmiana: jądro na WN-ach (CVE-2024-1086)",
  """
Cześć,

w związku z CVE-2024-1086 (eskalacja uprawnień przez nf_tables, exploit jest publicznie dostępny) musimy jeszcze dziś zaktualizować jądro na wszystkich węzłach obliczeniowych CYFRONET-LCG2 i zrestartować je partiami. Nie czekamy na okno serwisowe.

Proszę o zarejestrowanie tego jako zmiany awaryjnej (emergency change). Przegląd po wdrożeniu zrobimy w przyszłym tygodniu.

Grzegorz
""", tags="cve-emergency says-emergency", date="2024-06-05 13:02:40 +0200")

# --- Czech
M("cs", "change", "emergency", "support", "Václav Říha <vaclav.riha@cesnet.cz>",
  "Okamžité přepnutí aliasu",
  """
Dobrý den,

jde o nouzovou změnu (emergency change): na primárním serveru perunu.cesnet.cz selhávají disky v RAID poli a hrozí ztráta dat. Prosím o okamžité přepnutí DNS aliasu perun.cesnet.cz na záložní server perun-backup.cesnet.cz a zastavení zápisů na primár.

Schválení provedeme dodatečně, teď je důležité zabránit ztrátě dat.

Václav Říha
""", tags="says-emergency", vague=True, charset="iso-8859-2", cte="qp")

# ===========================================================================
# PROBLEMS
# ===========================================================================

M("en", "problem", "-", "support", "Tom Ashworth <t.ashworth@lancaster.ac.uk>",
  "SRM timeouts on fal-pygrid-30 - third time this month",
  """
Hi,

we have had the SRM on fal-pygrid-30.lancs.ac.uk time out again last night (tickets #2188, #2240 and now this one). Each time a restart of the SRM door fixes it for a week or so, so the incidents themselves are closed, but clearly something underneath is wrong: the door's thread pool fills up and never drains.

Could you open a problem record for this and get the dCache experts to help with a root cause analysis? We can provide thread dumps and the billing logs for all three occurrences.

Thanks,
Tom
""")

M("en", "problem", "-", "support", "Pieter Verbeek <pieter.verbeek@cern.ch>",
  "Fwd: ARC-CE down again",
  """
Dear all,

for the fifth weekend in a row the ARC-CE at SiGNET stopped accepting jobs on Saturday night (a-rex hangs, the job submission times out) and was restarted by the on-call admin on Sunday. Every occurrence was handled as a separate incident.

Please look into the underlying cause instead of restarting it every time. The weekly pattern suggests something scheduled (log rotation? the weekly accounting re-publication? a backup job?). A proper RCA would help the other ARC sites too.

Best regards,
Pieter

-------- Forwarded Message --------
Subject: ARC-CE down again
Date: Sun, 15 Sep 2024 09:41:02 +0200
From: Mojca Zupan <mojca.zupan@ijs.si>
To: wlcg-ops@cern.ch

Hi, arc01.ijs.si got stuck again this night, I restarted a-rex at 09:30. Same as the previous weekends.
Mojca
""", fwd=True, vague=True, date="2024-09-16 10:20:33 +0200")

M("en", "problem", "-", "support", "Nikolaos Vlachos <nvlachos@grnet.gr>",
  "Check-in login failures keep happening for users of one IdP",
  """
Hi team,

users from the University of Vienna IdP keep failing to log in to Check-in: it happened on 27 August, 3 September, 9 September and again today, each time for a few hours and each time it "fixed itself" before anyone found the reason. We have four closed incident tickets with the same symptom (SAML Responder error after the IdP redirect).

I think we need a problem investigation here: correlate with the eduGAIN metadata refreshes and with the IdP's certificate rollover, and find out what is really going on before it happens again.

Nikolaos
""")

M("en", "problem", "-", "support", "Ana Lopes <ana.lopes@lip.pt>",
  "Re: [Ticket #2403] Transfers to NCG-INGRID-PT failing",
  """
Hello,

thanks, transfers work again. But this is the fourth ticket for exactly the same failure since July (#1977, #2105, #2290 and this one), always fixed by restarting the gridftp/webdav doors on the storage.

Could you please treat this as a problem rather than another incident, and investigate why the doors get stuck in the first place? Happy to join a call with the storage team.

Ana

On 16/09/2024 10:02, EGI Service Desk wrote:
> Dear Ana,
>
> the site restarted the WebDAV doors on se01.ncg.ingrid.pt and the transfers
> should succeed again. We will close this ticket in 3 days if we don't hear back.
""", reply=True, vague=True, date="2024-09-18 09:47:21 +0100")

M("en", "problem", "-", "support", "Dr. Ágnes Kertész <agnes.kertesz@egi.eu>",
  "Repeated gaps in APEL accounting publication",
  """
Dear Operations team,

For the third month in a row several sites show gaps in their accounting data in the portal (June: 7 sites, July: 11 sites, August: 9 sites). Each time the sites re-published and the data appeared, but we lose time every month and the monthly reports to the EC are delayed.

I would like a post-mortem investigation of these repeated failures: is it the message broker, the loader on the repository, or something on the client side? Please open a problem ticket and report the findings at the next OMB.

Best regards,
Ágnes Kertész
EGI Foundation
""", fmt="html", style="outlook")

M("en", "problem", "-", "support", "Rory Mackay <rory.mackay@ed.ac.uk>",
  "again",
  """
Hi,

the CVMFS cache on the ECDF worker nodes filled up again yesterday and took ~60 jobs down with "No space left on device" before the cleanup kicked in. That's the fifth time since the start of August.

We keep fixing the symptom (wiping the cache by hand). Can someone look at why the cache limit is not respected on these nodes (quota 40 GB, the partition is 50 GB) and what the proper fix is? I'd rather have a root cause than a sixth ticket.

Rory
""", vague=True)

M("en", "problem", "-", "support", "Lisa Müller <lisa.mueller@psi.ch>",
  "ARGO false CRITICALs keep coming back for CSCS-LCG2",
  """
Hello ARGO team,

the org.sam.CONDOR-JobState metric flips to CRITICAL for CSCS-LCG2 almost every night between 02:00 and 03:00 UTC, and it is always "Job status unknown after 3600 s", while our own monitoring shows the CE working normally. This has happened on 14 nights in September and costs us several percent of availability.

We'd like an investigation of the underlying cause (probe timeout? message broker delays?) rather than more individual tickets. What information can we provide?

Lisa
""", fmt="alt", style="thunderbird")

M("en", "problem", "-", "support", "Ivan Kovač <ivan.kovac@srce.hr>",
  "Availability drops at several NGI_HR sites",
  """
Dear colleagues,

over the last six weeks all four NGI_HR sites have had repeated short availability drops, always at the same moments and always with "BDII query failed" in the ARGO results. The individual incidents were closed as "transient", but the pattern is clearly not a coincidence: everything points to the top BDII our sites use (topbdii.cro-ngi.hr) or the network path to it.

Could you open a problem record and coordinate the investigation between the top-BDII admins and the network team? I can share the list of affected timestamps.

Regards,
Ivan Kovač
SRCE, NGI_HR operations
""", vague=True)

# --- German
M("de", "problem", "-", "support", "Dieter Brandl <dieter.brandl@kit.edu>",
  "Wiederkehrende Transferabbrüche zwischen GridKa und DESY",
  """
Hallo,

seit Mitte August brechen Transfers zwischen GridKa und DESY-HH immer wieder ein, jeweils für einige Stunden (bisher sechs Mal, Tickets #2101, #2133, #2178 ...). Jedes Mal wird das Ticket geschlossen, sobald die Transfers wieder laufen, aber niemand weiß, warum es passiert.

Wir bitten darum, ein Problem-Ticket zu eröffnen und eine Ursachenanalyse durchzuführen (Netzwerk? FTS-Konfiguration? Speicher auf einer der Seiten?).

Viele Grüße
Dieter Brandl
""", charset="iso-8859-1", cte="qp")

# --- French
M("fr", "problem", "-", "support", "Nathalie Roux <nathalie.roux@clermont.in2p3.fr>",
  "Problème récurrent sur les WN de IN2P3-LPC",
  """
Bonjour,

depuis début août, des worker nodes de IN2P3-LPC se retrouvent régulièrement en état "black hole" : ils acceptent des jobs qui échouent tous en quelques secondes. Nous avons eu huit incidents de ce type, résolus à chaque fois en retirant le nœud de la production.

Nous aimerions qu'une analyse de la cause racine soit menée (ouverture d'un ticket de type problème) pour comprendre pourquoi ces nœuds dérivent. Nous pouvons fournir les logs de tous les épisodes.

Cordialement,
Nathalie Roux
""", vague=True, fmt="alt", style="thunderbird")

# --- Italian
M("it", "problem", "-", "support", "Andrea Gallo <andrea.gallo@cnaf.infn.it>",
  "R: Problema ricorrente con il top BDII",
  """
Ciao,

il top BDII di INFN (top-bdii.cr.cnaf.infn.it) si blocca a intervalli irregolari, ma sempre più spesso: 4 volte in agosto, 6 volte a settembre. Ogni volta un riavvio di slapd risolve, ma non abbiamo capito il perché.

Vorrei aprire un problem record e fare un'analisi della causa, magari con l'aiuto degli sviluppatori. Abbiamo i core dump di due episodi.

Andrea

Il 20/09/2024 08:12, Simone Bruno ha scritto:
> Andrea, il top BDII si è piantato di nuovo stanotte, l'ho riavviato alle 7:50.
> Simone
""", reply=True, date="2024-09-20 09:03:29 +0200", parent_domain="cnaf.infn.it")

# --- Spanish
M("es", "problem", "-", "support", "Jordi Puig <jordi.puig@pic.es>",
  "Fallos que se repiten en el tape de PIC",
  """
Hola,

en las últimas cinco semanas hemos tenido siete episodios en los que las recalls de cinta se quedan colgadas durante horas. En cada caso reiniciamos Enstore/dCache y se resuelve, pero vuelve a pasar a los pocos días.

Solicitamos abrir un registro de problema y hacer un análisis de causa raíz junto con los expertos de dCache, porque ya está afectando a los reprocesados de CMS.

Saludos,
Jordi Puig
""", vague=True)

# --- Polish
M("pl", "problem", "-", "support", "Agata Nowicka <agata.nowicka@psnc.pl>",
  "Powtarzające się awarie bramy Check-in dla PIONIER.Id",
  """
Dzień dobry,

już po raz trzeci w tym miesiącu logowanie przez PIONIER.Id do usług EGI przestaje działać na kilka godzin. Za każdym razem zgłaszamy incydent, problem "sam znika" i ticket jest zamykany.

Prosimy o przeanalizowanie przyczyny źródłowej tych powtarzających się awarii (problem record), zanim stanie się to w trakcie szkolenia dla użytkowników w przyszłym miesiącu.

Z poważaniem,
Agata Nowicka
PCSS
""", charset="iso-8859-2", cte="qp")

# --- Czech
M("cs", "problem", "-", "support", "Vojtěch Malý <vojtech.maly@fzu.cz>",
  "Opakované výpadky",
  """
Dobrý den,

na praguelcg2 se nám opakovaně (už počtvrté od srpna) stává, že NFS server s domovskými adresáři VO přestane odpovídat a všechny úlohy padají. Pokaždé to vyřešíme restartem, ale příčinu neznáme.

Prosím o otevření problémového tiketu a analýzu příčiny ve spolupráci se síťovým týmem CESNET.

S pozdravem
Vojtěch Malý
""", vague=True)

# ===========================================================================
# SECURITY
# ===========================================================================

M("en", "security", "-", "support", "Alan McAllister <alan.mcallister@glasgow.ac.uk>",
  "weird stuff on ui02",
  """
Hi,

something is very wrong on ui02.gla.scotgrid.ac.uk. the sshd log shows a root login at 03:12 this morning from 203.0.113.77, which geolocates to a country none of us has been to, and there is a process called "kswapd0" (not the kernel thread, it runs from /tmp/.X25-unix/.rsync/) using all 32 cores. It connects to pool.supportxmr.com:443, so it's mining coins.

We have NOT rebooted it. I've taken it off the network at the switch and kept a memory dump. What do you need from us next? Users with accounts on that box probably had their ssh keys and proxies on it.

Alan
""", tags="compromise-no-word", vague=True)

M("en", "security", "-", "support", "Daniel Okafor <daniel.okafor@brunel.ac.uk>",
  "unknown key in authorized_keys",
  """
Hello,

while cleaning up accounts on our CE (dc2-grid-66.brunel.ac.uk) I found an ssh public key in /root/.ssh/authorized_keys that nobody in the team recognises:

  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMq0... admin@localhost

The file's mtime is 2 September 04:51, a time when none of us was working. The same key is also in the authorized_keys of the gridadmin account on two worker nodes. I have not removed it yet so that you can look at it as it is.

Please advise how to proceed.

Daniel Okafor
Brunel University London
""", tags="compromise-no-word", date="2024-09-04 14:26:03 +0100")

M("en", "security", "-", "support", "Kim Andersen <kim.andersen@deic.dk>",
  "Abuse complaint about one of our cloud VMs",
  """
Hi,

our NOC received an abuse report from the upstream provider: the floating IP 192.0.2.160 (a VM in the tenant "genomics-ws" on our OpenStack) has been scanning port 22 and 3389 on thousands of external addresses since last night. The tenant owner says the VM should only be running a Galaxy instance and she did not start anything like that.

I've shut off the floating IP but kept the VM running (suspended) for analysis. The image was an old Ubuntu 18.04 with password login enabled. Who should take this over?

Kim Andersen
DeiC
""", tags="compromise-no-word", fmt="alt", style="outlook")

M("en", "security", "-", "support", "Helga Nilsen <helga.nilsen@uio.no>",
  "logins I didn't make",
  """
Hello,

I just looked at the "Linked identities / login history" page of my EGI Check-in account and there are four logins from São Paulo during the night (I am in Oslo and was asleep). The contact e-mail of the account has also been changed to some gmail address I don't know, and I got no notification.

I can still log in with my university account. What should I do? I am a member of two VOs and have access to the cloud project of our group.

Helga Nilsen
University of Oslo
""", tags="compromise-no-word", vague=True)

M("en", "security", "-", "support", "Lorenzo Bassi <lorenzo.bassi@egi.eu>",
  "Phishing mail pretending to be EGI Check-in",
  """
Dear all,

several users of our community received an e-mail this morning, apparently from "EGI Check-in <no-reply@egi-checkin.com>", asking them to "re-validate their account before 30 September". The link leads to a fake Check-in login page at https://aai-egi.eu-login.com/ which looks exactly like ours.

At least three users have entered their institutional credentials there before we noticed. The original mail with full headers is below.

Please take action (takedown, notification of affected IdPs) and tell us what else to communicate to users.

Lorenzo

--- original message headers ---
Return-Path: <bounce@egi-checkin.com>
Received: from mail.egi-checkin.com (unknown [198.51.100.23])
From: EGI Check-in <no-reply@egi-checkin.com>
Subject: Action required: re-validate your EGI account
""")

M("en", "security", "-", "support", "Kevin Park <kevin.park@kisti.re.kr>",
  "I accidentally published our robot certificate key",
  """
Hi,

I made a bad mistake: this morning I pushed a commit to a public GitHub repository (github.com/kisti-bio/pipeline-tools) that contained the robot certificate of our science gateway, including the private key (usercert.pem/userkey.pem) and the password in a config file. The repo was public for about 2 hours before I noticed and deleted it.

The certificate DN is /C=KR/O=KISTI/OU=GRID/CN=Robot - bio-gateway.kisti.re.kr. It is registered in the VOs biomed and vo.bio-kr.org.

I assume it needs to be revoked. What else do I have to do?

Kevin Park
KISTI
""", tags="compromise-no-word")

M("en", "security", "-", "support", "Jakub Novotny <jakub.novotny@student.cvut.cz>",
  "Vulnerability report: authentication bypass in the operations portal",
  """
Hello,

I'm a researcher at CTU and I'd like to report a vulnerability responsibly. On the operations portal (operations-portal.egi.eu), the API endpoint /api/v1/vo/{name}/members returns the full member list (names, e-mails, DNs) when called with an expired session cookie; the session validation seems to be skipped for that route.

Steps to reproduce and a proof-of-concept script are ready; I have not shared this with anyone else. Please let me know whom I can send the details to in a confidential way, and whether you have a disclosure policy.

Best regards,
Jakub Novotný
""", fmt="alt", style="gmail")

M("en", "security", "-", "notifications", "EGI CSIRT <csirt@egi.eu>",
  "[EGI-SVG-2024-17] CRITICAL risk: remote code execution in OpenSSH (regreSSHion)",
  """
** EGI SVG 'ADVISORY' [TLP:CLEAR] **

Title:       EGI SVG 'ADVISORY' [TLP:CLEAR] CRITICAL risk - OpenSSH remote code
             execution (CVE-2024-6387) [EGI-SVG-2024-17]
Date:        2024-07-01
Updated:

Affected software and risk
--------------------------
CRITICAL risk vulnerability concerning OpenSSH server (sshd) versions 8.5p1 to 9.7p1 on glibc-based Linux systems.

Actions required/recommended
----------------------------
Sites are required to update OpenSSH on all affected hosts reachable from the internet as soon as possible, and in any case within 7 days. Where this is not possible, set LoginGraceTime 0 in sshd_config as a temporary mitigation. Sites that have not taken action by 2024-07-08 00:00 UTC may be suspended.

Component installation information
----------------------------------
See the vendor advisories (RHEL: RHSA-2024:4312, Debian: DSA-5724-1).

More information
----------------
https://advisories.egi.eu/EGI-SVG-2024-17

On behalf of the EGI SVG and EGI CSIRT
""", auto=True, date="2024-07-01 18:30:00 +0000")

M("en", "security", "-", "support", "Marion Lefebre <marion.lefebre@embl.de>",
  "VO member list visible",
  """
Hi,

This is a security incident. I noticed today that the page listing the members of our VO on the VO registration portal (names and e-mail addresses) can be opened without logging in, e.g. from a private browser window. I don't know since when this is the case.

Nothing else seems affected and nobody has complained, but I wanted to let you know.

Marion
""", tags="says-security", vague=True)

M("en", "security", "-", "support", "Hamid Rezaei <h.rezaei@uva.nl>",
  "missing USB stick",
  """
Dear service desk,

please handle this as a security incident. One of our interns exported the user list of our project's cloud tenant (usernames, e-mail addresses and the SSH public keys) to a USB stick to work on it at home, and the stick is now lost, probably on the train.

There were no passwords or private keys on it, as far as we know.

Kind regards,
Hamid Rezaei
""", tags="says-security", vague=True, fmt="html", style="outlook", cte="b64", hq="b")

M("en", "security", "-", "support", "Gianni Dalla Torre <gianni.dallatorre@ts.infn.it>",
  "login for user 'test' on the CE",
  """
Hi,

looking at the logs of ce01.ts.infn.it this morning I see ~14,000 failed ssh password attempts overnight from 198.51.100.0/24, and then at 04:37 a successful login for the local account "test" (an old account we forgot to remove, with a trivial password). The session lasted 40 minutes; .bash_history for that user is empty and /tmp has a few ELF files I don't recognise.

I've disabled the account and blocked the range, and made a disk snapshot. Please tell me what logs you need.

Gianni
""", tags="compromise-no-word", vague=True)

M("en", "security", "-", "support", "Sandra Kurz <sandra.kurz@univie.ac.at>",
  "Re: ClamAV hit in a user's home on the UI",
  """
Hello,

our nightly ClamAV scan on ui.grid.univie.ac.at flagged the file /home/mtrauner/.cache/pip/tmp/update.sh as "Unix.Trojan.Mirai-7100807-0". The user says he did not put it there. The file is executable and was last modified three days ago; the user's crontab contains an entry that runs it every 10 minutes.

The account is now locked. Do you want us to preserve the whole home directory, or just the file and the crontab?

Best,
Sandra Kurz
Vienna University, ZID

On 17.09.24 07:02, Martin Hofer wrote:
> FYI, clamscan report from last night on ui.grid.univie.ac.at:
> /home/mtrauner/.cache/pip/tmp/update.sh: Unix.Trojan.Mirai-7100807-0 FOUND
> ----------- SCAN SUMMARY -----------
> Infected files: 1
""", reply=True, date="2024-09-17 08:55:02 +0200", parent_domain="univie.ac.at")

# --- German
M("de", "security", "-", "support", "Jens Petersen <jens.petersen@uni-kiel.de>",
  "wn-017 verhält sich seltsam",
  """
Hallo,

auf wn-017.rz.uni-kiel.de läuft seit heute Nacht ein Prozess "kdevtmpfsi" aus /tmp mit 100 % CPU auf allen Kernen. Er gehört dem Pool-Account ops003, wird nach einem kill sofort von einem Cronjob neu gestartet und baut Verbindungen zu einem Mining-Pool auf (xmr.2miners.com:2222). Im Batch-System läuft für ops003 aktuell gar kein Job.

Wir haben den Knoten aus dem Batch-System genommen, aber noch nicht neu installiert. Wie sollen wir weiter vorgehen?

Gruß
Jens Petersen
Rechenzentrum, CAU Kiel
""", tags="compromise-no-word", vague=True, charset="iso-8859-1", cte="qp")

M("de", "security", "-", "support", "Dr. Petra Lang <petra.lang@mpi-hd.mpg.de>",
  "Meldung",
  """
Guten Tag,

hiermit melden wir einen Sicherheitsvorfall. Auf unserem öffentlichen Webserver für die Projektdaten (data.mpi-hd.mpg.de) war über das Wochenende die Verzeichnisauflistung für /archive/internal/ aktiviert, das Verzeichnis ist eigentlich nur für das Projektteam gedacht. Dort lagen Besprechungsprotokolle und eine Liste der Projektmitglieder.

Die Einstellung ist inzwischen rückgängig gemacht.

Mit freundlichen Grüßen
Petra Lang
""", tags="says-security", vague=True, fmt="alt", style="outlook", cte="b64", hq="b")

# --- French
M("fr", "security", "-", "support", "Antoine Girard <antoine.girard@univ-lille.fr>",
  "RE: Vulnérabilité dans la passerelle scientifique",
  """
Bonjour,

en testant notre passerelle (gateway.bioinfo.univ-lille.fr), un de nos stagiaires a découvert une injection SQL dans le formulaire de recherche de jobs : le paramètre "owner" n'est pas filtré et permet de lire toute la table des utilisateurs, y compris les identifiants des proxies stockés.

La passerelle soumet des jobs sur EGI avec un certificat robot. Nous ne savons pas si la faille a été exploitée avant aujourd'hui. Que devons-nous faire ?

Cordialement,
Antoine Girard

________________________________
De : Lucas Petit <lucas.petit@univ-lille.fr>
Envoyé : mercredi 18 septembre 2024 17:45
À : Antoine Girard <antoine.girard@univ-lille.fr>
Objet : Vulnérabilité dans la passerelle scientifique

Antoine, le paramètre owner de /jobs/search accepte ' OR 1=1 -- et renvoie tous les utilisateurs avec leurs identifiants. Je n'ai rien modifié.
Lucas
""", reply=True, style="outlook", date="2024-09-19 09:12:40 +0200", parent_domain="univ-lille.fr")

M("fr", "security", "-", "support", "Olivier Lemaire <olivier.lemaire@cc.in2p3.fr>",
  "Connexion root suspecte sur ccui04",
  """
Bonjour,

nous avons constaté cette nuit une connexion root sur ccui04.in2p3.fr depuis l'adresse 203.0.113.9, que personne ne connaît. Depuis, les binaires /usr/bin/ls, /usr/bin/ps et /usr/bin/netstat ont une taille et un checksum différents de ceux du paquet RPM (rpm -Va les signale), ce qui ressemble fort à un rootkit.

La machine est isolée du réseau mais toujours allumée. Merci de nous indiquer la marche à suivre pour l'analyse et pour prévenir les utilisateurs.

Olivier Lemaire
""", tags="compromise-no-word", charset="iso-8859-1", cte="qp")

# --- Italian
M("it", "security", "-", "support", "Roberta Mancini <roberta.mancini@unipi.it>",
  "I: Verifica del tuo account EGI",
  """
Buongiorno,

vi inoltro un'e-mail che hanno ricevuto diversi membri del nostro gruppo. Mi sembra un tentativo di phishing: il link non punta a un dominio egi.eu e la pagina chiede username e password istituzionali. Almeno un dottorando ha già inserito le sue credenziali.

Cosa dobbiamo fare?

Roberta

-------- Messaggio Inoltrato --------
Oggetto: Verifica del tuo account EGI
Data: Mon, 16 Sep 2024 07:12:44 +0000
Mittente: EGI Support <support@egi-accounts-verify.net>
A: undisclosed-recipients:;

Gentile utente, il tuo account EGI scadrà entro 24 ore. Per mantenere l'accesso ai servizi clicca qui: https://egi-accounts-verify.net/login
""", date="2024-09-16 09:40:18 +0200", fwd=True, vague=True)

M("it", "security", "-", "support", "Fabio Marchetti <fabio.marchetti@polimi.it>",
  "token pubblicato per errore su GitLab",
  """
Ciao,

un collega ha pubblicato per errore su un repository GitLab pubblico un file di configurazione che conteneva il token di accesso (refresh token OIDC) del service account del nostro progetto sulla cloud EGI e la password dell'utente admin dell'istanza JupyterHub. È rimasto visibile per circa un giorno.

Abbiamo già cambiato la password di JupyterHub. Potete revocare il token e verificare se è stato usato da indirizzi esterni?

Grazie,
Fabio
""", tags="compromise-no-word")

# --- Spanish
M("es", "security", "-", "support", "Ignacio Blanco <ignacio.blanco@uam.es>",
  "Algo raro en una VM",
  """
Hola,

una de nuestras máquinas virtuales en la nube (proyecto astro-uam, IP 192.0.2.211) lleva dos días al 100 % de CPU. Al entrar hemos visto un proceso "xmrig" lanzado desde /dev/shm por el usuario ubuntu, una clave SSH nueva en authorized_keys y conexiones salientes hacia un pool de minería. Nadie del grupo lo ha instalado.

Hemos parado la VM pero no la hemos borrado. ¿Qué información necesitáis?

Ignacio Blanco
Universidad Autónoma de Madrid
""", tags="compromise-no-word", vague=True, charset="iso-8859-1", cte="8bit")

M("es", "security", "-", "support", "Rosa Martínez <rosa.martinez@rediris.es>",
  "RV: [INCIBE-CERT] Aviso: vulnerabilidad crítica en dCache",
  """
Buenos días,

os reenvío el aviso de INCIBE-CERT. Según nuestros registros, al menos tres sitios de la NGI española usan versiones afectadas de dCache en servidores accesibles desde Internet. Os ruego que lo tratéis como incidente de seguridad y contactéis con los sitios.

Saludos,
Rosa Martínez
RedIRIS

-------- Mensaje reenviado --------
Asunto: [INCIBE-CERT] Aviso: vulnerabilidad crítica en dCache
Fecha: Tue, 17 Sep 2024 10:00:00 +0200
De: INCIBE-CERT <avisos@incibe-cert.es>
Para: rosa.martinez@rediris.es

Se ha publicado una vulnerabilidad crítica en dCache (versiones anteriores a 9.2.22) que permite a un atacante remoto no autenticado leer ficheros arbitrarios a través de la interfaz WebDAV. Se recomienda actualizar de inmediato.
""", date="2024-09-17 12:40:09 +0200", fwd=True, fmt="alt", style="outlook")

# --- Polish
M("pl", "security", "-", "support", "Dorota Kaczmarek <dorota.kaczmarek@ncbj.gov.pl>",
  "Zgłoszenie",
  """
Dzień dobry,

to jest incydent bezpieczeństwa. Jeden z naszych użytkowników przyznał, że od kilku miesięcy udostępnia swoje konto na UI (login i hasło) dwóm studentom, żeby mogli uruchamiać obliczenia do prac magisterskich.

Konto zostało już zablokowane do wyjaśnienia sprawy.

Pozdrawiam,
Dorota Kaczmarek
NCBJ
""", tags="says-security", vague=True, charset="iso-8859-2", cte="qp")

M("pl", "security", "-", "support", "Rafał Kozłowski <rafal.kozlowski@pwr.edu.pl>",
  "Dziwne logowania na moje konto",
  """
Cześć,

w historii logowań mojego konta w EGI Check-in widzę kilkanaście logowań z adresów w Wietnamie i Rosji z ostatniej nocy, a ja byłem wtedy offline. Dodatkowo ktoś dodał do konta nowy klucz SSH i nową tożsamość powiązaną (konto Google, którego nie znam).

Mam dostęp do zasobów dwóch VO i do projektu w chmurze. Co mam teraz zrobić?

Rafał Kozłowski
Politechnika Wrocławska
""", tags="compromise-no-word", fmt="html", style="thunderbird")

# --- Czech
M("cs", "security", "-", "support", "Pavel Beneš <pavel.benes@cesnet.cz>",
  "Neznámý uživatel s UID 0",
  """
Dobrý den,

na stroji ui2.grid.cesnet.cz jsme v /etc/passwd našli uživatele "sysadm" s UID 0, kterého nikdo z nás nezaložil. Podle lastlog se přes něj někdo přihlásil třikrát z adres v Číně, naposledy včera ve 23:40. V crontabu roota je navíc nový záznam, který stahuje skript z pastebin.

Stroj jsme odpojili od sítě, ale nevypnuli. Co od nás potřebujete?

Pavel Beneš
""", tags="compromise-no-word", charset="iso-8859-2", cte="qp")

M("cs", "security", "-", "support", "Lukáš Hruška <lukas.hruska@cesnet.cz>",
  "Fwd: [CESNET-CERTS] Kritická zranitelnost v OpenStack Nova",
  """
Ahoj,

přeposílám upozornění od CESNET-CERTS. Naše cloudová instance (cloud.metacentrum.cz) běží na verzi, které se to týká. Jde o zranitelnost, která umožňuje uživateli jednoho projektu číst disky instancí jiných projektů. Prosím o řešení jako bezpečnostní incident a koordinaci s EGI CSIRT.

Lukáš

-------- Přeposlaná zpráva --------
Předmět: [CESNET-CERTS] Kritická zranitelnost v OpenStack Nova
Datum: Wed, 18 Sep 2024 09:15:02 +0200
Od: CESNET-CERTS <certs@cesnet.cz>
Komu: cloud-admins@cesnet.cz

Upozorňujeme na kritickou zranitelnost v OpenStack Nova (OSSA-2024-004), která umožňuje autentizovanému uživateli získat přístup k obrazům disků jiných instancí. Doporučujeme neprodleně aktualizovat.
""", date="2024-09-18 10:20:22 +0200", fwd=True)

# ===========================================================================
# MAINTENANCE
# ===========================================================================

M("en", "maintenance", "-", "notifications", "GOCDB <gocdb-admins@mailman.egi.eu>",
  "[GOCDB] Downtime announcement: RAL-LCG2 (SCHEDULED, OUTAGE)",
  """
A new downtime has been declared in GOCDB.

Downtime ID:        35912
Site:               RAL-LCG2
Severity:           OUTAGE
Classification:     SCHEDULED
Start:              2024-10-15 07:00 UTC
End:                2024-10-15 17:00 UTC
Description:        Upgrade of the Echo Ceph cluster to Reef (18.2.4) and firmware
                    upgrade of the storage nodes. All storage endpoints unavailable.
Affected endpoints: webdav.echo.stfc.ac.uk (webdav), xrootd.echo.stfc.ac.uk (XRootD),
                    gridftp.echo.stfc.ac.uk (globus-GRIDFTP)

Details: https://goc.egi.eu/portal/index.php?Page_Type=Downtime&id=35912

You are receiving this e-mail because you subscribed to downtime notifications for RAL-LCG2.
""", auto=True, tags="maint-upgrade", date="2024-10-08 09:12:37 +0000")

M("en", "maintenance", "-", "notifications", "GOCDB <gocdb-admins@mailman.egi.eu>",
  "[GOCDB] Downtime announcement: UKI-NORTHGRID-MAN-HEP (SCHEDULED, WARNING)",
  """
A new downtime has been declared in GOCDB.

Downtime ID:        35934
Site:               UKI-NORTHGRID-MAN-HEP
Severity:           WARNING (at risk)
Classification:     SCHEDULED
Start:              2024-10-10 08:00 UTC
End:                2024-10-10 12:00 UTC
Description:        Site at risk during replacement of the core network switch in
                    the machine room. Short interruptions of network connectivity possible.
Affected endpoints: ce01.tier2.hep.manchester.ac.uk (org.opensciencegrid.htcondorce),
                    se02.tier2.hep.manchester.ac.uk (webdav)

Details: https://goc.egi.eu/portal/index.php?Page_Type=Downtime&id=35934
""", auto=True, date="2024-10-07 15:40:02 +0000")

M("en", "maintenance", "-", "notifications", "DESY Grid Operations <grid-ops@desy.de>",
  "Scheduled maintenance DESY-HH storage, 15 Oct 2024 08:00-14:00 UTC",
  """
Dear users,

on Tuesday 15 October 2024, 08:00-14:00 UTC, the dCache instance dcache-se-doma.desy.de will be unavailable due to the upgrade from dCache 8.2 to 9.2 (including a database schema migration).

During the intervention no data can be read or written. Jobs at DESY-HH that need the local storage will be held in the batch system. FTS transfers will be retried automatically.

The downtime is declared in GOCDB (ID 35918).

Best regards,
DESY Grid Operations
""", tags="maint-upgrade", date="2024-10-09 10:05:12 +0200")

M("en", "maintenance", "-", "notifications", "EGI Operations <operations@egi.eu>",
  "Planned intervention on EGI Check-in - 22 October 2024",
  """
Dear EGI community,

EGI Check-in will undergo a planned intervention on Tuesday 22 October 2024 from 06:00 to 08:00 UTC to upgrade the proxy components (SATOSA) and the underlying database servers.

Impact: during the intervention, new logins to services connected to Check-in may fail for up to 15 minutes. Existing sessions are not affected. The registry (enrolment, group management) will be read-only for the whole window.

A GOCDB downtime (AT RISK) has been declared for the service.

Thank you for your understanding,
EGI Operations Team
""", tags="maint-upgrade", fmt="alt", style="web", date="2024-10-14 12:00:00 +0200")

M("en", "maintenance", "-", "notifications", "IN2P3-IRES Cloud <cloud-support@iphc.cnrs.fr>",
  "Maintenance window: OpenStack upgrade on the IRES cloud",
  """
Dear cloud users,

we will upgrade the SCIGNE OpenStack cloud (IN2P3-IRES) from Yoga to 2024.1 (Caracal) during the following maintenance window:

  Start: Monday 21 October 2024, 07:00 UTC
  End:   Wednesday 23 October 2024, 17:00 UTC

Justification for the length: the control plane is upgraded release by release and all hypervisors have to be migrated.

During this period the API and the dashboard will be unavailable. Running VMs will keep running, but they may be live-migrated; please make sure you have backups of important data.

The SCIGNE team
""", tags="maint-upgrade", fmt="html", style="web", date="2024-10-11 14:20:00 +0200")

M("en", "maintenance", "-", "notifications", "GEANT NOC <noc@geant.org>",
  "GEANT Planned Maintenance - PM-2024-10-0147 - Frankfurt - Geneva",
  """
Dear Colleagues,

Please be advised of the following planned maintenance on the GEANT network.

Reference:    PM-2024-10-0147
Location:     Frankfurt (FRA) - Geneva (GEN)
Start:        17/10/2024 22:00 UTC
End:          18/10/2024 04:00 UTC
Impact:       Loss of resilience; traffic re-routed via Paris. Services
              lambda FRA-GEN-LHCOPN-001 and FRA-GEN-LHCONE-004 down for up to 2 x 30 min.
Reason:       Fibre works by the infrastructure supplier.

We apologise for any inconvenience caused.

GEANT Network Operations Centre
""", auto=True, date="2024-10-07 11:02:19 +0000")

M("en", "maintenance", "-", "support", "Rebecca Holmes <r.holmes@sheffield.ac.uk>",
  "FYI: Sheffield down next Tuesday",
  """
Hi,

just to let you know that UKI-NORTHGRID-SHEF-HEP will be completely down next Tuesday, 15 October, from 08:00 to 18:00 BST for building electrical work (the whole machine room loses power). I've put it in GOCDB as well.

We'll drain the batch system on Monday evening.

Cheers,
Rebecca
""", vague=True, date="2024-10-09 16:48:20 +0100")

M("en", "maintenance", "-", "notifications", "EGI Operations Portal <noreply@operations-portal.egi.eu>",
  "[Broadcast] Planned maintenance of the EGI AppDB and Marketplace",
  """
Broadcast from the EGI Operations Portal

Publication date: 2024-10-10
Targets: Site administrators, VO managers, NGI managers

Dear all,

The EGI Application Database (appdb.egi.eu) and the EOSC Marketplace integration will be in maintenance on Thursday 17 October 2024 from 09:00 to 13:00 CEST. During this time the VM image lists (vmcatcher/cloudkeeper endpoints) will not be updated, but existing images remain available on the cloud sites.

Regards,
AppDB team
""", auto=True, fmt="html", style="web", date="2024-10-10 09:30:00 +0200")

M("en", "maintenance", "-", "support", "Mark Ellis <mark.ellis@rhul.ac.uk>",
  "Re: RHUL downtime 22 Oct",
  """
Hi,

a small update to the downtime we announced for 22 October: the vendor now needs longer for the storage controller replacement, so the scheduled downtime of UKI-LT2-RHUL will run from 08:00 to 20:00 BST instead of 08:00-16:00. I've updated the GOCDB entry accordingly.

Everything else stays as announced.

Mark

On 08/10/2024 09:31, Mark Ellis wrote:
> Dear all,
> UKI-LT2-RHUL will be in scheduled downtime on Tuesday 22 October,
> 08:00-16:00 BST, for the replacement of the storage controllers.
""", reply=True, vague=True, date="2024-10-15 10:22:51 +0100", parent_domain="rhul.ac.uk")

M("en", "maintenance", "-", "support", "Graham Foster <graham.foster@cern.ch>",
  "Fwd: JANET planned work affecting London sites",
  """
Hi desk,

forwarding for your records - planned network work by Jisc that will affect the London T2 sites. The sites have been told to declare at-risk periods.

Graham

---------- Forwarded message ---------
From: Jisc Service Desk <help@jisc.ac.uk>
Date: Fri, 4 Oct 2024 at 14:05
Subject: JANET planned work affecting London sites
To: <london-t2-admins@gridpp.ac.uk>

Janet Planned Maintenance Notification
Reference:   JPM-88213
Start:       Thursday 17 October 2024 00:00 BST
End:         Thursday 17 October 2024 06:00 BST
Description: Router software upgrade at the London Telehouse PoP. Connections to
             QMUL, RHUL, IC and Brunel will be at risk, with up to 20 minutes of loss of service.
""", fwd=True, tags="maint-upgrade", style="gmail", date="2024-10-04 15:33:00 +0200")

# --- German
M("de", "maintenance", "-", "notifications", "GridKa Operations <gridka-ops@lists.kit.edu>",
  "Geplante Wartung GridKa: 24.10.2024, 07:00-19:00 UTC",
  """
Liebe Nutzerinnen und Nutzer,

am Donnerstag, 24. Oktober 2024, findet von 07:00 bis 19:00 UTC eine geplante Wartung von GridKa (FZK-LCG2) statt.

Betroffen sind:
- alle Compute Elements (keine neuen Jobs ab 23.10. 19:00 UTC, laufende Jobs werden beendet),
- die dCache-Instanzen für ATLAS, CMS, LHCb und Belle II,
- das Tape-System.

Grund: Austausch der USV-Anlage und Wartung der Klimatechnik. Die Downtime ist in GOCDB eingetragen.

Mit freundlichen Grüßen
Ihr GridKa-Team
""", charset="iso-8859-1", cte="qp", date="2024-10-14 08:00:00 +0200")

M("de", "maintenance", "-", "support", "Heiko Lorenz <heiko.lorenz@desy.de>",
  "At-Risk für DESY-ZN am Donnerstag",
  """
Hallo,

zur Info: Am Donnerstag, 17.10., zwischen 09:00 und 11:00 Uhr MESZ arbeitet der Netzbetreiber an der Stromversorgung des Rechenzentrums in Zeuthen. Wir erwarten keine Unterbrechung (die USV überbrückt), haben die Site aber vorsichtshalber als "at risk" in GOCDB eingetragen.

Viele Grüße
Heiko
""", vague=False, date="2024-10-14 13:31:05 +0200")

# --- French
M("fr", "maintenance", "-", "notifications", "CC-IN2P3 Exploitation <exploitation@cc.in2p3.fr>",
  "Arrêt programmé du CC-IN2P3 le 29 octobre 2024",
  """
Bonjour,

le Centre de Calcul de l'IN2P3 procédera à un arrêt programmé de ses services de grille le mardi 29 octobre 2024 de 06h00 à 20h00 (heure de Paris).

Cet arrêt permettra la mise à jour du système de stockage dCache en version 9.2 ainsi que la mise à niveau du firmware des baies de disques. Les CE n'accepteront plus de nouveaux jobs à partir du lundi 28 octobre à 18h00.

L'arrêt est déclaré dans GOCDB (site IN2P3-CC).

Cordialement,
L'équipe d'exploitation du CC-IN2P3
""", tags="maint-upgrade", fmt="alt", style="thunderbird", date="2024-10-15 11:00:00 +0200")

M("fr", "maintenance", "-", "support", "Guillaume Perrin <guillaume.perrin@cc.in2p3.fr>",
  "TR: Intervention planifiée RENATER - lien Lyon-Paris",
  """
Bonjour,

pour information, voici l'avis de RENATER concernant une intervention planifiée sur le lien Lyon-Paris. Nos services resteront joignables par le lien de secours, mais avec une bande passante réduite.

Guillaume

-------- Message transféré --------
Sujet : Intervention planifiée RENATER - lien Lyon-Paris
Date : Mon, 7 Oct 2024 14:02:11 +0200
De : NOC RENATER <noc@renater.fr>
Pour : cc-reseau@cc.in2p3.fr

Intervention programmée n° 2024-1187
Début : 16/10/2024 23:00
Fin : 17/10/2024 05:00
Impact : coupure du lien principal Lyon-Paris, basculement sur le lien de secours
Motif : travaux sur fibre optique de l'opérateur
""", fwd=True, vague=True, charset="iso-8859-1", cte="qp", date="2024-10-07 16:45:00 +0200")

# --- Italian
M("it", "maintenance", "-", "notifications", "INFN-T1 Operations <t1-ops@cnaf.infn.it>",
  "Fermo programmato INFN-T1 - 30 ottobre 2024",
  """
Gentili utenti,

vi informiamo che mercoledì 30 ottobre 2024, dalle 08:00 alle 18:00 CET, il Tier-1 del CNAF sarà fermo per manutenzione programmata dell'impianto elettrico del data center.

Durante l'intervento non saranno disponibili: CE, storage (StoRM, GridFTP, XrootD) e il sistema di libreria a nastro. I job in coda verranno sospesi a partire dalle 20:00 del giorno precedente.

Il downtime è stato registrato in GOCDB.

Cordiali saluti,
Il gruppo Operations del Tier-1
""", date="2024-10-16 09:00:00 +0200")

M("it", "maintenance", "-", "notifications", "Servizio Cloud INFN <cloud-support@cloud.infn.it>",
  "Intervento di manutenzione su Cloud@CNAF",
  """
Buongiorno,

martedì 22 ottobre dalle 09:00 alle 13:00 effettueremo l'aggiornamento di OpenStack e del sistema operativo dei nodi controller di Cloud@CNAF.

Durante l'intervento la dashboard e le API non saranno disponibili; le macchine virtuali già avviate continueranno a funzionare normalmente. Non è richiesta alcuna azione da parte degli utenti.

Grazie per la collaborazione,
Il team Cloud INFN
""", tags="maint-upgrade", vague=True, fmt="html", style="outlook", date="2024-10-15 17:30:00 +0200", cte="b64", hq="b")

# --- Spanish
M("es", "maintenance", "-", "notifications", "CESGA Sistemas <sistemas@cesga.es>",
  "Parada programada del FinisTerrae III y del CE de CESGA",
  """
Estimados usuarios,

les informamos de que el próximo jueves 24 de octubre, entre las 8:00 y las 16:00 (hora peninsular), se realizará una parada programada del supercomputador FinisTerrae III y del CE grid de CESGA por trabajos de mantenimiento en el sistema de refrigeración.

Los trabajos que no puedan terminar antes del inicio de la parada no se iniciarán. La parada está registrada en GOCDB.

Disculpen las molestias.

Departamento de Sistemas
Centro de Supercomputación de Galicia
""", charset="iso-8859-1", cte="qp", date="2024-10-16 12:10:00 +0200")

M("es", "maintenance", "-", "notifications", "PIC Operations <operations@pic.es>",
  "Ventana de mantenimiento PIC - 5 de noviembre",
  """
Hola a todos,

el martes 5 de noviembre de 2024, de 07:00 a 15:00 UTC, habrá una ventana de mantenimiento en PIC. Se intervendrá en la librería de cintas y en los servidores de dCache (cambio de controladoras).

Servicios afectados: SRM/WebDAV/XRootD de dCache y acceso a cinta. El CE seguirá funcionando pero los trabajos que lean de PIC fallarán.

Saludos,
PIC Operations
""", fmt="alt", style="thunderbird", date="2024-10-25 10:00:00 +0200")

# --- Polish
M("pl", "maintenance", "-", "notifications", "Cyfronet Helpdesk <helpdesk@cyfronet.pl>",
  "Planowana przerwa serwisowa - Prometheus i CYFRONET-LCG2",
  """
Szanowni Państwo,

informujemy, że w dniach 28-29 października 2024 (od poniedziałku 8:00 do wtorku 16:00) odbędzie się planowana przerwa serwisowa superkomputera Prometheus oraz zasobów gridowych CYFRONET-LCG2.

Uzasadnienie czasu trwania: wymiana systemu zasilania awaryjnego wymaga całkowitego wyłączenia serwerowni.

Zadania, które nie zdążą się zakończyć przed rozpoczęciem przerwy, nie zostaną uruchomione. Przerwa została zgłoszona w GOCDB.

Z poważaniem,
Zespół ACK Cyfronet AGH
""", charset="iso-8859-2", cte="qp", date="2024-10-18 09:15:00 +0200")

M("pl", "maintenance", "-", "notifications", "PCSS Eagle Admins <eagle-admins@man.poznan.pl>",
  "Prace konserwacyjne",
  """
Dzień dobry,

w czwartek 24 października w godz. 7:00-13:00 przeprowadzimy prace konserwacyjne na klastrze Eagle: aktualizacja oprogramowania Slurm do wersji 24.05 oraz upgrade firmware'u przełączników InfiniBand.

W tym czasie CE (ce.eagle.man.poznan.pl) będzie niedostępne, a uruchomione zadania zostaną zatrzymane. Prosimy o zaplanowanie obliczeń z uwzględnieniem przerwy.

Pozdrawiamy,
Administratorzy klastra Eagle
""", tags="maint-upgrade", vague=True, date="2024-10-17 14:00:00 +0200")

# --- Czech
M("cs", "maintenance", "-", "notifications", "CESNET Provoz <provoz@cesnet.cz>",
  "Plánovaná odstávka datového úložiště v Jihlavě",
  """
Vážení uživatelé,

dovolujeme si Vás upozornit na plánovanou odstávku datového úložiště du4.cesnet.cz, která proběhne v úterý 22. října 2024 od 8:00 do 14:00.

Důvodem je výměna řadičů diskových polí. Během odstávky nebudou data na úložišti dostupné (SSH, SFTP, rsync, NFS).

Děkujeme za pochopení.
Oddělení datových úložišť CESNET
""", charset="iso-8859-2", cte="qp", date="2024-10-14 10:00:00 +0200")

M("cs", "maintenance", "-", "notifications", "MetaCentrum <meta@cesnet.cz>",
  "Plánovaná údržba MetaCentra",
  """
Dobrý den,

ve čtvrtek 31. října 2024 od 7:00 do 17:00 proběhne plánovaná údržba infrastruktury MetaCentra. Během ní provedeme upgrade plánovače PBS a aktualizaci operačního systému na čelních uzlech.

Úlohy, které by zasahovaly do odstávky, nebudou spuštěny. Čelní uzly budou během údržby postupně nedostupné.

S pozdravem
Uživatelská podpora MetaCentra
""", tags="maint-upgrade", fmt="alt", style="thunderbird", date="2024-10-21 09:00:00 +0200")

# --- Dutch
M("nl", "maintenance", "-", "notifications", "SURF Operations <operations@surf.nl>",
  "Gepland onderhoud SURF Grid en dCache - 29 oktober",
  """
Beste gebruikers,

op dinsdag 29 oktober 2024 van 08:00 tot 17:00 uur (CET) vindt gepland onderhoud plaats aan het Grid-cluster en de dCache-opslag van SURF (site SARA-MATRIX).

Tijdens het onderhoud zijn de CE's en de storage niet beschikbaar. Jobs die niet voor het begin van het onderhoud klaar zijn, worden niet gestart. Het onderhoud is geregistreerd in GOCDB.

Met vriendelijke groet,
SURF Operations
""", fmt="alt", style="outlook", date="2024-10-18 11:00:00 +0200", cte="b64", hq="b")

# --- Portuguese
M("pt", "maintenance", "-", "notifications", "INCD Operações <operacoes@incd.pt>",
  "Manutenção programada da infraestrutura INCD",
  """
Caros utilizadores,

informamos que no dia 23 de outubro de 2024, entre as 09:00 e as 15:00 (hora de Lisboa), decorrerá uma manutenção programada no centro de dados do INCD em Lisboa, para intervenção no sistema de ar condicionado.

Durante este período os serviços de cloud (OpenStack) e o cluster HPC estarão indisponíveis. A paragem está declarada no GOCDB.

Com os melhores cumprimentos,
Equipa de Operações do INCD
""", charset="iso-8859-1", cte="qp", date="2024-10-15 10:30:00 +0100")

# --- forwarded as attachment (message/rfc822), Outlook "Forward as Attachment"
M("en", "incident", "-", "support", "Joost van Dijk <joost.vandijk@surf.nl>",
  "FW: ** PROBLEM Service Alert: squid02.grid.surfsara.nl/frontier-squid is CRITICAL **",
  """
Hi,

see the attached alert. squid02 has been failing for two hours now and the CVMFS clients on the Grid cluster are all falling back to squid01, which is overloaded. Can the network team check whether the box is reachable at all? I can't get to its console.

Joost
""", fwd=True, tags="forwarded-alert", style="outlook", fmt="alt",
  date="2024-09-19 14:07:31 +0200",
  attach=dict(**{"from": "nagios@mon.grid.surfsara.nl", "to": "grid-ops@surf.nl",
                 "date": "Thu, 19 Sep 2024 12:02:10 +0200"},
              subject="** PROBLEM Service Alert: squid02.grid.surfsara.nl/frontier-squid is CRITICAL **",
              body="""
***** Nagios *****

Notification Type: PROBLEM

Service: frontier-squid
Host: squid02.grid.surfsara.nl
Address: 192.0.2.62
State: CRITICAL

Date/Time: Thu Sep 19 12:02:10 CEST 2024

Additional Info:

CRITICAL - Socket timeout after 10 seconds (http://squid02.grid.surfsara.nl:3128/)
"""))

M("en", "security", "-", "support", "Björn Andersson <bjorn.andersson@chalmers.se>",
  "Fw: Abuse report for 192.0.2.77",
  """
Hello,

forwarding the attached complaint we got this morning. 192.0.2.77 is a VM in our OpenStack tenant for the "snic-astro" project; the owner tells me he never ran anything that talks to port 22 of other machines. I've detached the floating IP and taken a snapshot, the VM is paused.

Please let me know how you want to handle it and what you need from us.

Björn Andersson
Chalmers e-Commons
""", fwd=True, style="thunderbird",
  date="2024-09-24 10:44:02 +0200",
  attach=dict(**{"from": "CERT-Bund Reports <reports@reports.cert-bund.de>",
                 "to": "abuse@chalmers.se", "date": "Tue, 24 Sep 2024 06:13:55 +0200"},
              subject="[CB-Report#20240924-00441] SSH brute force from 192.0.2.77",
              body="""
Dear Sir or Madam,

we received reports about SSH brute-force attacks originating from your network:

  192.0.2.77  2024-09-24T01:12:44Z - 2024-09-24T04:58:02Z  ~41,000 login attempts
              targets: 22/tcp on hosts in AS3320, AS680

This usually indicates that the system has been compromised. Please investigate
and take appropriate action.

Kind regards
CERT-Bund Team
"""))

# --- later additions: more forwards and explicit statements
M("en", "change", "emergency", "support", "Jeroen Smit <jeroen.smit@nikhef.nl>",
  "Fwd: [EGI-SVG-2024-21] HIGH risk: CUPS cups-browsed remote code execution",
  """
Hi desk,

emergency change for NIKHEF-ELPROD, see the advisory below: within the next hour we stop and mask cups-browsed on all ~400 worker nodes and the 6 UIs (Puppet run) and drop 631/udp at the site border. No downtime and no job impact expected.

We can't wait for the next change board since exploit code for CVE-2024-47176 is public. Please log it as an emergency change for the post-review.

Jeroen

-------- Forwarded Message --------
Subject: [EGI-SVG-2024-21] HIGH risk: CUPS cups-browsed remote code execution
Date: Fri, 27 Sep 2024 09:02:11 +0000
From: EGI CSIRT <csirt@egi.eu>
To: site-security-contacts@mailman.egi.eu

** EGI SVG 'ADVISORY' [TLP:CLEAR] **
HIGH risk vulnerability concerning cups-browsed (CVE-2024-47176, CVE-2024-47076,
CVE-2024-47175, CVE-2024-47177). Sites are recommended to disable cups-browsed
where it is not needed and to block 631/udp from the internet.
""", fwd=True, vague=True, tags="cve-emergency says-emergency", date="2024-09-27 10:31:48 +0200")

M("en", "incident", "-", "support", "Prof. David Levin <d.levin@tauex.tau.ac.il>",
  "Fw: my jobs",
  """
Dear support,

please see below - this looks like a problem at the site rather than with the student's code, the same jobs ran fine there last week.

David Levin
School of Physics and Astronomy, Tel Aviv University

________________________________
From: Noa Ben-David <noabendavid@mail.tau.ac.il>
Sent: Thursday, September 26, 2024 10:48
To: David Levin <d.levin@tauex.tau.ac.il>
Subject: my jobs

Hi David,
all my jobs at IL-TAU-HEP since this morning crash right at the start with
  *** Break *** segmentation violation
  /cvmfs/sft.cern.ch/lcg/views/LCG_105/x86_64-el9-gcc13-opt/setup.sh: line 42: 18311 Segmentation fault (core dumped)
About 120 jobs so far. Nothing changed in my code.
Noa
""", fwd=True, vague=True, style="outlook", fmt="alt", date="2024-09-26 12:05:19 +0300")

M("de", "request", "-", "support", "Dr. Anja Roth <anja.roth@uni-freiburg.de>",
  "Account-Linking in Check-in",
  """
Hallo,

das ist keine Störungsmeldung, sondern eine Anfrage: Bei der Registrierung in unserer VO bekommen einige Nutzer die Fehlermeldung "Error: an account with this e-mail address already exists". Das ist inhaltlich korrekt, die Leute haben von früher schon ein Check-in-Konto (z. B. über Google oder ihr altes Institut).

Gibt es eine Anleitung, die wir den Nutzern schicken können, wie sie ihre neue Institutsidentität mit dem bestehenden Konto verknüpfen?

Viele Grüße
Anja Roth
VO-Managerin vo.bwfr.de, Universität Freiburg
""", tags="says-request", charset="iso-8859-1", cte="qp")

M("cs", "request", "-", "support", "Kateřina Marková <katerina.markova@upol.cz>",
  "Oznámení o odstávkách",
  """
Dobrý den,

nic naléhavého, jen dotaz. Minulý týden nám na půl hodiny nefungovalo přihlašování do Check-in a naši uživatelé se o tom dozvěděli až z chybových hlášek. Už je vše v pořádku.

Dá se nějak přihlásit k odběru oznámení o plánovaných odstávkách a výpadcích služeb EGI, abychom mohli uživatele informovat předem?

Děkuji a přeji hezký den,
Kateřina Marková
Univerzita Palackého v Olomouci
""", tags="says-not-urgent", vague=True, fmt="alt", style="thunderbird")

if __name__ == "__main__":
    main()
