import TOMLKit

/// The rule set and catalogue that apply when a config has no `[[rules]]` or
/// `[changes] standard`: a service desk can use them as they are. `deploy/ticketd.example.toml`
/// carries the same text (a test keeps the two equal).
enum DefaultWorkflow {
    /// The file name errors and patterns of the built-in rules carry.
    static let fileName = "(built-in defaults)"

    static let toml = #"""
    [changes]
    # Standard changes: recurrent, documented, low-risk; accepted on arrival. Each item is
    # asked for in the languages of the desk's users.
    standard = [
        # Renew or replace a host certificate.
        '(?s)\bhost[ -]?certificates?\b.{0,150}\b(renew|replace|reissue)|\b(renew|replace|reissue)\w{0,4}\b.{0,100}\bhost[ -]?certificate|Hostzertifikat\w{0,2}\b.{0,100}(erneuer|ersetz|tausch|verlänger)|(erneuer|ersetz|tausch|verlänger)\w{0,4}\b.{0,100}Hostzertifikat|certificat\w{0,2} (d.hôte|hôte|de l.hôte|du serveur|serveur)|certificato (host|dell.host|del server)|certificado (de|del) (host|servidor)|certyfikat\w{0,3} (hosta|serwera)|certifikát\w{0,3} (hostitele|serveru)|hostcertificaat|certificado (do )?(host|servidor)',
        # Add users or members to a VO.
        '(?s)\badd\b.{0,100}\b(users?|members?|researchers?|people|persons?)\b.{0,100}\bVO\b|\badd\b.{0,60}\bto (the|our|my) VO\b|aggiung\w{0,4}\b.{0,60}\b(alla|nella) VO\b|\bVO\b.{0,80}(hinzufügen|aufnehmen)|(ajouter|inscrire)\b.{0,60}\b(à|dans) la VO\b|(añadir|agregar|incluir)\b.{0,60}\b(a|en) la VO\b|dodać\b.{0,60}\bdo VO\b|přid\w{0,4}\b.{0,60}\bdo VO\b|toevoegen\b.{0,60}\baan de VO\b|adicionar\b.{0,60}\b(à|na) VO\b',
        # Increase a quota.
        '(?s)\b(increase|extend|raise|enlarge)\w{0,2}\b.{0,100}\b(quotas?|limits?)\b|\b(quota|limit)s?\b.{0,60}\b(increased?|raised?|extended)\b|augment\w{0,6}\b.{0,60}\b(quota|espace|limite)|aument\w{0,6}\b.{0,60}\b(quota|cuota|limit)|erhöh\w{0,4}\b.{0,60}\b(Quota|Kontingent|Limit)|(Quota|Kontingent)\w{0,2}\b.{0,60}erhöh|zwiększ\w{0,6}\b.{0,60}\b(limit|kwot|quot)|navýš\w{0,6}\b.{0,60}\b(kvót|limit|quot)|verhog\w{0,4}\b.{0,60}\b(quota|limiet)',
        # Restart a service or daemon.
        '(?s)\b(please|could|can|would|kindly)\b[^.?!]{0,60}\brestart|(podéis|podríais|puede|podrías|por favor)[^.?!]{0,60}reinici|(bitte|könnt|können)[^.?!]{0,60}(neu ?starten|Neustart)|(pourriez|pouvez|merci de)[^.?!]{0,60}redémarr|(potete|potreste|per favore)[^.?!]{0,60}riavvi|(proszę|prosimy|czy możecie)[^.?!]{0,60}(zrestartowa|restartowa|uruchomi\w{0,3} ponownie)|(prosím|můžete)[^.?!]{0,60}restartova|(kunnen jullie|graag|wilt u)[^.?!]{0,60}herstart|(podem|por favor)[^.?!]{0,60}reinicia',
    ]

    # Classification rules, first match wins. Conditions: mailbox, to, from (address or
    # @domain), subject, body and text (the subject and the body; case-insensitive regular
    # expressions), headers, standard_change (the text asks for an item of the catalogue
    # above). Results: kind, change_class, priority, unit.
    #
    # The order: what a sender declares, then announcements, compromise, recurring trouble,
    # changes asked for, and last the words of a failure.

