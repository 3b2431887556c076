import Tensor

/// A `Layout` as the kernels' `View`: axes of size 1 dropped, and neighbouring axes
/// merged where every operand of the kernel steps through them as through one (a
/// contiguous 64×50 tensor is one axis of 3200; plus a broadcast [50] bias it is two
/// axes, the bias with stride 0 on the first). Fewer axes, fewer divisions per element.
struct DeviceView {
    static let maximumRank = 8

    let offset: Int
    let strides: [Int]
    let shape: [Int]

    /// The views of `layouts` (all of one shape), merged alike, so that element i of the
    /// row-major order is the same element in each.
    static func merged(_ layouts: [Layout]) -> [DeviceView] {
        let shape = layouts[0].shape
        var mergedShape: [Int] = []
        var strides = [[Int]](repeating: [], count: layouts.count)
        for axis in shape.indices where shape[axis] != 1 {
            if let last = mergedShape.indices.last,
               layouts.indices.allSatisfy({ strides[$0][last] == layouts[$0].strides[axis] * shape[axis] }) {
                mergedShape[last] *= shape[axis]
                for operand in layouts.indices { strides[operand][last] = layouts[operand].strides[axis] }
            } else {
                mergedShape.append(shape[axis])
                for operand in layouts.indices { strides[operand].append(layouts[operand].strides[axis]) }
            }
        }
        if mergedShape.isEmpty {
            mergedShape = [1]
            strides = strides.map { _ in [0] }
        }
        guard mergedShape.count <= maximumRank else {
            fatalError("cuda: shape \(shape) has \(mergedShape.count) axes after merging; the kernels take \(maximumRank)")
        }
        return layouts.indices.map { DeviceView(offset: layouts[$0].offset, strides: strides[$0], shape: mergedShape) }
    }
}
