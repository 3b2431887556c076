import Foundation

private typealias Vector = SIMD16<Float>

@inline(__always) private func load(_ p: UnsafePointer<Float>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

@inline(__always) private func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
}

/// Σ of the n terms `vector(i)` (terms i..<i+16) and `scalar(i)`: SIMD partial sums over
/// blocks of 4096, each block's total added in Double, so a million-element sum keeps
/// Float32's precision. Sums and dot products share it, so that Σ aᵢbᵢ gives the same
/// float whether the products are summed as a tensor or on the fly.
@inline(__always)
private func blockedSum(_ n: Int, _ vector: (Int) -> Vector, _ scalar: (Int) -> Float) -> Float {
    var total = 0.0
    var start = 0
    while start < n {
        let end = min(start + 4096, n)
        var a = Vector(), b = Vector()
        var i = start
        while i + 32 <= end {
            a += vector(i)
            b += vector(i + 16)
            i += 32
        }
        var block = (a + b).sum()
        while i < end {
            block += scalar(i)
            i += 1
        }
        total += Double(block)
        start = end
    }
    return Float(total)
}

/// Σ x[0..<n] (contiguous).
private func sumRow(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
    blockedSum(n, { load(x + $0) }, { x[$0] })
}

/// Σ a[i·sa]·b[i·sb] for i in 0..<n, each stride 1 or 0 (a broadcast element).
private func dotRow(_ a: UnsafePointer<Float>, _ sa: Int, _ b: UnsafePointer<Float>, _ sb: Int, _ n: Int) -> Float {
    let va = Vector(repeating: a[0]), vb = Vector(repeating: b[0])
    return blockedSum(n, { (sa == 1 ? load(a + $0) : va) * (sb == 1 ? load(b + $0) : vb) },
                      { a[$0 * sa] * b[$0 * sb] })
}

/// max x[0..<n] (contiguous, n ≥ 1); NaN if any element is NaN.
private func maxRow(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
    var best = -Float.infinity
    var i = 0
    if n >= 16 {
        var m = Vector(repeating: -.infinity)
        while i + 16 <= n {
            let v = load(x + i)
            if any(v .!= v) { return .nan }
            m.replace(with: v, where: v .> m)
            i += 16
        }
        best = m.max()
    }
    while i < n {
        if x[i].isNaN { return .nan }
        best = max(best, x[i])
        i += 1
    }
    return best
}

/// Kernels that combine the elements of a row: sums, maxima, argmax, and softmax with its
/// backward.
extension CPUBackend {
    /// The view's elements in row-major order: in place when the view is contiguous,
    /// else a contiguous copy (returned too, so the caller keeps it alive).
    private func contiguousPointer(_ x: Storage, _ layout: Layout) -> (UnsafePointer<Float>, Storage) {
        if layout.isContiguous { return (UnsafePointer(pointer(x)) + layout.offset, x) }
        let copy = allocate(layout.count)
        self.copy(x, layout, to: copy, Layout(contiguous: layout.shape))
        return (UnsafePointer(pointer(copy)), copy)
    }

    public func reduce(_ op: ReduceOp, _ x: Storage, _ layout: Layout, axis: Int) -> Storage {
        let (input, keepAlive) = contiguousPointer(x, layout)
        let outer = layout.shape[..<axis].reduce(1, *), count = layout.shape[axis]
        let inner = layout.shape[(axis + 1)...].reduce(1, *)
        let result = allocate(outer * inner)
        let out = pointer(result)
        parallelFor(outer, nanoseconds: outer * count * inner) { rows in
            for o in rows {
                let source = input + o * count * inner, destination = out + o * inner
                if inner == 1 {
                    destination[0] = count == 0 ? (op == .sum ? 0 : -.infinity)
                        : op == .sum ? sumRow(source, count) : maxRow(source, count)
                    continue
                }
                destination.update(repeating: op == .sum ? 0 : -.infinity, count: inner)
                for c in 0..<count {
                    let row = source + c * inner
                    var j = 0
                    while j + 16 <= inner {
                        let v = load(row + j), d = load(destination + j)
                        store(op == .sum ? d + v : d.replacing(with: v, where: (v .> d) .| (v .!= v)),
                              destination + j)
                        j += 16
                    }
                    while j < inner {
                        destination[j] = op == .sum ? destination[j] + row[j]
                            : row[j].isNaN ? row[j] : max(destination[j], row[j])
                        j += 1
                    }
                }
            }
        }
        withExtendedLifetime(keepAlive) {}
        return result
    }

