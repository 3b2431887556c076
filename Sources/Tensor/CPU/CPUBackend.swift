import Foundation

private typealias Vector = SIMD16<Float>

@inline(__always) private func load(_ p: UnsafePointer<Float>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) private func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

/// Host memory: `count` floats at `pointer`, from `HostMemoryPool` and given back to it
/// with the storage.
final class CPUStorage: Storage {
    let pointer: UnsafeMutablePointer<Float>

    /// At least one float, so that a zero-sized tensor still has a valid pointer (the
    /// pool's blocks are cache-line aligned, so SIMD rows never straddle lines needlessly).
    private static func byteCount(_ count: Int) -> Int { max(count, 1) * MemoryLayout<Float>.stride }

    init(count: Int, backend: CPUBackend) {
        pointer = HostMemoryPool.shared.allocate(byteCount: Self.byteCount(count))
            .bindMemory(to: Float.self, capacity: max(count, 1))
        super.init(count: count, backend: backend)
    }

    deinit { HostMemoryPool.shared.release(UnsafeMutableRawPointer(pointer), byteCount: Self.byteCount(count)) }
}

/// The backend that runs on the host: SIMD loops on contiguous and broadcast rows,
/// every core (`concurrentPerform`) for work above ~100 µs, `Gemm` for matmul.
///
/// This file holds its memory and the writes into it (`fill`, `copy`, `axpy`); the
/// kernels follow one family a file, as the CUDA backend's do: `CPUBackend+Elementwise`,
/// `+Reductions`, `+Matrices`, `+Lookups` and `+Optimizers`. Files that need SIMD loads
/// and stores keep private copies of the two one-line helpers: a debug build compiles
/// each file apart and inlines nothing across files, and a call per vector would slow
/// the loops.
public final class CPUBackend: Backend {
    public static let shared = CPUBackend()

    public let name = "cpu"

    private init() {}

    /// The host pointer behind a storage this backend made.
    @inline(__always) func pointer(_ storage: Storage) -> UnsafeMutablePointer<Float> {
        guard let storage = storage as? CPUStorage else {
            fatalError("cpu: storage of backend '\(storage.backend.name)' passed to the CPU backend")
        }
        return storage.pointer
    }

    /// The rows of a 2-D view whose rows are contiguous; nil otherwise (the recurrent
    /// cells' kernels read their operands a row at a time).
    func rows(_ storage: Storage, _ layout: Layout) -> Rows? {
        guard layout.rank == 2 && (layout.strides[1] == 1 || layout.shape[1] == 1) else { return nil }
        return Rows(start: UnsafePointer(pointer(storage)) + layout.offset, stride: layout.strides[0])
    }

    /// A 2-D view read a row at a time: where its first row starts, and the floats from
    /// one row to the next.
    struct Rows {
        let start: UnsafePointer<Float>, stride: Int

        subscript(row: Int) -> UnsafePointer<Float> { start + row * stride }
    }

    // MARK: Memory

    public func allocate(_ count: Int) -> Storage {
        CPUStorage(count: count, backend: self)
    }

    public func upload(_ values: [Float]) -> Storage {
        let storage = CPUStorage(count: values.count, backend: self)
        values.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: values.count) }
        return storage
    }

    public func download(_ storage: Storage, offset: Int, count: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: pointer(storage) + offset, count: count))
    }

    public func fill(_ storage: Storage, with value: Float) {
        pointer(storage).update(repeating: value, count: storage.count)
    }

    public func copy(_ source: Storage, _ sourceLayout: Layout, to destination: Storage, _ destinationLayout: Layout) {
        let x = UnsafePointer(pointer(source)) + sourceLayout.offset
        let out = pointer(destination) + destinationLayout.offset
        let loop = StridedLoop(shape: sourceLayout.shape, destinationLayout.strides, sourceLayout.strides,
                               sourceLayout.strides)
        let (outStride, xStride, _) = loop.innerStrides
        loop.forEachSegment(nanosecondsPerElement: 1) { o, i, _, n in
            if outStride == 1 && xStride == 1 {
                (out + o).update(from: x + i, count: n)
            } else {
                for j in 0..<n { out[o + j * outStride] = x[i + j * xStride] }
            }
        }
    }

    public func axpy(_ alpha: Float, _ x: Storage, _ xLayout: Layout, _ y: Storage, _ yLayout: Layout) {
        let input = UnsafePointer(pointer(x)) + xLayout.offset, out = pointer(y) + yLayout.offset
        let loop = StridedLoop(shape: xLayout.shape, yLayout.strides, xLayout.strides, xLayout.strides)
        let (outStride, xStride, _) = loop.innerStrides
        let scale = Vector(repeating: alpha)
        loop.forEachSegment(nanosecondsPerElement: 1) { o, i, _, n in
            let source = input + i, destination = out + o
            var j = 0
            if outStride == 1 && xStride == 1 {
                while j + 16 <= n {
                    store(load(destination + j).addingProduct(scale, load(source + j)), destination + j)
                    j += 16
                }
            }
            while j < n {
                destination[j * outStride] += alpha * source[j * xStride]
                j += 1
            }
        }
    }
}
