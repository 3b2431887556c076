#if arch(x86_64)
extension AVX512 {
    /// Rows of the C tile `tile12x32` computes.
    public static var tileRows: Int { 12 }
    /// Columns of the C tile `tile12x32` computes.
    public static var tileColumns: Int { 32 }

    /// The AVX-512 matrix-multiply micro-kernel (see the `MicroKernel` protocol in
    /// `Tensor`): a 12 × 32 tile of C, each row two 16-float `zmm` registers, so the 24
    /// accumulators, two registers of B and a broadcast take 27 of the 32.
    /// `a` holds 12 values per step of `depth`, `b` 32, both packed contiguously;
    /// `c[r·ldc + j] = alpha · (a·b)[r, j] + beta · c[r·ldc + j]`, C unread when `beta` is 0.
    public static func tile12x32(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                 c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float) {
        tile(TwoRegisters.self, depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha, beta: beta)
    }

    /// An edge tile: `tile12x32` for its top-left `rows × columns` only, rounded up to 4,
    /// 8 or 12 rows and 8, 16 or 32 columns, as a plain product (alpha 1, beta 0) into
    /// `c`. The rows and columns left out cost nothing: m = 64 leaves 4 rows of 12, which
    /// a whole tile would compute at the cost of 12, and n = 40 leaves 8 columns, which
    /// take one 8-float register a row (on Zen 4 two of them multiply-add in the time of
    /// one 16-float register).
    public static func edgeTile(rows: Int, columns: Int, depth: Int, a: UnsafePointer<Float>,
                                b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int) {
        typealias Eight = SIMD8<Float>
        typealias Sixteen = SIMD16<Float>
        typealias ThirtyTwo = TwoRegisters
        // Each case names its shape as a type, so each gets a loop of its own.
        switch (rows <= 4 ? 4 : rows <= 8 ? 8 : 12, columns <= 8 ? 8 : columns <= 16 ? 16 : 32) {
        case (4, 8): plainTile(InlineArray<4, Eight>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (8, 8): plainTile(InlineArray<8, Eight>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (_, 8): plainTile(InlineArray<12, Eight>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (4, 16): plainTile(InlineArray<4, Sixteen>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (8, 16): plainTile(InlineArray<8, Sixteen>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (_, 16): plainTile(InlineArray<12, Sixteen>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (4, _): plainTile(InlineArray<4, ThirtyTwo>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (8, _): plainTile(InlineArray<8, ThirtyTwo>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        case (_, _): plainTile(InlineArray<12, ThirtyTwo>.self, depth: depth, a: a, b: b, c: c, ldc: ldc)
        }
    }

    /// The whole tile, alpha and beta applied as each row is stored.
    ///
    /// The same loops as `Kernel6x16` in `Tensor`, taller. They are written out again on
    /// purpose: only code in this target is compiled for `x86-64-v4`, and sharing one
    /// body across the two targets would let AVX-512 instructions into the AVX2 path.
    @inline(__always)
    private static func tile<Row: TileRow>(_: Row.Type, depth: Int, a: UnsafePointer<Float>,
                                           b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                                           ldc: Int, alpha: Float, beta: Float) {
        var sums = InlineArray<12, Row>(repeating: .zero)
        accumulate(&sums, depth: depth, a: a, b: b)
        // A literal count: with the count a generic parameter, and C read for beta, the
        // optimiser kept the sums in memory.
        for r in 0..<12 { sums[r].store(to: c + r * ldc, alpha: alpha, beta: beta) }
    }

    /// The top `rows` rows of the tile, on rows of `Row` (the first 8 or 16 or all 32
    /// columns of B's panel), as a plain product.
    @inline(__always)
    private static func plainTile<let rows: Int, Row: TileRow>(_: InlineArray<rows, Row>.Type, depth: Int,
                                                               a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                                               c: UnsafeMutablePointer<Float>, ldc: Int) {
        var sums = InlineArray<rows, Row>(repeating: .zero)
        accumulate(&sums, depth: depth, a: a, b: b)
        for r in 0..<rows { sums[r].store(to: c + r * ldc, alpha: 1, beta: 0) }
    }

    /// The loop itself: `sums[r] += a[p·12 + r] · (row p of B's panel)`; the packed panels
    /// keep their 12 and 32 floats a step whatever part of them is used.
    @inline(__always)
    private static func accumulate<let rows: Int, Row: TileRow>(_ sums: inout InlineArray<rows, Row>, depth: Int,
                                                                a: UnsafePointer<Float>, b: UnsafePointer<Float>) {
        var a = a, b = b
        for _ in 0..<depth {
            let row = Row(loading: b)
            for r in 0..<rows { sums[r].add(a[r], times: row) }
            a += 12
            b += 32
        }
    }
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
