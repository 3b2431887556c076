/// Matrix products, with `Gemm`.
extension CPUBackend {
    public func matmul(_ a: MatrixOperand, _ b: MatrixOperand, m: Int, n: Int, k: Int, batch: Int) -> Storage {
        let c = allocate(batch * m * n)
        let pa = UnsafePointer(pointer(a.storage)), pb = UnsafePointer(pointer(b.storage)), pc = pointer(c)
        for i in 0..<batch {
            Gemm.multiply(transposeA: a.transposed, transposeB: b.transposed, m: m, n: n, k: k, alpha: 1,
                          a: pa + a.offset + i * a.batchStride, lda: a.leadingDimension,
                          b: pb + b.offset + i * b.batchStride, ldb: b.leadingDimension,
                          beta: 0, c: pc + i * m * n, ldc: n)
        }
        return c
    }

    /// B packed into the kernel's panels once (`Gemm.PackedMatrix`).
    public func prepareMatmulOperand(_ b: MatrixOperand, k: Int, n: Int) -> PreparedMatmulOperand {
        let packed = Gemm.PackedMatrix(transposed: b.transposed, k: k, n: n,
                                       b: UnsafePointer(pointer(b.storage)) + b.offset, ldb: b.leadingDimension)
        return PackedOperand(b, packed: packed)
    }

    public func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int) -> Storage {
        guard let b = b as? PackedOperand else {
            fatalError("cpu: matmul by an operand prepared by another backend")
        }
        let c = allocate(m * b.n)
        Gemm.multiply(transposeA: a.transposed, m: m, a: UnsafePointer(pointer(a.storage)) + a.offset,
                      lda: a.leadingDimension, packed: b.packed, c: pointer(c), ldc: b.n)
        return c
    }
}

/// A recurrent step as one product: each of `Gemm`'s threads finishes its own part of C
/// with the epilogue (`addThenApply`) while that part is still in cache, so the add and
/// the activation cost no pass of their own and run on every thread the product uses.
extension CPUBackend {
    public func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int, adding addend: Storage,
                       _ addendLayout: Layout, then epilogue: MatmulEpilogue, into destination: Storage, offset: Int) {
        guard let packed = b as? PackedOperand else {
            fatalError("cpu: matmul by an operand prepared by another backend")
        }
        func defaultSteps() {
            matmulThenEpilogue(a, prepared: b, m: m, adding: addend, addendLayout, then: epilogue,
                               into: destination, offset: offset)
        }
        // The rows of the addend (and of the saved values) are read in place, so they must
        // be contiguous; other views take the default's steps.
        var saved: UnsafePointer<Float>?
        if case .activationBackward(_, let storage, let layout) = epilogue {
            guard layout.isContiguous else { return defaultSteps() }
            saved = UnsafePointer(pointer(storage)) + layout.offset
        }
        guard addendLayout.isContiguous else { return defaultSteps() }
        let n = packed.n, c = pointer(destination) + offset
        let p = UnsafePointer(pointer(addend)) + addendLayout.offset
        Gemm.multiply(transposeA: a.transposed, m: m, a: UnsafePointer(pointer(a.storage)) + a.offset,
                      lda: a.leadingDimension, packed: packed.packed, c: c, ldc: n) { rows, columns in
            for row in rows {
                let start = row * n + columns.lowerBound
                addThenApply(epilogue, addend: p + start, saved: saved.map { $0 + start }, to: c + start,
                             count: columns.count)
            }
        }
    }
}

/// A right-hand operand packed for `Gemm`'s kernel.
private final class PackedOperand: PreparedMatmulOperand {
    let packed: Gemm.PackedMatrix

    init(_ operand: MatrixOperand, packed: Gemm.PackedMatrix) {
        self.packed = packed
        super.init(operand, k: packed.k, n: packed.n)
    }
}
