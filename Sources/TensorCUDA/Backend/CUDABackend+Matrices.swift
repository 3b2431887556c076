import Tensor

extension CUDABackend {
    /// The SGEMM kernels, numbered as in llm.c: the backend runs kernel 3 or 2 (see
    /// `kernel(m:n:batch:)`); the checks run all three against the CPU.
    public enum MatmulKernel: String, Sendable, CaseIterable {
        /// `sgemm1_tiled`: 16×16 shared-memory tiles, one output per thread.
        case tiled = "sgemm1_tiled"
        /// `sgemm2_register_blocked`: 64×64 tiles, 4×4 outputs per thread in registers.
        case registerBlocked = "sgemm2_register_blocked"
        /// `sgemm3_double_buffered`: 128×128 tiles, 8×8 outputs per thread, 16-byte
        /// shared-memory reads, the next k-slice loaded during the current one.
        case doubleBuffered = "sgemm3_double_buffered"

        /// Rows and columns of C that one block of the kernel computes.
        var tile: Int {
            switch self {
            case .tiled: 16
            case .registerBlocked: 64
            case .doubleBuffered: 128
            }
        }
    }

    /// The kernel for a product of `batch` m×n results: kernel 3 when its 128×128 tiles
    /// alone give every multiprocessor a block, else kernel 2, whose 64×64 tiles spread
    /// a small product (a lesson's 512×256 layer is 8 large tiles, 32 small ones) over
    /// four times as many multiprocessors.
    func kernel(m: Int, n: Int, batch: Int) -> MatmulKernel {
        let large = MatmulKernel.doubleBuffered.tile
        let blocks = ((m + large - 1) / large) * ((n + large - 1) / large) * batch
        return blocks >= device.multiprocessors ? .doubleBuffered : .registerBlocked
    }

    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage {
        matmul(a, b, m: m, n: n, k: k, batch: batch, kernel: kernel(m: m, n: n, batch: batch))
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
        guard (n + kernel.tile - 1) / kernel.tile <= 65535 else {
            fatalError("cuda: matmul with \(n) columns: more than the grid's 65535 tiles of \(kernel.tile) along y")
        }
        let (a0, b0, c) = (storage(a.storage), storage(b.storage), storage(result))
        let (code, threads) = switch kernel {
        case .tiled: (CUDAKernels.sgemm1Tiled, (16, 16, 1))
        case .registerBlocked: (CUDAKernels.sgemm2RegisterBlocked, (256, 1, 1))
        case .doubleBuffered: (CUDAKernels.sgemm3DoubleBuffered, (256, 1, 1))
        }
        let tile = kernel.tile
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
