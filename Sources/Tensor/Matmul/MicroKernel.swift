/// The innermost loop of a BLIS-style matrix multiply: one `rows × columns` tile of C
/// from a packed panel of A (`rows` values per step of depth, broadcast one at a time)
/// and a packed panel of B (`columns` values per step, loaded as one SIMD row), the
/// whole tile accumulating in registers with fused multiply-adds.
///
/// Each kernel also names the cache blocking that feeds it well (BLIS's MC, KC, NC):
/// a `blockDepth`-deep panel of B stays in L1 while the `blockRows × blockDepth` block
/// of A streams from L2, and the `blockDepth × blockColumns` block of B sits in L3.
protocol MicroKernel {
    /// MR: rows of the C tile, one accumulator each.
    static var rows: Int { get }
    /// NR: columns of the C tile, the width of one accumulator.
    static var columns: Int { get }
    /// MC: rows of A packed per block (a multiple of `rows`).
    static var blockRows: Int { get }
    /// KC: depth of the packed blocks of A and B.
    static var blockDepth: Int { get }
    /// NC: columns of B packed per block (a multiple of `columns`).
    static var blockColumns: Int { get }

    /// `c[r·ldc + j] = alpha · Σₚ a[p·rows + r] · b[p·columns + j] + beta · c[r·ldc + j]`
    /// for the whole tile; when `beta` is 0, C is only written, never read.
    static func tile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float)
}

/// The AVX2 + FMA kernel: 6 rows × 16 columns, each row two 8-float registers, so the
/// 12 accumulators, two rows of B and one broadcast fill 15 of the 16 `ymm` registers
/// (the shape BLIS uses on Haswell and Zen). On arm64 the same code runs on NEON.
///
/// Blocking for the 2-core AMD EPYC (Zen 3) these lessons were measured on — 32 KiB L1d
/// and 512 KiB L2 per core, 32 MiB L3: a 256-deep panel of B is 16 KiB, a 144 × 256
/// block of A 144 KiB, a 256 × 4080 block of B 4 MiB.
enum Kernel6x16: MicroKernel {
    static var rows: Int { 6 }
    static var columns: Int { 16 }
    static var blockRows: Int { 144 }
    static var blockDepth: Int { 256 }
    static var blockColumns: Int { 4080 }

    static func tile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        var sums = InlineArray<6, SIMD16<Float>>(repeating: .zero)
        var a = a, b = b
        for _ in 0..<depth {
            let row = UnsafeRawPointer(b).loadUnaligned(as: SIMD16<Float>.self)
            for r in 0..<6 { sums[r].addProduct(a[r], row) }
            a += 6
            b += 16
        }
        for r in 0..<6 {
            let out = UnsafeMutableRawPointer(c + r * ldc)
            var result = alpha * sums[r]
            if beta != 0 { result.addProduct(beta, out.loadUnaligned(as: SIMD16<Float>.self)) }
            out.storeBytes(of: result, as: SIMD16<Float>.self)
        }
    }
}

#if arch(x86_64)
import TensorAVX512

/// The AVX-512 kernel, `AVX512.tile12x32`: 12 rows × 32 columns (24 of the 32 `zmm`
/// registers accumulate). Only for CPUs with AVX-512F (see `CPUFeatures`).
///
/// KC is 128 so that a 32-wide panel of B (16 KiB) stays in a 32 KiB L1d; a 480 × 128
/// block of A is 240 KiB, inside the 1 MiB+ L2 of every AVX-512 x86 core.
enum Kernel12x32: MicroKernel {
    static var rows: Int { AVX512.tileRows }
    static var columns: Int { AVX512.tileColumns }
    static var blockRows: Int { 480 }
    static var blockDepth: Int { 128 }
    static var blockColumns: Int { 4096 }

    static func tile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        AVX512.tile12x32(depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }
}
#endif
