/*
 * Server certificate verification for libetpan streams.  Debian's libetpan is built against GnuTLS and verifies
 * nothing: it completes any handshake.  So, right after the TLS handshake
 * (implicit TLS connect or STARTTLS) and before anything else is sent:
 *
 *   mailimap_ssl_connect_with_callback(imap, host, port, ticketd_tls_set_sni, (void *)host);
 *   unsigned status;
 *   int rc = ticketd_tls_verify(imap->imap_stream, host, ca_file_or_NULL, &status);
 *   if (rc != 0) { fail with ticketd_tls_reason(rc, status); close without a word }
 *
 * (For SMTP the stream is smtp->stream; for STARTTLS pass the same callback
 * to mailimap_socket_starttls_with_callback / mailsmtp_socket_starttls_with_callback.)
 *
 * Thread safety: no shared state; each call builds its own trust list (a CA
 * file is read on every call, the system store too: a few ms; cache a
 * gnutls_x509_trust_list_t if that ever matters).
 */
#ifndef TICKETD_TLS_VERIFY_H
#define TICKETD_TLS_VERIFY_H

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>

/* libetpan exports its TLS driver but declares it only #ifdef USE_SSL, which
 * its installed headers leave undefined. */
extern mailstream_low_driver *mailstream_ssl_driver;

/* At most this many certificates of the peer's chain are looked at (GnuTLS's
 * own verification depth limit is 16 too). */
#define TICKETD_TLS_MAX_CHAIN 16

/* Writes the raw address (4 or 16 bytes) of an IPv4/IPv6 literal into ip and
 * returns its length; 0 if host is not an IP literal. */
static inline unsigned ticketd_tls_ip_literal(const char *host, unsigned char ip[16])
{
    if (host == NULL)
        return 0;
    if (inet_pton(AF_INET, host, ip) == 1)
        return 4;
    if (inet_pton(AF_INET6, host, ip) == 1)
        return 16;
    return 0;
}

/*
 * TLS-context callback for libetpan's *_with_callback connect and STARTTLS
 * functions; data is the host name (NUL-terminated, must outlive the call).
 * Sets SNI (server_name) to the host; nothing for an IP literal, which SNI
 * may not carry (RFC 6066 section 3).
 */
static inline void ticketd_tls_set_sni(struct mailstream_ssl_context *ctx, void *hostname)
{
    const char *host = hostname;
    unsigned char ip[16];

    if (ctx == NULL || host == NULL || host[0] == '\0' || ticketd_tls_ip_literal(host, ip) != 0)
        return;
    /* libetpan copies it into the GnuTLS session (gnutls_server_name_set). */
    (void) mailstream_ssl_set_server_name(ctx, (char *) host);
}

/*
 * Verifies the certificate chain the server presented on stream (an
 * established libetpan TLS stream: right after mailimap_ssl_connect*,
 * mailsmtp_ssl_connect* or a *_starttls*, before COMPRESS) for host:
 *   - the chain leads to a CA in ca_file (PEM, one or more certificates), or
 *     in the system trust store (/etc/ssl/certs via GnuTLS) when ca_file is
 *     NULL;
 *   - every certificate is within its validity period now;
 *   - the leaf names host: a DNS name is matched against the DNS
 *     subjectAltNames (RFC 6125, wildcards in the leftmost label), an IPv4 or
 *     IPv6 literal against the IP-address subjectAltNames only;
 *   - the leaf's extended key usage, if any, allows TLS server use.
 * Revocation (CRL/OCSP) is not checked.
 *
 * Returns:
 *    0  verified; *status_out = 0.
 *   >0  verification ran and failed: the GnuTLS status bitmask
 *       (gnutls_certificate_status_t: GNUTLS_CERT_INVALID | the reasons,
 *       e.g. GNUTLS_CERT_EXPIRED), also stored in *status_out.
 *   <0  nothing verified (*status_out = 0); a GnuTLS error code:
 *       GNUTLS_E_INVALID_REQUEST      stream is not a TLS stream, or host is
 *                                     NULL/empty;
 *       GNUTLS_E_NO_CERTIFICATE_FOUND the server sent no certificate;
 *       GNUTLS_E_FILE_ERROR           no trusted CA could be loaded (ca_file
 *                                     missing, unreadable or holding no
 *                                     certificate; or an empty system store);
 *       anything else                 from GnuTLS (memory, bad DER, ...).
 * status_out may be NULL.
 */
