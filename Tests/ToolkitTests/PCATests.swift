import Foundation
import Random
import TestSupport
import Testing
@testable import Toolkit

/// `SymmetricEigenDecomposition` against matrices built from known eigenvectors, and
/// `PCA` against NumPy's SVD (scripts/golden/pca_golden.py).
struct PCATests {
    /// A = Q·diag(λ)·Qᵀ with Q's columns (1, 2, 2)/3, (2, 1, −2)/3, (2, −2, 1)/3.
    @Test func jacobiFindsAKnownDecomposition() {
        let q: [[Double]] = [[1, 2, 2], [2, 1, -2], [2, -2, 1]].map { $0.map { $0 / 3 } }
        let lambda: [Double] = [-1, 5, 2]
        let a = (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0.0) { $0 + q[$1][i] * lambda[$1] * q[$1][j] } } }
        let eigen = SymmetricEigenDecomposition(symmetric: a)
        #expect(zip(eigen.values, [5.0, 2, -1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(eigen.values)")
        for (vector, expected) in zip(eigen.vectors, [q[1], q[2], q[0]]) {
            #expect(abs(abs(dot(vector, expected)) - 1) < 1e-12, "\(vector) is not ±\(expected)")
        }
    }

    /// The sign rule: each eigenvector's entry of largest magnitude is positive.
    @Test func eigenvectorSignsAreFixed() {
        let eigen = SymmetricEigenDecomposition(symmetric: [[2, 1], [1, 2]])
        #expect(eigen.values.map { ($0 * 1e12).rounded() / 1e12 } == [3, 1])
        let s = 0.5.squareRoot()
        let first = eigen.vectors[0], second = eigen.vectors[1]
        #expect(abs(first[0] - s) < 1e-12 && abs(first[1] - s) < 1e-12)
        #expect(abs(abs(second[0]) - s) < 1e-12 && abs(second[0] + second[1]) < 1e-12)
        let diagonal = SymmetricEigenDecomposition(symmetric: [[1, 0, 0], [0, -3, 0], [0, 0, 7]])
        #expect(diagonal.values == [7, 1, -3])
        #expect(diagonal.vectors == [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    }

    /// A random symmetric 50×50 matrix (the lecture's Gram matrix has this size) is
    /// rebuilt from its decomposition, and the eigenvectors are orthonormal.
    @Test func jacobiReconstructsARandomMatrix() {
        var generator = MT19937(seed: 5)
        let n = 50
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in i..<n { a[i][j] = generator.uniform(-1, 1); a[j][i] = a[i][j] } }
        let eigen = SymmetricEigenDecomposition(symmetric: a)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        var rebuilt: [Double] = [], identity: [Double] = []
        for i in 0..<n {
            for j in 0..<n {
                rebuilt.append((0..<n).reduce(0.0) {
                    $0 + eigen.vectors[$1][i] * eigen.values[$1] * eigen.vectors[$1][j]
                })
                identity.append(dot(eigen.vectors[i], eigen.vectors[j]))
            }
        }
        expectAllClose(rebuilt, a.flatMap { $0 }, atol: 1e-10, rtol: 0, "V·Λ·Vᵀ against A")
        expectAllClose(identity, (0..<n * n).map { $0 / n == $0 % n ? 1.0 : 0.0 }, atol: 1e-10, rtol: 0,
                       "Vᵀ·V against I")
    }

    struct Golden: Decodable {
        let data: [[Double]]
        let components: [[Double]]
        let explainedVariance: [Double]
        let explainedVarianceRatio: [Double]
        let mean: [Double]
    }

    static let golden: [String: Golden] = goldenFixture("pca_golden.json")

    /// 40 samples × 6 features (through the covariance) and 12 × 30 (through the Gram
    /// matrix, as the lecture's 50 factors × 3000 movies), against NumPy.
    @Test(arguments: ["tall", "wide"]) func pcaMatchesNumPy(_ name: String) {
        let golden = Self.golden[name]!
        let pca = PCA(components: 3, fitting: golden.data)
        #expect(largestDifference(pca.mean, golden.mean) < 1e-12)
        #expect(largestDifference(pca.explainedVariance, golden.explainedVariance) < 1e-9 * golden.explainedVariance[0])
        #expect(largestDifference(pca.explainedVarianceRatio, golden.explainedVarianceRatio) < 1e-10)
        for k in 0..<3 {
            #expect(largestDifference(pca.components[k], golden.components[k]) < 1e-9, "component \(k)")
        }
    }

    /// The scores of the fitted samples have mean 0 and, along component k, the
    /// variance `explainedVariance[k]`.
    @Test(arguments: ["tall", "wide"]) func transformProjectsOntoTheComponents(_ name: String) {
        let golden = Self.golden[name]!
        let scores = PCA(components: 3, fitting: golden.data).transform(golden.data)
        let n = Double(scores.count)
        for k in 0..<3 {
            let column = scores.map { $0[k] }
            #expect(abs(column.reduce(0, +) / n) < 1e-9 * golden.explainedVariance[0].squareRoot())
            let variance = column.reduce(0) { $0 + $1 * $1 } / (n - 1)
            #expect(abs(variance - golden.explainedVariance[k]) < 1e-9 * golden.explainedVariance[0], "component \(k)")
        }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