    [[rules]]
    name = "declared-emergency-change"
    text = '\b(emergency[ -]change|urgent change)\b|Notfall-?(change|änderung)|changement (d.urgence|urgent)|change di emergenza|modifica (urgente|di emergenza)|cambio (urgente|de emergencia)|zmian\w{0,3} awaryjn|awaryjn\w{0,3} zmian|pilna zmiana|nouzov\w{0,3} změn|urgentní změn|noodwijziging|spoedwijziging|mudança de emergência'
    kind = "change"
    change_class = "emergency"
    priority = "immediate"

    [[rules]]
    name = "declared-security-incident"
    text = '\bsecurity (incident|breach)\b|Sicherheitsvorfall|incident de sécurité|incidente (di sicurezza|de seguridad|de segurança)|incydent\w{0,3} bezpieczeństwa|bezpečnostní\w{0,3} incident|beveiligingsincident'
    kind = "security"
    priority = "high"

    [[rules]]
    name = "declared-request"
    text = '\bthis is (just )?a (request|question)\b|\bnot an incident\b|\bnothing is broken\b|\bjust a question\b|keine Störungsmeldung|\bnur eine Frage\b|\bkurze Frage\b|ceci est une demande|pas un incident|(simple|juste une) question|solo una domanda|non è un (incidente|guasto)|solo una (pregunta|consulta)|no es (una incidencia|un incidente)|to jest prośba|nie zgłoszenie awarii|tylko pytanie|nic naléhavého|jen dotaz|jde jen o informaci|nejde o (incident|poruchu)|geen storing|alleen een vraag|apenas uma (pergunta|dúvida)'
    kind = "request"

    [[rules]]
    name = "maintenance-announcement"
    subject = '\b(downtime|maintenance|intervention|at[- ]risk)\b|Wartung|arrêt programmé|intervention planifiée|fermo programmato|manutenzione|mantenimiento|parada programada|manutenção|paragem programada|przerwa serwisowa|planowana przerwa|prace (konserwacyjne|serwisowe)|odstávk|údržb|onderhoud'
    kind = "maintenance"
    priority = "normal"

    # An urgent patch for a named CVE, asked for in the subject or the body. The CVE is
    # looked for first (cheap); the urgency and the patch must be in one sentence.
    [[rules]]
    name = "urgent-patch-cve-in-subject"
    mailbox = "support"
    subject = 'CVE-\d{4}-\d{4,7}'
    text = '\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)|\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b'
    kind = "change"
    change_class = "emergency"
    priority = "immediate"

    [[rules]]
    name = "urgent-patch-cve-in-body"
    mailbox = "support"
    body = 'CVE-\d{4}-\d{4,7}'
    text = '\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)|\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b'
    kind = "change"
    change_class = "emergency"
    priority = "immediate"

