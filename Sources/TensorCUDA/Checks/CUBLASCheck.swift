import Tensor

extension CUBLAS {
    /// Checks `ours`, a product C = A·B of row-major A (m×k) and B (k×n) computed by the
    /// backend's SGEMM, against cuBLAS's product of the same storages, element by element
    /// within k·ε·(|A|·|B|)ᵢⱼ: the classic bound of a k-term dot product, which both
    /// products meet, so their difference is within twice it (ε = `Float.ulpOfOne`).
    /// The worst ratio |Δ| / (k·ε·(|A|·|B|)ᵢⱼ) says how close to the bound ours came.
    public func check(_ ours: Storage, a: Storage, b: Storage, m: Int, n: Int, k: Int,
                      name: String) throws(CUDAError) -> CheckResult {
        let reference = backend.allocate(m * n), magnitudes = backend.allocate(m * n)
        try multiply(a, b, into: reference, m: m, n: n, k: k)
        // |x| as √(x²) (within an ulp, which only scales the tolerance): the backend has no abs.
        func magnitude(_ x: Storage) -> Storage {
            let layout = Layout(contiguous: [x.count])
            return backend.unary(.sqrt, backend.unary(.pow(2), x, layout), layout)
        }
        try multiply(magnitude(a), magnitude(b), into: magnitudes, m: m, n: n, k: k)
        let scale = backend.download(magnitudes, offset: 0, count: m * n)
        return CheckResult(name, "m \(m) n \(n) k \(k)", gpu: backend.download(ours, offset: 0, count: m * n),
                           cpu: backend.download(reference, offset: 0, count: m * n), reference: "cuBLAS",
                           tolerance: "2·k·ε·(|A|·|B|)ᵢⱼ") { 2 * Float(k) * .ulpOfOne * scale[$0] }
    }
}