    /// One pass over two flat views (contiguous, or one repeated element); the products
    /// and their sum otherwise, as the default.
    public func dot(_ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage {
        guard let aStride = aLayout.flatStride, let bStride = bLayout.flatStride else {
            return reduce(.sum, binary(.multiply, a, aLayout, b, bLayout), Layout(contiguous: [aLayout.count]), axis: 0)
        }
        let result = allocate(1)
        pointer(result)[0] = aLayout.count == 0 ? 0
            : dotRow(UnsafePointer(pointer(a)) + aLayout.offset, aStride, UnsafePointer(pointer(b)) + bLayout.offset,
                     bStride, aLayout.count)
        return result
    }

    /// The default's search, on the tensor where it lies.
    public func argmax(_ x: Storage, _ layout: Layout, axis: Int) -> [Int32] {
        let (input, keepAlive) = contiguousPointer(x, layout)
        let result = argmaxOnHost(UnsafeBufferPointer(start: input, count: layout.count), shape: layout.shape,
                                  axis: axis)
        withExtendedLifetime(keepAlive) {}
        return result
    }

    public func softmax(_ x: Storage, _ layout: Layout, log: Bool) -> Storage {
        let (input, keepAlive) = contiguousPointer(x, layout)
        let columns = layout.shape.last ?? 1, rows = layout.count / max(columns, 1)
        let result = allocate(layout.count)
        let out = pointer(result)
        parallelFor(rows, nanoseconds: layout.count * 4) { range in
            for r in range {
                let source = input + r * columns, destination = out + r * columns
                let shift = maxRow(source, columns)
                var j = 0
                let vshift = Vector(repeating: shift)
                var sum = Vector()
                while j + 16 <= columns {
                    let e = VectorMath.exp(load(source + j) - vshift)
                    sum += e
                    if !log { store(e, destination + j) }
                    j += 16
                }
                var total = sum.sum()
                while j < columns {
                    let e = VectorMath.exp(source[j] - shift)
                    total += e
                    if !log { destination[j] = e }
                    j += 1
                }
                if log {
                    // (x − max) − log Σ: subtracting max first keeps large logits exact.
                    let logTotal = Foundation.log(total)
                    for j in 0..<columns { destination[j] = (source[j] - shift) - logTotal }
                } else {
                    let scale = 1 / total
                    for j in 0..<columns { destination[j] *= scale }
                }
            }
        }
        withExtendedLifetime(keepAlive) {}
        return result
    }

    public func softmaxBackward(output: Storage, _ gradient: Storage, _ gradientLayout: Layout,
                                rows: Int, columns: Int, log: Bool) -> Storage {
        let (g, keepAlive) = contiguousPointer(gradient, gradientLayout)
        let y = UnsafePointer(pointer(output))
        let result = allocate(rows * columns)
        let out = pointer(result)
        parallelFor(rows, nanoseconds: rows * columns * 4) { range in
            for r in range {
                let yr = y + r * columns, gr = g + r * columns, destination = out + r * columns
                if log {
                    // d/dx of log-softmax: g − softmax·Σg, with softmax = exp(y).
                    let total = sumRow(gr, columns)
                    var j = 0
                    while j + 16 <= columns {
                        store(load(gr + j) - VectorMath.exp(load(yr + j)) * total, destination + j)
                        j += 16
                    }
                    while j < columns {
                        destination[j] = gr[j] - VectorMath.exp(yr[j]) * total
                        j += 1
                    }
                } else {
                    var dot: Float = 0
                    for j in 0..<columns { dot += gr[j] * yr[j] }
                    for j in 0..<columns { destination[j] = yr[j] * (gr[j] - dot) }
                }
            }
        }
        withExtendedLifetime(keepAlive) {}
        return result
    }
}
