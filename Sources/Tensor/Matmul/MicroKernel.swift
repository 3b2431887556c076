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

    /// `c[r·ldc + j] = alpha · Σₚ a[r, p] · b[p, j] + beta · c[r·ldc + j]` for the whole
    /// tile; when `beta` is 0, C is only written, never read.
    ///
    /// A is a packed panel, `rows` values a step (`a[r, p] = a[p·rows + r]`), or with
    /// `lda` set, read in place: `a` is the tile's first row in a row-major A, the next
    /// row `lda` floats on. `ldb` is the step from one row of B to the next: `columns` in
    /// a packed panel, or the row stride of a row-major B read in place. (`multiplyBlocked`
    /// says when an operand is read in place.)
    static func tile(depth: Int, a: UnsafePointer<Float>, lda: Int?, b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float)

    /// An edge tile: `tile` for its top-left `rows × columns` only (or a little more,
    /// rounded up to the shapes the kernel has), as a plain product (alpha 1, beta 0)
    /// into `c`, whose valid part the caller copies out. What is left out costs nothing:
    /// the last panel of B when few columns are left (n = 85 leaves 5 of 16), the last
    /// rows of A (m = 64 leaves 4 of 12). A and B as for `tile`; rows of A past `rows`
    /// are not read, and a B read in place has all `columns`.
    static func edgeTile(rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>, lda: Int?,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int)
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

    static func tile(depth: Int, a: UnsafePointer<Float>, lda: Int?, b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        // Each way of reading A gets a loop of its own: one loop behind a switch kept the
        // sums in memory, and so did a tile of concrete `SIMD16` rather than a generic `Row`.
        if let lda {
            tile(SIMD16<Float>.self, depth: depth, a: RowsOfA<6>(first: a, lda: lda, rows: 6), b: (b, ldb), c: c,
                 ldc: ldc, alpha: alpha, beta: beta)
        } else {
            tile(SIMD16<Float>.self, depth: depth, a: PackedA(start: a), b: (b, ldb), c: c, ldc: ldc, alpha: alpha,
                 beta: beta)
        }
    }

    /// Rounded up to 2, 4 or 6 rows and 8 or 16 columns.
    static func edgeTile(rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>, lda: Int?,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        typealias Half = SIMD8<Float>
        typealias Whole = SIMD16<Float>
        let (values, rowsOfB) = (ValuesOfA(a, lda: lda, rows: rows), (start: b, step: ldb))
        // Each case names its shape as a type, so each gets a loop of its own.
        switch (rows <= 2 ? 2 : rows <= 4 ? 4 : 6, columns <= 8) {
        case (2, true): plainTile(InlineArray<2, Half>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (4, true): plainTile(InlineArray<4, Half>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (_, true): plainTile(InlineArray<6, Half>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (2, false): plainTile(InlineArray<2, Whole>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (4, false): plainTile(InlineArray<4, Whole>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (_, false): plainTile(InlineArray<6, Whole>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        }
    }

    /// The top `rows` rows of the tile, on rows of `Row` (the first 8 or all 16 columns of
    /// B's rows), as a plain product.
    @inline(__always)
    private static func plainTile<let rows: Int, Row: TileRow>(_ shape: InlineArray<rows, Row>.Type, depth: Int,
                                                               a: ValuesOfA, b: RowsOfB, c: UnsafeMutablePointer<Float>,
                                                               ldc: Int) {
        switch a {
        case .packed(let start): plainTile(shape, depth: depth, a: PackedA(start: start), b: b, c: c, ldc: ldc)
        case .inPlace(let first, let lda, let valid):
            plainTile(shape, depth: depth, a: RowsOfA<rows>(first: first, lda: lda, rows: valid), b: b, c: c, ldc: ldc)
        }
    }

    @inline(__always)
    private static func plainTile<let rows: Int, Row: TileRow, A: TileValuesOfA>(
        _: InlineArray<rows, Row>.Type, depth: Int, a: A, b: RowsOfB, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        var sums = InlineArray<rows, Row>(repeating: .zero)
        accumulate(&sums, depth: depth, a: a, b: b)
        for r in 0..<rows { sums[r].store(to: c + r * ldc, alpha: 1, beta: 0) }
    }

    /// The whole tile, alpha and beta applied as each row is stored.
    @inline(__always)
    private static func tile<Row: TileRow, A: TileValuesOfA>(_: Row.Type, depth: Int, a: A, b: RowsOfB,
                                                             c: UnsafeMutablePointer<Float>, ldc: Int,
                                                             alpha: Float, beta: Float) {
        var sums = InlineArray<6, Row>(repeating: .zero)
        accumulate(&sums, depth: depth, a: a, b: b)
        // A literal count: with the count a generic parameter, and C read for beta, the
        // optimiser kept the sums in memory.
        for r in 0..<6 { sums[r].store(to: c + r * ldc, alpha: alpha, beta: beta) }
    }

    /// The loop itself, B's rows `b.step` floats apart.
    @inline(__always)
    private static func accumulate<let rows: Int, Row: TileRow, A: TileValuesOfA>(
        _ sums: inout InlineArray<rows, Row>, depth: Int, a: A, b: RowsOfB
    ) {
        var row = b.start
        for p in 0..<depth {
            let values = Row(loading: row)
            for r in 0..<rows { sums[r].add(a[r, p], times: values) }
            row += b.step
        }
    }

    /// Where B's rows are: the first, and the step from one to the next.
    private typealias RowsOfB = (start: UnsafePointer<Float>, step: Int)

    /// How a tile was told to read A.
    private enum ValuesOfA {
        case packed(UnsafePointer<Float>)
        case inPlace(first: UnsafePointer<Float>, lda: Int, rows: Int)

        init(_ a: UnsafePointer<Float>, lda: Int?, rows: Int) {
            self = if let lda { .inPlace(first: a, lda: lda, rows: rows) } else { .packed(a) }
        }
    }
}

/// Row `r` of a tile's A at step `p` of depth, as the AVX2 kernel's loop reads it.
/// (`TensorAVX512` has its own, for the same reason as `TileRow`.)
private protocol TileValuesOfA {
    subscript(r: Int, p: Int) -> Float { get }
}

/// A packed panel: 6 values a step, the tile's rows side by side.
private struct PackedA: TileValuesOfA {
    let start: UnsafePointer<Float>
    @inline(__always)
    subscript(r: Int, p: Int) -> Float { start[p &* 6 &+ r] }
}

/// Rows of a row-major A, read in place: each row contiguous along the depth.
private struct RowsOfA<let rows: Int>: TileValuesOfA {
    let starts: InlineArray<rows, UnsafePointer<Float>>

    /// The tile's first `count` rows, from `first` on, `lda` floats apart; a row past them
    /// repeats the last, its sums computed but never copied out.
    @inline(__always)
    init(first: UnsafePointer<Float>, lda: Int, rows count: Int) {
        starts = InlineArray { r in first + min(r, count - 1) * lda }
    }

    @inline(__always)
    subscript(r: Int, p: Int) -> Float { starts[r][p] }
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

/// The AVX-512 kernel, `AVX512.tile12x32` (and `AVX512.edgeTile` for edges): 12 rows ×
/// 32 columns (24 of the 32 `zmm` registers accumulate). Only for CPUs with AVX-512F
/// (see `CPUFeatures`).
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

    static func tile(depth: Int, a: UnsafePointer<Float>, lda: Int?, b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        AVX512.tile12x32(depth: depth, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }

    static func edgeTile(rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>, lda: Int?,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        AVX512.edgeTile(rows: rows, columns: columns, depth: depth, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
    }
}
#endif