static inline int ticketd_tls_verify(mailstream *stream, const char *host, const char *ca_file,
                                     unsigned *status_out)
{
    gnutls_x509_trust_list_t trust = NULL;
    gnutls_x509_crt_t certs[TICKETD_TLS_MAX_CHAIN];
    unsigned ncerts = 0, i, status = 0;
    unsigned char ip[16];
    unsigned ip_len;
    gnutls_typed_vdata_st vdata[2];
    carray *chain = NULL;
    unsigned char *leaf_der = NULL;
    int rc;

    if (status_out != NULL)
        *status_out = 0;
    if (host == NULL || host[0] == '\0')
        return GNUTLS_E_INVALID_REQUEST;
    /* The stream must be libetpan's TLS driver (not plain, not COMPRESS over
     * TLS): mailstream_ssl_get_certificate takes its data for TLS data. */
    if (stream == NULL || stream->low == NULL || stream->low->driver != mailstream_ssl_driver)
        return GNUTLS_E_INVALID_REQUEST;

    /* libetpan 1.9.4 with GnuTLS returns an uninitialised pointer from
     * mailstream_get_certificate_chain when the peer sent no certificate;
     * ask for the leaf first, which handles that case. */
    if (mailstream_ssl_get_certificate(stream, &leaf_der) < 0)
        return GNUTLS_E_NO_CERTIFICATE_FOUND;
    free(leaf_der);
    chain = mailstream_get_certificate_chain(stream);
    if (chain == NULL || carray_count(chain) == 0) {
        rc = GNUTLS_E_NO_CERTIFICATE_FOUND;
        goto out;
    }

    /* The chain as the server sent it, leaf first (GnuTLS sorts the rest). */
    for (i = 0; i < carray_count(chain) && ncerts < TICKETD_TLS_MAX_CHAIN; i++) {
        MMAPString *der = carray_get(chain, i);
        gnutls_datum_t datum = { (unsigned char *) der->str, (unsigned) der->len };

        if ((rc = gnutls_x509_crt_init(&certs[ncerts])) < 0)
            goto out;
        if ((rc = gnutls_x509_crt_import(certs[ncerts], &datum, GNUTLS_X509_FMT_DER)) < 0) {
            gnutls_x509_crt_deinit(certs[ncerts]);
            goto out;
        }
        ncerts++;
    }

    if ((rc = gnutls_x509_trust_list_init(&trust, 0)) < 0) {
        trust = NULL;
        goto out;
    }
    if (ca_file != NULL)
        rc = gnutls_x509_trust_list_add_trust_file(trust, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
    else
        rc = gnutls_x509_trust_list_add_system_trust(trust, 0, 0);
    if (rc <= 0) {              /* < 0: error; 0: no certificate in it */
        rc = GNUTLS_E_FILE_ERROR;
        goto out;
    }

    /* Who the server must be.  An IP literal is given as raw bytes: matched
     * against IP-address SANs only, never a DNS SAN or the CN. */
    ip_len = ticketd_tls_ip_literal(host, ip);
    if (ip_len != 0) {
        vdata[0].type = GNUTLS_DT_IP_ADDRESS;
        vdata[0].data = ip;
        vdata[0].size = ip_len;
    } else {
        vdata[0].type = GNUTLS_DT_DNS_HOSTNAME;
        vdata[0].data = (unsigned char *) host;
        vdata[0].size = 0;      /* NUL-terminated */
    }
    vdata[1].type = GNUTLS_DT_KEY_PURPOSE_OID;
    vdata[1].data = (unsigned char *) GNUTLS_KP_TLS_WWW_SERVER;
    vdata[1].size = 0;

    rc = gnutls_x509_trust_list_verify_crt2(trust, certs, ncerts, vdata, 2, 0, &status, NULL);
    if (rc < 0)
        goto out;
    if (status != 0)
        status |= GNUTLS_CERT_INVALID;  /* always set with a reason; make sure */
    if (status_out != NULL)
        *status_out = status;
    rc = (int) status;

out:
    if (trust != NULL)
        gnutls_x509_trust_list_deinit(trust, 1);
    for (i = 0; i < ncerts; i++)
        gnutls_x509_crt_deinit(certs[i]);
    if (chain != NULL)
        mailstream_certificate_chain_free(chain);
    return rc;
}

/*
 * A short reason for a ticketd_tls_verify result (a static string): "ok",
 * one reason for a failed verification (the most telling one when several
 * apply: unknown CA before expired before wrong host name ...), or what
 * kept it from running.
 */
static inline const char *ticketd_tls_reason(int rc, unsigned status)
{
    if (rc < 0) {
        switch (rc) {
        case GNUTLS_E_INVALID_REQUEST: return "not a TLS connection";
        case GNUTLS_E_NO_CERTIFICATE_FOUND: return "no certificate";
        case GNUTLS_E_FILE_ERROR: return "cannot load trusted CA certificates";
        default: return gnutls_strerror(rc);
        }
    }
    if (rc > 0 && status == 0)
        status = (unsigned) rc;
    if (status == 0)
        return "ok";
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND) return "unknown CA";
    if (status & GNUTLS_CERT_SIGNER_NOT_CA) return "issuer is not a CA";
    if (status & GNUTLS_CERT_REVOKED) return "revoked";
    if (status & GNUTLS_CERT_EXPIRED) return "expired";
    if (status & GNUTLS_CERT_NOT_ACTIVATED) return "not yet valid";
    if (status & GNUTLS_CERT_UNEXPECTED_OWNER) return "wrong host name";
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM) return "insecure algorithm";
    if (status & GNUTLS_CERT_SIGNATURE_FAILURE) return "bad signature";
    if (status & GNUTLS_CERT_PURPOSE_MISMATCH) return "not a TLS server certificate";
    if (status & GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE) return "CA constraints violated";
    if (status & GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS) return "unknown critical extension";
    if (status & GNUTLS_CERT_MISMATCH) return "certificate mismatch";
    if (status & (GNUTLS_CERT_MISSING_OCSP_STATUS | GNUTLS_CERT_INVALID_OCSP_STATUS))
        return "bad OCSP status";
    if (status & (GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED | GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE))
        return "bad revocation data";
    return "invalid certificate";
}

#endif /* TICKETD_TLS_VERIFY_H */
