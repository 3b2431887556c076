import Foundation

/// Printing as PyTorch does: `tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], shape: [2, 2])`.
///
/// Four decimals, or scientific notation when the magnitudes span more than 1000×
/// or reach 1e8 / fall below 1e-4; every number padded to one width. Above 1000
/// elements each axis shows its first and last three entries around `...`. Unlike
/// PyTorch, lines are not wrapped at 80 columns and the shape is always shown.
extension Tensor: CustomStringConvertible {
    public var description: String {
        let values = scalars
        let elide = count > 1000
        let finite = values.filter(\.isFinite).map(abs).filter { $0 != 0 }
        let scientific = finite.max().map { largest in
            largest >= 1e8 || finite.min()! < 1e-4 || largest / finite.min()! > 1000
        } ?? false
        let strides = Layout.rowMajorStrides(shape)

        func shown(_ axis: Int) -> [Int?] {
            let n = shape[axis]
            return elide && n > 6 ? [0, 1, 2, nil, n - 3, n - 2, n - 1] : (0..<n).map { $0 }
        }
        func text(_ x: Float) -> String {
            if x.isNaN { return "nan" }
            if x.isInfinite { return x < 0 ? "-inf" : "inf" }
            return String(format: scientific ? "%.4e" : "%.4f", x)
        }
        // One width for every number shown, as PyTorch pads them.
        var shownValues: [Float] = []
        func collect(_ axis: Int, _ base: Int) {
            if axis == rank {
                shownValues.append(values[base])
                return
            }
            for i in shown(axis).compactMap({ $0 }) { collect(axis + 1, base + i * strides[axis]) }
        }
        collect(0, 0)
        let width = shownValues.map { text($0).count }.max() ?? 0
        let prefix = "tensor("

        func render(_ axis: Int, _ base: Int) -> String {
            if axis == rank {
                let t = text(values[base])
                return String(repeating: " ", count: width - t.count) + t
            }
            let indent = String(repeating: " ", count: prefix.count + axis + 1)
            let separator = axis == rank - 1 ? ", " : "," + String(repeating: "\n", count: rank - axis - 1) + indent
            let elision = axis == rank - 1 ? " ..." : "..."
            let parts = shown(axis).map { i in i.map { render(axis + 1, base + $0 * strides[axis]) } ?? elision }
            return "[" + parts.joined(separator: separator) + "]"
        }
        let body = count == 0 ? "[]" : render(0, 0)
        return prefix + body + ", shape: \(shape)" + (requiresGrad ? ", requiresGrad: true" : "") + ")"
    }
}
