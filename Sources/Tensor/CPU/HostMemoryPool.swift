/// Freed host blocks kept for the next allocation of the same size (a `MemoryPool` of
/// host pointers).
///
/// The line fit of "what `fit` does" allocates the same 40 KB blocks every step, and
/// `malloc`/`free` (with glibc merging the freed neighbours each time) were about a
/// seventh of its profile when it made fifteen a step; with the pool the second step
/// allocates no block.
final class HostMemoryPool: Sendable {
    static let shared = HostMemoryPool(limit: 256 << 20)

    /// An idle block; only the pool's lock ever touches it.
    private struct Block: @unchecked Sendable {
        let start: UnsafeMutableRawPointer
    }

    private let pool: MemoryPool<Block>

    init(limit: Int) { pool = MemoryPool(limit: limit) }

    /// Frees the idle blocks (the shared pool lives as long as the process; a pool of a
    /// test's own goes when the test does).
    deinit {
        for block in pool.removeAll() { block.start.deallocate() }
    }

    /// A 64-byte-aligned block of `byteCount` bytes (uninitialised): an idle one of that
    /// size if the pool holds one, else a new one.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        pool.take(byteCount: byteCount)?.start ?? UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    }

    /// Takes back a block from `allocate(byteCount:)`: kept while the pool has room,
    /// freed otherwise.
    func release(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        if !pool.keep(Block(start: start), byteCount: byteCount) { start.deallocate() }
    }

    /// Bytes held idle now.
    var idleBytes: Int { pool.idleBytes }
}
