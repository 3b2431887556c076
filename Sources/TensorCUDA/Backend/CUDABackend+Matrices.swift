import Tensor

extension CUDABackend {
    /// The two SGEMM kernels, numbered as in llm.c: the backend runs the fast one; the
    /// checks run both against the CPU.
    public enum MatmulKernel: String, Sendable, CaseIterable {
        /// `sgemm1_tiled`: 16×16 shared-memory tiles, one output per thread.
        case tiled = "sgemm1_tiled"
        /// `sgemm2_register_blocked`: 64×64 tiles, 4×4 outputs per thread in registers.
        case registerBlocked = "sgemm2_register_blocked"
    }

    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage {
        matmul(a, b, m: m, n: n, k: k, batch: batch, kernel: .registerBlocked)
    }

    /// `Backend.matmul` with the kernel chosen.
    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int,
                       kernel: MatmulKernel) -> Storage {
        let result = allocate(batch * m * n)
        matmul(a, b, m: m, n: n, k: k, batch: batch, kernel: kernel, into: result)
        return result
    }

    /// `batch` products op(A)·op(B) written to `result` (row-major, one m×n matrix after
    /// another), which the benchmarks reuse so that they time the kernel alone: tiles of
    /// rows along the grid's x (up to 2³¹ blocks), of columns along y, one grid layer
    /// (`blockIdx.z`) per product, at most 65535 per launch.
    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int,
                       kernel: MatmulKernel, into result: Storage) {
        guard result.count >= batch * m * n else {
            fatalError("cuda: matmul of \(batch) × [\(m), \(n)] into a storage of \(result.count) floats")
        }
        guard m > 0 && n > 0 else { return }
        let (a0, b0, c) = (storage(a.storage), storage(b.storage), storage(result))
        let (code, tile, threads) = kernel == .tiled
            ? (CUDAKernels.sgemm1Tiled, 16, (16, 16, 1)) : (CUDAKernels.sgemm2RegisterBlocked, 64, (256, 1, 1))
        for first in stride(from: 0, to: batch, by: 65535) {
            let layers = min(65535, batch - first)
            device.launch(code, blocks: ((m + tile - 1) / tile, (n + tile - 1) / tile, layers), threads: threads,
                          [.pointer(a0.address(a.offset + first * a.batchStride)),
                           .pointer(b0.address(b.offset + first * b.batchStride)),
                           .pointer(c.address(first * m * n)), .int(Int32(m)), .int(Int32(n)), .int(Int32(k)),
                           .bool(a.transposed), .bool(b.transposed), .longLong(a.leadingDimension),
                           .longLong(b.leadingDimension), .longLong(a.batchStride), .longLong(b.batchStride)])
        }
    }
}
