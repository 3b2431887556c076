import Tensor

extension BackendChecks {
    /// Both SGEMM kernels (on another backend, its one matmul twice), every transpose
    /// combination, a batch of 3 with one shared (stride-0) B, ragged sizes (no multiple
    /// of a tile), an offset and a padded leading dimension; within k·ε·(|A|·|B|)ᵢⱼ, the
    /// classic bound of a k-term dot product.
    static let matrices: [BackendCheck] = CUDABackend.MatmulKernel.allCases.map { kernel in
        BackendCheck(name: "matmul \(kernel.rawValue)") { backend in
            var results: [CheckResult] = []
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                let (m, n, k, batch) = (67, 45, 130, 3)
                results.append(matmul(backend, kernel, m: m, n: n, k: k, batch: batch, transposeA: transposeA,
                                      transposeB: transposeB, padding: 0))
            }
            results.append(matmul(backend, kernel, m: 300, n: 200, k: 513, batch: 1, transposeA: false,
                                  transposeB: false, padding: 7))
            return results
        }
    }

    /// op(A)·op(B) with A stored from offset 5, `batch` matrices apart, and B shared.
    static func matmul(_ backend: any Backend, _ kernel: CUDABackend.MatmulKernel, m: Int, n: Int, k: Int,
                       batch: Int, transposeA: Bool, transposeB: Bool, padding: Int) -> CheckResult {
        let lda = (transposeA ? m : k) + padding, ldb = (transposeB ? k : n) + padding
        let aSize = (transposeA ? k : m) * lda, bSize = (transposeB ? n : k) * ldb
        let a = uniform(5 + batch * aSize, -1, 1, seed: 40), b = uniform(bSize, -1, 1, seed: 41)
        func product(_ backend: any Backend, _ a: Storage, _ b: Storage) -> Storage {
            let left = MatrixOperand(storage: a, offset: 5, transposed: transposeA, leadingDimension: lda,
                                     batchStride: aSize)
            let right = MatrixOperand(storage: b, offset: 0, transposed: transposeB, leadingDimension: ldb,
                                      batchStride: 0)
            if let cuda = backend as? CUDABackend {
                return cuda.matmul(left, right, m: m, n: n, k: k, batch: batch, kernel: kernel)
            }
            return backend.matmul(left, right, m: m, n: n, k: k, batch: batch)
        }
        let output = sideBySide(backend, [a, b]) { backend, x in [product(backend, x[0], x[1])] }[0]
        let cpu = Device.cpu
        let magnitudes = product(cpu, cpu.upload(a.map(abs)), cpu.upload(b.map(abs)))
        let scale = cpu.download(magnitudes, offset: 0, count: magnitudes.count)
        let operation = "\(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B")"
        let detail = "\(operation), m \(m) n \(n) k \(k), batch \(batch)" + (padding > 0 ? ", padded rows" : "")
        return CheckResult("matmul \(kernel.rawValue)", detail, gpu: output.gpu, cpu: output.cpu,
                           tolerance: "k·ε·(|A|·|B|)ᵢⱼ") { Float(k) * .ulpOfOne * scale[$0] }
    }
}
