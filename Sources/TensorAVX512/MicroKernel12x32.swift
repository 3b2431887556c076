#if arch(x86_64)
extension AVX512 {
    /// Rows of the C tile `tile12x32` computes.
    public static var tileRows: Int { 12 }
    /// Columns of the C tile `tile12x32` computes.
    public static var tileColumns: Int { 32 }

    /// The AVX-512 matrix-multiply micro-kernel (see the `MicroKernel` protocol in
    /// `Tensor`): a 12 × 32 tile of C, each row two 16-float `zmm` registers.
    /// `a` holds 12 values per step of `depth`, `b` 32, both packed contiguously;
    /// `c[r·ldc + j] = alpha · (a·b)[r, j] + beta · c[r·ldc + j]`, C unread when `beta` is 0.
    ///
    /// The same loop as `Kernel6x16.tile`, wider. It is written out again on purpose:
    /// only code in this target is compiled for `x86-64-v4`, and sharing one generic
    /// body across the two targets would let AVX-512 code leak into the AVX2 path.
    public static func tile12x32(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                 c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        var sums = InlineArray<12, SIMD32<Float>>(repeating: .zero)
        var a = a, b = b
        for _ in 0..<depth {
            let row = UnsafeRawPointer(b).loadUnaligned(as: SIMD32<Float>.self)
            for r in 0..<12 { sums[r].addProduct(a[r], row) }
            a += 12
            b += 32
        }
        for r in 0..<12 {
            let out = UnsafeMutableRawPointer(c + r * ldc)
            var result = alpha * sums[r]
            if beta != 0 { result.addProduct(beta, out.loadUnaligned(as: SIMD32<Float>.self)) }
            out.storeBytes(of: result, as: SIMD32<Float>.self)
        }
    }
}
#endif
