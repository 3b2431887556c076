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
        // Lines side by side in memory: copy `width` floats per step into each panel.
        for q in 0..<fullPanels {
            let from = source + q &* width, to = packed + q &* width &* depth
            for p in 0..<depth { copy(width, from: from + p &* depthStride, to: to + p &* width) }
        }
        if remaining > 0 {
            let from = source + fullPanels &* width, to = packed + fullPanels &* width &* depth
            for p in 0..<depth { copy(remaining, from: from + p &* depthStride, to: to + p &* width) }
        }
    } else {
        // A transpose: read each line along its depth, write every `width`-th float.
        for line in 0..<lines {
            let from = source + line &* lineStride
            let (panel, lane) = line.quotientAndRemainder(dividingBy: width)
            let to = packed + (panel &* width &* depth &+ lane)
            for p in 0..<depth { to[p &* width] = from[p &* depthStride] }
        }
    }
    if remaining > 0 {
        let lastPanel = packed + fullPanels &* width &* depth
        for p in 0..<depth {
            for line in remaining..<width { lastPanel[p &* width &+ line] = 0 }
        }
    }
}

/// Copies `count` floats, eight or four at a time while it can (a constant `count`, as
/// for full panels, unrolls into a few vector moves).
@inline(__always)
private func copy(_ count: Int, from source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>) {
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
