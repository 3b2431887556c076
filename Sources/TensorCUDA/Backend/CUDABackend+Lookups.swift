import Tensor

extension CUDABackend {
    public func gatherRows(_ table: Storage, _ layout: Layout, indices: [Int32]) -> Storage {
        let columns = layout.shape[1]
        let result = allocate(indices.count * columns)
        let rows = upload(indices)
        device.launch(CUDAKernels.gatherRows, elements: indices.count * columns,
                      [.pointer(storage(table).pointer), .longLong(layout.offset), .longLong(layout.strides[0]),
                       .longLong(layout.strides[1]), .pointer(rows.pointer), .pointer(storage(result).pointer),
                       .count(indices.count), .count(columns)])
        withExtendedLifetime(rows) {}
        return result
    }

    public func scatterAddRows(_ source: Storage, indices: [Int32], into table: Storage, columns: Int) {
        let rows = upload(indices)
        device.launch(CUDAKernels.scatterAddRows, elements: indices.count * columns,
                      [.pointer(storage(source).pointer), .pointer(rows.pointer), .pointer(storage(table).pointer),
                       .count(indices.count), .count(columns)])
        withExtendedLifetime(rows) {}
    }
}
