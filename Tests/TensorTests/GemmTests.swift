import Random
import TestSupport
import Testing
@testable import Tensor

@Test func gemmReferenceSmall() {
    let a: [Float] = [1, 2, 3, 4, 5, 6]          // 2×3
    let b: [Float] = [7, 8, 9, 10, 11, 12]       // 3×2
    var c = [Float](repeating: 0, count: 4)
    Gemm.reference(transposeA: false, transposeB: false, m: 2, n: 2, k: 3, alpha: 1,
                   a: a, lda: 3, b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
    #expect(c == [58, 64, 139, 154])
}

/// One multiply problem with random operands stored with padded rows (leading
/// dimension = width + 3), C's padding filled with a sentinel that must survive.
struct GemmCase: CustomTestStringConvertible, Sendable {
    let m: Int, n: Int, k: Int
    let transposeA: Bool, transposeB: Bool
    let alpha: Float, beta: Float

    var testDescription: String {
        "\(m)×\(n)×\(k) \(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") α=\(alpha) β=\(beta)"
    }

    static let padding = 3
    static let sentinel: Float = -12345

    /// Runs `multiply` and `Gemm.reference` on the same operands and returns the largest
    /// error relative to the largest reference value (infinity when any product is NaN or
    /// infinite), or nil when the padding of C changed. A product's rounding error grows
    /// with k·max|a|·|b|, not with its own size, so it is judged on the matrix's scale.
    func relativeError(
        _ multiply: (_ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int) -> Void
    ) -> Float? {
        var random = MT19937(seed: UInt32(m * 10_000 + n * 100 + k))
        func matrix(_ rows: Int, _ columns: Int) -> (values: [Float], stride: Int) {
            let stride = columns + Self.padding
            return ((0..<rows * stride).map { _ in Float(random.uniform(-1, 1)) }, stride)
        }
        let (a, lda) = transposeA ? matrix(k, m) : matrix(m, k)
        let (b, ldb) = transposeB ? matrix(n, k) : matrix(k, n)
        let ldc = n + Self.padding
        var start = [Float](repeating: Self.sentinel, count: m * ldc)
        for i in 0..<m {
            // With beta = 0, C must be written without being read: start it as NaN.
            for j in 0..<n { start[i * ldc + j] = beta == 0 ? .nan : Float(random.uniform(-1, 1)) }
        }
        var expected = start, actual = start
        Gemm.reference(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                       a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &expected, ldc: ldc)
        multiply(a, lda, b, ldb, &actual, ldc)
        var products: [Float] = [], references: [Float] = []
        for i in 0..<m {
            products += actual[i * ldc..<i * ldc + n]
            references += expected[i * ldc..<i * ldc + n]
            for j in n..<ldc where actual[i * ldc + j] != Self.sentinel { return nil }
        }
        let largestValue = references.map { abs($0) }.max() ?? 0
        return Float(largestDifference(products, references)) / max(largestValue, .leastNormalMagnitude)
    }

    static let all: [GemmCase] = {
        // (500, 70, 600) is taller than both kernels' blocks of A (144 and 480 rows), more
        // than two 256-deep slices deep, and 70 columns wide: edge tiles in n on both
        // kernels. The last four are a few panels wide or one tile high (on AVX-512; all but
        // 10 × 100 on AVX2), where a row-major A or B is read in place, over two slices.
        let shapes = [(1, 1, 1), (7, 13, 5), (33, 65, 17), (257, 300, 129), (500, 70, 600),
                      (69, 10, 300), (69, 90, 300), (10, 100, 300), (5, 40, 300)]
        let scalings: [(Float, Float)] = [(1, 0), (1.5, 0.5)]
        return shapes.flatMap { m, n, k in
            [(false, false), (false, true), (true, false), (true, true)].flatMap { transposeA, transposeB in
                scalings.map { alpha, beta in
                    GemmCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                             alpha: alpha, beta: beta)
                }
            }
        }
    }()
}

