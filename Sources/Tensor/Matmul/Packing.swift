/// Packing: copying a block of A or B into the order the micro-kernel reads it.
///
/// A block of `lines` lines (rows of A, or columns of B), `depth` deep, becomes panels
/// `width` lines wide (MR for A, NR for B). Panel `q` holds, for each step `p` of depth,
/// the `width` values of lines `q·width ..< q·width + width` side by side, so the
/// micro-kernel walks both panels front to back with unit stride. Lines past the end
/// of the last panel are zero, so edge tiles need no special kernel.
///
/// Element `(line, p)` of the source is `source[line · lineStride + p · depthStride]`:
/// strides are how transposes are read in place. A row-major A has `lineStride = lda`,
/// a transposed one `lineStride = 1`; for B it is the other way round. Either way the
/// source is read along its rows, where memory is contiguous.
@inline(__always)
func packPanels(width: Int, from source: UnsafePointer<Float>, lineStride: Int, depthStride: Int,
                lines: Int, depth: Int, into packed: UnsafeMutablePointer<Float>) {
    let fullPanels = lines / width, remaining = lines % width
    if lineStride == 1 {
        packSideBySide(width: width, from: source, depthStride: depthStride, lines: lines, depth: depth,
                       into: packed)
    } else if depthStride == 1 {
        // A transpose (a row-major A, a transposed B): each line is contiguous along its
        // depth, so blocks of 8 (then 4) lines × 8 (4) steps are loaded as vectors,
        // transposed in registers and written a step at a time.
        for panel in 0..<(lines + width - 1) / width {
            let first = panel &* width, count = Swift.min(width, lines &- first)
            let from = source + first &* lineStride, to = packed + panel &* width &* depth
            var lane = 0
            while lane + 8 <= count {
                packTransposed(SIMD8<Float>.self, from + lane &* lineStride, lineStride, depth, into: to + lane, width)
                lane += 8
            }
            while lane + 4 <= count {
                packTransposed(SIMD4<Float>.self, from + lane &* lineStride, lineStride, depth, into: to + lane, width)
                lane += 4
            }
            for line in lane..<count { packLine(from + line &* lineStride, 1, depth, into: to + line, width) }
        }
    } else {
        // Neither side contiguous: one float at a time.
        for line in 0..<lines {
            let (panel, lane) = line.quotientAndRemainder(dividingBy: width)
            packLine(source + line &* lineStride, depthStride, depth, into: packed + (panel &* width &* depth &+ lane),
                     width)
        }
    }
    if remaining > 0 {
        let lastPanel = packed + fullPanels &* width &* depth
        for p in 0..<depth { zero(width &- remaining, at: lastPanel + (p &* width &+ remaining)) }
    }
}

/// `packPanels` for lines side by side in memory: `width` floats a step into each panel.
///
/// Each panel is written front to back, a whole panel's steps at a time, except where the
/// steps lie a multiple of 4 KiB apart (all in the same sets of an 8-way L1) and a panel
/// is narrower than a cache line (A's 6 or 12 lines), sharing each line it reads with the
/// next panels: there a panel's 256 steps evicted those lines before the next panel read
/// them (a third of the time of the LSTM's gᵀ·x, its gradients 2048 floats wide), so all
/// panels take 8 steps at a time. (At other strides that order measured up to 10% slower.)
@inline(__always)
private func packSideBySide(width: Int, from source: UnsafePointer<Float>, depthStride: Int, lines: Int,
                            depth: Int, into packed: UnsafeMutablePointer<Float>) {
    let fullPanels = lines / width, remaining = lines % width
    let steps = width < 16 && depthStride % 1024 == 0 ? 8 : Swift.max(depth, 1)
    for first in stride(from: 0, to: depth, by: steps) {
        let last = Swift.min(first &+ steps, depth)
        for q in 0..<fullPanels {
            let from = source + q &* width, to = packed + q &* width &* depth
            for p in first..<last { copy(width, from: from + p &* depthStride, to: to + p &* width) }
        }
        if remaining > 0 {
            let from = source + fullPanels &* width, to = packed + fullPanels &* width &* depth
            for p in first..<last { copy(remaining, from: from + p &* depthStride, to: to + p &* width) }
        }
    }
}

/// Copies `count` floats, eight or four at a time while it can (a constant `count`, as
/// for full panels, unrolls into a few vector moves). Also copies an edge tile's valid
/// part out (`multiplyBlocked`).
@inline(__always)
func copy(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
    var i = 0
    while i + 8 <= count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 4 &* i, as: SIMD8<Float>.self),
                      toByteOffset: 4 &* i, as: SIMD8<Float>.self)
        i += 8
    }
    if i + 4 <= count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 4 &* i, as: SIMD4<Float>.self),
                      toByteOffset: 4 &* i, as: SIMD4<Float>.self)
        i += 4
    }
    while i < count {
        destination[i] = source[i]
        i += 1
    }
}

