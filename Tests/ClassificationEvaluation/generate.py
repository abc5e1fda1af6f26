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
            para.append(_html.escape(lines[i]))
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
    utc = BASE_DATE + _dt.timedelta(hours=4, minutes=37) * number
    off = TZ[m["lang"]]
    if m["lang"] == "en":
        # English mail comes from everywhere; vary the offset by sender domain
        dom = _domain(m["frm"])
        off = 1 if dom.endswith(".uk") else 2 if dom.endswith((".ch", ".eu", ".de", ".se", ".fi", ".gr", ".hu", ".si", ".hr", ".bg", ".ro")) else 0
        if dom.endswith((".tw", ".kr")):
            off = 8
    return utc.astimezone(_dt.timezone(_dt.timedelta(hours=off)))


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
        for h in ("From", "To", "Subject", "Date", "Message-ID"):
            if h == "Subject":
                inner[h] = _encode_header(a["subject"], "utf-8", "q", h)
            elif h == "Message-ID":
                inner[h] = "<%s@%s>" % (hashlib.sha1(a["subject"].encode()).hexdigest()[:20], _domain(a["from"]))
            else:
                inner[h] = a[{"From": "from", "To": "to", "Date": "date"}[h]]
        outer = MIMEMultipart("mixed")
        outer.attach(msg)
        att = MIMEMessage(inner)
        att.add_header("Content-Disposition", "attachment", filename="forwarded message.eml")
        outer.attach(att)
        msg = outer

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
""", auto=True, style="web", extra=[("X-Nagios-Notification-Type", "PROBLEM")])

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
""", auto=True, style="web")

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
""", auto=True)

M("en", "incident", "-", "support", "Ewan MacMahon <e.macmahon@physics.ox.ac.uk>",
  "Fwd: ** PROBLEM Service Alert: t2se01.physics.ox.ac.uk/webdav-tpc is CRITICAL **",
  """
This one has been red since about 6 this morning and our local admin is away. Could someone from the storage team have a look?

Ewan

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
""", fwd=True, tags="forwarded-alert")

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
""", fwd=True, style="gmail", tags="forwarded-alert", fmt="alt")

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
""")

M("en", "incident", "-", "support", "Tomas Lindqvist <tomas.lindqvist@uu.se>",
  "Cannot log in to the cloud dashboard",
  """
Hello,

when I try to log in to the FedCloud dashboard with EGI Check-in I get redirected back with "500 Internal Server Error" after choosing my home organisation. It worked fine yesterday. I tried two browsers and a private window, same result. Colleagues in my group see the same.

The error page shows: "Request ID: 7c1f0e2a-5d2b-4a7e-9c11-0a9b2f7e3d44".

Regards,
Tomas Lindqvist
Uppsala University, Dept. of Information Technology
""")

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
""", reply=True, vague=False)

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
""", auto=True, fmt="alt", style="web")

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
  "DIRAC pilots failing at several sites",
  """
Dear support team,

Our DIRAC jobs (VO vo.cta.in2p3.fr) are stuck in "Waiting" for over 24h. Looking at the pilot monitor, all pilots submitted to the EGI sites since Sunday night end up "Aborted" with:

  Pilot failed: Failed to download pilot files from https://dirac-cta.in2p3.fr/pilot/: SSL certificate problem: certificate has expired

So it seems the certificate of the pilot file server has expired. 3200 jobs are waiting.

Best regards,
Yuki Tanaka
""")

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
  "Accounting portal shows nothing for DESY-ZN",
  """
Dear colleagues,

the accounting portal shows zero CPU hours for our site DESY-ZN for every day since 7 September, although the cluster is full and APEL publishing on our side logs no error (last "Sent 2214 records" this morning).

<a href="https://accounting.egi.eu/egi/site/DESY-ZN/">https://accounting.egi.eu/egi/site/DESY-ZN/</a> is completely empty for September.

Best regards,
Lena Fischer
DESY Zeuthen, IT
""", fmt="html", style="thunderbird",
  lines=None)

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
  "HG-08-Okeanos: site BDII not publishing",
  """
Hello,

our site BDII (site-bdii.afroditi.hellasgrid.gr) stopped publishing to the top BDII around 02:00 UTC. ldapsearch against the site BDII returns an empty result:

$ ldapsearch -x -LLL -H ldap://site-bdii.afroditi.hellasgrid.gr:2170 -b mds-vo-name=HG-08-Okeanos,o=grid
$ (nothing)

/var/log/bdii/bdii-update.log has "ERROR: Provider /var/lib/bdii/gip/provider/glite-info-provider-ldap timed out". As a result the site is failing all ARGO tests. I'm on it but would appreciate a second pair of eyes from the NGI.