/// Checks `Gemm.multiply` on one SIMD path and thread count against the reference.
func checkFastGemm(_ problem: GemmCase, path: SIMDPath, threads: Int) {
    let error = problem.relativeError { a, lda, b, ldb, c, ldc in
        Gemm.multiply(transposeA: problem.transposeA, transposeB: problem.transposeB,
                      m: problem.m, n: problem.n, k: problem.k, alpha: problem.alpha,
                      a: a, lda: lda, b: b, ldb: ldb, beta: problem.beta, c: c, ldc: ldc,
                      path: path, threads: threads)
    }
    #expect(error != nil, "wrote outside the m×n part of C")
    #expect(error ?? 0 <= 1e-4)
}

@Test(arguments: GemmCase.all, [1, 2, 3])
func gemmAVX2MatchesReference(_ problem: GemmCase, threads: Int) {
    checkFastGemm(problem, path: .avx2, threads: threads)
}

@Test(.enabled(if: CPUFeatures.hasAVX512F, "this CPU has no AVX-512F"), arguments: GemmCase.all, [1, 2, 3])
func gemmAVX512MatchesReference(_ problem: GemmCase, threads: Int) {
    checkFastGemm(problem, path: .avx512, threads: threads)
}

/// Every m and n from 1 to 33 on both kernels: each edge tile, short of and just past
/// one register tile (6 × 16 and 12 × 32), in every layout of A and B in turn.
@Test(arguments: [SIMDPath.avx2, .avx512])
func gemmEdgeTilesMatchReference(path: SIMDPath) throws {
    try #require(path == .avx2 || CPUFeatures.hasAVX512F, "this CPU has no AVX-512F")
    for m in 1...33 {
        for n in 1...33 {
            let layout = (m + n) % 4
            checkFastGemm(GemmCase(m: m, n: n, k: 9, transposeA: layout & 1 == 1, transposeB: layout & 2 == 2,
                                   alpha: 1.5, beta: 0.5), path: path, threads: 1)
        }
    }
}

/// Operands that end where a page ends, the next page unreadable: a kernel that reads past
/// A or B crashes here (a row past m read in place, a full vector loaded from a short
/// row of B). Every layout, unpadded, on both kernels: one tile wide or high (A or B read
/// in place) and neither, edge tiles clamped at odd row counts.
@Test(arguments: [SIMDPath.avx2, .avx512])
func gemmReadsNothingPastItsOperands(path: SIMDPath) throws {
    try #require(path == .avx2 || CPUFeatures.hasAVX512F, "this CPU has no AVX-512F")
    var random = MT19937(seed: 16)
    let shapes = [(69, 10, 300), (69, 90, 300), (64, 10, 100), (10, 100, 64), (5, 40, 9), (13, 5, 7), (33, 33, 9),
                  (3, 1, 2)]
    for (m, n, k) in shapes {
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = try PageEndBuffer((0..<m * k).map { _ in Float(random.uniform(-1, 1)) })
            let b = try PageEndBuffer((0..<k * n).map { _ in Float(random.uniform(-1, 1)) })
            let error = errorAgainstReference(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                              a: a.start, lda: transposeA ? m : k, b: b.start, ldb: transposeB ? k : n,
                                              path: path)
            #expect(error <= 1e-4, "\(m)×\(n)×\(k) Aᵀ \(transposeA) Bᵀ \(transposeB)")
        }
    }
}

/// A transposed A whose steps lie 4 KiB apart (lda = 1024) is packed 8 steps at a time
/// across all panels (`packSideBySide`), with a last partial panel and a depth that is not
/// a multiple of 8 over two slices: the product is still the reference's.
@Test(arguments: [SIMDPath.avx2, .avx512])
func gemmPacksARowsFourKiBApart(path: SIMDPath) throws {
    try #require(path == .avx2 || CPUFeatures.hasAVX512F, "this CPU has no AVX-512F")
    var random = MT19937(seed: 17)
    let (m, n, k, lda) = (31, 20, 300, 1024)
    let a = (0..<k * lda).map { _ in Float(random.uniform(-1, 1)) }
    let b = (0..<k * n).map { _ in Float(random.uniform(-1, 1)) }
    #expect(errorAgainstReference(m: m, n: n, k: k, transposeA: true, transposeB: false, a: a, lda: lda, b: b, ldb: n,
                                  path: path) <= 1e-4)
}

