/// Principal component analysis: the directions along which data varies most, in
/// order (scikit-learn's `PCA(n_components).fit(X)`, which the lecture calls on the
/// movie factors in "Embedding interpretation").
///
/// For data X with one sample per row, centred by subtracting each column's mean, the
/// components are the top eigenvectors of the covariance XᵀX/(n − 1), and each one's
/// eigenvalue is the variance of the data along it. When there are more features than
/// samples — the lecture's case: `pca.fit(movie_emb.T)` has 50 samples (the factors)
/// of 3000 features (the movies) — the same components come from the small n×n Gram
/// matrix XXᵀ/(n − 1) instead: if XXᵀu = λu then XᵀX(Xᵀu) = λ(Xᵀu), so Xᵀu, scaled to
/// unit length, is a component with the same variance λ. Either way one
/// `SymmetricEigenDecomposition` of the smaller matrix does the work.
///
/// Signs follow scikit-learn's `svd_flip`: each component's entry of largest
/// magnitude is positive.
public struct PCA: Sendable {
    /// The components, largest variance first; `components[k]` has one entry per
    /// feature (`components_`).
    public let components: [[Double]]
    /// The variance of the data along each component (`explained_variance_`).
    public let explainedVariance: [Double]
    /// Each component's share of the total variance (`explained_variance_ratio_`).
    public let explainedVarianceRatio: [Double]
    /// Each feature's mean over the samples (`mean_`).
    public let mean: [Double]

    /// Fits `count` components to `samples` (rows of equal length; at least two).
    public init(components count: Int, fitting samples: [[Double]]) {
        let n = samples.count, features = samples.first?.count ?? 0
        guard n >= 2, features > 0, samples.allSatisfy({ $0.count == features }) else {
            fatalError("PCA: need at least 2 samples of equal, non-zero length; got \(n) samples of lengths "
                       + "\(Set(samples.map(\.count)).sorted())")
        }
        guard (1...min(n, features)).contains(count) else {
            fatalError("PCA: \(count) components of \(n) samples × \(features) features; at most \(min(n, features))")
        }
        let means = (0..<features).map { j in samples.reduce(0) { $0 + $1[j] } / Double(n) }
        let centred = samples.map { zip($0, means).map { $0 - $1 } }
        let scale = 1 / Double(n - 1)
        let totalVariance = centred.reduce(0) { $0 + dot($1, $1) } * scale
        if features <= n {
            let covariance = (0..<features).map { i in
                (0..<features).map { j in centred.reduce(0) { $0 + $1[i] * $1[j] } * scale }
            }
            let eigen = SymmetricEigenDecomposition(symmetric: covariance)
            components = Array(eigen.vectors.prefix(count))
            explainedVariance = Array(eigen.values.prefix(count))
        } else {
            let gram = centred.map { row in centred.map { dot(row, $0) * scale } }
            let eigen = SymmetricEigenDecomposition(symmetric: gram)
            components = (0..<count).map { k in
                let direction = (0..<features).map { j in
                    zip(centred, eigen.vectors[k]).reduce(0) { $0 + $1.0[j] * $1.1 }
                }
                let length = dot(direction, direction).squareRoot()
                guard length > 1e-12 * totalVariance.squareRoot() else {
                    fatalError("PCA: component \(k) has no variance; the centred data has rank below \(count)")
                }
                let unit = direction.map { $0 / length }
                let largest = unit.max { abs($0) < abs($1) }!
                return largest < 0 ? unit.map { -$0 } : unit
            }
            explainedVariance = Array(eigen.values.prefix(count))
        }
        explainedVarianceRatio = explainedVariance.map { totalVariance > 0 ? $0 / totalVariance : 0 }
        mean = means
    }

    /// Each sample's coordinates on the components, centred by the fitted mean
    /// (`transform(X)`): one row of `components.count` scores per sample.
    public func transform(_ samples: [[Double]]) -> [[Double]] {
        samples.map { sample in
            let centred = zip(sample, mean).map { $0 - $1 }
            return components.map { dot(centred, $0) }
        }
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}
