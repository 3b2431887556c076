import Foundation
import Toolkit

/// `lesson6 tabular`: the lecture's Rossmann aside on bike-sharing hours — entity
/// embeddings for the calendar and weather categories, `MixedInputModel` on them and
/// the continuous weather readings, trained to predict log(rentals); then the learned
/// embeddings exported, plotted, and reused by a k-nearest-neighbour regressor.
///
/// ```python
/// md = ColumnarModelData.from_data_frame(PATH, val_idx, df, yl, cat_flds=cat_vars, bs=128)
/// m = md.get_learner(emb_szs, len(df.columns)-len(cat_vars), 0.04, 1, [1000,500], [0.001,0.01],
///                    y_range=y_range)
/// m.fit(1e-3, 15)
/// ```
public enum TabularLesson: Command {
    public static let name = "tabular"
    public static let summary = "MixedInputModel (entity embeddings) on a CSV's columns; "
        + "embeddings plotted, reused by k-NN"

    public static func run(_ arguments: inout Arguments) throws {
        let options = try TabularOptions(&arguments)
        let out: String = try arguments.option("out", default: "out/tabular",
                                               help: "directory for the embeddings (CSV) and their PCA plots")
        let neighbours: Int = try arguments.option("neighbours", default: 10,
                                                   help: "k of the k-NN comparison (0: skip it)")
        let save: String? = try arguments.option("save",
                                                 help: "write the trained model and Adam state to this checkpoint")
        try arguments.finish()
        guard neighbours >= 0 else {
            throw Arguments.Failure.badValue(option: "--neighbours", value: "\(neighbours)",
                                             expected: "an integer ≥ 0")
        }
        let data = try options.tabularData()
        guard neighbours <= data.trainingRows.count else {
            throw Arguments.Failure.badValue(
                option: "--neighbours", value: "\(neighbours)",
                expected: "a number of neighbours up to the \(data.trainingRows.count) training rows")
        }
        print(describe(data))
        let learn = try TabularLearner(data: data, recipe: options.recipe, seed: options.seed)
        print("\(learn.model.parameterCount) parameters; \(options.recipe)")
        try learn.fit(metricsJSON: options.metricsJSON)
        let rmse = learn.validationRMSE()
        print(String(format: "validation RMSE %.4f (of %@)", rmse, target(data)))
        if let save {
            try learn.save(save)
            print("saved \(save)")
        }
        for (column, categories) in data.processor.categorical.enumerated() {
            let name = fileName(categories.name)
            try writeAtomically(learn.embeddingCSV(column: column), to: out + "/embeddings/\(name).csv")
            if let plot = learn.embeddingPlot(column: column) {
                try writeAtomically(plot.svg(), to: out + "/\(name)-pca.svg")
            }
        }
        print("wrote the embeddings to \(out)/embeddings/ and their PCA plots to \(out)/<column>-pca.svg")
        if neighbours > 0 {
            let comparison = compareNeighbours(learn, k: neighbours)
            print(String(format: "%d-NN validation RMSE: %.4f on the learned embeddings (%d features), "
                         + "%.4f on one-hot codes (%d features)", neighbours, comparison.embedded,
                         learn.embeddedFeatureWidth, comparison.oneHot, comparison.oneHotWidth))
        }
    }

    /// A column's name as a file name: letters, digits, `-` and `_` kept, anything else
    /// (a `/`, a `.`) made `_`, so that a header can only name files inside `--out`.
    static func fileName(_ column: String) -> String {
        String(column.unicodeScalars.map { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                ? Character(scalar) : "_"
        })
    }

    /// The file, its columns as the model sees them, and the split.
    static func describe(_ data: TabularData) -> String {
        let processor = data.processor
        let embeddings = processor.categorical.map { "\($0.name) \($0.cardinality)×\($0.embeddingDimensions)" }
        return "\(data.dataset.count) rows (\(data.file))\n"
            + "embeddings: \(embeddings.isEmpty ? "none" : embeddings.joined(separator: ", "))\n"
            + "continuous: \(processor.continuousInputNames.joined(separator: ", "))\n"
            + "target: \(target(data)), y_range \(data.yRange.lowerBound)...\(data.yRange.upperBound)\n"
            + "\(data.trainingRows.count) training and \(data.validation.count) validation rows"
    }

    static func target(_ data: TabularData) -> String {
        data.processor.logTarget ? "log(\(data.processor.target))" : data.processor.target
    }

    /// The validation RMSE of k-NN on the learned embeddings and on one-hot codes, each
    /// with the continuous inputs, trained on the training rows.
    public static func compareNeighbours(_ learn: TabularLearner, k: Int)
        -> (embedded: Double, oneHot: Double, oneHotWidth: Int) {
        let data = learn.data
        let train = data.dataset.subset(data.trainingRows), valid = data.dataset.subset(data.validation)
        let embeddedWidth = learn.embeddedFeatureWidth
        let embedded = KNearestNeighbors(k: k, features: learn.embeddedFeatures(train), width: embeddedWidth,
                                         targets: train.targets).predict(learn.embeddedFeatures(valid))
        let cardinalities = data.processor.categorical.map(\.cardinality)
        let oneHotWidth = cardinalities.reduce(0, +) + train.continuousCount
        let oneHot = KNearestNeighbors(k: k, features: train.oneHotFeatures(cardinalities: cardinalities),
                                       width: oneHotWidth, targets: train.targets)
            .predict(valid.oneHotFeatures(cardinalities: cardinalities))
        return (rootMeanSquaredError(embedded, valid.targets), rootMeanSquaredError(oneHot, valid.targets), oneHotWidth)
    }
}
