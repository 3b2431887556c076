import Synchronization

/// Freed host blocks kept for the next allocation of the same size.
///
/// A training step makes and frees the same tensors every step: the line fit of "what
/// `fit` does" allocates about fifteen 40 KB blocks a step, and `malloc`/`free` (with
/// glibc merging the freed neighbours each time) were about a seventh of its profile. Keeping
/// each freed block by its size and handing it back to the next request of that size
/// makes the second step allocate nothing: the idea of PyTorch's CUDA caching allocator,
/// on the host. The pool holds at most `limit` bytes, so a run that moves on to other
/// sizes (a last, smaller batch; a new model) frees what it no longer asks for.
final class HostMemoryPool: Sendable {
    static let shared = HostMemoryPool(limit: 256 << 20)

    /// An idle block; only the pool's lock ever touches it.
    private struct Block: @unchecked Sendable {
        let start: UnsafeMutableRawPointer
    }

    private struct State {
        var blocks: [Int: [Block]] = [:]
        var bytes = 0
    }

    /// Bytes of idle blocks the pool may hold.
    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = limit }

    /// A 64-byte-aligned block of `byteCount` bytes (uninitialised): an idle one of that
    /// size if the pool holds one, else a new one.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let reused = state.withLock { state -> Block? in
            guard let block = state.blocks[byteCount]?.popLast() else { return nil }
            state.bytes -= byteCount
            return block
        }
        return reused?.start ?? UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    }

    /// Takes back a block from `allocate(byteCount:)`: kept while the pool has room,
    /// freed otherwise.
    func release(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        let block = Block(start: start)
        let kept = state.withLock { state in
            guard state.bytes + byteCount <= limit else { return false }
            state.blocks[byteCount, default: []].append(block)
            state.bytes += byteCount
            return true
        }
        if !kept { start.deallocate() }
    }

    /// Bytes held idle now.
    var idleBytes: Int { state.withLock { $0.bytes } }
}
