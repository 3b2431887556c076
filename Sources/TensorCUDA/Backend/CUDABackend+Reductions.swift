import Tensor

extension CUDABackend {
    /// A contiguous tensor of `shape` seen as outer × count × inner around `axis`.
    private func extents(_ shape: [Int], axis: Int) -> (outer: Int, count: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    public func reduce(_ op: ReduceOp, _ x: Storage, _ layout: Layout, axis: Int) -> Storage {
        let (input, offset) = contiguous(x, layout)
        let (outer, count, inner) = extents(layout.shape, axis: axis)
        let result = allocate(outer * inner)
        let code = op == .sum ? ReduceCode.sum : .max
        if inner == 1 {
            device.launch(CUDAKernels.reduceRows, rows: outer,
                          [.int(code.rawValue), .pointer(input.address(offset)), .pointer(storage(result).pointer),
                           .count(count)])
        } else {
            device.launch(CUDAKernels.reduceColumns, elements: outer * inner,
                          [.int(code.rawValue), .pointer(input.address(offset)), .pointer(storage(result).pointer),
                           .count(outer), .count(count), .count(inner)])
        }
        withExtendedLifetime(input) {}
        return result
    }

    public func argmax(_ x: Storage, _ layout: Layout, axis: Int) -> [Int32] {
        let (input, offset) = contiguous(x, layout)
        let (outer, count, inner) = extents(layout.shape, axis: axis)
        let indices = CUDAStorage(count: outer * inner, backend: self)
        device.launch(CUDAKernels.argmax, elements: outer * inner,
                      [.pointer(input.address(offset)), .pointer(indices.pointer), .count(outer), .count(count),
                       .count(inner)])
        withExtendedLifetime(input) {}
        var result = [Int32](repeating: 0, count: outer * inner)
        result.withUnsafeMutableBytes { device.copy(indices.pointer, toHost: $0) }
        return result
    }

    public func softmax(_ x: Storage, _ layout: Layout, log: Bool) -> Storage {
        let (input, offset) = contiguous(x, layout)
        let columns = layout.shape.last ?? 1, rows = columns == 0 ? 0 : layout.count / columns
        let result = allocate(layout.count)
        device.launch(CUDAKernels.softmax, rows: rows,
                      [.pointer(input.address(offset)), .pointer(storage(result).pointer), .count(columns), .bool(log)])
        withExtendedLifetime(input) {}
        return result
    }

    public func softmaxBackward(output: Storage, _ gradient: Storage, _ gradientLayout: Layout,
                                rows: Int, columns: Int, log: Bool) -> Storage {
        let (g, offset) = contiguous(gradient, gradientLayout)
        let result = allocate(rows * columns)
        device.launch(CUDAKernels.softmaxBackward, rows: columns > 0 ? rows : 0,
                      [.pointer(storage(output).pointer), .pointer(g.address(offset)),
                       .pointer(storage(result).pointer), .count(columns), .bool(log)])
        withExtendedLifetime(g) {}
        return result
    }
}
