/// Where a tensor's numbers sit in its storage: `shape`, `strides` and `offset`.
///
/// Element `[i₀, i₁, …]` lives at `offset + i₀·strides[0] + i₁·strides[1] + …`.
/// Transposing, permuting, slicing, expanding and (un)squeezing only compute a new
/// layout over the same storage — they are views, not copies — as PyTorch's
/// `as_strided`. A stride of 0 repeats one element along an axis (broadcasting).
public struct Layout: Equatable, Sendable {
    public var shape: [Int]
    public var strides: [Int]
    public var offset: Int

    public init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// The row-major (C-order) layout of `shape` starting at `offset`.
    public init(contiguous shape: [Int], offset: Int = 0) {
        self.init(shape: shape, strides: Layout.rowMajorStrides(shape), offset: offset)
    }

    /// A vector's strides, shared: every new array costs an allocation, and the
    /// line fit's tensors are all vectors and scalars.
    private static let vectorStrides = [1]

    public static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        if shape.count <= 1 { return shape.isEmpty ? [] : vectorStrides }
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in shape.indices.reversed() {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// Whether the elements are stored densely in row-major order from `offset`,
    /// so that kernels can walk them with one pointer. Axes of size 1 may have any stride.
    public var isContiguous: Bool {
        var expected = 1
        for axis in shape.indices.reversed() where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// Axes `a` and `b` swapped.
    public func transposed(_ a: Int, _ b: Int) -> Layout {
        var result = self
        result.shape.swapAt(a, b)
        result.strides.swapAt(a, b)
        return result
    }

    /// Axis `i` of the result is axis `order[i]` of this layout.
    public func permuted(_ order: [Int]) -> Layout {
        Layout(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
    }

    /// The elements `range` along `axis`.
    public func sliced(axis: Int, _ range: Range<Int>) -> Layout {
        var result = self
        result.shape[axis] = range.count
        result.offset += range.lowerBound * strides[axis]
        return result
    }

    /// Index `index` along `axis`, which disappears.
    public func selected(axis: Int, _ index: Int) -> Layout {
        var result = self
        result.offset += index * strides[axis]
        result.shape.remove(at: axis)
        result.strides.remove(at: axis)
        return result
    }

    /// A new axis of size 1 before `axis`.
    public func unsqueezed(_ axis: Int) -> Layout {
        var result = self
        result.shape.insert(1, at: axis)
        result.strides.insert(axis < rank ? shape[axis] * strides[axis] : 1, at: axis)
        return result
    }

    /// Axis `axis`, of size 1, removed.
    public func squeezed(_ axis: Int) -> Layout {
        var result = self
        result.shape.remove(at: axis)
        result.strides.remove(at: axis)
        return result
    }

    /// This layout seen as `target` by NumPy broadcasting: missing leading axes and
    /// repeated axes of size 1 get stride 0 (the layout itself when the shape already
    /// is `target`). Nil when the shapes are not compatible.
    public func broadcast(to target: [Int]) -> Layout? {
        if target == shape { return self }
        guard target.count >= rank else { return nil }
        let lead = target.count - rank
        var strides = [Int](repeating: 0, count: target.count)
        for axis in shape.indices {
            if shape[axis] == target[lead + axis] {
                strides[lead + axis] = shape[axis] == 1 ? 0 : self.strides[axis]
            } else if shape[axis] != 1 {
                return nil
            }
        }
        return Layout(shape: target, strides: strides, offset: offset)
    }

    /// The shape two shapes broadcast to (NumPy rules), or nil when they don't.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        // Most often one shape is the answer (a bias or a scalar against a batch): hand
        // it back rather than build a new array.
        if broadcasts(a, to: b) { return b }
        if broadcasts(b, to: a) { return a }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else { return nil }
            result[i] = x == 1 ? y : x
        }
        return result
    }

    /// Whether `shape` broadcasts to `target` unchanged: no more axes, and each of its
    /// axes (aligned from the right) 1 or equal to the target's.
    private static func broadcasts(_ shape: [Int], to target: [Int]) -> Bool {
        guard shape.count <= target.count else { return false }
        let lead = target.count - shape.count
        return shape.indices.allSatisfy { shape[$0] == 1 || shape[$0] == target[lead + $0] }
    }
}

extension Layout {
    /// One shape walked with several operands' strides, simplified alike: axes of size
    /// 1 dropped, and neighbouring axes merged where every operand steps through them as
    /// through one (a contiguous 64×50 tensor is one axis of 3200; plus a broadcast [50]
    /// bias it is two, the bias with stride 0 on the first). Element i of the row-major
    /// order stays the same element in each operand; a shape with no axis left is [1].
    /// The CPU's elementwise loops and the CUDA kernels' views both start from it.
    public static func mergedAxes(shape: [Int], strides: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
        var mergedShape: [Int] = []
        var merged = strides.map { _ in [Int]() }
        for axis in shape.indices where shape[axis] != 1 {
            if let last = mergedShape.indices.last,
               strides.indices.allSatisfy({ merged[$0][last] == strides[$0][axis] * shape[axis] }) {
                mergedShape[last] *= shape[axis]
                for operand in strides.indices { merged[operand][last] = strides[operand][axis] }
            } else {
                mergedShape.append(shape[axis])
                for operand in strides.indices { merged[operand].append(strides[operand][axis]) }
            }
        }
        if mergedShape.isEmpty {
            return ([1], strides.map { _ in [0] })
        }
        return (mergedShape, merged)
    }
}
