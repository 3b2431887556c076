import Dispatch

/// C = alpha · op(A) · b + beta · C when B is a single column (n = 1): a
/// matrix-vector product, such as the tabular model's output layer (500 activations
/// to one prediction) and its weight's gradient.
///
/// `multiplyBlocked` would pad that column to a whole panel of B (16 or 32 wide) and
/// run the micro-kernel on it, one useful lane in 16 or 32. Here every multiply-add is
/// useful, in one of two ways:
///
/// - When op(A)'s rows and b lie contiguous in memory (A as stored, a `Linear` layer's
///   input; b a weight row), each output is a dot product read along its row, as
///   OpenBLAS reads it: 16 steps of the depth to a register, the 16 partial sums added
///   pairwise at the end, the last k mod 16 steps added one by one. Nothing is packed,
///   and A is read once. The order differs from the blocked path's, so the floats may
///   differ in the last bits (for k < 16 there are no partial sums and they are the same).
/// - Otherwise (A transposed, whose columns are then contiguous, or b strided) 16
///   outputs share a register, one lane each, and each output is summed exactly as
///   `multiplyBlocked` sums it: a chain of fused multiply-adds over each KC-deep slice of
///   the depth, the slices then added to C in turn, so both give the same floats, bit
///   for bit.
///
/// `GemmTests` checks both against `Gemm.reference`, and the second against the blocked
/// path bit for bit.
extension Gemm {
    /// Rows of C one SIMD register holds.
    static let vectorRows = 16

    /// The matrix-vector product on up to `threads` threads, each a range of rows;
    /// `blockDepth`: the KC of the kernel whose sums it reproduces.
    static func multiplyVector(_ operands: GemmOperands, blockDepth: Int, threads: Int) {
        let blocks = (operands.m + vectorRows - 1) / vectorRows
        let parts = min(threads, blocks)
        guard parts > 1 else {
            GemmWorkspace.borrow {
                multiplyVector(operands, rows: 0..<operands.m, blockDepth: blockDepth, workspace: $0)
            }
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
        if o.aDepthStride == 1 && o.bDepthStride == 1 {
            multiplyVectorAlongRows(o, rows: rows)
            return
        }
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
                for r in 0..<count { store(sums[r], alpha: o.alpha, beta: beta, to: o.c + (first + r) * o.ldc) }
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

    /// Rows `rows` of C as dot products along the rows of A, four rows at a time (eight
    /// chains of multiply-adds in flight on 8-float registers). A last group of fewer
    /// rows repeats its last row in the unused places and keeps only its own sums.
    private static func multiplyVectorAlongRows(_ o: GemmOperands, rows: Range<Int>) {
        var first = rows.lowerBound
        while first < rows.upperBound {
            let count = min(4, rows.upperBound - first)
            func row(_ r: Int) -> UnsafePointer<Float> { o.a + (first + min(r, count - 1)) * o.aRowStride }
            let sums = dotProducts(row(0), row(1), row(2), row(3), o.b, o.k)
            for r in 0..<count { store(sums[r], alpha: o.alpha, beta: o.beta, to: o.c + (first + r) * o.ldc) }
            first += count
        }
    }

    /// Σₚ aᵣ[p] · b[p] for four rows aᵣ: lane l of a register sums the steps p ≡ l (mod 16)
    /// below the last multiple of 16, its lanes are added pairwise (8 + 8, 4 + 4, 2 + 2,
    /// 1 + 1), then the remaining steps are multiply-added in turn. (Four named registers:
    /// held in an `InlineArray`, the sums were kept in memory, a float at a time.)
    @inline(__always)
    private static func dotProducts(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>,
                                    _ a2: UnsafePointer<Float>, _ a3: UnsafePointer<Float>,
                                    _ b: UnsafePointer<Float>, _ depth: Int) -> SIMD4<Float> {
        typealias Lanes = SIMD16<Float>
        var (s0, s1, s2, s3) = (Lanes.zero, Lanes.zero, Lanes.zero, Lanes.zero)
        var p = 0
        func load(_ x: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(x + p).loadUnaligned(as: Lanes.self) }
        while p + 16 <= depth {
            let values = load(b)
            s0.addProduct(values, load(a0))
            s1.addProduct(values, load(a1))
            s2.addProduct(values, load(a2))
            s3.addProduct(values, load(a3))
            p += 16
        }
        func pairwise(_ s: Lanes) -> Float {
            let eight = s.lowHalf + s.highHalf, four = eight.lowHalf + eight.highHalf
            let two = four.lowHalf + four.highHalf
            return two[0] + two[1]
        }
        var sums = SIMD4(pairwise(s0), pairwise(s1), pairwise(s2), pairwise(s3))
        for q in p..<depth {
            sums.addProduct(SIMD4(a0[q], a1[q], a2[q], a3[q]), SIMD4(repeating: b[q]))
        }
        return sums
    }
}
