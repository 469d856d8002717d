// The C side of amplsim: ldns and the few libc calls the zone-file module needs.
// Only the AmplsimZoneFile module imports this, `internal`ly.
#ifndef AMPLSIM_CLDNS_SHIM_H
#define AMPLSIM_CLDNS_SHIM_H

#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__linux__)
#include <malloc.h>
#endif

/// Raises glibc's heap trim threshold to 64 MiB. ldns allocates and frees about 200 KB of
/// scratch per record; with the default threshold the heap shrinks and regrows on every record.
/// Blocks up to 32 MiB (glibc's largest mmap threshold) come from the heap too: a large zone's
/// arrays (its records, owners, findings) are made and dropped in turn, and each one mapped on
/// its own was unmapped when dropped and its pages faulted in again for the next.
static inline void cldns_tune_malloc(void) {
#if defined(__linux__) && defined(M_TRIM_THRESHOLD)
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
#if defined(__linux__) && defined(M_MMAP_THRESHOLD)
    (void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

/// ldns's output format without DNSSEC key-id comments (a C global, which Swift 6 won't read).
static inline const ldns_output_format *cldns_format_nocomments(void) {
    return ldns_output_format_nocomments;
}

/// `stdout`, which Swift 6 refuses to read directly.
static inline FILE *cldns_stdout(void) { return stdout; }

/// `stderr`, which Swift 6 refuses to read directly.
static inline FILE *cldns_stderr(void) { return stderr; }

#endif
