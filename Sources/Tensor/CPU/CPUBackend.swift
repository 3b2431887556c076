import Foundation

/// Host memory: `count` floats at `pointer`, freed with the storage.
final class CPUStorage: Storage {
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int, backend: CPUBackend) {
        // One extra float, so that a zero-sized tensor still has a valid pointer.
        pointer = .allocate(capacity: max(count, 1))
        super.init(count: count, backend: backend)
    }

    deinit { pointer.deallocate() }
}

/// The backend that runs on the host: SIMD loops on contiguous and broadcast rows,
/// every core (`concurrentPerform`) for work above ~100 µs, `Gemm` for matmul.
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

    // MARK: Matrices

    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage {
        let c = allocate(batch * m * n)
        let pa = UnsafePointer(pointer(a.storage)), pb = UnsafePointer(pointer(b.storage)), pc = pointer(c)
        for i in 0..<batch {
            Gemm.multiply(transposeA: a.transposed, transposeB: b.transposed, m: m, n: n, k: k, alpha: 1,
                          a: pa + a.offset + i * a.batchStride, lda: a.leadingDimension,
                          b: pb + b.offset + i * b.batchStride, ldb: b.leadingDimension,
                          beta: 0, c: pc + i * m * n, ldc: n)
        }
        return c
    }

    // MARK: Lookups

    public func gatherRows(_ table: Storage, _ layout: Layout, indices: [Int32]) -> Storage {
        let columns = layout.shape[1], rowStride = layout.strides[0], columnStride = layout.strides[1]
        let result = allocate(indices.count * columns)
        let x = UnsafePointer(pointer(table)) + layout.offset, out = pointer(result)
        for (i, row) in indices.enumerated() {
            let source = x + Int(row) * rowStride, destination = out + i * columns
            if columnStride == 1 {
                destination.update(from: source, count: columns)
            } else {
                for j in 0..<columns { destination[j] = source[j * columnStride] }
            }
        }
        return result
    }

    public func scatterAddRows(_ source: Storage, indices: [Int32], into table: Storage, columns: Int) {
        let x = UnsafePointer(pointer(source)), out = pointer(table)
        for (i, row) in indices.enumerated() {
            addRow(x + i * columns, into: out + Int(row) * columns, count: columns)
        }
    }
}
