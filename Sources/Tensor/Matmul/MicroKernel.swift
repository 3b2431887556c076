/// The innermost loop of a BLIS-style matrix multiply: one `rows × columns` tile of C
/// from a packed panel of A (`rows` values per step of depth, broadcast one at a time)
/// and a packed panel of B (`columns` values per step, loaded as one SIMD row), the
/// whole tile accumulating in registers with fused multiply-adds.
///
/// Each kernel also names the cache blocking that feeds it (BLIS's MC, KC, NC): a
/// `blockRows × blockDepth` block of A sits in L2 while the micro-kernel sweeps it
/// against one `blockDepth`-deep panel of B, and the `blockDepth × blockColumns` block
/// of B sits in L3.
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

    /// `tile` for the left `columns / 2` columns only, at half the cost: for the last
    /// panel of B when few columns are left (n = 85 leaves 5 of 16).
    static func halfTile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                         c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float)
}

/// The AVX2 + FMA kernel: 6 rows × 16 columns, each row two 8-float registers, so the
/// 12 accumulators, two rows of B and one broadcast fill 15 of the 16 `ymm` registers
/// (the shape BLIS uses on Haswell and Zen). On arm64 the same code runs on NEON.
///
/// Blocking: BLIS's for Zen 3 (32 KiB L1d and 512 KiB L2 per core, 32 MiB L3), MC 144,
/// KC 256, NC 4080. The 256-deep panel of B (16 KiB) fills half of L1 and stays there
/// while the kernel sweeps a 144 × 256 block of A (144 KiB, in L2); a 512-deep panel
/// would fill all of L1 and compete with A's stream. A 256 × 4080 block of B is 4 MiB,
/// in L3. Docs/Tensor.md ("Matrix multiply") has the measurements.
enum Kernel6x16: MicroKernel {
    static var rows: Int { 6 }
    static var columns: Int { 16 }
    static var blockRows: Int { 144 }
    static var blockDepth: Int { 256 }
    static var blockColumns: Int { 4080 }

    static func tile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        tile(SIMD16<Float>.self, depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }

    static func halfTile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                         c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        tile(SIMD8<Float>.self, depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }

    /// The loop itself, on rows of `Row` (the first 8 or all 16 columns of B's panel).
    @inline(__always)
    private static func tile<Row: TileRow>(_: Row.Type, depth: Int, a: UnsafePointer<Float>,
                                           b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                                           ldc: Int, alpha: Float, beta: Float) {
        var sums = InlineArray<6, Row>(repeating: .zero)
        var a = a, b = b
        for _ in 0..<depth {
            let row = Row(loading: b)
            for r in 0..<6 { sums[r].add(a[r], times: row) }
            a += 6
            b += 16
        }
        for r in 0..<6 { sums[r].store(to: c + r * ldc, alpha: alpha, beta: beta) }
    }
}

/// One row of a C tile in the AVX2 micro-kernel, held in registers: `SIMD16<Float>`
/// (two `ymm`) or `SIMD8<Float>` (one). Each type writes its own `add` with concrete SIMD
/// operations: generic SIMD arithmetic works one float at a time and relies on LLVM to
/// re-vectorise it, which it does not always do (a 12 × `SIMD32` kernel came out scalar).
///
/// `TensorAVX512` has its own `TileRow` for the AVX-512 kernel: it must be compiled for
/// x86-64-v4 there, and nothing compiled there may serve this path. (It lives in this
/// file so that debug builds, which compile file by file, still inline it.)
protocol TileRow: SIMD where Scalar == Float {
    /// `self += a · row`, fused.
    mutating func add(_ a: Float, times row: Self)
}

extension TileRow {
    @inline(__always)
    init(loading values: UnsafePointer<Float>) {
        self = UnsafeRawPointer(values).loadUnaligned(as: Self.self)
    }

    /// `c = alpha · self + beta · c`; C is not read when `beta` is 0.
    @inline(__always)
    func store(to c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float) {
        var result = Self.zero
        result.add(alpha, times: self)
        if beta != 0 { result.add(beta, times: Self(loading: c)) }
        UnsafeMutableRawPointer(c).storeBytes(of: result, as: Self.self)
    }
}

extension SIMD16: TileRow where Scalar == Float {
    @inline(__always)
    mutating func add(_ a: Float, times row: Self) { addProduct(a, row) }
}

extension SIMD8: TileRow where Scalar == Float {
    @inline(__always)
    mutating func add(_ a: Float, times row: Self) { addProduct(a, row) }
}

#if arch(x86_64)
import TensorAVX512

/// The AVX-512 kernel, `AVX512.tile12x32` (and `tile12x16` for narrow edges): 12 rows × 32 columns (24 of the 32 `zmm`
/// registers accumulate). Only for CPUs with AVX-512F (see `CPUFeatures`).
///
/// Blocking chosen from cache sizes, not yet tuned by measurement: a 480 × 256 block of A is
/// 480 KiB, half the 1 MiB+ L2 of AVX-512 x86 cores; the 256-deep panel of B, 32 wide,
/// is 32 KiB, two thirds of the 48 KiB L1 of recent Intel cores but all of a 32 KiB one
/// (Skylake-X, Zen 4), where a 128-deep panel may be faster.
enum Kernel12x32: MicroKernel {
    static var rows: Int { AVX512.tileRows }
    static var columns: Int { AVX512.tileColumns }
    static var blockRows: Int { 480 }
    static var blockDepth: Int { 256 }
    static var blockColumns: Int { 4096 }

    static func tile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        AVX512.tile12x32(depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }

    static func halfTile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                         c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        AVX512.tile12x16(depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }
}
#endif
