import Foundation
import Tensor
import Toolkit

// The lecture's aside on entity embeddings: what a `MixedInputModel` learned about
// each category can be looked at (a PCA plot of the hours) and reused as features by
// other models (k-nearest neighbours, random forests, GBMs).

extension TabularLearner {
    /// The learned vectors of categorical column `column`, row 0 (the unknown) first.
    public func embeddingRows(column: Int) -> [[Float]] {
        let table = model.embeddings[column].weight
        let width = table.shape[1], scalars = table.scalars
        return (0..<table.shape[0]).map { Array(scalars[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// Column `column`'s embedding as CSV: `index,value,e0,e1,…`, one line per row; the
    /// value of row 0 (missing or unseen) is empty.
    public func embeddingCSV(column: Int) -> String {
        let categories = data.processor.categorical[column]
        let rows = embeddingRows(column: column)
        let header = ["index", "value"] + (0..<(rows.first?.count ?? 0)).map { "e\($0)" }
        let lines = rows.enumerated().map { index, vector in
            ([String(index), csvQuoted(categories[index] ?? "")] + vector.map { "\($0)" }).joined(separator: ",")
        }
        return ([header.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
    }

    /// A labelled scatter of column `column`'s categories on the first two principal
    /// components of their embeddings (the lecture's PCA of the store, day-of-week and
    /// month embeddings); nil when the column has fewer than 3 categories or an
    /// embedding narrower than 2.
    public func embeddingPlot(column: Int) -> Plot? {
        let categories = data.processor.categorical[column]
        let vectors = embeddingRows(column: column).dropFirst().map { $0.map(Double.init) }
        guard vectors.count >= 3, let width = vectors.first?.count, width >= 2 else { return nil }
        let pca = PCA(components: 2, fitting: Array(vectors))
        let scores = pca.transform(Array(vectors))
        let shares = pca.explainedVarianceRatio.map { String(format: "%.0f%%", 100 * $0) }
        var plot = Plot(title: "'\(categories.name)' embeddings (\(width) dimensions) on their first two principal "
                        + "components", x: Axis("component 0 (\(shares[0]) of the variance)"),
                        y: Axis("component 1 (\(shares[1]))"), width: 720, height: 600)
        plot.scatter(scores.map { $0[0] }, scores.map { $0[1] }, labels: categories.categories)
        return plot
    }

    /// Each row of `dataset` as learned features: the embedding of each category side
    /// by side, then the standardised continuous inputs (before the model's batch norm
    /// of them), row-major. Features for another model.
    public func embeddedFeatures(_ dataset: ColumnarDataset) -> [Float] {
        let tables = model.embeddings.indices.map { embeddingRows(column: $0) }
        var features: [Float] = []
        for row in 0..<dataset.count {
            for (column, table) in tables.enumerated() {
                features += table[Int(dataset.categories[row * dataset.categoricalCount + column])]
            }
            features += dataset.continuous[(row * dataset.continuousCount)..<((row + 1) * dataset.continuousCount)]
        }
        return features
    }

    /// The width of `embeddedFeatures`' rows.
    public var embeddedFeatureWidth: Int {
        model.embeddings.reduce(0) { $0 + $1.dimensions } + data.dataset.continuousCount
    }
}

extension ColumnarDataset {
    /// Each row with every category one-hot coded (one 0/1 entry per embedding row,
    /// `cardinalities[i]` for column i), then the continuous inputs: the features the
    /// embeddings are compared with.
    public func oneHotFeatures(cardinalities: [Int]) -> [Float] {
        guard cardinalities.count == categoricalCount else {
            fatalError("oneHotFeatures: \(cardinalities.count) cardinalities for \(categoricalCount) columns")
        }
        let width = cardinalities.reduce(0, +) + continuousCount
        var features = [Float](repeating: 0, count: count * width)
        for row in 0..<count {
            var offset = row * width
            for (column, cardinality) in cardinalities.enumerated() {
                features[offset + Int(categories[row * categoricalCount + column])] = 1
                offset += cardinality
            }
            for j in 0..<continuousCount { features[offset + j] = continuous[row * continuousCount + j] }
        }
        return features
    }
}

/// `text` as one CSV field: as it is, or quoted with doubled quotes when it holds a
/// comma, quote or line break.
private func csvQuoted(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