/// `Gemm.multiply` (alpha 1, beta 0, one thread) against `Gemm.reference` on the same
/// operands: the largest error relative to the largest reference value, infinite if any
/// product is NaN or infinite.
func errorAgainstReference(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, a: UnsafePointer<Float>,
                           lda: Int, b: UnsafePointer<Float>, ldb: Int, path: SIMDPath) -> Float {
    var expected = [Float](repeating: 0, count: m * n), actual = expected
    Gemm.reference(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda,
                   b: b, ldb: ldb, beta: 0, c: &expected, ldc: n)
    Gemm.multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda,
                  b: b, ldb: ldb, beta: 0, c: &actual, ldc: n, path: path, threads: 1)
    let scale = expected.map { abs($0) }.max() ?? 0
    return Float(largestDifference(actual, expected)) / max(scale, .leastNormalMagnitude)
}

/// `Tensor.matmul` on views: a batch of column slices of A times a batch of transposed
/// Bs, and the same batch of As times one B broadcast over the batch, each entry
/// against the reference product of its contiguous copies.
@Test func matmulOfStridedBatchedViewsMatchesReference() {
    var generator = MT19937(seed: 12)
    let a = Tensor.uniform([3, 7, 40], low: -1, high: 1, generator: &generator).sliced(axis: 2, 5..<35)
    let b = Tensor.uniform([3, 20, 30], low: -1, high: 1, generator: &generator).transposed(1, 2)
    let shared = Tensor.uniform([30, 20], low: -1, high: 1, generator: &generator)
    for (right, name) in [(b, "batched Bᵀ"), (shared, "one B")] {
        let product = a.matmul(right)
        #expect(product.shape == [3, 7, 20])
        var expected: [Float] = []
        for entry in 0..<3 {
            let left = a.selected(axis: 0, entry).scalars
            let other = (right.rank == 3 ? right.selected(axis: 0, entry) : right).scalars
            var c = [Float](repeating: 0, count: 7 * 20)
            Gemm.reference(transposeA: false, transposeB: false, m: 7, n: 20, k: 30, alpha: 1,
                           a: left, lda: 30, b: other, ldb: 20, beta: 0, c: &c, ldc: 20)
            expected += c
        }
        expectAllClose(product.scalars, expected, atol: 1e-5, rtol: 1e-5, name)
    }
}

@Test func gemmPublicEntryMatchesReference() {
    let problem = GemmCase(m: 300, n: 200, k: 150, transposeA: false, transposeB: true, alpha: 1, beta: 0)
    let error = problem.relativeError { a, lda, b, ldb, c, ldc in
        Gemm.multiply(transposeA: false, transposeB: true, m: 300, n: 200, k: 150, alpha: 1,
                      a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: ldc)
    }
    #expect(error ?? .infinity <= 1e-4)
}

@Test func gemmEmptyDepthScalesC() {
    var c: [Float] = [1, 2, 3, 4]
    let none: [Float] = [0]
    Gemm.multiply(transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1,
                  a: none, lda: 0, b: none, ldb: 2, beta: 0.5, c: &c, ldc: 2)
    #expect(c == [0.5, 1, 1.5, 2])
}

@Test(arguments: [(512, 256, 2), (512, 85, 2), (1, 300, 2), (300, 1, 3), (7, 13, 4), (5, 5, 16)])
func threadGridCoversCOnce(m: Int, n: Int, threads: Int) {
    let grid = ThreadGrid(m: m, n: n, rowUnit: 6, columnUnit: 16, threads: threads)
    var covered = [Int](repeating: 0, count: m * n)
    for part in 0..<grid.count {
        let (rows, columns) = grid.part(part)
        #expect(rows.isEmpty || rows.lowerBound % 6 == 0)
        #expect(columns.isEmpty || columns.lowerBound % 16 == 0)
        for i in rows { for j in columns { covered[i * n + j] += 1 } }
    }
    #expect(grid.count == threads)
    #expect(covered.allSatisfy { $0 == 1 })
}

@Test func threadGridSplitsTheLongerSide() {
    #expect(ThreadGrid(m: 512, n: 85, rowUnit: 6, columnUnit: 16, threads: 2).rowRanges.count == 2)
    #expect(ThreadGrid(m: 6, n: 512, rowUnit: 6, columnUnit: 16, threads: 2).columnRanges.count == 2)
}

