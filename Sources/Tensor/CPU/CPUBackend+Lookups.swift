private typealias Vector = SIMD16<Float>

@inline(__always) private func load(_ p: UnsafePointer<Float>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) private func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

/// Embedding lookups: rows of a table gathered, and gradients added back into them.
extension CPUBackend {
    public func gatherRows(_ table: Storage, _ layout: Layout, indices: [Int32]) -> Storage {
        let columns = layout.shape[1], rowStride = layout.strides[0], columnStride = layout.strides[1]
        let result = allocate(indices.count * columns)
        let x = UnsafePointer(pointer(table)) + layout.offset, out = pointer(result)
        for (i, row) in indices.enumerated() {
            let source = x + Int(row) * rowStride, destination = out + i * columns
            if columnStride == 1 {
                destination.update(from: source, count: columns)
            } else {
                for j in 0..<columns { destination[j] = source[j * columnStride] }
            }
        }
        return result
    }

    public func scatterAddRows(_ source: Storage, indices: [Int32], into table: Storage, columns: Int) {
        let x = UnsafePointer(pointer(source)), out = pointer(table)
        for (i, row) in indices.enumerated() {
            addRow(x + i * columns, into: out + Int(row) * columns, count: columns)
        }
    }

    /// `destination[0..<count] += source[0..<count]`.
    private func addRow(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        var j = 0
        while j + 16 <= count {
            store(load(destination + j) + load(source + j), destination + j)
            j += 16
        }
        while j < count {
            destination[j] += source[j]
            j += 1
        }
    }
}
