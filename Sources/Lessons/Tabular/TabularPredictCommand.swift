import Foundation
import Tensor
import Toolkit

/// `lesson6 tabular-predict`: a model saved by `lesson6 tabular --save` applied to
/// another table with the same columns: one prediction a row, in the target's own units
/// (the logarithm undone when the model was trained on it), written as a one-column CSV.
///
///     lesson6 tabular --save bikes.safetensors
///     lesson6 tabular-predict --load bikes.safetensors --csv new-hours.csv --output predicted.csv
///
/// The table is processed as the training rows were: a category never seen in training
/// goes to the unknown row 0, a missing number is filled with the training median and
/// flagged. When the table also has the target column, the RMSE of the predictions (on
/// the log scale, when the model was trained on it) is printed.
public enum TabularPredictCommand: Command {
    public static let name = "tabular-predict"
    public static let summary = "apply a model saved by `tabular --save` to another CSV: a prediction per row"

    public static func run(_ arguments: inout Arguments) throws {
        let load: String? = try arguments.option("load", help: "the model, saved by `lesson6 tabular --save`")
        let csv: String? = try arguments.option("csv", help: "the table to predict, with the training columns")
        let output: String? = try arguments.option("output", help: "where to write the predictions (CSV)")
        try arguments.finish()
        for (option, value) in [("--load", load), ("--csv", csv), ("--output", output)] where value == nil {
            throw Arguments.Failure.missingValue(option: option)
        }
        let (model, processor) = try loadTabularModel(load!)
        let table = try CSVTable(contentsOfFile: csv!)
        let predictions = try predict(model, processor, table)
        try writeAtomically(([processor.target] + predictions.map { "\($0)" }).joined(separator: "\n") + "\n",
                            to: output!)
        print("wrote \(predictions.count) predictions of \(processor.target) to \(output!)")
        if table.columnNames?.contains(processor.target) == true {
            let targets = try processor.targets(table)
            let outputs = processor.logTarget ? predictions.map { Foundation.log($0) } : predictions
            print(String(format: "RMSE against the file's %@%@: %.4f", processor.logTarget ? "log " : "",
                         processor.target, rootMeanSquaredError(outputs, targets)))
        }
    }

    /// The model's prediction for every row of `table`, in the target's units.
    static func predict(_ model: MixedInputModel, _ processor: TabularProcessor, _ table: CSVTable) throws
        -> [Float] {
        let (categories, continuous) = try processor.inputs(table)
        let (categoryWidth, continuousWidth) = (processor.categorical.count, processor.continuousInputNames.count)
        var predictions: [Float] = []
        predictions.reserveCapacity(table.rowCount)
        withoutGrad {
            for start in stride(from: 0, to: table.rowCount, by: 1024) {
                let rows = start..<min(start + 1024, table.rowCount)
                let batchCategories = IndexTensor(
                    Array(categories[rows.lowerBound * categoryWidth..<rows.upperBound * categoryWidth]),
                    shape: [rows.count, categoryWidth])
                let batchContinuous = Tensor(
                    Array(continuous[rows.lowerBound * continuousWidth..<rows.upperBound * continuousWidth]),
                    shape: [rows.count, continuousWidth])
                predictions += model(categories: batchCategories, continuous: batchContinuous).scalars
            }
        }
        return processor.logTarget ? predictions.map { Foundation.exp($0) } : predictions
    }
}
