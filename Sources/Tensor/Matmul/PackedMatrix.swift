/// A right-hand operand packed once for many products by it.
///
/// `multiplyBlocked` packs each block of B into panels before the micro-kernel reads it,
/// on every call and in every thread. When A is short that packing costs as much as the
/// multiply-adds it feeds: the LSTM's recurrence multiplies 64 states by a 512 × 2048
/// W_hhᵀ, so each call copies 2¹⁹ floats of B for 64 rows of A, and it does so for each
/// of the 8 steps of a batch. Packed once, the steps only multiply.
///
/// The panels are exactly the ones `multiplyBlocked` would pack, laid out as
/// `PackedPanels` (every KC-deep slice, all n columns, NR wide), and the loop reads each
/// block in place of its own packing.
extension Gemm {
    public final class PackedMatrix: @unchecked Sendable {
        /// The kernel the panels are laid out for.
        let path: SIMDPath
        /// Rows (the shared dimension) and columns of op(B).
        public let k: Int, n: Int
        /// The panels, in memory this matrix owns.
        let panels: PackedPanels

        /// Packs op(B), k × n: `b` stored k × n (or, `transposed`, n × k) with rows `ldb`
        /// floats apart, for the kernel of `path`. The packed copy is a snapshot: later
        /// writes into `b` are not seen.
        public init(transposed: Bool, k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int,
                    path: SIMDPath = CPUFeatures.simdPath) {
            precondition(k > 0 && n > 0, "Gemm.PackedMatrix: empty \(k) × \(n) matrix")
            precondition(ldb >= (transposed ? k : n), "Gemm.PackedMatrix: ldb \(ldb) for a \(k) × \(n) matrix")
            self.path = path
            (self.k, self.n) = (k, n)
            let (width, depth) = path.panelShape
            panels = PackedPanels(width: width, blockDepth: depth, lines: n, k: k,
                                  start: .allocate(capacity: PackedPanels.count(width: width, lines: n, k: k)))
            let (lineStride, depthStride) = transposed ? (ldb, 1) : (1, ldb)
            for pc in stride(from: 0, to: k, by: depth) {
                panels.packSlice(depth: pc, from: b, lineStride: lineStride, depthStride: depthStride)
            }
        }

        deinit { panels.start.deallocate() }
    }

    /// One operand packed into a kernel's panels for the whole depth, where
    /// `multiplyBlocked` packs a block at a time: for each KC-deep slice, the panels of
    /// all its lines (B's columns, NR wide; or A's rows, MR wide) side by side, the last
    /// one zero-padded. The block of lines `first…` of slice `pc` therefore starts at
    /// `pc · paddedLines + first · kc`. A `PackedMatrix` holds B so; a product whose
    /// threads share one packing (`multiplySharingPacking`) holds A or B so in a
    /// workspace.
    struct PackedPanels: @unchecked Sendable {
        /// The panel width and the slice depth of the kernel.
        let width: Int, blockDepth: Int
        /// The lines, and the depth k.
        let lines: Int, k: Int
        /// `lines` rounded up to whole panels.
        let paddedLines: Int
        let start: UnsafeMutablePointer<Float>

        /// Panels for `lines` lines `k` deep at `start`, which holds `count(…)` floats.
        init(width: Int, blockDepth: Int, lines: Int, k: Int, start: UnsafeMutablePointer<Float>) {
            (self.width, self.blockDepth, self.lines, self.k, self.start) = (width, blockDepth, lines, k, start)
            paddedLines = (lines + width - 1) / width * width
        }

        /// The floats that panels of `lines` lines `k` deep take.
        static func count(width: Int, lines: Int, k: Int) -> Int { (lines + width - 1) / width * width * k }

        /// Packs the slice at depth `pc` (KC deep, or what is left) of an operand read
        /// through `lineStride` (between lines) and `depthStride` (between steps of depth).
        func packSlice(depth pc: Int, from operand: UnsafePointer<Float>, lineStride: Int, depthStride: Int) {
            packPanels(width: width, from: operand + pc * depthStride, lineStride: lineStride,
                       depthStride: depthStride, lines: lines, depth: min(blockDepth, k - pc),
                       into: start + pc * paddedLines)
        }

        /// The packed block of the slice starting at depth `pc` (`kc` deep), from line
        /// `first` (a whole number of panels) on.
        func block(depth pc: Int, line first: Int, kc: Int) -> UnsafePointer<Float> {
            UnsafePointer(start + pc * paddedLines + first * kc)
        }
    }

    /// `C[m×n] = op(A) · B` for a packed B, on up to `threads` threads: `multiply` with
    /// `alpha` 1 and `beta` 0, minus the packing of B. `epilogue`, if any, then runs on
    /// each thread's part of C (see `Epilogue`).
    public static func multiply(transposeA: Bool, m: Int, a: UnsafePointer<Float>, lda: Int, packed b: PackedMatrix,
                                c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: Epilogue? = nil) {
        let useful = max(1, m * b.n * b.k / workPerThread)
        multiply(transposeA: transposeA, m: m, a: a, lda: lda, packed: b, c: c, ldc: ldc,
                 threads: min(threads, useful), epilogue: epilogue)
    }

    /// The packed-B `multiply` on exactly `threads` threads (as far as C splits), for tests.
    static func multiply(transposeA: Bool, m: Int, a: UnsafePointer<Float>, lda: Int, packed b: PackedMatrix,
                         c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int, epilogue: Epilogue? = nil) {
        precondition(m >= 0 && lda >= (transposeA ? m : b.k) && ldc >= b.n,
                     "Gemm.multiply: m \(m), lda \(lda), ldc \(ldc) for a packed \(b.k) × \(b.n) B")
        guard m > 0 else { return }
        let operands = GemmOperands(transposeA: transposeA, transposeB: false, m: m, n: b.n, k: b.k, alpha: 1,
                                    a: a, lda: lda, b: a, ldb: b.n, beta: 0, c: c, ldc: ldc, packedB: b.panels)
        multiplyBlocked(path: b.path, operands, threads: threads, epilogue: epilogue)
    }
}

extension SIMDPath {
    /// NR and KC of the path's kernel: how wide its panels of B are, and how deep a slice.
    var panelShape: (width: Int, depth: Int) {
        switch self {
        case .avx2: (Kernel6x16.columns, Kernel6x16.blockDepth)
        case .avx512:
            #if arch(x86_64)
            (Kernel12x32.columns, Kernel12x32.blockDepth)
            #else
            fatalError("SIMDPath.avx512: the AVX-512 kernel exists only on x86-64")
            #endif
        }
    }
}
