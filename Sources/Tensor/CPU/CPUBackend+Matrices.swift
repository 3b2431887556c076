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
}
