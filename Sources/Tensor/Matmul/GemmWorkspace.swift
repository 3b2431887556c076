/// The packing buffers of one thread's share of a `Gemm.multiply`, kept between calls
/// so that a multiply allocates nothing once warm.
///
/// A multiply takes a workspace from a shared pool for each of its threads and puts it
/// back when done; the pool grows to the number of threads ever multiplying at once.
/// Only one thread uses a workspace at a time, which is what makes `@unchecked
/// Sendable` true here.
final class GemmWorkspace: @unchecked Sendable {
    /// The packed block of A (MC × KC, in MR-row panels).
    private(set) var packedA = Buffer()
    /// The packed block of B (KC × NC, in NR-column panels).
    private(set) var packedB = Buffer()
    /// One MR × NR tile, where edge tiles are computed before their valid part is copied out.
    private(set) var edgeTile = Buffer()

    /// 64-byte aligned floats that only ever grow.
    struct Buffer {
        private(set) var start = UnsafeMutablePointer<Float>.allocate(capacity: 0)
        private var capacity = 0

        mutating func reserve(_ count: Int) {
            guard count > capacity else { return }
            start.deallocate()
            start = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
                .bindMemory(to: Float.self, capacity: count)
            capacity = count
        }
    }

    /// Makes room for an `rows × depth` block of A, a `depth × columns` block of B and
    /// one `tile` of C.
    func reserve(a: Int, b: Int, tile: Int) {
        packedA.reserve(a)
        packedB.reserve(b)
        edgeTile.reserve(tile)
    }

    deinit {
        packedA.start.deallocate()
        packedB.start.deallocate()
        edgeTile.start.deallocate()
    }

    /// Runs `body` with a workspace nobody else is using.
    static func borrow<Result>(_ body: (GemmWorkspace) -> Result) -> Result {
        let workspace = idle.withLock { $0.popLast() } ?? GemmWorkspace()
        defer { idle.withLock { $0.append(workspace) } }
        return body(workspace)
    }

    private static let idle = Locked<[GemmWorkspace]>([])
}
