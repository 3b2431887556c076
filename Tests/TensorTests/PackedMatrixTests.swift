import Random
import Testing
import TestSupport
@testable import Tensor

/// A right-hand operand packed once (`Gemm.PackedMatrix`, `Tensor.preparedForMatmul()`)
/// multiplies as the unpacked one: bit for bit, since the panels and the kernel are the
/// same, and within 1e-4 of the reference.
@Suite struct PackedMatrixTests {
    /// Shapes across the packing's edges: one element; partial panels of A and B; depths
    /// of two KC slices (k > 256); a short A as in the LSTM's recurrence (m = 64).
    static let cases: [GemmCase] = [(1, 1, 1), (7, 13, 5), (33, 65, 17), (64, 300, 520), (257, 45, 300)]
        .flatMap { m, n, k in
            [(false, false), (false, true), (true, false), (true, true)].map { transposeA, transposeB in
                GemmCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0)
            }
        }

    static func check(_ problem: GemmCase, path: SIMDPath, threads: Int) {
        var unpacked: [Float] = []
        _ = problem.relativeError { a, lda, b, ldb, c, ldc in
            Gemm.multiply(transposeA: problem.transposeA, transposeB: problem.transposeB, m: problem.m,
                          n: problem.n, k: problem.k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0,
                          c: c, ldc: ldc, path: path, threads: threads)
            unpacked = Array(UnsafeBufferPointer(start: c, count: problem.m * ldc))
        }
        var packed: [Float] = []
        let error = problem.relativeError { a, lda, b, ldb, c, ldc in
            let matrix = Gemm.PackedMatrix(transposed: problem.transposeB, k: problem.k, n: problem.n, b: b,
                                           ldb: ldb, path: path)
            Gemm.multiply(transposeA: problem.transposeA, m: problem.m, a: a, lda: lda, packed: matrix, c: c,
                          ldc: ldc, threads: threads)
            packed = Array(UnsafeBufferPointer(start: c, count: problem.m * ldc))
        }
        #expect(error != nil, "wrote outside the m×n part of C")
        #expect(error ?? .infinity <= 1e-4)
        #expect(packed.map(\.bitPattern) == unpacked.map(\.bitPattern), "packed and unpacked B differ")
    }

    @Test(arguments: cases, [1, 2, 3])
    func avx2(_ problem: GemmCase, threads: Int) {
        Self.check(problem, path: .avx2, threads: threads)
    }

    @Test(.enabled(if: CPUFeatures.hasAVX512F, "this CPU has no AVX-512F"), arguments: cases, [1, 2, 3])
    func avx512(_ problem: GemmCase, threads: Int) {
        Self.check(problem, path: .avx512, threads: threads)
    }

    /// The tensor API, on the CPU (packed panels) and on a backend of primitives only
    /// (the default: the operand as it is): the same floats as `matmul(_:)`.
    @Test(arguments: [false, true])
    func preparedMatrixMatchesMatmul(primitivesOnly: Bool) {
        let backend: any Backend = primitivesOnly ? PrimitivesOnlyBackend() : CPUBackend.shared
        let x = Tensor.normal([64, 300], seed: 1, on: backend), w = Tensor.normal([520, 300], seed: 2, on: backend)
        let prepared = w.transposed().preparedForMatmul()
        #expect(prepared.shape == [300, 520])
        let expected = x.matmul(w.transposed()).scalars
        #expect(x.matmul(prepared).scalars.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(x.transposed().contiguous().transposed().matmul(prepared).scalars.map(\.bitPattern)
                == expected.map(\.bitPattern))
    }
}
