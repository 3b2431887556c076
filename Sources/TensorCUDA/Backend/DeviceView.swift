import Tensor

/// A `Layout` as the kernels' `View`: axes of size 1 dropped, and neighbouring axes
/// merged where every operand of the kernel steps through them as through one
/// (`Layout.mergedAxes`). Fewer axes, fewer divisions per element.
struct DeviceView {
    static let maximumRank = 8

    let offset: Int
    let strides: [Int]
    let shape: [Int]

    /// The views of `layouts` (all of one shape), merged alike, so that element i of the
    /// row-major order is the same element in each.
    static func merged(_ layouts: [Layout]) -> [DeviceView] {
        let shape = layouts[0].shape
        let (mergedShape, strides) = Layout.mergedAxes(shape: shape, strides: layouts.map(\.strides))
        guard mergedShape.count <= maximumRank else {
            fatalError("cuda: shape \(shape) has \(mergedShape.count) axes after merging; "
                       + "the kernels take \(maximumRank)")
        }
        return layouts.indices.map { DeviceView(offset: layouts[$0].offset, strides: strides[$0], shape: mergedShape) }
    }
}