/// Zeroes `count` floats, fewer than 32 (the padding of one step of a panel), with at
/// most three 8-float stores and a short tail. Not a loop: LLVM turns a loop of such
/// stores into a `memset` call, made for every step of depth of an edge panel, which
/// costs more than the stores (4% of a 64 × 100 · 100 × 10 product).
@inline(__always)
private func zero(_ count: Int, at destination: UnsafeMutablePointer<Float>) {
    assert(count < 32, "zero: \(count) floats; panels are at most 32 wide")
    let to = UnsafeMutableRawPointer(destination)
    if count >= 8 { to.storeBytes(of: SIMD8<Float>.zero, as: SIMD8<Float>.self) }
    if count >= 16 { to.storeBytes(of: SIMD8<Float>.zero, toByteOffset: 32, as: SIMD8<Float>.self) }
    if count >= 24 { to.storeBytes(of: SIMD8<Float>.zero, toByteOffset: 64, as: SIMD8<Float>.self) }
    var i = count & ~7
    if i + 4 <= count {
        to.storeBytes(of: SIMD4<Float>.zero, toByteOffset: 4 &* i, as: SIMD4<Float>.self)
        i += 4
    }
    if i + 2 <= count {
        to.storeBytes(of: SIMD2<Float>.zero, toByteOffset: 4 &* i, as: SIMD2<Float>.self)
        i += 2
    }
    if i < count { destination[i] = 0 }
}

/// One line, `depth` floats `depthStride` apart, into every `width`-th float of a panel.
@inline(__always)
private func packLine(_ from: UnsafePointer<Float>, _ depthStride: Int, _ depth: Int,
                      into to: UnsafeMutablePointer<Float>, _ width: Int) {
    for p in 0..<depth { to[p &* width] = from[p &* depthStride] }
}

/// A vector whose lanes `packTransposed` can sort by column: `SIMD8` for blocks of 8
/// lines × 8 steps, `SIMD4` for 4 × 4.
private protocol TransposeLanes: SIMD where Scalar == Float {
    /// The lanes of `a` and `b` side by side, even lanes first, then odd lanes. log₂ n
    /// rounds of it over n rows of n leave the transpose: round r sorts the lanes by
    /// bit r of their column.
    static func unzip(_ a: Self, _ b: Self) -> (Self, Self)
}

extension SIMD8: TransposeLanes where Scalar == Float {
    @inline(__always)
    static func unzip(_ a: Self, _ b: Self) -> (Self, Self) {
        let both = SIMD16(lowHalf: a, highHalf: b)
        return (both.evenHalf, both.oddHalf)
    }
}

extension SIMD4: TransposeLanes where Scalar == Float {
    @inline(__always)
    static func unzip(_ a: Self, _ b: Self) -> (Self, Self) {
        let both = SIMD8(lowHalf: a, highHalf: b)
        return (both.evenHalf, both.oddHalf)
    }
}

/// n lines (n the lanes of `Lanes`), each contiguous along its `depth`, into n adjacent
/// lanes of a panel `width` floats wide: n × n blocks transposed in registers, the last
/// `depth % n` steps one float at a time.
@inline(__always)
private func packTransposed<Lanes: TransposeLanes>(_: Lanes.Type, _ from: UnsafePointer<Float>, _ lineStride: Int,
                                                  _ depth: Int, into to: UnsafeMutablePointer<Float>, _ width: Int) {
    let n = Lanes.scalarCount
    let source = UnsafeRawPointer(from), destination = UnsafeMutableRawPointer(to)
    var p = 0
    while p + n <= depth {
        var rows = InlineArray<8, Lanes>(repeating: .zero)
        for line in 0..<n {
            rows[line] = source.loadUnaligned(fromByteOffset: 4 &* (line &* lineStride &+ p), as: Lanes.self)
        }
        var sorted = 1
        while sorted < n {
            let previous = rows
            for i in 0..<n / 2 { (rows[i], rows[n / 2 + i]) = Lanes.unzip(previous[2 * i], previous[2 * i + 1]) }
            sorted *= 2
        }
        for j in 0..<n {
            destination.storeBytes(of: rows[j], toByteOffset: 4 &* ((p &+ j) &* width), as: Lanes.self)
        }
        p += n
    }
    for line in 0..<n { packLine(from + line &* lineStride + p, 1, depth &- p, into: to + p &* width + line, width) }
}
