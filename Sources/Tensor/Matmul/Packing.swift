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
/// a transposed one `lineStride = 1`; for B it is the other way round.
@inline(__always)
func packPanels(width: Int, from source: UnsafePointer<Float>, lineStride: Int, depthStride: Int,
                lines: Int, depth: Int, into packed: UnsafeMutablePointer<Float>) {
    var panel = packed
    var first = 0
    while first + width <= lines {
        let origin = source + first * lineStride
        if lineStride == 1 {
            for p in 0..<depth {
                let from = origin + p * depthStride, to = panel + p * width
                for line in 0..<width { to[line] = from[line] }
            }
        } else {
            for p in 0..<depth {
                let from = origin + p * depthStride, to = panel + p * width
                for line in 0..<width { to[line] = from[line * lineStride] }
            }
        }
        panel += width * depth
        first += width
    }
    let remaining = lines - first
    guard remaining > 0 else { return }
    let origin = source + first * lineStride
    for p in 0..<depth {
        let from = origin + p * depthStride, to = panel + p * width
        for line in 0..<width { to[line] = line < remaining ? from[line * lineStride] : 0 }
    }
}