/// Packing counts: two 32-column halves of a 512 × 58 product pad to less area than two
/// 264-row halves, but each would pack all 512 rows of A.
@Test func threadGridWeighsPacking() {
    #expect(ThreadGrid(m: 512, n: 58, rowUnit: 12, columnUnit: 32, threads: 2).rowRanges.count == 2)
    #expect(ThreadGrid(m: 512, n: 256, rowUnit: 12, columnUnit: 32, threads: 2).rowRanges.count == 2)
}

/// A one-column B takes `multiplyVector`. Where it reads A's columns in place or packs
/// them (A transposed, or b strided) it must give exactly the floats of the blocked
/// multiply it stands in for; where it reads dot products along A's rows (A as stored,
/// b contiguous) it sums in another order, so it must give the same floats only when k <
/// 16, and the same floats on one thread and on two (the rows' sums do not depend on
/// how rows are shared out). Every row count around its 128/64/32/16-row and 4-row
/// groups, depths around the 16-wide registers and the 256-deep slices, every layout of
/// A and B, alpha and beta, one and two threads; `matrixVectorAlongRowsMatchesReference`
/// checks the dot products' values.
@Test(arguments: [SIMDPath.avx2, .avx512])
func matrixVectorMatchesTheBlockedMultiplyBitForBit(path: SIMDPath) throws {
    try #require(path == .avx2 || CPUFeatures.hasAVX512F, "this CPU has no AVX-512F")
    var random = MT19937(seed: 9)
    let layouts = [(false, false), (false, true), (true, false), (true, true)]
    let cases = [1, 3, 15, 16, 17, 33, 64, 100, 128, 129, 300].flatMap { m in
        [1, 7, 15, 256, 257, 600].flatMap { k in layouts.map { (m, k, $0.0, $0.1) } }
    }
    for (m, k, transposeA, transposeB) in cases {
        let lda = (transposeA ? m : k) + 2, ldb = transposeB ? k + 3 : 3, ldc = 2
        let a = (0..<(transposeA ? k : m) * lda).map { _ in Float(random.uniform(-1, 1)) }
        let b = (0..<(transposeB ? 1 : k) * ldb).map { _ in Float(random.uniform(-1, 1)) }
        let start = (0..<m * ldc).map { _ in Float(random.uniform(-1, 1)) }
        for (alpha, beta) in [(Float(1), Float(0)), (1.5, 0.3)] {
            /// C after `multiply` on these operands, from `start`.
            func product(_ multiply: (GemmOperands) -> Void) -> [UInt32] {
                var c = start
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        c.withUnsafeMutableBufferPointer { c in
                            multiply(GemmOperands(transposeA: transposeA, transposeB: transposeB, m: m, n: 1, k: k,
                                                  alpha: alpha, a: a.baseAddress!, lda: lda, b: b.baseAddress!,
                                                  ldb: ldb, beta: beta, c: c.baseAddress!, ldc: ldc))
                        }
                    }
                }
                return c.map(\.bitPattern)
            }
            let blocked = product { Gemm.multiplyBlocked(path: path, $0, threads: 1) }
            let alongRows = !transposeA && transposeB
            let oneThread = product { Gemm.multiplyVector($0, blockDepth: path.panelShape.depth, threads: 1) }
            for threads in [1, 2] {
                let vector = product { Gemm.multiplyVector($0, blockDepth: path.panelShape.depth, threads: threads) }
                let layout = (transposeA ? "Aᵀ" : "A") + "·" + (transposeB ? "Bᵀ" : "B")
                let problem = "m \(m) k \(k) \(layout) α \(alpha) β \(beta), \(threads) threads"
                let differing = zip(vector, alongRows && k >= 16 ? oneThread : blocked).filter { $0 != $1 }.count
                #expect(differing == 0, "\(problem): \(differing) of the \(m) rows of C differ")
            }
        }
    }
}

/// The dot products along A's rows (A as stored, b contiguous) against the reference:
/// depths around the 16-wide registers, a `Linear` layer's 500, row counts around the
/// 4-row groups, on one thread and two.
@Test(arguments: [1, 3, 4, 5, 128, 301], [1, 15, 16, 17, 40, 500])
func matrixVectorAlongRowsMatchesReference(m: Int, k: Int) {
    for (alpha, beta) in [(Float(1), Float(0)), (1.5, 0.5)] {
        for threads in [1, 2] {
            checkFastGemm(GemmCase(m: m, n: 1, k: k, transposeA: false, transposeB: true, alpha: alpha, beta: beta),
                          path: .avx2, threads: threads)
        }
    }
}

