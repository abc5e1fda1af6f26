// Helpers for the parts of libetpan that Swift cannot see: its list macros, the
// 26-argument search-key constructor, and mutable C globals (rejected in Swift 6 mode);
// and SHA-256 through nettle.
#ifndef TICKETD_CETPAN_SHIM_H
#define TICKETD_CETPAN_SHIM_H

#include <libetpan/libetpan.h>
#include <libetpan/uidplus.h>
#include <libetpan/idle.h>
#include <nettle/sha2.h>
#include <nettle/hmac.h>
#include <poll.h>
#include "tls.h"
#include <signal.h>
#include <malloc.h>

// At most `count` malloc arenas (glibc's default is eight per core, and each thread may
// fragment one of its own).
static inline void cetpan_limit_malloc_arenas(int count) { mallopt(M_ARENA_MAX, count); }

static inline clistiter *cetpan_clist_begin(clist *list) { return list == NULL ? NULL : clist_begin(list); }
static inline clistiter *cetpan_clist_next(clistiter *iter) { return clist_next(iter); }
static inline void *cetpan_clist_content(clistiter *iter) { return clist_content(iter); }
static inline int cetpan_clist_count(clist *list) { return list == NULL ? 0 : clist_count(list); }

// SHA-256 through nettle (which libetpan's TLS already pulls in): it uses the CPU's SHA
// instructions where there are some, eight times the speed of a Swift loop here.
static inline void cetpan_sha256(const uint8_t *data, size_t length, uint8_t *digest) {
    struct sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, length, data);
    sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
}

// HMAC-SHA256 through nettle: the reply tokens' signature.
static inline void cetpan_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *data, size_t length, uint8_t *digest) {
    struct hmac_sha256_ctx context;
    hmac_sha256_set_key(&context, key_length, key);
    hmac_sha256_update(&context, length, data);
    hmac_sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
}

static inline void cetpan_set_stream_debug(int enabled) { mailstream_debug = enabled; }

// TLS with SNI for `host` (it must live through the call): the handshake's callback
// names the server. The certificate is checked afterwards (tls.h), before any credential.
static inline int cetpan_imap_ssl_connect(mailimap *session, const char *host, uint16_t port) {
    return mailimap_ssl_connect_with_callback(session, host, port, ticketd_tls_set_sni, (void *) host);
}
static inline int cetpan_imap_starttls(mailimap *session, const char *host) {
    return mailimap_socket_starttls_with_callback(session, ticketd_tls_set_sni, (void *) host);
}
static inline int cetpan_smtp_ssl_connect(mailsmtp *session, const char *host, uint16_t port) {
    return mailsmtp_ssl_connect_with_callback(session, host, port, ticketd_tls_set_sni, (void *) host);
}
static inline int cetpan_smtp_starttls(mailsmtp *session, const char *host) {
    return mailsmtp_socket_starttls_with_callback(session, ticketd_tls_set_sni, (void *) host);
}
static inline mailstream *cetpan_imap_stream(mailimap *session) { return session->imap_stream; }
static inline mailstream *cetpan_smtp_stream(mailsmtp *session) { return session->stream; }

// The server's last response line of an IMAP session, or NULL.
static inline const char *cetpan_imap_response(mailimap *session) { return session->imap_response; }

static inline struct mailimap_selection_info *cetpan_imap_selection(mailimap *session) {
    return session->imap_selection_info;
}

// UID SEARCH UID <set>: the only search key ticketd needs.
static inline struct mailimap_search_key *cetpan_search_key_uid(struct mailimap_set *set) {
    return mailimap_search_key_new_uid(set);
}

// Waits until the IDLE socket or the wake-up descriptor is readable, or the timeout
// passes: 1 the socket is readable, 2 only the wake-up descriptor is, 0 timeout, -1 error.
static inline int cetpan_poll_readable_or_woken(int fd, int wake_fd, int timeout_ms) {
    struct pollfd pfd[2];
    pfd[0].fd = fd;
    pfd[0].events = POLLIN;
    pfd[0].revents = 0;
    pfd[1].fd = wake_fd;
    pfd[1].events = POLLIN;
    pfd[1].revents = 0;
    int rc = poll(pfd, 2, timeout_ms);
    if (rc < 0) return -1;
    if (rc == 0) return 0;
    return pfd[0].revents ? 1 : 2;
}

// A peer that drops the connection must give an error code, not kill the process.
static inline void cetpan_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

#endif