    [[rules]]
    name = "compromise-report"
    text = '(?s)\b(compromised?|intrusion|intruders?|malware|trojan|rootkit|backdoor|crypto-?min(er|ing)|mining[ -]pool|phishing|vulnerabilit(y|ies)|brute[ -]force|remote code execution|privilege escalation|abuse (report|complaint)|failed (ssh |root )?(password|login) attempts)\b|xmrig|supportxmr|(?-i:\bCERTS?\b|CSIRT|\bSVG\b)|\bleaked\b|\b(pushed|published|committed|exposed)\b.{0,200}\b(private key|password|token|credentials)\b|\b(suspicious|unknown|strange) (logins?|connections?|activity|user|account|ssh key|process)\b|\blogins? (that )?(I|we) (didn.t|did not) make|\bUID 0\b|\bsuspicious\b|(accessi|accesso|login|attività|connessioni) sospett\w{0,3}|(accesos?|actividad|conexiones|inicios de sesión) sospechos\w{0,2}|verdächtige\w{0,2} (Logins?|Anmeldung\w{0,2}|Prozess\w{0,2}|Aktivität\w{0,2})|podejrzan\w{0,3} (logowan\w{0,3}|aktywnoś\w{0,3}|proces\w{0,2})|podezřel\w{0,3} (přihlášen\w{0,2}|aktivit\w{0,2}|proces\w{0,2})|(connexions?|activité|processus) suspect\w{0,2}|suspicieu\w{0,2}|verdachte (logins?|activiteit|processen)|\b(odd|strange|weird|unknown) (entries|process(es)?|binar(y|ies)|files?|user|account|key)\b|responsible disclosure|unauthenticated (access|api|endpoint)|\bdefaced?\b|defacement|ransom\w{0,4}|\b(stolen|gestohlen|volé|rubato|robado|skradzion\w{0,2}|ukraden\w{0,2})\b|public (repository|repo)\b|publiczn\w{0,3} repozytori|repositorio público|dépôt public|repository pubblico|öffentliche\w{0,2} Repo|ficheros cifrados|fichiers chiffrés|file cifrati|verschlüsselt\w{0,2}|zaszyfrowan|zašifrovan|(unknown|unrecogni[sz]ed)\b.{0,80}\b(ssh[ -]key|public key|authorized_keys)|\b(ssh[ -]key|public key|authorized_keys)\b.{0,120}\b(nobody|no one|none of us)\b|Sicherheitslücke|Schwachstelle|Mining-Pool|kompromittiert|vulnérabilité|piratage|hameçonnage|injection SQL|vulnerabilità|pubblicat\w{0,3} per errore|credenziali|vulnerabilidad|minería|comprometid|intrusión|podatnoś|włamani|(dziwne|podejrzane) logowania|zranitelnost|průnik|kompromitov|neznám\w{0,3} uživatel'
    kind = "security"
    priority = "high"

    [[rules]]
    name = "recurring-trouble"
    text = '\b(recurring|recurrent|repeated(ly)?|again and again|keeps? (happening|coming back|failing|recurring)|in a row|root[- ]cause|underlying (cause|issue|problem)|problem (record|ticket|management)|treat (this|it) as a problem)\b|\b(third|fourth|fifth|sixth|seventh|\d+(st|nd|rd|th)) (time|ticket|occurrence|weekend|week|month)\b|wiederkehrend|Ursachenanalyse|Ursache\b|récurrent|cause (racine|profonde)|ricorrent|problem record|se repiten|recurrente|causa (raíz|de fondo)|registro de problema|powtarzając|po raz (trzeci|czwarty|piąty|kolejny)|przyczyn\w{0,3} źródłow|opakovan|počtvrté|potřetí|příčin|terugkerend|herhaaldelijk|recorrente'
    kind = "problem"
    priority = "normal"

    [[rules]]
    name = "standard-change"
    standard_change = true
    kind = "change"

    [[rules]]
    name = "change-request"
    text = '(?s)\b(change request|request for change)\b|\b(please|kindly|could you|can you|would you|we would like to|we.d like to|we want to|we plan to|we wish to|I ask you to|I would like to ask you to)\b[^.?!]{0,80}\b(install|upgrade|update|deploy|enable|disable|configure|reconfigure|migrate|open (the )?(tcp |udp )?ports?|add\b.{0,120}\bto (the|our|its|their)\b|remove|roll ?back|decommission|set up|create|register|replace|change)\b|(bitte|möchten|bräuchten|könnt ihr|können Sie|wir planen)\b[^.?!]{0,80}\b(installieren|aktualisieren|einrichten|umziehen|migrieren|aktivieren|freischalten|konfigurieren|hinzufügen|öffnen|umstellen)|(merci de|pourriez-vous|nous souhaitons|nous voudrions|nous aimerions)\b[^.?!]{0,80}\b(installer|activer|mettre à jour|configurer|migrer|ouvrir|ajouter|déployer)|(vi chiedo di|chiedo di|potete|vorremmo|per favore)\b[^.?!]{0,80}\b(install|aggiorn|configur|attiv|abilit|aggiung|migr)|(necesitar\w{0,4}|podéis|por favor|quisiéramos|solicitamos)\b[^.?!]{0,80}\b(instal|actualic|habilit|configur|migr|abr|añad)|wniosek o zmian|(proszę o|chcielibyśmy|prosimy o)\b[^.?!]{0,80}\b(instal|aktualiz|przeinstal|konfigur|włącz|doda|uruchom)|(prosím o|potřebovali bychom|chtěli bychom)\b[^.?!]{0,80}\b(povolení|instal|aktualiz|nastav|přid|zpřístupn|otevř)|(willen jullie|kunnen jullie|graag)\b[^.?!]{0,80}\b(install|upgrad|configur|toevoeg|activer)'
    kind = "change"