/// A product whose threads share one packing (`multiplySharingPacking`: of B when C is
/// cut into rows, of A when into columns, under `sharedPackingLimit` floats) gives the
/// floats of one thread on two and three, on both kernels and every layout: depths of
/// one and of several KC slices, parts of one block and of many, C scaled by beta; and
/// the epilogue sees each element of C once. The 64- and 97-row products go to the
/// threads by columns, the others by rows.
@Test(arguments: [SIMDPath.avx2, .avx512])
func sharedPackingMatchesOneThreadBitForBit(path: SIMDPath) throws {
    try #require(path == .avx2 || CPUFeatures.hasAVX512F, "this CPU has no AVX-512F")
    var random = MT19937(seed: 14)
    for (m, n, k) in [(512, 58, 256), (300, 40, 1000), (97, 85, 600), (64, 768, 300), (64, 10, 100), (13, 7, 9)] {
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let (lda, ldb, ldc) = ((transposeA ? m : k) + 1, (transposeB ? k : n) + 2, n + 3)
            let a = (0..<(transposeA ? k : m) * lda).map { _ in Float(random.uniform(-1, 1)) }
            let b = (0..<(transposeB ? n : k) * ldb).map { _ in Float(random.uniform(-1, 1)) }
            let start = (0..<m * ldc).map { _ in Float(random.uniform(-1, 1)) }
            /// C after a multiply on `threads` threads, and how often the epilogue saw each element.
            func product(threads: Int) -> (c: [UInt32], seen: [Int]) {
                var c = start
                let seen = Locked([Int](repeating: 0, count: m * n))
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        c.withUnsafeMutableBufferPointer { c in
                            let operands = GemmOperands(transposeA: transposeA, transposeB: transposeB, m: m, n: n,
                                                        k: k, alpha: 1.5, a: a.baseAddress!, lda: lda,
                                                        b: b.baseAddress!, ldb: ldb, beta: 0.3, c: c.baseAddress!,
                                                        ldc: ldc)
                            Gemm.multiplyBlocked(path: path, operands, threads: threads) { rows, columns in
                                seen.withLock { for i in rows { for j in columns { $0[i * n + j] += 1 } } }
                            }
                        }
                    }
                }
                return (c.map(\.bitPattern), seen.withLock { $0 })
            }
            let one = product(threads: 1)
            for threads in [2, 3] {
                let many = product(threads: threads)
                let differing = zip(many.c, one.c).filter { $0 != $1 }.count
                let problem = "\(m)×\(n)×\(k) Aᵀ \(transposeA) Bᵀ \(transposeB), \(threads) threads"
                #expect(differing == 0, "\(problem): \(differing) floats of C differ")
                #expect(many.seen == [Int](repeating: 1, count: m * n))
            }
        }
    }
}

/// A B packed once (`Gemm.PackedMatrix`, as a recurrence's W_hh) and a product on it
/// split by rows or by columns give the floats of one thread on two and three.
@Test(arguments: [(512, 85, 256), (64, 768, 256), (64, 2048, 512)])
func packedMatrixProductMatchesOneThreadBitForBit(m: Int, n: Int, k: Int) {
    var random = MT19937(seed: 15)
    let a = (0..<m * k).map { _ in Float(random.uniform(-1, 1)) }
    let b = (0..<k * n).map { _ in Float(random.uniform(-1, 1)) }
    let packed = b.withUnsafeBufferPointer {
        Gemm.PackedMatrix(transposed: false, k: k, n: n, b: $0.baseAddress!, ldb: n)
    }
    func product(threads: Int) -> [UInt32] {
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                Gemm.multiply(transposeA: false, m: m, a: a.baseAddress!, lda: k, packed: packed, c: c.baseAddress!,
                              ldc: n, threads: threads)
            }
        }
        return c.map(\.bitPattern)
    }
    let one = product(threads: 1)
    for threads in [2, 3] {
        let differing = zip(product(threads: threads), one).filter { $0 != $1 }.count
        #expect(differing == 0, "\(m)×\(n)×\(k), \(threads) threads: \(differing) floats of C differ")
    }
}
