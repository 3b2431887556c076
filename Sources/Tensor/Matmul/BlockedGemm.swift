import Dispatch
import Synchronization

/// One multiply's operands, A and B described by strides so transposes are read in
/// place: `op(A)[i, p] = a[i · aRowStride + p · aDepthStride]` and
/// `op(B)[p, j] = b[p · bDepthStride + j · bColumnStride]`; or either already packed
/// (`packedA`, `packedB`), when it is not read.
struct GemmOperands {
    let m: Int, n: Int, k: Int
    let alpha: Float, beta: Float
    let a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int
    let b: UnsafePointer<Float>, bDepthStride: Int, bColumnStride: Int
    let packedA: Gemm.PackedPanels?, packedB: Gemm.PackedPanels?
    let c: UnsafeMutablePointer<Float>, ldc: Int

    init(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
         a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
         beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, packedB: Gemm.PackedPanels? = nil) {
        (self.m, self.n, self.k, self.alpha, self.beta) = (m, n, k, alpha, beta)
        (self.a, self.b, self.c, self.ldc, self.packedA, self.packedB) = (a, b, c, ldc, nil, packedB)
        (aRowStride, aDepthStride) = transposeA ? (1, lda) : (lda, 1)
        (bDepthStride, bColumnStride) = transposeB ? (1, ldb) : (ldb, 1)
    }

    /// The same product, with A or B (or both) read from packed panels.
    init(_ o: GemmOperands, packedA: Gemm.PackedPanels?, packedB: Gemm.PackedPanels?) {
        (m, n, k, alpha, beta) = (o.m, o.n, o.k, o.alpha, o.beta)
        (a, aRowStride, aDepthStride, b, bDepthStride, bColumnStride) =
            (o.a, o.aRowStride, o.aDepthStride, o.b, o.bDepthStride, o.bColumnStride)
        (c, ldc, self.packedA, self.packedB) = (o.c, o.ldc, packedA, packedB)
    }
}

/// The BLIS algorithm (Van Zee & van de Geijn, 2015): five loops around a micro-kernel.
extension Gemm {
    /// `c = alpha · sum + beta · c` for one float, rounded as the micro-kernels store a
    /// tile (`TileRow.store`): the sum scaled, then beta · c added in one fused
    /// multiply-add; C is not read when `beta` is 0. Edge tiles and the matrix-vector
    /// products store through it, so the floats of C do not depend on which path summed
    /// them (a part read in place on two threads, a one-column B).
    @inline(__always)
    static func store(_ sum: Float, alpha: Float, beta: Float, to c: UnsafeMutablePointer<Float>) {
        let product = alpha * sum
        c.pointee = beta == 0 ? product : product.addingProduct(beta, c.pointee)
    }

    /// Splits C into one rectangle per thread (see `ThreadGrid`) and runs the loop nest
    /// on each, every thread with its own packing buffers; then `epilogue`, if any, on
    /// the thread's rectangle.
    static func multiplyBlocked<Kernel: MicroKernel>(_ kernel: Kernel.Type, _ operands: GemmOperands,
                                                     threads: Int, epilogue: Epilogue? = nil) {
        let grid = threads > 1 ? ThreadGrid(m: operands.m, n: operands.n, rowUnit: Kernel.rows,
                                            columnUnit: Kernel.columns, threads: threads) : nil
        guard let grid, grid.count > 1 else {
            GemmWorkspace.borrow { workspace in
                multiplyBlocked(kernel, operands, rows: 0..<operands.m, columns: 0..<operands.n,
                                workspace: workspace)
            }
            epilogue?(0..<operands.m, 0..<operands.n)
            return
        }
        if grid.rowRanges.count == 1 || grid.columnRanges.count == 1 {
            let byRows = grid.columnRanges.count == 1
            let (width, lines) = byRows ? (Kernel.columns, operands.n) : (Kernel.rows, operands.m)
            if PackedPanels.count(width: width, lines: lines, k: operands.k) <= sharedPackingLimit {
                multiplySharingPacking(kernel, operands, byRows: byRows, threads: grid.count, epilogue: epilogue)
                return
            }
        }
        // Each part writes its own rectangle of C; nothing else is shared.
        nonisolated(unsafe) let (shared, epilogue) = (operands, epilogue)
        DispatchQueue.concurrentPerform(iterations: grid.count) { part in
            let (rows, columns) = grid.part(part)
            guard !rows.isEmpty, !columns.isEmpty else { return }
            GemmWorkspace.borrow { workspace in
                multiplyBlocked(Kernel.self, shared, rows: rows, columns: columns, workspace: workspace)
            }
            epilogue?(rows, columns)
        }
    }

