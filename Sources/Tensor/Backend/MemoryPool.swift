/// Freed blocks of memory kept by byte size for the next allocation of the same size:
/// the idea of PyTorch's CUDA caching allocator, shared by the CPU backend's
/// `HostMemoryPool` and the CUDA backend's device memory.
///
/// A training step makes and frees the same tensors every step, so after the first step
/// every request finds a block of its size waiting. The pool holds at most `limit`
/// bytes, so a run that moves on to other sizes (a last, smaller batch; a new model)
/// frees what it no longer asks for. `Block` is whatever names a block (a host pointer,
/// a device address); the owner allocates and frees, the pool only remembers.
public final class MemoryPool<Block: Sendable>: Sendable {
    private struct State {
        var blocks: [Int: [Block]] = [:]
        var bytes = 0
    }

    /// Bytes of idle blocks the pool may hold.
    public let limit: Int
    private let state = Locked(State())

    public init(limit: Int) { self.limit = limit }

    /// An idle block of exactly `byteCount` bytes, if the pool holds one.
    public func take(byteCount: Int) -> Block? {
        state.withLock { state in
            // Popped in place (`default:`), where `blocks[byteCount]?.popLast()` copied the list.
            guard let block = state.blocks[byteCount, default: []].popLast() else { return nil }
            state.bytes -= byteCount
            return block
        }
    }

    /// Keeps `block` for the next request of its size while the pool has room; false
    /// when it is full, and the caller frees the block.
    public func keep(_ block: Block, byteCount: Int) -> Bool {
        state.withLock { state in
            guard state.bytes + byteCount <= limit else { return false }
            state.blocks[byteCount, default: []].append(block)
            state.bytes += byteCount
            return true
        }
    }

    /// Empties the pool and hands its blocks to the caller to free (when an allocation
    /// failed for want of memory the pool was holding).
    public func removeAll() -> [Block] {
        state.withLock { state in
            defer { state = State() }
            return state.blocks.values.flatMap { $0 }
        }
    }

    /// Bytes held idle now.
    public var idleBytes: Int { state.withLock { $0.bytes } }
}