    [[rules]]
    name = "change-in-subject"
    subject = '^(re|aw|fwd?|wg|tr|rv|odp|r|\W){0,20}((request( for)?|richiesta( di)?|solicitud( de)?|demande( de| d.)?|Anfrage|žádost o|prośba o|verzoek om|pedido de)\s{0,3}:?\s{0,3})?(install(ation)?|upgrade|enable|enabling|activation|deploy(ment)?|firewall|abilitazione|attivazione|installazione|instalação|instalación|habilitar|ajout|aggiunta|Einrichtung|Freischaltung|přidání|instalace|instalacja|dodanie|migration)\b'
    kind = "change"

    [[rules]]
    name = "monitoring-alert"
    mailbox = "notifications"
    subject = '\b(PROBLEM|CRITICAL|DOWN|UNREACHABLE|FIRING)\b'
    kind = "incident"
    priority = "normal"

    [[rules]]
    name = "maintenance-in-text"
    body = '\b(planned|scheduled)[ -]([a-z]{1,20} )?(maintenance|downtime|intervention|outage|work)\b|\bmaintenance window\b|\bwill be (completely |fully )?(down|unavailable|offline)\b|geplante Wartung|Wartungsfenster|maintenance programmée|manutenzione programmata|mantenimiento programado|manutenção programada|przerwa (serwisowa|techniczna)|plánovan\w{0,3} (odstávk|údržb)|gepland onderhoud'
    kind = "maintenance"
    priority = "normal"

    [[rules]]
    name = "working-again"
    text = '\b(is|are) (running|working|fine|back) again\b|\bworks again\b|\beverything (else )?(is )?(running|working|fine)\b|\bworks normally\b|ya funciona|funciona (bien|de nuevo|normalmente)|už funguje|vše funguje|fonctionne (normalement|à nouveau|de nouveau)|funziona (di nuovo|normalmente)|(läuft|funktioniert) wieder|działa (już )?(normalnie|poprawnie)|werkt weer|post-?mortem|incident report'
    kind = "request"

    [[rules]]
    name = "urgent-incident"
    subject = '^\W{0,10}(re:\s{0,5})?(urgent|critical|emergency)\b'
    kind = "incident"
    priority = "high"

    [[rules]]
    name = "failure"
    text = '(?s)\b(fail(s|ed|ing|ure)?|not working|(doesn.t|does not|don.t|do not) work|stopped (working|publishing|accepting|responding)|broken(?! down)|(is|are|was|were|went|goes|been|still|completely) down|down (since|for)|errors?|unreachable|unavailable|unusable|not (responding|reachable|available)|(cannot|can.t|could not|couldn.t|unable to) (access|connect|log ?in|submit|reach|get|mount|read|write)|time[ds]? ?out|timeouts?|hangs?|hanging|crash(es|ed)?|dies|died|dying|stuck|(sitting|waiting|pending|idle|queued) in (the )?queue|refused|denied|CRITICAL|no longer|empty|zero|held|lost)\b|funktioniert nicht|geht nicht|\bab(brechen|gebrochen)\b|brechen\b.{0,40}\bab\b|Fehler|nicht (mehr )?erreichbar|Störung|nicht mehr|hängt|ne fonctionne (plus|pas)|échou|erreur|impossible|en panne|ne répond (plus|pas)|indisponible|bloqué|non funziona|errore|fallis|non rispond|non riesco|bloccat|guasto|no funciona|\berror|\bfall(a|an|o|os)\b|caído|no responde|no (puedo|podemos)|colgad|nie działa|błąd|błęd|nie odpowiada|nie mogę|awari|przestał|nefunguj|chyb|nedostupn|\bvisí\b|zaseknut\w{0,2}|nemohu|nejde|padají|neodpovíd|selháv|werkt niet|storing|foutmelding|lukt niet|niet (meer )?(bereikbaar|inloggen)|werkt .{0,20}niet|falh|não funciona|erro\b|indisponível'
    kind = "incident"
    """#
}
