import Tensor

/// A k-nearest-neighbour regressor (scikit-learn's `KNeighborsRegressor(k)`): predicts
/// the mean target of the `k` training rows closest to a query in Euclidean distance.
///
/// The lecture's point about entity embeddings: once learned, they are features any
/// model can use. k-NN shows it plainly, since it has nothing to learn: on one-hot
/// codes every two different hours are equally far apart; on the learned embeddings,
/// 8 am is near 9 am and far from 3 am, so neighbours are rows that behave alike.
///
/// Distances come from one matrix product per block of queries,
/// ‖q − x‖² = ‖q‖² − 2·q·x + ‖x‖², then each query keeps its `k` smallest.
public struct KNearestNeighbors: Sendable {
    public let k: Int
    /// Row-major, `width` features a row.
    public let features: [Float]
    public let targets: [Float]
    public let width: Int

    /// Remembers the training rows: `features` row-major, `width` a row, one target each.
    public init(k: Int, features: [Float], width: Int, targets: [Float]) {
        guard k >= 1, k <= targets.count, width >= 1, features.count == targets.count * width else {
            fatalError("KNearestNeighbors: k \(k) of \(targets.count) rows, \(features.count) features "
                       + "of width \(width)")
        }
        self.k = k
        self.features = features
        self.width = width
        self.targets = targets
    }

    /// The prediction for each row of `queries` (row-major, `width` a row).
    public func predict(_ queries: [Float]) -> [Float] {
        guard queries.count % width == 0 else {
            fatalError("KNearestNeighbors.predict: \(queries.count) features are not rows of \(width)")
        }
        let rows = targets.count, queryCount = queries.count / width
        let table = Tensor(features, shape: [rows, width])
        let tableT = table.transposed()
        let squaredNorms = squaredRowNorms(features, width: width)
        let block = 256
        var predictions: [Float] = []
        predictions.reserveCapacity(queryCount)
        withoutGrad {
            for start in stride(from: 0, to: queryCount, by: block) {
                let end = min(start + block, queryCount)
                let q = Array(queries[(start * width)..<(end * width)])
                let products = Tensor(q, shape: [end - start, width]).matmul(tableT).scalars
                for i in 0..<(end - start) {
                    // ‖q‖² is the same for every row, so it does not change which are nearest.
                    let distances = (0..<rows).lazy.map { squaredNorms[$0] - 2 * products[i * rows + $0] }
                    let nearest = smallest(k, of: distances)
                    predictions.append(nearest.reduce(0) { $0 + targets[$1] } / Float(k))
                }
            }
        }
        return predictions
    }
}

/// ‖row‖² of each row of a row-major table.
func squaredRowNorms(_ table: [Float], width: Int) -> [Float] {
    stride(from: 0, to: table.count, by: width).map { start in
        table[start..<(start + width)].reduce(0) { $0 + $1 * $1 }
    }
}

/// The positions of the `k` smallest of `values`, smallest first; ties go to the
/// earlier position.
func smallest(_ k: Int, of values: some Collection<Float>) -> [Int] {
    var best: [(value: Float, position: Int)] = []
    best.reserveCapacity(k + 1)
    for (position, value) in values.enumerated() where best.count < k || value < best[best.count - 1].value {
        let slot = best.firstIndex { value < $0.value } ?? best.count
        best.insert((value, position), at: slot)
        if best.count > k { best.removeLast() }
    }
    return best.map(\.position)
}
