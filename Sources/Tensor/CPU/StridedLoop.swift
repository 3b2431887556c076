/// The loop nest of an elementwise kernel over up to three operands (the output and
/// two inputs), each read through its own strides.
///
/// Axes that are contiguous in every operand are merged first (`Layout.mergedAxes`: a
/// contiguous 64×50 tensor is one row of 3200; adding a [50] bias to it is 64 rows of
/// 50, the bias with stride 0 across rows), so kernels see a few long rows and take
/// their SIMD fast paths on the innermost one: stride 1 (contiguous) or stride 0
/// (broadcast).
struct StridedLoop {
    /// The merged shape; the last axis is the row.
    private(set) var shape: [Int]
    private(set) var strides: ([Int], [Int], [Int])

    init(shape: [Int], _ s0: [Int], _ s1: [Int], _ s2: [Int]) {
        if shape.count == 1 {
            // One axis: nothing to merge (and no arrays to build, which would cost more
            // than walking a short vector).
            self.shape = shape
            self.strides = (s0, s1, s2)
            return
        }
        let merged = Layout.mergedAxes(shape: shape, strides: [s0, s1, s2])
        self.shape = merged.shape
        self.strides = (merged.strides[0], merged.strides[1], merged.strides[2])
    }

    var rowLength: Int { shape[shape.count - 1] }
    var rowCount: Int { shape.dropLast().reduce(1, *) }
    /// The strides of each operand along a row.
    var innerStrides: (Int, Int, Int) {
        let last = shape.count - 1
        return (strides.0[last], strides.1[last], strides.2[last])
    }

    /// Calls `body(offset0, offset1, offset2, length)` for every stretch of a row,
    /// offsets counted from each operand's base. Splits the work across cores when the
    /// loop is estimated above ~100 µs at `nanosecondsPerElement`.
    func forEachSegment(nanosecondsPerElement: Int, _ body: (Int, Int, Int, Int) -> Void) {
        let rows = rowCount, length = rowLength
        let work = rows * length * nanosecondsPerElement
        if rows == 1 {
            let (i0, i1, i2) = innerStrides
            forEachStretch(length, nanosecondsPerElement: nanosecondsPerElement) { start, count in
                body(start * i0, start * i1, start * i2, count)
            }
        } else {
            parallelFor(rows, nanoseconds: work) { range in
                forEachRow(range) { body($0, $1, $2, length) }
            }
        }
    }

    /// Walks rows `range` with an odometer over the outer axes.
    private func forEachRow(_ range: Range<Int>, _ body: (Int, Int, Int) -> Void) {
        let outer = shape.count - 1
        var index = [Int](repeating: 0, count: outer)
        var o0 = 0, o1 = 0, o2 = 0
        var rest = range.lowerBound
        for axis in (0..<outer).reversed() {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
            o0 += index[axis] * strides.0[axis]
            o1 += index[axis] * strides.1[axis]
            o2 += index[axis] * strides.2[axis]
        }
        for _ in range {
            body(o0, o1, o2)
            var axis = outer - 1
            while axis >= 0 {
                index[axis] += 1
                o0 += strides.0[axis]
                o1 += strides.1[axis]
                o2 += strides.2[axis]
                if index[axis] < shape[axis] { break }
                o0 -= shape[axis] * strides.0[axis]
                o1 -= shape[axis] * strides.1[axis]
                o2 -= shape[axis] * strides.2[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}

/// Calls `body(start, count)` for stretches covering `0..<length`: one stretch, or
/// stretches of at least 4096 elements on every core when the loop is estimated above
/// ~100 µs. The loop of flat (contiguous or broadcast-scalar) operands.
func forEachStretch(_ length: Int, nanosecondsPerElement: Int, _ body: (Int, Int) -> Void) {
    let pieces = max(1, length / 4096)
    parallelFor(pieces, nanoseconds: length * nanosecondsPerElement) { range in
        let start = range.lowerBound * length / pieces, end = range.upperBound * length / pieces
        body(start, end - start)
    }
}

extension Layout {
    /// 1 when the view is contiguous, 0 when it repeats a single element, nil
    /// otherwise: the stride of the view read as one flat row.
    var flatStride: Int? {
        if isContiguous { return 1 }
        return strides.indices.allSatisfy { strides[$0] == 0 || shape[$0] == 1 } ? 0 : nil
    }
}
