/// The eigenvalues and eigenvectors of a real symmetric matrix A, A = V·diag(λ)·Vᵀ,
/// found by Jacobi's method (Jacobi 1846; Numerical Recipes §11.1): what `PCA` needs
/// of linear algebra, in a few dozen lines instead of LAPACK.
///
/// Each rotation in the plane of two coordinates p, q (a Givens rotation J) zeroes the
/// off-diagonal entry a_pq: A ← JᵀAJ, V ← VJ. Later rotations undo earlier zeros a
/// little, but every rotation lowers the sum of squares off the diagonal by 2·a_pq², so
/// sweeping over all pairs again and again drives A to a diagonal — the eigenvalues —
/// while V collects the rotations — the eigenvectors. Convergence is quadratic once
/// the off-diagonal part is small; a 50×50 matrix takes under ten sweeps.
public struct SymmetricEigenDecomposition: Sendable {
    /// The eigenvalues, largest first.
    public let values: [Double]
    /// `vectors[k]` is the unit eigenvector of `values[k]`. An eigenvector's sign is
    /// arbitrary; here its entry of largest magnitude is positive, so results are
    /// reproducible.
    public let vectors: [[Double]]

    /// Decomposes `matrix`, given as rows; it must be square and symmetric (checked to
    /// a relative 1e-9).
    public init(symmetric matrix: [[Double]]) {
        let n = matrix.count
        guard matrix.allSatisfy({ $0.count == n }) else {
            fatalError("SymmetricEigenDecomposition: rows of lengths \(Set(matrix.map(\.count)).sorted()) "
                       + "for \(n) rows; the matrix must be square")
        }
        var a = matrix.flatMap { $0 }
        let scale = a.map { abs($0) }.max() ?? 0
        for p in 0..<n {
            for q in p + 1..<n where abs(a[p * n + q] - a[q * n + p]) > 1e-9 * scale {
                fatalError("SymmetricEigenDecomposition: entries (\(p), \(q)) = \(a[p * n + q]) and (\(q), \(p)) = "
                           + "\(a[q * n + p]) differ; the matrix is not symmetric")
            }
        }
        var v = (0..<n * n).map { $0 / n == $0 % n ? 1.0 : 0.0 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var offDiagonal = 0.0
            for p in 0..<n { for q in 0..<n where p != q { offDiagonal += a[p * n + q] * a[p * n + q] } }
            guard offDiagonal > 1e-30 * total else { break }
            for p in 0..<n {
                for q in p + 1..<n where a[p * n + q] != 0 {
                    Self.rotate(&a, &v, n, p, q)
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { column in
            let vector = (0..<n).map { v[$0 * n + column] }
            let largest = vector.max { abs($0) < abs($1) } ?? 0
            return largest < 0 ? vector.map { -$0 } : vector
        }
    }

    /// The rotation that zeroes a_pq: with θ = (a_qq − a_pp)/(2·a_pq) and t = tan φ
    /// the smaller root of t² + 2θt − 1 = 0 (the smaller angle, for stability),
    /// c = 1/√(t² + 1), s = t·c, columns and then rows p and q of A, and columns p and
    /// q of V, are mixed.
    private static func rotate(_ a: inout [Double], _ v: inout [Double], _ n: Int, _ p: Int, _ q: Int) {
        let apq = a[p * n + q]
        let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {
            let (kp, kq) = (a[k * n + p], a[k * n + q])
            a[k * n + p] = c * kp - s * kq
            a[k * n + q] = s * kp + c * kq
        }
        for k in 0..<n {
            let (pk, qk) = (a[p * n + k], a[q * n + k])
            a[p * n + k] = c * pk - s * qk
            a[q * n + k] = s * pk + c * qk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for k in 0..<n {
            let (kp, kq) = (v[k * n + p], v[k * n + q])
            v[k * n + p] = c * kp - s * kq
            v[k * n + q] = s * kp + c * kq
        }
    }
}
