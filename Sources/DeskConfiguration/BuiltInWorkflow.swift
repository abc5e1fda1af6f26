// Generated from `DefaultWorkflow.toml` by BuiltInWorkflowTableTests; do not edit.
// After changing the built-in rules: UPDATE_BUILT_IN_WORKFLOW=1 swift test --filter BuiltInWorkflowTable
//
// The built-in rules and catalogue as the config loader reads them, each pattern
// taken apart as the literal prefilter takes it apart: a one-shot command (an MTA's
// `ticketd ingest -`) reads neither the TOML nor the patterns.
import Classification
import TicketCore

extension DefaultWorkflow {
    static let standardChanges: [Pattern] = [
        Pattern(
            builtIn: #"(?s)\bhost[ -]?certificates?\b.{0,150}\b(renew|replace|reissue)|\b(renew|replace|reissue)\w{0,4}\b.{0,100}\bhost[ -]?certificate|Hostzertifikat\w{0,2}\b.{0,100}(erneuer|ersetz|tausch|verlänger)|(erneuer|ersetz|tausch|verlänger)\w{0,4}\b.{0,100}Hostzertifikat|certificat\w{0,2} (d.hôte|hôte|de l.hôte|du serveur|serveur)|certificato (host|dell.host|del server)|certificado (de|del) (host|servidor)|certyfikat\w{0,3} (hosta|serwera)|certifikát\w{0,3} (hostitele|serveru)|hostcertificaat|certificado (do )?(host|servidor)"#,
            alternatives: [
                .init(flags: "(?s)", body: #"\bhost[ -]?certificates?\b.{0,150}\b(renew|replace|reissue)"#, literals: ["host"], startsWithLiteral: true, confirming: [["certificate"], ["renew", "replace", "reissue"]]),
                .init(flags: "(?s)", body: #"\b(renew|replace|reissue)\w{0,4}\b.{0,100}\bhost[ -]?certificate"#, literals: ["renew", "replace", "reissue"], startsWithLiteral: true, confirming: [["host"], ["certificate"]]),
                .init(flags: "(?s)", body: #"Hostzertifikat\w{0,2}\b.{0,100}(erneuer|ersetz|tausch|verlänger)"#, literals: ["hostzertifikat"], startsWithLiteral: true, confirming: [["erneuer", "ersetz", "tausch", "verl"]]),
                .init(flags: "(?s)", body: #"(erneuer|ersetz|tausch|verlänger)\w{0,4}\b.{0,100}Hostzertifikat"#, literals: ["erneuer", "ersetz", "tausch", "verl"], startsWithLiteral: true, confirming: [["hostzertifikat"]]),
                .init(flags: "(?s)", body: #"certificat\w{0,2} (d.hôte|hôte|de l.hôte|du serveur|serveur)"#, literals: ["certificat"], startsWithLiteral: true, confirming: [["te", "te", "de l", "du serveur", "serveur"]]),
                .init(flags: "(?s)", body: "certificato (host|dell.host|del server)", literals: ["certificato "], startsWithLiteral: true, confirming: [["host", "dell", "del server"]]),
                .init(flags: "(?s)", body: "certificado (de|del) (host|servidor)", literals: ["certificado "], startsWithLiteral: true, confirming: [["de", "del"], ["host", "servidor"]]),
                .init(flags: "(?s)", body: #"certyfikat\w{0,3} (hosta|serwera)"#, literals: ["certyfikat"], startsWithLiteral: true, confirming: [["hosta", "serwera"]]),
                .init(flags: "(?s)", body: #"certifikát\w{0,3} (hostitele|serveru)"#, literals: ["certifik"], startsWithLiteral: true, confirming: [["hostitele", "serveru"]]),
                .init(flags: "(?s)", body: "hostcertificaat", literals: ["hostcertificaat"], startsWithLiteral: true),
                .init(flags: "(?s)", body: "certificado (do )?(host|servidor)", literals: ["certificado "], startsWithLiteral: true, confirming: [["host", "servidor"]]),
            ]
        ),
        Pattern(
            builtIn: #"(?s)\badd\b.{0,100}\b(users?|members?|researchers?|people|persons?)\b.{0,100}\bVO\b|\badd\b.{0,60}\bto (the|our|my) VO\b|aggiung\w{0,4}\b.{0,60}\b(alla|nella) VO\b|\bVO\b.{0,80}(hinzufügen|aufnehmen)|(ajouter|inscrire)\b.{0,60}\b(à|dans) la VO\b|(añadir|agregar|incluir)\b.{0,60}\b(a|en) la VO\b|dodać\b.{0,60}\bdo VO\b|přid\w{0,4}\b.{0,60}\bdo VO\b|toevoegen\b.{0,60}\baan de VO\b|adicionar\b.{0,60}\b(à|na) VO\b"#,
            alternatives: [
                .init(flags: "(?s)", body: #"\badd\b.{0,100}\b(users?|members?|researchers?|people|persons?)\b.{0,100}\bVO\b"#, literals: ["add"], startsWithLiteral: true, confirming: [["user", "member", "researcher", "people", "person"], ["vo"]]),
                .init(flags: "(?s)", body: #"\badd\b.{0,60}\bto (the|our|my) VO\b"#, literals: ["add"], startsWithLiteral: true, confirming: [["to "], ["the", "our", "my"], [" vo"]]),
                .init(flags: "(?s)", body: #"aggiung\w{0,4}\b.{0,60}\b(alla|nella) VO\b"#, literals: ["aggiung"], startsWithLiteral: true, confirming: [["alla", "nella"], [" vo"]]),
                .init(flags: "(?s)", body: #"\bVO\b.{0,80}(hinzufügen|aufnehmen)"#, literals: ["vo"], startsWithLiteral: true, confirming: [["hinzuf", "aufnehmen"]]),
                .init(flags: "(?s)", body: #"(ajouter|inscrire)\b.{0,60}\b(à|dans) la VO\b"#, literals: ["ajouter", "inscrire"], startsWithLiteral: true, confirming: [[" la vo"]]),
                .init(flags: "(?s)", body: #"(añadir|agregar|incluir)\b.{0,60}\b(a|en) la VO\b"#, literals: ["adir", "agregar", "incluir"], startsWithLiteral: false, confirming: [[" la vo"]]),
                .init(flags: "(?s)", body: #"dodać\b.{0,60}\bdo VO\b"#, literals: ["doda"], startsWithLiteral: true, confirming: [["do vo"]]),
                .init(flags: "(?s)", body: #"přid\w{0,4}\b.{0,60}\bdo VO\b"#, literals: ["do vo"], startsWithLiteral: false, confirming: [["id"]]),
                .init(flags: "(?s)", body: #"toevoegen\b.{0,60}\baan de VO\b"#, literals: ["toevoegen"], startsWithLiteral: true, confirming: [["aan de vo"]]),
                .init(flags: "(?s)", body: #"adicionar\b.{0,60}\b(à|na) VO\b"#, literals: ["adicionar"], startsWithLiteral: true, confirming: [[" vo"]]),
            ]
        ),
        Pattern(
            builtIn: #"(?s)\b(increase|extend|raise|enlarge)\w{0,2}\b.{0,100}\b(quotas?|limits?)\b|\b(quota|limit)s?\b.{0,60}\b(increased?|raised?|extended)\b|augment\w{0,6}\b.{0,60}\b(quota|espace|limite)|aument\w{0,6}\b.{0,60}\b(quota|cuota|limit)|erhöh\w{0,4}\b.{0,60}\b(Quota|Kontingent|Limit)|(Quota|Kontingent)\w{0,2}\b.{0,60}erhöh|zwiększ\w{0,6}\b.{0,60}\b(limit|kwot|quot)|navýš\w{0,6}\b.{0,60}\b(kvót|limit|quot)|verhog\w{0,4}\b.{0,60}\b(quota|limiet)"#,
            alternatives: [
                .init(flags: "(?s)", body: #"\b(increase|extend|raise|enlarge)\w{0,2}\b.{0,100}\b(quotas?|limits?)\b"#, literals: ["increase", "extend", "raise", "enlarge"], startsWithLiteral: true, confirming: [["quota", "limit"]]),
                .init(flags: "(?s)", body: #"\b(quota|limit)s?\b.{0,60}\b(increased?|raised?|extended)\b"#, literals: ["quota", "limit"], startsWithLiteral: true, confirming: [["increase", "raise", "extended"]]),
                .init(flags: "(?s)", body: #"augment\w{0,6}\b.{0,60}\b(quota|espace|limite)"#, literals: ["augment"], startsWithLiteral: true, confirming: [["quota", "espace", "limite"]]),
                .init(flags: "(?s)", body: #"aument\w{0,6}\b.{0,60}\b(quota|cuota|limit)"#, literals: ["aument"], startsWithLiteral: true, confirming: [["quota", "cuota", "limit"]]),
                .init(flags: "(?s)", body: #"erhöh\w{0,4}\b.{0,60}\b(Quota|Kontingent|Limit)"#, literals: ["erh"], startsWithLiteral: true, confirming: [["quota", "kontingent", "limit"]]),
                .init(flags: "(?s)", body: #"(Quota|Kontingent)\w{0,2}\b.{0,60}erhöh"#, literals: ["quota", "kontingent"], startsWithLiteral: true, confirming: [["erh"]]),
                .init(flags: "(?s)", body: #"zwiększ\w{0,6}\b.{0,60}\b(limit|kwot|quot)"#, literals: ["zwi"], startsWithLiteral: true, confirming: [["limit", "kwot", "quot"]]),
                .init(flags: "(?s)", body: #"navýš\w{0,6}\b.{0,60}\b(kvót|limit|quot)"#, literals: ["nav"], startsWithLiteral: true, confirming: [["kv", "limit", "quot"]]),
                .init(flags: "(?s)", body: #"verhog\w{0,4}\b.{0,60}\b(quota|limiet)"#, literals: ["verhog"], startsWithLiteral: true, confirming: [["quota", "limiet"]]),
            ]
        ),
        Pattern(
            builtIn: #"(?s)\b(please|could|can|would|kindly)\b[^.?!]{0,60}\brestart|(podéis|podríais|puede|podrías|por favor)[^.?!]{0,60}reinici|(bitte|könnt|können)[^.?!]{0,60}(neu ?starten|Neustart)|(pourriez|pouvez|merci de)[^.?!]{0,60}redémarr|(potete|potreste|per favore)[^.?!]{0,60}riavvi|(proszę|prosimy|czy możecie)[^.?!]{0,60}(zrestartowa|restartowa|uruchomi\w{0,3} ponownie)|(prosím|můžete)[^.?!]{0,60}restartova|(kunnen jullie|graag|wilt u)[^.?!]{0,60}herstart|(podem|por favor)[^.?!]{0,60}reinicia"#,
            alternatives: [
                .init(flags: "(?s)", body: #"\b(please|could|can|would|kindly)\b[^.?!]{0,60}\brestart"#, literals: ["please", "could", "can", "would", "kindly"], startsWithLiteral: true, confirming: [["restart"]]),
                .init(flags: "(?s)", body: "(podéis|podríais|puede|podrías|por favor)[^.?!]{0,60}reinici", literals: ["pod", "podr", "puede", "podr", "por favor"], startsWithLiteral: true, confirming: [["reinici"]]),
                .init(flags: "(?s)", body: "(bitte|könnt|können)[^.?!]{0,60}(neu ?starten|Neustart)", literals: ["bitte", "nnt", "nnen"], startsWithLiteral: false, confirming: [["neu", "neustart"]]),
                .init(flags: "(?s)", body: "(pourriez|pouvez|merci de)[^.?!]{0,60}redémarr", literals: ["pourriez", "pouvez", "merci de"], startsWithLiteral: true, confirming: [["marr"]]),
                .init(flags: "(?s)", body: "(potete|potreste|per favore)[^.?!]{0,60}riavvi", literals: ["potete", "potreste", "per favore"], startsWithLiteral: true, confirming: [["riavvi"]]),
                .init(flags: "(?s)", body: #"(proszę|prosimy|czy możecie)[^.?!]{0,60}(zrestartowa|restartowa|uruchomi\w{0,3} ponownie)"#, literals: ["prosz", "prosimy", "czy mo"], startsWithLiteral: true, confirming: [["zrestartowa", "restartowa", "uruchomi"]]),
                .init(flags: "(?s)", body: "(prosím|můžete)[^.?!]{0,60}restartova", literals: ["pros", "ete"], startsWithLiteral: false, confirming: [["restartova"]]),
                .init(flags: "(?s)", body: "(kunnen jullie|graag|wilt u)[^.?!]{0,60}herstart", literals: ["kunnen jullie", "graag", "wilt u"], startsWithLiteral: true, confirming: [["herstart"]]),
                .init(flags: "(?s)", body: "(podem|por favor)[^.?!]{0,60}reinicia", literals: ["podem", "por favor"], startsWithLiteral: true, confirming: [["reinicia"]]),
            ]
        ),
    ]

    static let rules: [ClassificationRule] = [
        ClassificationRule.built("declared-emergency-change") {
            $0.text = Pattern(
                builtIn: #"\b(emergency[ -]change|urgent change)\b|Notfall-?(change|änderung)|changement (d.urgence|urgent)|change di emergenza|modifica (urgente|di emergenza)|cambio (urgente|de emergencia)|zmian\w{0,3} awaryjn|awaryjn\w{0,3} zmian|pilna zmiana|nouzov\w{0,3} změn|urgentní změn|noodwijziging|spoedwijziging|mudança de emergência"#,
                alternatives: [
                    .init(flags: "", body: #"\b(emergency[ -]change|urgent change)\b"#, literals: ["emergency", "urgent change"], startsWithLiteral: true),
                    .init(flags: "", body: "Notfall-?(change|änderung)", literals: ["notfall"], startsWithLiteral: true, confirming: [["change", "nderung"]]),
                    .init(flags: "", body: "changement (d.urgence|urgent)", literals: ["changement "], startsWithLiteral: true, confirming: [["urgence", "urgent"]]),
                    .init(flags: "", body: "change di emergenza", literals: ["change di emergenza"], startsWithLiteral: true),
                    .init(flags: "", body: "modifica (urgente|di emergenza)", literals: ["modifica "], startsWithLiteral: true, confirming: [["urgente", "di emergenza"]]),
                    .init(flags: "", body: "cambio (urgente|de emergencia)", literals: ["cambio "], startsWithLiteral: true, confirming: [["urgente", "de emergencia"]]),
                    .init(flags: "", body: #"zmian\w{0,3} awaryjn"#, literals: ["zmian"], startsWithLiteral: true, confirming: [[" awaryjn"]]),
                    .init(flags: "", body: #"awaryjn\w{0,3} zmian"#, literals: ["awaryjn"], startsWithLiteral: true, confirming: [[" zmian"]]),
                    .init(flags: "", body: "pilna zmiana", literals: ["pilna zmiana"], startsWithLiteral: true),
                    .init(flags: "", body: #"nouzov\w{0,3} změn"#, literals: ["nouzov"], startsWithLiteral: true, confirming: [[" zm"]]),
                    .init(flags: "", body: "urgentní změn", literals: ["urgentn"], startsWithLiteral: true),
                    .init(flags: "", body: "noodwijziging", literals: ["noodwijziging"], startsWithLiteral: true),
                    .init(flags: "", body: "spoedwijziging", literals: ["spoedwijziging"], startsWithLiteral: true),
                    .init(flags: "", body: "mudança de emergência", literals: ["a de emerg"], startsWithLiteral: false),
                ]
            )
            $0.kind = TicketKind.change
            $0.changeClass = ChangeClass.emergency
            $0.priority = Priority.immediate
        },
        ClassificationRule.built("declared-security-incident") {
            $0.text = Pattern(
                builtIn: #"\bsecurity (incident|breach)\b|Sicherheitsvorfall|incident de sécurité|incidente (di sicurezza|de seguridad|de segurança)|incydent\w{0,3} bezpieczeństwa|bezpečnostní\w{0,3} incident|beveiligingsincident"#,
                alternatives: [
                    .init(flags: "", body: #"\bsecurity (incident|breach)\b"#, literals: ["security "], startsWithLiteral: true, confirming: [["incident", "breach"]]),
                    .init(flags: "", body: "Sicherheitsvorfall", literals: ["sicherheitsvorfall"], startsWithLiteral: true),
                    .init(flags: "", body: "incident de sécurité", literals: ["incident de s"], startsWithLiteral: true),
                    .init(flags: "", body: "incidente (di sicurezza|de seguridad|de segurança)", literals: ["incidente "], startsWithLiteral: true, confirming: [["di sicurezza", "de seguridad", "de seguran"]]),
                    .init(flags: "", body: #"incydent\w{0,3} bezpieczeństwa"#, literals: ["incydent"], startsWithLiteral: true, confirming: [[" bezpiecze"]]),
                    .init(flags: "", body: #"bezpečnostní\w{0,3} incident"#, literals: ["bezpe"], startsWithLiteral: true, confirming: [[" incident"]]),
                    .init(flags: "", body: "beveiligingsincident", literals: ["beveiligingsincident"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.security
            $0.priority = Priority.high
        },
        ClassificationRule.built("declared-request") {
            $0.text = Pattern(
                builtIn: #"\bthis is (just )?a (request|question)\b|\bnot an incident\b|\bnothing is broken\b|\bjust a question\b|keine Störungsmeldung|\bnur eine Frage\b|\bkurze Frage\b|ceci est une demande|pas un incident|(simple|juste une) question|solo una domanda|non è un (incidente|guasto)|solo una (pregunta|consulta)|no es (una incidencia|un incidente)|to jest prośba|nie zgłoszenie awarii|tylko pytanie|nic naléhavého|jen dotaz|jde jen o informaci|nejde o (incident|poruchu)|geen storing|alleen een vraag|apenas uma (pergunta|dúvida)"#,
                alternatives: [
                    .init(flags: "", body: #"\bthis is (just )?a (request|question)\b"#, literals: ["this is "], startsWithLiteral: true, confirming: [["a "], ["request", "question"]]),
                    .init(flags: "", body: #"\bnot an incident\b"#, literals: ["not an incident"], startsWithLiteral: true),
                    .init(flags: "", body: #"\bnothing is broken\b"#, literals: ["nothing is broken"], startsWithLiteral: true),
                    .init(flags: "", body: #"\bjust a question\b"#, literals: ["just a question"], startsWithLiteral: true),
                    .init(flags: "", body: "keine Störungsmeldung", literals: ["rungsmeldung"], startsWithLiteral: false),
                    .init(flags: "", body: #"\bnur eine Frage\b"#, literals: ["nur eine frage"], startsWithLiteral: true),
                    .init(flags: "", body: #"\bkurze Frage\b"#, literals: ["kurze frage"], startsWithLiteral: true),
                    .init(flags: "", body: "ceci est une demande", literals: ["ceci est une demande"], startsWithLiteral: true),
                    .init(flags: "", body: "pas un incident", literals: ["pas un incident"], startsWithLiteral: true),
                    .init(flags: "", body: "(simple|juste une) question", literals: ["simple", "juste une"], startsWithLiteral: true, confirming: [[" question"]]),
                    .init(flags: "", body: "solo una domanda", literals: ["solo una domanda"], startsWithLiteral: true),
                    .init(flags: "", body: "non è un (incidente|guasto)", literals: ["non "], startsWithLiteral: true, confirming: [["incidente", "guasto"]]),
                    .init(flags: "", body: "solo una (pregunta|consulta)", literals: ["solo una "], startsWithLiteral: true, confirming: [["pregunta", "consulta"]]),
                    .init(flags: "", body: "no es (una incidencia|un incidente)", literals: ["no es "], startsWithLiteral: true, confirming: [["una incidencia", "un incidente"]]),
                    .init(flags: "", body: "to jest prośba", literals: ["to jest pro"], startsWithLiteral: true),
                    .init(flags: "", body: "nie zgłoszenie awarii", literals: ["oszenie awarii"], startsWithLiteral: false),
                    .init(flags: "", body: "tylko pytanie", literals: ["tylko pytanie"], startsWithLiteral: true),
                    .init(flags: "", body: "nic naléhavého", literals: ["nic nal"], startsWithLiteral: true),
                    .init(flags: "", body: "jen dotaz", literals: ["jen dotaz"], startsWithLiteral: true),
                    .init(flags: "", body: "jde jen o informaci", literals: ["jde jen o informaci"], startsWithLiteral: true),
                    .init(flags: "", body: "nejde o (incident|poruchu)", literals: ["nejde o "], startsWithLiteral: true, confirming: [["incident", "poruchu"]]),
                    .init(flags: "", body: "geen storing", literals: ["geen storing"], startsWithLiteral: true),
                    .init(flags: "", body: "alleen een vraag", literals: ["alleen een vraag"], startsWithLiteral: true),
                    .init(flags: "", body: "apenas uma (pergunta|dúvida)", literals: ["apenas uma "], startsWithLiteral: true, confirming: [["pergunta", "vida"]]),
                ]
            )
            $0.kind = TicketKind.request
        },
        ClassificationRule.built("maintenance-announcement") {
            $0.subject = Pattern(
                builtIn: #"\b(downtime|maintenance|intervention|at[- ]risk)\b|Wartung|arrêt programmé|intervention planifiée|fermo programmato|manutenzione|mantenimiento|parada programada|manutenção|paragem programada|przerwa serwisowa|planowana przerwa|prace (konserwacyjne|serwisowe)|odstávk|údržb|onderhoud"#,
                alternatives: [
                    .init(flags: "", body: #"\b(downtime|maintenance|intervention|at[- ]risk)\b"#, literals: ["downtime", "maintenance", "intervention", "at"], startsWithLiteral: true),
                    .init(flags: "", body: "Wartung", literals: ["wartung"], startsWithLiteral: true),
                    .init(flags: "", body: "arrêt programmé", literals: ["t programm"], startsWithLiteral: false),
                    .init(flags: "", body: "intervention planifiée", literals: ["intervention planifi"], startsWithLiteral: true),
                    .init(flags: "", body: "fermo programmato", literals: ["fermo programmato"], startsWithLiteral: true),
                    .init(flags: "", body: "manutenzione", literals: ["manutenzione"], startsWithLiteral: true),
                    .init(flags: "", body: "mantenimiento", literals: ["mantenimiento"], startsWithLiteral: true),
                    .init(flags: "", body: "parada programada", literals: ["parada programada"], startsWithLiteral: true),
                    .init(flags: "", body: "manutenção", literals: ["manuten"], startsWithLiteral: true),
                    .init(flags: "", body: "paragem programada", literals: ["paragem programada"], startsWithLiteral: true),
                    .init(flags: "", body: "przerwa serwisowa", literals: ["przerwa serwisowa"], startsWithLiteral: true),
                    .init(flags: "", body: "planowana przerwa", literals: ["planowana przerwa"], startsWithLiteral: true),
                    .init(flags: "", body: "prace (konserwacyjne|serwisowe)", literals: ["prace "], startsWithLiteral: true, confirming: [["konserwacyjne", "serwisowe"]]),
                    .init(flags: "", body: "odstávk", literals: ["odst"], startsWithLiteral: true),
                    .init(flags: "", body: "údržb", literals: ["dr"], startsWithLiteral: false),
                    .init(flags: "", body: "onderhoud", literals: ["onderhoud"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.maintenance
            $0.priority = Priority.normal
        },
        ClassificationRule.built("urgent-patch-cve-in-subject") {
            $0.mailboxes = ["support"]
            $0.subject = Pattern(
                builtIn: #"CVE-\d{4}-\d{4,7}"#,
                alternatives: [
                    .init(flags: "", body: #"CVE-\d{4}-\d{4,7}"#, literals: ["cve-"], startsWithLiteral: true),
                ]
            )
            $0.text = Pattern(
                builtIn: #"\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)|\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b"#,
                alternatives: [
                    .init(flags: "", body: #"\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)"#, literals: ["urgent", "immediate", "asap", "today", "tonight", "right now", "dringend", "sofort", "heute", "diatement", "aujourd", "urgente", "subito", "oggi", "hoy", "inmediat", "pilnie", "pilna", "natychmiast", "dzi", "dzisiaj", "okam", "ihned", "dnes"], startsWithLiteral: false, confirming: [["patch", "update", "upgrade", "aktualisier", "mettre ", "correctif", "aggiorn", "parche", "actualiz", "aktualiz", "plat"]]),
                    .init(flags: "", body: #"\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b"#, literals: ["patch", "update", "upgrade", "aktualisier", "correctif", "aggiorn", "parche", "actualiz", "aktualiz", "plat"], startsWithLiteral: false, confirming: [["urgent", "immediate", "asap", "today", "tonight", "dringend", "sofort", "heute", "diatement", "aujourd", "urgente", "subito", "oggi", "hoy", "pilnie", "natychmiast", "okam", "ihned", "dnes"]]),
                ]
            )
            $0.kind = TicketKind.change
            $0.changeClass = ChangeClass.emergency
            $0.priority = Priority.immediate
        },
        ClassificationRule.built("urgent-patch-cve-in-body") {
            $0.mailboxes = ["support"]
            $0.body = Pattern(
                builtIn: #"CVE-\d{4}-\d{4,7}"#,
                alternatives: [
                    .init(flags: "", body: #"CVE-\d{4}-\d{4,7}"#, literals: ["cve-"], startsWithLiteral: true),
                ]
            )
            $0.text = Pattern(
                builtIn: #"\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)|\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b"#,
                alternatives: [
                    .init(flags: "", body: #"\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|right now|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|inmediat\w{0,4}|pilnie|pilna|natychmiast|dziś|dzisiaj|okamžit\w{0,3}|ihned|dnes)\b[^.!?\n]{0,100}\b(patch|update|upgrade|aktualisier|mettre à jour|correctif|aggiorn|parche|actualiz|aktualiz|záplat)"#, literals: ["urgent", "immediate", "asap", "today", "tonight", "right now", "dringend", "sofort", "heute", "diatement", "aujourd", "urgente", "subito", "oggi", "hoy", "inmediat", "pilnie", "pilna", "natychmiast", "dzi", "dzisiaj", "okam", "ihned", "dnes"], startsWithLiteral: false, confirming: [["patch", "update", "upgrade", "aktualisier", "mettre ", "correctif", "aggiorn", "parche", "actualiz", "aktualiz", "plat"]]),
                    .init(flags: "", body: #"\b(patch|update|upgrade|aktualisier|correctif|aggiorn|parche|actualiz|aktualiz|záplat)\w{0,6}\b[^.!?\n]{0,100}\b(urgent(ly)?|immediate(ly)?|asap|today|tonight|dringend|sofort|heute|immédiatement|aujourd.hui|urgente|subito|oggi|hoy|pilnie|natychmiast|okamžit\w{0,3}|ihned|dnes)\b"#, literals: ["patch", "update", "upgrade", "aktualisier", "correctif", "aggiorn", "parche", "actualiz", "aktualiz", "plat"], startsWithLiteral: false, confirming: [["urgent", "immediate", "asap", "today", "tonight", "dringend", "sofort", "heute", "diatement", "aujourd", "urgente", "subito", "oggi", "hoy", "pilnie", "natychmiast", "okam", "ihned", "dnes"]]),
                ]
            )
            $0.kind = TicketKind.change
            $0.changeClass = ChangeClass.emergency
            $0.priority = Priority.immediate
        },
        ClassificationRule.built("compromise-report") {
            $0.text = Pattern(
                builtIn: #"(?s)\b(compromised?|intrusion|intruders?|malware|trojan|rootkit|backdoor|crypto-?min(er|ing)|mining[ -]pool|phishing|vulnerabilit(y|ies)|brute[ -]force|remote code execution|privilege escalation|abuse (report|complaint)|failed (ssh |root )?(password|login) attempts)\b|xmrig|supportxmr|(?-i:\bCERTS?\b|CSIRT|\bSVG\b)|\bleaked\b|\b(pushed|published|committed|exposed)\b.{0,200}\b(private key|password|token|credentials)\b|\b(suspicious|unknown|strange) (logins?|connections?|activity|user|account|ssh key|process)\b|\blogins? (that )?(I|we) (didn.t|did not) make|\bUID 0\b|\bsuspicious\b|(accessi|accesso|login|attività|connessioni) sospett\w{0,3}|(accesos?|actividad|conexiones|inicios de sesión) sospechos\w{0,2}|verdächtige\w{0,2} (Logins?|Anmeldung\w{0,2}|Prozess\w{0,2}|Aktivität\w{0,2})|podejrzan\w{0,3} (logowan\w{0,3}|aktywnoś\w{0,3}|proces\w{0,2})|podezřel\w{0,3} (přihlášen\w{0,2}|aktivit\w{0,2}|proces\w{0,2})|(connexions?|activité|processus) suspect\w{0,2}|suspicieu\w{0,2}|verdachte (logins?|activiteit|processen)|\b(odd|strange|weird|unknown) (entries|process(es)?|binar(y|ies)|files?|user|account|key)\b|responsible disclosure|unauthenticated (access|api|endpoint)|\bdefaced?\b|defacement|ransom\w{0,4}|\b(stolen|gestohlen|volé|rubato|robado|skradzion\w{0,2}|ukraden\w{0,2})\b|public (repository|repo)\b|publiczn\w{0,3} repozytori|repositorio público|dépôt public|repository pubblico|öffentliche\w{0,2} Repo|ficheros cifrados|fichiers chiffrés|file cifrati|verschlüsselt\w{0,2}|zaszyfrowan|zašifrovan|(unknown|unrecogni[sz]ed)\b.{0,80}\b(ssh[ -]key|public key|authorized_keys)|\b(ssh[ -]key|public key|authorized_keys)\b.{0,120}\b(nobody|no one|none of us)\b|Sicherheitslücke|Schwachstelle|Mining-Pool|kompromittiert|vulnérabilité|piratage|hameçonnage|injection SQL|vulnerabilità|pubblicat\w{0,3} per errore|credenziali|vulnerabilidad|minería|comprometid|intrusión|podatnoś|włamani|(dziwne|podejrzane) logowania|zranitelnost|průnik|kompromitov|neznám\w{0,3} uživatel"#,
                alternatives: [
                    .init(flags: "(?s)", body: #"\b(compromised?|intrusion|intruders?|malware|trojan|rootkit|backdoor|crypto-?min(er|ing)|mining[ -]pool|phishing|vulnerabilit(y|ies)|brute[ -]force|remote code execution|privilege escalation|abuse (report|complaint)|failed (ssh |root )?(password|login) attempts)\b"#, literals: ["compromise", "intrusion", "intruder", "malware", "trojan", "rootkit", "backdoor", "crypto", "mining", "phishing", "vulnerabilit", "brute", "remote code execution", "privilege escalation", "abuse ", "failed "], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "xmrig", literals: ["xmrig"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "supportxmr", literals: ["supportxmr"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"(?-i:\bCERTS?\b|CSIRT|\bSVG\b)"#, literals: ["cert", "csirt", "svg"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\bleaked\b"#, literals: ["leaked"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\b(pushed|published|committed|exposed)\b.{0,200}\b(private key|password|token|credentials)\b"#, literals: ["pushed", "published", "committed", "exposed"], startsWithLiteral: true, confirming: [["private key", "password", "token", "credentials"]]),
                    .init(flags: "(?s)", body: #"\b(suspicious|unknown|strange) (logins?|connections?|activity|user|account|ssh key|process)\b"#, literals: ["suspicious", "unknown", "strange"], startsWithLiteral: true, confirming: [["login", "connection", "activity", "user", "account", "ssh key", "process"]]),
                    .init(flags: "(?s)", body: #"\blogins? (that )?(I|we) (didn.t|did not) make"#, literals: ["login"], startsWithLiteral: true, confirming: [["didn", "did not"], [" make"]]),
                    .init(flags: "(?s)", body: #"\bUID 0\b"#, literals: ["uid 0"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\bsuspicious\b"#, literals: ["suspicious"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"(accessi|accesso|login|attività|connessioni) sospett\w{0,3}"#, literals: ["accessi", "accesso", "login", "attivit", "connessioni"], startsWithLiteral: true, confirming: [[" sospett"]]),
                    .init(flags: "(?s)", body: #"(accesos?|actividad|conexiones|inicios de sesión) sospechos\w{0,2}"#, literals: ["acceso", "actividad", "conexiones", "inicios de sesi"], startsWithLiteral: true, confirming: [[" sospechos"]]),
                    .init(flags: "(?s)", body: #"verdächtige\w{0,2} (Logins?|Anmeldung\w{0,2}|Prozess\w{0,2}|Aktivität\w{0,2})"#, literals: ["chtige"], startsWithLiteral: false, confirming: [["login", "anmeldung", "prozess", "aktivit"]]),
                    .init(flags: "(?s)", body: #"podejrzan\w{0,3} (logowan\w{0,3}|aktywnoś\w{0,3}|proces\w{0,2})"#, literals: ["podejrzan"], startsWithLiteral: true, confirming: [["logowan", "aktywno", "proces"]]),
                    .init(flags: "(?s)", body: #"podezřel\w{0,3} (přihlášen\w{0,2}|aktivit\w{0,2}|proces\w{0,2})"#, literals: ["podez"], startsWithLiteral: true, confirming: [["ihl", "aktivit", "proces"]]),
                    .init(flags: "(?s)", body: #"(connexions?|activité|processus) suspect\w{0,2}"#, literals: ["connexion", "activit", "processus"], startsWithLiteral: true, confirming: [[" suspect"]]),
                    .init(flags: "(?s)", body: #"suspicieu\w{0,2}"#, literals: ["suspicieu"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "verdachte (logins?|activiteit|processen)", literals: ["verdachte "], startsWithLiteral: true, confirming: [["login", "activiteit", "processen"]]),
                    .init(flags: "(?s)", body: #"\b(odd|strange|weird|unknown) (entries|process(es)?|binar(y|ies)|files?|user|account|key)\b"#, literals: ["odd", "strange", "weird", "unknown"], startsWithLiteral: true, confirming: [["entries", "process", "binar", "file", "user", "account", "key"]]),
                    .init(flags: "(?s)", body: "responsible disclosure", literals: ["responsible disclosure"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "unauthenticated (access|api|endpoint)", literals: ["unauthenticated "], startsWithLiteral: true, confirming: [["access", "api", "endpoint"]]),
                    .init(flags: "(?s)", body: #"\bdefaced?\b"#, literals: ["deface"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "defacement", literals: ["defacement"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"ransom\w{0,4}"#, literals: ["ransom"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\b(stolen|gestohlen|volé|rubato|robado|skradzion\w{0,2}|ukraden\w{0,2})\b"#, literals: ["stolen", "gestohlen", "vol", "rubato", "robado", "skradzion", "ukraden"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"public (repository|repo)\b"#, literals: ["public "], startsWithLiteral: true, confirming: [["repository", "repo"]]),
                    .init(flags: "(?s)", body: #"publiczn\w{0,3} repozytori"#, literals: ["publiczn"], startsWithLiteral: true, confirming: [[" repozytori"]]),
                    .init(flags: "(?s)", body: "repositorio público", literals: ["repositorio p"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "dépôt public", literals: ["t public"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "repository pubblico", literals: ["repository pubblico"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"öffentliche\w{0,2} Repo"#, literals: ["ffentliche"], startsWithLiteral: false, confirming: [[" repo"]]),
                    .init(flags: "(?s)", body: "ficheros cifrados", literals: ["ficheros cifrados"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "fichiers chiffrés", literals: ["fichiers chiffr"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "file cifrati", literals: ["file cifrati"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"verschlüsselt\w{0,2}"#, literals: ["verschl"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "zaszyfrowan", literals: ["zaszyfrowan"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "zašifrovan", literals: ["ifrovan"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: #"(unknown|unrecogni[sz]ed)\b.{0,80}\b(ssh[ -]key|public key|authorized_keys)"#, literals: ["unknown", "unrecogni"], startsWithLiteral: true, confirming: [["ssh", "public key", "authorized"]]),
                    .init(flags: "(?s)", body: #"\b(ssh[ -]key|public key|authorized_keys)\b.{0,120}\b(nobody|no one|none of us)\b"#, literals: ["ssh", "public key", "authorized"], startsWithLiteral: true, confirming: [["nobody", "no one", "none of us"]]),
                    .init(flags: "(?s)", body: "Sicherheitslücke", literals: ["sicherheitsl"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "Schwachstelle", literals: ["schwachstelle"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "Mining-Pool", literals: ["mining-pool"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "kompromittiert", literals: ["kompromittiert"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "vulnérabilité", literals: ["rabilit"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "piratage", literals: ["piratage"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "hameçonnage", literals: ["onnage"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "injection SQL", literals: ["injection sql"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "vulnerabilità", literals: ["vulnerabilit"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"pubblicat\w{0,3} per errore"#, literals: ["pubblicat"], startsWithLiteral: true, confirming: [[" per errore"]]),
                    .init(flags: "(?s)", body: "credenziali", literals: ["credenziali"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "vulnerabilidad", literals: ["vulnerabilidad"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "minería", literals: ["miner"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "comprometid", literals: ["comprometid"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "intrusión", literals: ["intrusi"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "podatnoś", literals: ["podatno"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "włamani", literals: ["amani"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "(dziwne|podejrzane) logowania", literals: ["dziwne", "podejrzane"], startsWithLiteral: true, confirming: [[" logowania"]]),
                    .init(flags: "(?s)", body: "zranitelnost", literals: ["zranitelnost"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "průnik", literals: ["nik"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "kompromitov", literals: ["kompromitov"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"neznám\w{0,3} uživatel"#, literals: ["nezn"], startsWithLiteral: true, confirming: [["ivatel"]]),
                ]
            )
            $0.kind = TicketKind.security
            $0.priority = Priority.high
        },
        ClassificationRule.built("recurring-trouble") {
            $0.text = Pattern(
                builtIn: #"\b(recurring|recurrent|repeated(ly)?|again and again|keeps? (happening|coming back|failing|recurring)|in a row|root[- ]cause|underlying (cause|issue|problem)|problem (record|ticket|management)|treat (this|it) as a problem)\b|\b(third|fourth|fifth|sixth|seventh|\d+(st|nd|rd|th)) (time|ticket|occurrence|weekend|week|month)\b|wiederkehrend|Ursachenanalyse|Ursache\b|récurrent|cause (racine|profonde)|ricorrent|problem record|se repiten|recurrente|causa (raíz|de fondo)|registro de problema|powtarzając|po raz (trzeci|czwarty|piąty|kolejny)|przyczyn\w{0,3} źródłow|opakovan|počtvrté|potřetí|příčin|terugkerend|herhaaldelijk|recorrente"#,
                alternatives: [
                    .init(flags: "", body: #"\b(recurring|recurrent|repeated(ly)?|again and again|keeps? (happening|coming back|failing|recurring)|in a row|root[- ]cause|underlying (cause|issue|problem)|problem (record|ticket|management)|treat (this|it) as a problem)\b"#, literals: ["recurring", "recurrent", "repeated", "again and again", "keep", "in a row", "root", "underlying ", "problem ", "treat "], startsWithLiteral: true),
                    .init(flags: "", body: #"\b(third|fourth|fifth|sixth|seventh|\d+(st|nd|rd|th)) (time|ticket|occurrence|weekend|week|month)\b"#, literals: ["time", "ticket", "occurrence", "weekend", "week", "month"], startsWithLiteral: false, confirming: [["third", "fourth", "fifth", "sixth", "seventh", "st", "nd", "rd", "th"]]),
                    .init(flags: "", body: "wiederkehrend", literals: ["wiederkehrend"], startsWithLiteral: true),
                    .init(flags: "", body: "Ursachenanalyse", literals: ["ursachenanalyse"], startsWithLiteral: true),
                    .init(flags: "", body: #"Ursache\b"#, literals: ["ursache"], startsWithLiteral: true),
                    .init(flags: "", body: "récurrent", literals: ["current"], startsWithLiteral: false),
                    .init(flags: "", body: "cause (racine|profonde)", literals: ["cause "], startsWithLiteral: true, confirming: [["racine", "profonde"]]),
                    .init(flags: "", body: "ricorrent", literals: ["ricorrent"], startsWithLiteral: true),
                    .init(flags: "", body: "problem record", literals: ["problem record"], startsWithLiteral: true),
                    .init(flags: "", body: "se repiten", literals: ["se repiten"], startsWithLiteral: true),
                    .init(flags: "", body: "recurrente", literals: ["recurrente"], startsWithLiteral: true),
                    .init(flags: "", body: "causa (raíz|de fondo)", literals: ["causa "], startsWithLiteral: true, confirming: [["ra", "de fondo"]]),
                    .init(flags: "", body: "registro de problema", literals: ["registro de problema"], startsWithLiteral: true),
                    .init(flags: "", body: "powtarzając", literals: ["powtarzaj"], startsWithLiteral: true),
                    .init(flags: "", body: "po raz (trzeci|czwarty|piąty|kolejny)", literals: ["po raz "], startsWithLiteral: true, confirming: [["trzeci", "czwarty", "pi", "kolejny"]]),
                    .init(flags: "", body: #"przyczyn\w{0,3} źródłow"#, literals: ["przyczyn"], startsWithLiteral: true, confirming: [["ow"]]),
                    .init(flags: "", body: "opakovan", literals: ["opakovan"], startsWithLiteral: true),
                    .init(flags: "", body: "počtvrté", literals: ["tvrt"], startsWithLiteral: false),
                    .init(flags: "", body: "potřetí", literals: ["pot"], startsWithLiteral: true),
                    .init(flags: "", body: "příčin", literals: ["in"], startsWithLiteral: false),
                    .init(flags: "", body: "terugkerend", literals: ["terugkerend"], startsWithLiteral: true),
                    .init(flags: "", body: "herhaaldelijk", literals: ["herhaaldelijk"], startsWithLiteral: true),
                    .init(flags: "", body: "recorrente", literals: ["recorrente"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.problem
            $0.priority = Priority.normal
        },
        ClassificationRule.built("standard-change") {
            $0.standardChange = true
            $0.kind = TicketKind.change
        },
        ClassificationRule.built("change-request") {
            $0.text = Pattern(
                builtIn: #"(?s)\b(change request|request for change)\b|\b(please|kindly|could you|can you|would you|we would like to|we.d like to|we want to|we plan to|we wish to|I ask you to|I would like to ask you to)\b[^.?!]{0,80}\b(install|upgrade|update|deploy|enable|disable|configure|reconfigure|migrate|open (the )?(tcp |udp )?ports?|add\b.{0,120}\bto (the|our|its|their)\b|remove|roll ?back|decommission|set up|create|register|replace|change)\b|(bitte|möchten|bräuchten|könnt ihr|können Sie|wir planen)\b[^.?!]{0,80}\b(installieren|aktualisieren|einrichten|umziehen|migrieren|aktivieren|freischalten|konfigurieren|hinzufügen|öffnen|umstellen)|(merci de|pourriez-vous|nous souhaitons|nous voudrions|nous aimerions)\b[^.?!]{0,80}\b(installer|activer|mettre à jour|configurer|migrer|ouvrir|ajouter|déployer)|(vi chiedo di|chiedo di|potete|vorremmo|per favore)\b[^.?!]{0,80}\b(install|aggiorn|configur|attiv|abilit|aggiung|migr)|(necesitar\w{0,4}|podéis|por favor|quisiéramos|solicitamos)\b[^.?!]{0,80}\b(instal|actualic|habilit|configur|migr|abr|añad)|wniosek o zmian|(proszę o|chcielibyśmy|prosimy o)\b[^.?!]{0,80}\b(instal|aktualiz|przeinstal|konfigur|włącz|doda|uruchom)|(prosím o|potřebovali bychom|chtěli bychom)\b[^.?!]{0,80}\b(povolení|instal|aktualiz|nastav|přid|zpřístupn|otevř)|(willen jullie|kunnen jullie|graag)\b[^.?!]{0,80}\b(install|upgrad|configur|toevoeg|activer)"#,
                alternatives: [
                    .init(flags: "(?s)", body: #"\b(change request|request for change)\b"#, literals: ["change request", "request for change"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\b(please|kindly|could you|can you|would you|we would like to|we.d like to|we want to|we plan to|we wish to|I ask you to|I would like to ask you to)\b[^.?!]{0,80}\b(install|upgrade|update|deploy|enable|disable|configure|reconfigure|migrate|open (the )?(tcp |udp )?ports?|add\b.{0,120}\bto (the|our|its|their)\b|remove|roll ?back|decommission|set up|create|register|replace|change)\b"#, literals: ["please", "kindly", "could you", "can you", "would you", "we would like to", "we", "we want to", "we plan to", "we wish to", "i ask you to", "i would like to ask you to"], startsWithLiteral: true, confirming: [["install", "upgrade", "update", "deploy", "enable", "disable", "configure", "reconfigure", "migrate", "open ", "add", "remove", "roll", "decommission", "set up", "create", "register", "replace", "change"]]),
                    .init(flags: "(?s)", body: #"(bitte|möchten|bräuchten|könnt ihr|können Sie|wir planen)\b[^.?!]{0,80}\b(installieren|aktualisieren|einrichten|umziehen|migrieren|aktivieren|freischalten|konfigurieren|hinzufügen|öffnen|umstellen)"#, literals: ["bitte", "chten", "uchten", "nnt ihr", "nnen sie", "wir planen"], startsWithLiteral: false, confirming: [["installieren", "aktualisieren", "einrichten", "umziehen", "migrieren", "aktivieren", "freischalten", "konfigurieren", "hinzuf", "ffnen", "umstellen"]]),
                    .init(flags: "(?s)", body: #"(merci de|pourriez-vous|nous souhaitons|nous voudrions|nous aimerions)\b[^.?!]{0,80}\b(installer|activer|mettre à jour|configurer|migrer|ouvrir|ajouter|déployer)"#, literals: ["merci de", "pourriez-vous", "nous souhaitons", "nous voudrions", "nous aimerions"], startsWithLiteral: true, confirming: [["installer", "activer", "mettre ", "configurer", "migrer", "ouvrir", "ajouter", "ployer"]]),
                    .init(flags: "(?s)", body: #"(vi chiedo di|chiedo di|potete|vorremmo|per favore)\b[^.?!]{0,80}\b(install|aggiorn|configur|attiv|abilit|aggiung|migr)"#, literals: ["vi chiedo di", "chiedo di", "potete", "vorremmo", "per favore"], startsWithLiteral: true, confirming: [["install", "aggiorn", "configur", "attiv", "abilit", "aggiung", "migr"]]),
                    .init(flags: "(?s)", body: #"(necesitar\w{0,4}|podéis|por favor|quisiéramos|solicitamos)\b[^.?!]{0,80}\b(instal|actualic|habilit|configur|migr|abr|añad)"#, literals: ["necesitar", "pod", "por favor", "quisi", "solicitamos"], startsWithLiteral: true, confirming: [["instal", "actualic", "habilit", "configur", "migr", "abr", "ad"]]),
                    .init(flags: "(?s)", body: "wniosek o zmian", literals: ["wniosek o zmian"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"(proszę o|chcielibyśmy|prosimy o)\b[^.?!]{0,80}\b(instal|aktualiz|przeinstal|konfigur|włącz|doda|uruchom)"#, literals: ["prosz", "chcieliby", "prosimy o"], startsWithLiteral: true, confirming: [["instal", "aktualiz", "przeinstal", "konfigur", "cz", "doda", "uruchom"]]),
                    .init(flags: "(?s)", body: #"(prosím o|potřebovali bychom|chtěli bychom)\b[^.?!]{0,80}\b(povolení|instal|aktualiz|nastav|přid|zpřístupn|otevř)"#, literals: ["pros", "ebovali bychom", "li bychom"], startsWithLiteral: false, confirming: [["povolen", "instal", "aktualiz", "nastav", "id", "stupn", "otev"]]),
                    .init(flags: "(?s)", body: #"(willen jullie|kunnen jullie|graag)\b[^.?!]{0,80}\b(install|upgrad|configur|toevoeg|activer)"#, literals: ["willen jullie", "kunnen jullie", "graag"], startsWithLiteral: true, confirming: [["install", "upgrad", "configur", "toevoeg", "activer"]]),
                ]
            )
            $0.kind = TicketKind.change
        },
        ClassificationRule.built("change-in-subject") {
            $0.subject = Pattern(
                builtIn: #"^(re|aw|fwd?|wg|tr|rv|odp|r|\W){0,20}((request( for)?|richiesta( di)?|solicitud( de)?|demande( de| d.)?|Anfrage|žádost o|prośba o|verzoek om|pedido de)\s{0,3}:?\s{0,3})?(install(ation)?|upgrade|enable|enabling|activation|deploy(ment)?|firewall|abilitazione|attivazione|installazione|instalação|instalación|habilitar|ajout|aggiunta|Einrichtung|Freischaltung|přidání|instalace|instalacja|dodanie|migration)\b"#,
                alternatives: [
                    .init(flags: "", body: #"^(re|aw|fwd?|wg|tr|rv|odp|r|\W){0,20}((request( for)?|richiesta( di)?|solicitud( de)?|demande( de| d.)?|Anfrage|žádost o|prośba o|verzoek om|pedido de)\s{0,3}:?\s{0,3})?(install(ation)?|upgrade|enable|enabling|activation|deploy(ment)?|firewall|abilitazione|attivazione|installazione|instalação|instalación|habilitar|ajout|aggiunta|Einrichtung|Freischaltung|přidání|instalace|instalacja|dodanie|migration)\b"#, literals: ["install", "upgrade", "enable", "enabling", "activation", "deploy", "firewall", "abilitazione", "attivazione", "installazione", "instala", "instalaci", "habilitar", "ajout", "aggiunta", "einrichtung", "freischaltung", "id", "instalace", "instalacja", "dodanie", "migration"], startsWithLiteral: false),
                ]
            )
            $0.kind = TicketKind.change
        },
        ClassificationRule.built("monitoring-alert") {
            $0.mailboxes = ["notifications"]
            $0.subject = Pattern(
                builtIn: #"\b(PROBLEM|CRITICAL|DOWN|UNREACHABLE|FIRING)\b"#,
                alternatives: [
                    .init(flags: "", body: #"\b(PROBLEM|CRITICAL|DOWN|UNREACHABLE|FIRING)\b"#, literals: ["problem", "critical", "down", "unreachable", "firing"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.incident
            $0.priority = Priority.normal
        },
        ClassificationRule.built("maintenance-in-text") {
            $0.body = Pattern(
                builtIn: #"\b(planned|scheduled)[ -]([a-z]{1,20} )?(maintenance|downtime|intervention|outage|work)\b|\bmaintenance window\b|\bwill be (completely |fully )?(down|unavailable|offline)\b|geplante Wartung|Wartungsfenster|maintenance programmée|manutenzione programmata|mantenimiento programado|manutenção programada|przerwa (serwisowa|techniczna)|plánovan\w{0,3} (odstávk|údržb)|gepland onderhoud"#,
                alternatives: [
                    .init(flags: "", body: #"\b(planned|scheduled)[ -]([a-z]{1,20} )?(maintenance|downtime|intervention|outage|work)\b"#, literals: ["planned", "scheduled"], startsWithLiteral: true, confirming: [["maintenance", "downtime", "intervention", "outage", "work"]]),
                    .init(flags: "", body: #"\bmaintenance window\b"#, literals: ["maintenance window"], startsWithLiteral: true),
                    .init(flags: "", body: #"\bwill be (completely |fully )?(down|unavailable|offline)\b"#, literals: ["will be "], startsWithLiteral: true, confirming: [["down", "unavailable", "offline"]]),
                    .init(flags: "", body: "geplante Wartung", literals: ["geplante wartung"], startsWithLiteral: true),
                    .init(flags: "", body: "Wartungsfenster", literals: ["wartungsfenster"], startsWithLiteral: true),
                    .init(flags: "", body: "maintenance programmée", literals: ["maintenance programm"], startsWithLiteral: true),
                    .init(flags: "", body: "manutenzione programmata", literals: ["manutenzione programmata"], startsWithLiteral: true),
                    .init(flags: "", body: "mantenimiento programado", literals: ["mantenimiento programado"], startsWithLiteral: true),
                    .init(flags: "", body: "manutenção programada", literals: ["o programada"], startsWithLiteral: false),
                    .init(flags: "", body: "przerwa (serwisowa|techniczna)", literals: ["przerwa "], startsWithLiteral: true, confirming: [["serwisowa", "techniczna"]]),
                    .init(flags: "", body: #"plánovan\w{0,3} (odstávk|údržb)"#, literals: ["novan"], startsWithLiteral: false, confirming: [["odst", "dr"]]),
                    .init(flags: "", body: "gepland onderhoud", literals: ["gepland onderhoud"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.maintenance
            $0.priority = Priority.normal
        },
        ClassificationRule.built("working-again") {
            $0.text = Pattern(
                builtIn: #"\b(is|are) (running|working|fine|back) again\b|\bworks again\b|\beverything (else )?(is )?(running|working|fine)\b|\bworks normally\b|ya funciona|funciona (bien|de nuevo|normalmente)|už funguje|vše funguje|fonctionne (normalement|à nouveau|de nouveau)|funziona (di nuovo|normalmente)|(läuft|funktioniert) wieder|działa (już )?(normalnie|poprawnie)|werkt weer|post-?mortem|incident report"#,
                alternatives: [
                    .init(flags: "", body: #"\b(is|are) (running|working|fine|back) again\b"#, literals: ["is", "are"], startsWithLiteral: true, confirming: [["running", "working", "fine", "back"], [" again"]]),
                    .init(flags: "", body: #"\bworks again\b"#, literals: ["works again"], startsWithLiteral: true),
                    .init(flags: "", body: #"\beverything (else )?(is )?(running|working|fine)\b"#, literals: ["everything "], startsWithLiteral: true, confirming: [["running", "working", "fine"]]),
                    .init(flags: "", body: #"\bworks normally\b"#, literals: ["works normally"], startsWithLiteral: true),
                    .init(flags: "", body: "ya funciona", literals: ["ya funciona"], startsWithLiteral: true),
                    .init(flags: "", body: "funciona (bien|de nuevo|normalmente)", literals: ["funciona "], startsWithLiteral: true, confirming: [["bien", "de nuevo", "normalmente"]]),
                    .init(flags: "", body: "už funguje", literals: [" funguje"], startsWithLiteral: false),
                    .init(flags: "", body: "vše funguje", literals: ["e funguje"], startsWithLiteral: false),
                    .init(flags: "", body: "fonctionne (normalement|à nouveau|de nouveau)", literals: ["fonctionne "], startsWithLiteral: true, confirming: [["normalement", " nouveau", "de nouveau"]]),
                    .init(flags: "", body: "funziona (di nuovo|normalmente)", literals: ["funziona "], startsWithLiteral: true, confirming: [["di nuovo", "normalmente"]]),
                    .init(flags: "", body: "(läuft|funktioniert) wieder", literals: ["uft", "funktioniert"], startsWithLiteral: false, confirming: [[" wieder"]]),
                    .init(flags: "", body: "działa (już )?(normalnie|poprawnie)", literals: ["dzia"], startsWithLiteral: true, confirming: [["normalnie", "poprawnie"]]),
                    .init(flags: "", body: "werkt weer", literals: ["werkt weer"], startsWithLiteral: true),
                    .init(flags: "", body: "post-?mortem", literals: ["post"], startsWithLiteral: true, confirming: [["mortem"]]),
                    .init(flags: "", body: "incident report", literals: ["incident report"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.request
        },
        ClassificationRule.built("urgent-incident") {
            $0.subject = Pattern(
                builtIn: #"^\W{0,10}(re:\s{0,5})?(urgent|critical|emergency)\b"#,
                alternatives: [
                    .init(flags: "", body: #"^\W{0,10}(re:\s{0,5})?(urgent|critical|emergency)\b"#, literals: ["urgent", "critical", "emergency"], startsWithLiteral: false),
                ]
            )
            $0.kind = TicketKind.incident
            $0.priority = Priority.high
        },
        ClassificationRule.built("failure") {
            $0.text = Pattern(
                builtIn: #"(?s)\b(fail(s|ed|ing|ure)?|not working|(doesn.t|does not|don.t|do not) work|stopped (working|publishing|accepting|responding)|broken(?! down)|(is|are|was|were|went|goes|been|still|completely) down|down (since|for)|errors?|unreachable|unavailable|unusable|not (responding|reachable|available)|(cannot|can.t|could not|couldn.t|unable to) (access|connect|log ?in|submit|reach|get|mount|read|write)|time[ds]? ?out|timeouts?|hangs?|hanging|crash(es|ed)?|dies|died|dying|stuck|(sitting|waiting|pending|idle|queued) in (the )?queue|refused|denied|CRITICAL|no longer|empty|zero|held|lost)\b|funktioniert nicht|geht nicht|\bab(brechen|gebrochen)\b|brechen\b.{0,40}\bab\b|Fehler|nicht (mehr )?erreichbar|Störung|nicht mehr|hängt|ne fonctionne (plus|pas)|échou|erreur|impossible|en panne|ne répond (plus|pas)|indisponible|bloqué|non funziona|errore|fallis|non rispond|non riesco|bloccat|guasto|no funciona|\berror|\bfall(a|an|o|os)\b|caído|no responde|no (puedo|podemos)|colgad|nie działa|błąd|błęd|nie odpowiada|nie mogę|awari|przestał|nefunguj|chyb|nedostupn|\bvisí\b|zaseknut\w{0,2}|nemohu|nejde|padají|neodpovíd|selháv|werkt niet|storing|foutmelding|lukt niet|niet (meer )?(bereikbaar|inloggen)|werkt .{0,20}niet|falh|não funciona|erro\b|indisponível"#,
                alternatives: [
                    .init(flags: "(?s)", body: #"\b(fail(s|ed|ing|ure)?|not working|(doesn.t|does not|don.t|do not) work|stopped (working|publishing|accepting|responding)|broken(?! down)|(is|are|was|were|went|goes|been|still|completely) down|down (since|for)|errors?|unreachable|unavailable|unusable|not (responding|reachable|available)|(cannot|can.t|could not|couldn.t|unable to) (access|connect|log ?in|submit|reach|get|mount|read|write)|time[ds]? ?out|timeouts?|hangs?|hanging|crash(es|ed)?|dies|died|dying|stuck|(sitting|waiting|pending|idle|queued) in (the )?queue|refused|denied|CRITICAL|no longer|empty|zero|held|lost)\b"#, literals: ["fail", "not working", "doesn", "does not", "don", "do not", "stopped ", "broken", "is", "are", "was", "were", "went", "goes", "been", "still", "completely", "down ", "error", "unreachable", "unavailable", "unusable", "not ", "cannot", "can", "could not", "couldn", "unable to", "time", "timeout", "hang", "hanging", "crash", "dies", "died", "dying", "stuck", "sitting", "waiting", "pending", "idle", "queued", "refused", "denied", "critical", "no longer", "empty", "zero", "held", "lost"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "funktioniert nicht", literals: ["funktioniert nicht"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "geht nicht", literals: ["geht nicht"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\bab(brechen|gebrochen)\b"#, literals: ["ab"], startsWithLiteral: true, confirming: [["brechen", "gebrochen"]]),
                    .init(flags: "(?s)", body: #"brechen\b.{0,40}\bab\b"#, literals: ["brechen"], startsWithLiteral: true, confirming: [["ab"]]),
                    .init(flags: "(?s)", body: "Fehler", literals: ["fehler"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nicht (mehr )?erreichbar", literals: ["nicht "], startsWithLiteral: true, confirming: [["erreichbar"]]),
                    .init(flags: "(?s)", body: "Störung", literals: ["rung"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "nicht mehr", literals: ["nicht mehr"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "hängt", literals: ["ngt"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "ne fonctionne (plus|pas)", literals: ["ne fonctionne "], startsWithLiteral: true, confirming: [["plus", "pas"]]),
                    .init(flags: "(?s)", body: "échou", literals: ["chou"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: "erreur", literals: ["erreur"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "impossible", literals: ["impossible"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "en panne", literals: ["en panne"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "ne répond (plus|pas)", literals: ["pond "], startsWithLiteral: false, confirming: [["plus", "pas"]]),
                    .init(flags: "(?s)", body: "indisponible", literals: ["indisponible"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "bloqué", literals: ["bloqu"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "non funziona", literals: ["non funziona"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "errore", literals: ["errore"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "fallis", literals: ["fallis"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "non rispond", literals: ["non rispond"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "non riesco", literals: ["non riesco"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "bloccat", literals: ["bloccat"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "guasto", literals: ["guasto"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "no funciona", literals: ["no funciona"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\berror"#, literals: ["error"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\bfall(a|an|o|os)\b"#, literals: ["fall"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "caído", literals: ["ca"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "no responde", literals: ["no responde"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "no (puedo|podemos)", literals: ["no "], startsWithLiteral: true, confirming: [["puedo", "podemos"]]),
                    .init(flags: "(?s)", body: "colgad", literals: ["colgad"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nie działa", literals: ["nie dzia"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "błąd", literals: nil, startsWithLiteral: false),
                    .init(flags: "(?s)", body: "błęd", literals: nil, startsWithLiteral: false),
                    .init(flags: "(?s)", body: "nie odpowiada", literals: ["nie odpowiada"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nie mogę", literals: ["nie mog"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "awari", literals: ["awari"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "przestał", literals: ["przesta"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nefunguj", literals: ["nefunguj"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "chyb", literals: ["chyb"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nedostupn", literals: ["nedostupn"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"\bvisí\b"#, literals: ["vis"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: #"zaseknut\w{0,2}"#, literals: ["zaseknut"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nemohu", literals: ["nemohu"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "nejde", literals: ["nejde"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "padají", literals: ["padaj"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "neodpovíd", literals: ["neodpov"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "selháv", literals: ["selh"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "werkt niet", literals: ["werkt niet"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "storing", literals: ["storing"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "foutmelding", literals: ["foutmelding"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "lukt niet", literals: ["lukt niet"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "niet (meer )?(bereikbaar|inloggen)", literals: ["niet "], startsWithLiteral: true, confirming: [["bereikbaar", "inloggen"]]),
                    .init(flags: "(?s)", body: "werkt .{0,20}niet", literals: ["werkt "], startsWithLiteral: true, confirming: [["niet"]]),
                    .init(flags: "(?s)", body: "falh", literals: ["falh"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "não funciona", literals: ["o funciona"], startsWithLiteral: false),
                    .init(flags: "(?s)", body: #"erro\b"#, literals: ["erro"], startsWithLiteral: true),
                    .init(flags: "(?s)", body: "indisponível", literals: ["indispon"], startsWithLiteral: true),
                ]
            )
            $0.kind = TicketKind.incident
        },
    ]
}