Kostas
""")

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
""", fwd=True, fmt="alt", style="outlook", tags="forwarded-alert")

M("de", "incident", "-", "support", "Sabine Krüger <sabine.krueger@uni-mainz.de>",
  "Jobs brechen nach wenigen Minuten ab",
  """
Hallo,

seit gestern Nachmittag brechen fast alle unsere Jobs auf dem MOGON-Grid-CE nach 2-3 Minuten ab. Im stderr steht jeweils:

  slurmstepd: error: Detected 1 oom_kill event in StepId=4471823.batch. Some of your processes may have been killed by the cgroup out-of-memory handler.

Die Jobs brauchen laut unseren Messungen maximal 1,5 GB, und wir haben nichts an der Software geändert. Bis Montag lief alles problemlos. Kann es sein, dass sich das Memory-Limit auf den Knoten geändert hat?

Viele Grüße
Sabine Krüger
Institut für Physik, JGU Mainz
""", charset="iso-8859-1", cte="qp")

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
""", fmt="html", style="outlook")

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
""", fwd=True, tags="forwarded-alert")

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
""")

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
""", fwd=True, tags="forwarded-alert")

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
""", vague=True, fmt="alt", style="gmail")

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
""")

M("es", "incident", "-", "support", "María José Torres <mjtorres@pic.es>",
  "Errores en transferencias FTS hacia PIC",
  """
Buenas tardes,

desde las 13:00 todas las transferencias FTS con destino a PIC fallan con el error:

  DESTINATION SRM_PUT_TURL error on the turl request : [SE][PrepareToPut][SRM_FAILURE] No write pools configured for <atlas:default@osm>

Parece un problema de configuración en los pools de dCache tras el reinicio de esta mañana. Afecta a ATLAS y CMS.

Saludos,
María José Torres
Port d'Informació Científica (PIC)
""", charset="iso-8859-1", cte="qp")

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
  "Błędy zadań na CE",
  """
Witam,

od wczoraj wszystkie nasze zadania na ce.cis.gov.pl kończą się błędem:

  ARC job failed: LRMS error: (-1) Job was lost by the LRMS

Zadanie startuje, a po kilku minutach znika z kolejki bez żadnego outputu. Dotyczy to ok. 200 zadań VO vo.plgrid.pl. Czy coś się zmieniło w konfiguracji węzłów?

Pozdrawiam
Piotr Nowak
""")

M("pl", "incident", "-", "support", "Michał Zieliński <michal.zielinski@man.poznan.pl>",
  "pilne",
  """
Cześć,

storage na se.reef.man.poznan.pl nie odpowiada od ok. godziny. gfal-copy zwraca:

  gfal-copy error: 70 (Communication error on send) - Could not connect to se.reef.man.poznan.pl:8446

Nasze transfery z LOFAR stoją, a bufor na stacji zaraz się zapełni. Proszę o pilne sprawdzenie.

Michał
""", vague=True, fmt="alt", style="thunderbird")

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
  "Úlohy padají na praguelcg2",
  """
Ahoj,

od včerejšího večera nám na praguelcg2 padají všechny úlohy hned po startu s chybou:

  apptainer: FATAL: container creation failed: mount /proc/self/fd/3->/usr/local/var/apptainer/mnt/session/rootfs error: while mounting image: failed to find loop device

Týká se to minimálně uzlů golias1xx. Na jiných webech stejné úlohy běží. Můžete se na to podívat?

Díky,
Martin Novák
FZÚ AV ČR
""")

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
""", vague=True, fmt="html", style="outlook")

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
  "Inloggen lukt niet",
  """
Beste support,

ik kan sinds gisteren niet meer inloggen op het Research Cloud portaal. Na het inloggen via SURFconext krijg ik een lege pagina met alleen "Something went wrong (HTTP 502)". Collega's van de UvA hebben hetzelfde probleem.

Met vriendelijke groet,
Sanne Jansen
""", fmt="alt", style="outlook")

# --- Portuguese
M("pt", "incident", "-", "support", "João Pereira <joao.pereira@lip.pt>",
  "Falha nos jobs no NCG-INGRID-PT",
  """
Olá,

desde ontem à noite todos os jobs da VO biomed no site NCG-INGRID-PT falham com:

  Payload failed: /tmp/jobdir/run.sh: line 12: /cvmfs/biomed.egi.eu/setup.sh: No such file or directory

O repositório CVMFS parece não estar montado nos worker nodes. Podem verificar?

Cumprimentos,
João Pereira
LIP Lisboa
""", charset="iso-8859-1", cte="qp")