    /// The widest part of C, in panels of B, that reads a row-major A in place. Measured
    /// on one core, 40 to 100 columns gained 5–20% (fewer panels to share each packed
    /// value of A), 256 columns nothing, and 1024–2048 columns lost up to 7% on AVX-512.
    static let inPlacePanels = 6

    /// The most floats (512 KiB) that `multiplySharingPacking` packs for one product; a
    /// larger operand is packed a block at a time, as each thread's part of C needs it.
    static let sharedPackingLimit = 1 << 17

    /// C cut along one side, its threads sharing one packing of the other operand. Cut
    /// into rows, each part needs all of B: two halves would each pack it whole, a
    /// quarter of the second core's time for a B of a few hundred columns or fewer (an
    /// output layer, a layer's input columns); cut into columns (a short A: 64 states,
    /// a vocabulary's 85 rows), each needs all of A. Here the work is a queue: first that
    /// operand's KC-deep slices to pack (none when B came packed), then a few parts of C
    /// per thread to multiply, each thread taking the next item until none are left and
    /// waiting for the packing to finish before its first part. The caller starts on
    /// the queue at once, so it packs while the other cores wake up (37–40 µs here),
    /// and whichever core is free takes the next part. Each element of C is still summed
    /// by one thread in the same order, so the floats do not depend on the thread count.
    static func multiplySharingPacking<Kernel: MicroKernel>(_: Kernel.Type, _ o: GemmOperands, byRows: Bool,
                                                            threads: Int, epilogue: Epilogue?) {
        let (unit, length) = byRows ? (Kernel.rows, o.m) : (Kernel.columns, o.n)
        let partLength = max(1, length.roundedUp(to: unit) / unit / (4 * threads)) * unit
        let parts = (length + partLength - 1) / partLength
        // The shared operand: B for rows (unless it came packed), A for columns.
        let (width, lines) = byRows ? (Kernel.columns, o.n) : (Kernel.rows, o.m)
        let slices = byRows && o.packedB != nil ? 0 : (o.k + Kernel.blockDepth - 1) / Kernel.blockDepth
        GemmWorkspace.borrow { shared in
            shared.reserve(a: 0, b: slices == 0 ? 0 : PackedPanels.count(width: width, lines: lines, k: o.k), tile: 0)
            let panels = PackedPanels(width: width, blockDepth: Kernel.blockDepth, lines: lines, k: o.k,
                                      start: shared.packedB.start)
            let next = Atomic<Int>(0), packedSlices = Atomic<Int>(0)
            // Each item writes its own slice of the panels or its own part of C.
            nonisolated(unsafe) let (o, epilogue) = (o, epilogue)
            nonisolated(unsafe) let packed = slices == 0 ? o : GemmOperands(o, packedA: byRows ? o.packedA : panels,
                                                                            packedB: byRows ? panels : o.packedB)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                GemmWorkspace.borrow { workspace in
                    while true {
                        let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        if item < slices {
                            let depth = item * Kernel.blockDepth
                            if byRows {
                                panels.packSlice(depth: depth, from: o.b, lineStride: o.bColumnStride,
                                                 depthStride: o.bDepthStride)
                            } else {
                                panels.packSlice(depth: depth, from: o.a, lineStride: o.aRowStride,
                                                 depthStride: o.aDepthStride)
                            }
                            packedSlices.wrappingAdd(1, ordering: .releasing)
                            continue
                        }
                        guard item - slices < parts else { return }
                        while packedSlices.load(ordering: .acquiring) < slices {}
                        let first = (item - slices) * partLength, part = first..<min(length, first + partLength)
                        let (rows, columns) = byRows ? (part, 0..<o.n) : (0..<o.m, part)
                        multiplyBlocked(Kernel.self, packed, rows: rows, columns: columns, workspace: workspace)
                        epilogue?(rows, columns)
                    }
                }
            }
        }
    }

    /// The loop nest for the part `rows × columns` of C, on the calling thread:
    /// for each NC-wide block of B's columns, for each KC-deep slice of the shared
    /// dimension, pack that block of B (or find it in `packedB`); for each MC-tall block
    /// of A's rows, pack it (or find it in `packedA`); then sweep its MR × NR tiles with
    /// the micro-kernel, prefetching each tile of C as it starts. C is scaled by `beta`
    /// in the first slice only; later slices add to it.
    ///
    /// A part a few panels of B wide uses each value of A once a panel, and a part one tile
    /// high each value of B once: a packed copy of such a value hardly pays for itself (the
    /// packing was a third of a 64 × 100 · 100 × 10 product's time). There a row-major A
    /// (up to `inPlacePanels` panels wide), or the full panels of a row-major B, are read
    /// in place, as BLIS's small-matrix ("sup") kernels do.
    static func multiplyBlocked<Kernel: MicroKernel>(_: Kernel.Type, _ o: GemmOperands, rows: Range<Int>,
                                                     columns: Range<Int>, workspace: GemmWorkspace) {
        let (mr, nr) = (Kernel.rows, Kernel.columns)
        let blockRows = min(Kernel.blockRows, rows.count.roundedUp(to: mr))
        let blockDepth = min(Kernel.blockDepth, o.k)
        let blockColumns = min(Kernel.blockColumns, columns.count.roundedUp(to: nr))
        let bInPlace = o.packedB == nil && o.bColumnStride == 1 && rows.count <= mr
        let aInPlace = !bInPlace && o.packedA == nil && o.aDepthStride == 1 && columns.count <= inPlacePanels * nr
        workspace.reserve(a: o.packedA == nil && !aInPlace ? blockRows * blockDepth : 0,
                          b: o.packedB == nil ? blockDepth * (bInPlace ? nr : blockColumns) : 0, tile: mr * nr)
        let edgeTile = workspace.edgeTile.start

        for jc in stride(from: columns.lowerBound, to: columns.upperBound, by: blockColumns) {
            let nc = min(blockColumns, columns.upperBound - jc)
            // In place, B's full panels are read where they are; only a last, narrower one is packed.
            let packedColumns = bInPlace ? nc / nr * nr : 0
            for pc in stride(from: 0, to: o.k, by: blockDepth) {
                let kc = min(blockDepth, o.k - pc)
                let packedB: UnsafePointer<Float>
                if let whole = o.packedB {
                    packedB = whole.block(depth: pc, line: jc, kc: kc)
                } else {
                    let first = jc + packedColumns
                    packPanels(width: nr, from: o.b + pc * o.bDepthStride + first * o.bColumnStride,
                               lineStride: o.bColumnStride, depthStride: o.bDepthStride,
                               lines: jc + nc - first, depth: kc, into: workspace.packedB.start)
                    packedB = UnsafePointer(workspace.packedB.start)
                }
                let beta = pc == 0 ? o.beta : 1
                for ic in stride(from: rows.lowerBound, to: rows.upperBound, by: blockRows) {
                    let mc = min(blockRows, rows.upperBound - ic)
                    let blockOfA: UnsafePointer<Float>
                    if let whole = o.packedA {
                        blockOfA = whole.block(depth: pc, line: ic, kc: kc)
                    } else if aInPlace {
                        blockOfA = o.a + ic * o.aRowStride + pc
                    } else {
                        packPanels(width: mr, from: o.a + ic * o.aRowStride + pc * o.aDepthStride,
                                   lineStride: o.aRowStride, depthStride: o.aDepthStride,
                                   lines: mc, depth: kc, into: workspace.packedA.start)
                        blockOfA = UnsafePointer(workspace.packedA.start)
                    }
                    for jr in stride(from: 0, to: nc, by: nr) {
                        // Where this panel of B is, and the step from one of its rows to the next.
                        let panelInPlace = jr < packedColumns
                        let (b, ldb) = panelInPlace ? (o.b + pc * o.bDepthStride + jc + jr, o.bDepthStride)
                                                    : (packedB + (jr - packedColumns) * kc, nr)
                        for ir in stride(from: 0, to: mc, by: mr) {
                            let a = aInPlace ? blockOfA + ir * o.aRowStride : blockOfA + ir * kc
                            let c = o.c + (ic + ir) * o.ldc + jc + jr
                            let (tileRows, tileColumns) = (min(mr, mc - ir), min(nr, nc - jr))
                            for r in 0..<tileRows {
                                prefetchForWriting(c + r * o.ldc)
                                prefetchForWriting(c + r * o.ldc + tileColumns - 1)
                            }
                            let lda = aInPlace ? o.aRowStride : nil
                            if tileRows == mr && tileColumns == nr {
                                Kernel.tile(depth: kc, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: o.ldc,
                                            alpha: o.alpha, beta: beta)
                                continue
                            }
                            // An edge tile: compute its valid corner into `edgeTile`, then copy it out.
                            Kernel.edgeTile(rows: tileRows, columns: tileColumns, depth: kc, a: a, lda: lda,
                                            b: b, ldb: ldb, c: edgeTile, ldc: nr)
                            for r in 0..<tileRows {
                                let computed = edgeTile + r * nr, row = c + r * o.ldc
                                // The common case, a plain product, moves whole vectors.
                                if o.alpha == 1 && beta == 0 {
                                    copy(tileColumns, from: computed, to: row)
                                    continue
                                }
                                for j in 0..<tileColumns { store(computed[j], alpha: o.alpha, beta: beta, to: row + j) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How C is cut into one rectangle per thread: `rowParts × columnParts` parts, each a
/// whole number of micro-kernel tiles. Of the ways to factor the thread count, it takes
/// the one whose largest part costs least: per step of depth, a part of height × width
/// (tile-padded) takes height·width multiply-adds, and its thread packs height rows of
/// A and width columns of B. Packing moves about one float a cycle, while the
/// micro-kernel does `columnUnit` multiply-adds a cycle (two fused multiply-adds of
/// `columnUnit / 2` lanes), so a packed float weighs `columnUnit` multiply-adds. A 512 ×
/// 58 product (an output layer over a vocabulary) then goes to two threads by rows, each
/// packing half of A, rather than as two 32-column halves that each pack all of A.
struct ThreadGrid {
    let rowRanges: [Range<Int>]
    let columnRanges: [Range<Int>]

    var count: Int { rowRanges.count * columnRanges.count }

    init(m: Int, n: Int, rowUnit: Int, columnUnit: Int, threads: Int) {
        let rowTiles = m.roundedUp(to: rowUnit) / rowUnit
        let columnTiles = n.roundedUp(to: columnUnit) / columnUnit
        func cost(_ rowParts: Int) -> Int {
            let height = rowTiles.roundedUp(to: rowParts) / rowParts * rowUnit
            let width = columnTiles.roundedUp(to: threads / rowParts) / (threads / rowParts) * columnUnit
            return height * width + columnUnit * (height + width)
        }
        let rowParts = (1...threads).filter { threads % $0 == 0 }.min { cost($0) < cost($1) } ?? 1
        rowRanges = Self.split(m, tiles: rowTiles, unit: rowUnit, parts: rowParts)
        columnRanges = Self.split(n, tiles: columnTiles, unit: columnUnit, parts: threads / rowParts)
    }

    /// Rows and columns of part `index` (row-major over the grid).
    func part(_ index: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        (rowRanges[index / columnRanges.count], columnRanges[index % columnRanges.count])
    }

    /// `0..<length` in `parts` ranges of `tiles / parts` or one more whole tiles each.
    private static func split(_ length: Int, tiles: Int, unit: Int, parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in
            min(length, part * tiles / parts * unit)..<min(length, (part + 1) * tiles / parts * unit)
        }
    }
}

fileprivate extension Int {
    /// The smallest multiple of `unit` that is at least `self`.
    func roundedUp(to unit: Int) -> Int { (self + unit - 1) / unit * unit }
}
