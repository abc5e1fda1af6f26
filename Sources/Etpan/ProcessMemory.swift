import CEtpan

/// The C library's memory settings for the whole process.
public enum ProcessMemory {
    /// At most `count` malloc arenas: glibc's default (eight per core) let the worker's
    /// threads each fragment one of their own, and its peak RSS reach 150-164 MB over the
    /// bench's 10,000 mails (124-130 MB with two or four, at the same speed within this
    /// machine's noise). Call it first, before threads start.
    public static func limitMallocArenas(to count: Int32) {
        cetpan_limit_malloc_arenas(count)
    }
}
