import Dispatch

/// C = alpha · op(A) · b + beta · C when B is a single column (n = 1): a
/// matrix-vector product, such as the tabular model's output layer (500 activations
/// to one prediction) and its weight's gradient.
///
/// `multiplyBlocked` would pad that column to a whole panel of B (16 or 32 wide) and
/// run the micro-kernel on it, one useful lane in 16 or 32. Here 16 outputs share one
/// SIMD register instead, one lane each, so every multiply-add is useful. Each output
/// is still summed exactly as `multiplyBlocked` sums it: a chain of fused
/// multiply-adds over each KC-deep slice of the depth, the slices then added to C in
/// turn, so both paths give the same floats, bit for bit (`GemmTests` checks that).
extension Gemm {
    /// Rows of C one SIMD register holds.
    static let vectorRows = 16

    /// The matrix-vector product on up to `threads` threads, each a range of rows;
    /// `blockDepth`: the KC of the kernel whose sums it reproduces.
    static func multiplyVector(_ operands: GemmOperands, blockDepth: Int, threads: Int) {
        let blocks = (operands.m + vectorRows - 1) / vectorRows
        let parts = min(threads, blocks)
        guard parts > 1 else {
            GemmWorkspace.borrow { multiplyVector(operands, rows: 0..<operands.m, blockDepth: blockDepth, workspace: $0) }
            return
        }
        nonisolated(unsafe) let shared = operands
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let rows = part * blocks / parts * vectorRows..<min(shared.m, (part + 1) * blocks / parts * vectorRows)
            GemmWorkspace.borrow { multiplyVector(shared, rows: rows, blockDepth: blockDepth, workspace: $0) }
        }
    }

    /// Rows `rows` of C, 128 at a time (8 registers of 16, so that eight chains of
    /// multiply-adds are in flight, not one waiting on each step's latency), then 64, 32
    /// and 16 for the last rows. For each slice of the depth, the rows' values of op(A)
    /// at each step are loaded in place when A is transposed (a column of op(A) is then
    /// a row of A, contiguous), else packed first into 16-wide panels as
    /// `multiplyBlocked` packs A; each is multiplied by that step's value of B.
    private static func multiplyVector(_ o: GemmOperands, rows: Range<Int>, blockDepth: Int,
                                       workspace: GemmWorkspace) {
        let groupRows = 8 * vectorRows
        // A's panels go where `multiplyBlocked` packs A; the sums, where it keeps an edge tile.
        workspace.reserve(a: groupRows * blockDepth, b: 0, tile: groupRows)
        let panel = workspace.packedA.start, sums = workspace.edgeTile.start
        var first = rows.lowerBound
        while first < rows.upperBound {
            // 8 registers while 128 rows remain, then 4, 2 and 1 (the last one maybe partly filled).
            let remaining = rows.upperBound - first
            let registers = remaining >= 8 * vectorRows ? 8 : remaining >= 4 * vectorRows ? 4
                : remaining >= 2 * vectorRows ? 2 : 1
            let count = min(registers * vectorRows, remaining)
            for pc in stride(from: 0, to: o.k, by: blockDepth) {
                let kc = min(blockDepth, o.k - pc)
                let a = o.a + first * o.aRowStride + pc * o.aDepthStride, b = o.b + pc * o.bDepthStride
                // Where the 16 values of register q at step p are: in A itself, or in a packed panel.
                let (columns, step, registerStride): (UnsafePointer<Float>, Int, Int)
                if o.aRowStride == 1 && count == registers * vectorRows {
                    (columns, step, registerStride) = (a, o.aDepthStride, vectorRows)
                } else {
                    packPanels(width: vectorRows, from: a, lineStride: o.aRowStride, depthStride: o.aDepthStride,
                               lines: count, depth: kc, into: panel)
                    (columns, step, registerStride) = (UnsafePointer(panel), vectorRows, kc * vectorRows)
                }
                // A constant count at each call, so that each copy keeps its sums in registers.
                switch registers {
                case 8: sumColumns(8, columns, step: step, registerStride: registerStride, b, o.bDepthStride, kc, sums)
                case 4: sumColumns(4, columns, step: step, registerStride: registerStride, b, o.bDepthStride, kc, sums)
                case 2: sumColumns(2, columns, step: step, registerStride: registerStride, b, o.bDepthStride, kc, sums)
                default: sumColumns(1, columns, step: step, registerStride: registerStride, b, o.bDepthStride, kc, sums)
                }
                let beta = pc == 0 ? o.beta : 1
                for r in 0..<count {
                    let c = o.c + (first + r) * o.ldc, product = o.alpha * sums[r]
                    c.pointee = beta == 0 ? product : product + beta * c.pointee
                }
            }
            first += count
        }
    }

    /// `registers` × 16 sums Σₚ b[p·bStride] · column values, one chain of fused
    /// multiply-adds per lane, p from 0 to `depth`, written to `sums`. Register q's 16
    /// values at step p start at `columns + q · registerStride + p · step`.
    @inline(__always)
    private static func sumColumns(_ registers: Int, _ columns: UnsafePointer<Float>, step: Int,
                                   registerStride: Int, _ b: UnsafePointer<Float>, _ bStride: Int, _ depth: Int,
                                   _ sums: UnsafeMutablePointer<Float>) {
        typealias Column = SIMD16<Float>
        var registerSums = InlineArray<8, Column>(repeating: .zero)
        for p in 0..<depth {
            let value = b[p * bStride], values = UnsafeRawPointer(columns + p * step)
            for q in 0..<registers {
                registerSums[q].addProduct(value, values.loadUnaligned(fromByteOffset: 4 * q * registerStride,
                                                                       as: Column.self))
            }
        }
        for q in 0..<registers {
            UnsafeMutableRawPointer(sums).storeBytes(of: registerSums[q], toByteOffset: 64 * q, as: Column.self)
        }
    }
}
