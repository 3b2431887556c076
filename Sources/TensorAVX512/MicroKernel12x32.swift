#if arch(x86_64)
extension AVX512 {
    /// Rows of the C tile `tile12x32` computes.
    public static var tileRows: Int { 12 }
    /// Columns of the C tile `tile12x32` computes.
    public static var tileColumns: Int { 32 }

    /// The AVX-512 matrix-multiply micro-kernel (see the `MicroKernel` protocol in
    /// `Tensor`): a 12 × 32 tile of C, each row two 16-float `zmm` registers, so the 24
    /// accumulators, two registers of B and a broadcast take 27 of the 32;
    /// `c[r·ldc + j] = alpha · (a·b)[r, j] + beta · c[r·ldc + j]`, C unread when `beta` is 0.
    ///
    /// A is a packed panel, 12 values a step of `depth`, or with `lda` set, read in place:
    /// `a` is the tile's first row in a row-major A, the next row `lda` floats on. `ldb` is
    /// the step from one row of B to the next: 32 in a packed panel, or the row stride of
    /// a row-major B read in place.
    public static func tile12x32(depth: Int, a: UnsafePointer<Float>, lda: Int?, b: UnsafePointer<Float>, ldb: Int,
                                 c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        // Each way of reading A gets a loop of its own: one loop behind a switch kept the
        // sums in memory, and so did a tile of concrete `TwoRegisters` rather than a
        // generic `Row`.
        if let lda {
            tile(TwoRegisters.self, depth: depth, a: RowsOfA<12>(first: a, lda: lda, rows: 12), b: (b, ldb), c: c,
                 ldc: ldc, alpha: alpha, beta: beta)
        } else {
            tile(TwoRegisters.self, depth: depth, a: PackedA(start: a), b: (b, ldb), c: c, ldc: ldc, alpha: alpha,
                 beta: beta)
        }
    }

    /// An edge tile: `tile12x32` for its top-left `rows × columns` only, rounded up to 4,
    /// 8 or 12 rows and 8, 16 or 32 columns, as a plain product (alpha 1, beta 0) into
    /// `c`. The rows and columns left out cost nothing: m = 64 leaves 4 rows of 12, which
    /// a whole tile would compute at the cost of 12, and n = 40 leaves 8 columns, which
    /// take one 8-float register a row (on Zen 4 two of them multiply-add in the time of
    /// one 16-float register). A and B as for `tile12x32`; rows of A past `rows` are not
    /// read, and a B read in place has all 32 columns.
    public static func edgeTile(rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>, lda: Int?,
                                b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        typealias Eight = SIMD8<Float>
        typealias Sixteen = SIMD16<Float>
        typealias ThirtyTwo = TwoRegisters
        let (values, rowsOfB) = (ValuesOfA(a, lda: lda, rows: rows), (start: b, step: ldb))
        // Each case names its shape as a type, so each gets a loop of its own.
        switch (rows <= 4 ? 4 : rows <= 8 ? 8 : 12, columns <= 8 ? 8 : columns <= 16 ? 16 : 32) {
        case (4, 8): plainTile(InlineArray<4, Eight>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (8, 8): plainTile(InlineArray<8, Eight>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (_, 8): plainTile(InlineArray<12, Eight>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (4, 16): plainTile(InlineArray<4, Sixteen>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (8, 16): plainTile(InlineArray<8, Sixteen>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (_, 16): plainTile(InlineArray<12, Sixteen>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (4, _): plainTile(InlineArray<4, ThirtyTwo>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (8, _): plainTile(InlineArray<8, ThirtyTwo>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        case (_, _): plainTile(InlineArray<12, ThirtyTwo>.self, depth: depth, a: values, b: rowsOfB, c: c, ldc: ldc)
        }
    }

    /// The top `rows` rows of the tile, on rows of `Row` (the first 8 or 16 or all 32
    /// columns of B's rows), as a plain product.
    ///
    /// The same loops as `Kernel6x16` in `Tensor`, taller. They are written out again on
    /// purpose: only code in this target is compiled for `x86-64-v4`, and sharing one
    /// body across the two targets would let AVX-512 instructions into the AVX2 path.
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
        var sums = InlineArray<12, Row>(repeating: .zero)
        accumulate(&sums, depth: depth, a: a, b: b)
        // A literal count: with the count a generic parameter, and C read for beta, the
        // optimiser kept the sums in memory.
        for r in 0..<12 { sums[r].store(to: c + r * ldc, alpha: alpha, beta: beta) }
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

/// Row `r` of a tile's A at step `p` of depth, as the loop reads it.
private protocol TileValuesOfA {
    subscript(r: Int, p: Int) -> Float { get }
}

/// A packed panel: 12 values a step, the tile's rows side by side.
private struct PackedA: TileValuesOfA {
    let start: UnsafePointer<Float>
    @inline(__always)
    subscript(r: Int, p: Int) -> Float { start[p &* 12 &+ r] }
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

/// One row of a C tile in the AVX-512 micro-kernel, held in registers: `SIMD16<Float>`
/// (one `zmm`), `TwoRegisters`, or for narrow edges `SIMD8<Float>` (one `ymm`). Each is
/// made of concrete SIMD types: generic SIMD arithmetic works one float at a time and
/// relies on LLVM to re-vectorise it, which it did not for a 12 × `SIMD32` kernel (all
/// scalar code).
///
/// `Tensor` has its own `TileRow` for the AVX2 kernel: code here is compiled for
/// x86-64-v4, so nothing in this target may serve the AVX2 path. (It lives in this file
/// so that debug builds, which compile file by file, still inline it.)
protocol TileRow {
    static var zero: Self { get }
    init(loading values: UnsafePointer<Float>)
    /// `self += a · row`, fused.
    mutating func add(_ a: Float, times row: Self)
    /// `c = alpha · self + beta · c`; C is not read when `beta` is 0.
    func store(to c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float)
}

/// The one-register rows, 16 floats (`zmm`) or 8 (`ymm`).
extension TileRow where Self: SIMD, Scalar == Float {
    @inline(__always)
    init(loading values: UnsafePointer<Float>) {
        self = UnsafeRawPointer(values).loadUnaligned(as: Self.self)
    }

    @inline(__always)
    mutating func add(_ a: Float, times row: Self) { addProduct(a, row) }

    @inline(__always)
    func store(to c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float) {
        var result = alpha * self
        if beta != 0 { result.addProduct(beta, Self(loading: c)) }
        UnsafeMutableRawPointer(c).storeBytes(of: result, as: Self.self)
    }
}

extension SIMD16: TileRow where Scalar == Float {}

extension SIMD8: TileRow where Scalar == Float {}

/// 32 floats as two 16-float registers (`SIMD32` itself compiles to scalar code here).
struct TwoRegisters: TileRow {
    var low: SIMD16<Float>, high: SIMD16<Float>

    @inline(__always)
    static var zero: Self { Self(low: .zero, high: .zero) }

    @inline(__always)
    init(low: SIMD16<Float>, high: SIMD16<Float>) { (self.low, self.high) = (low, high) }

    @inline(__always)
    init(loading values: UnsafePointer<Float>) {
        self.init(low: SIMD16(loading: values), high: SIMD16(loading: values + 16))
    }

    @inline(__always)
    mutating func add(_ a: Float, times row: Self) {
        low.add(a, times: row.low)
        high.add(a, times: row.high)
    }

    @inline(__always)
    func store(to c: UnsafeMutablePointer<Float>, alpha: Float, beta: Float) {
        low.store(to: c, alpha: alpha, beta: beta)
        high.store(to: c + 16, alpha: alpha, beta: beta)
    }
}
#endif
