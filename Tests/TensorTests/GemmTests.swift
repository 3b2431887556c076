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
