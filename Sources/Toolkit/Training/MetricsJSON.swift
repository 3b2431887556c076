import Foundation

// `--metrics-json FILE`: every training lesson can write its table as JSON, for scripts
// that compare runs (the benchmarks, CI) rather than read the printed table.

extension Arguments {
    /// The `--metrics-json FILE` option of a training lesson: where to write the
    /// training history (`TrainingHistory.writeJSON(to:)`), or nil.
    public mutating func metricsJSONPath() throws -> String? {
        try option("metrics-json", help: "write each epoch's losses, metrics and seconds to this file, as JSON")
    }
}

extension TrainingHistory {
    /// The history as JSON, one object per epoch, numbers as Swift writes them (the
    /// shortest text that reads back as the same Double; NaN and infinities, which JSON
    /// lacks, as null):
    ///
    ///     {"epochs": [
    ///       {"epoch": 0, "train_loss": 0.81, "valid_loss": 0.8, "metrics": {"rmse": 0.89}, "seconds": 12.5}, …]}
    ///
    /// `epoch` counts within each `fit` call, as the printed table does.
    public func json() -> String {
        let rows = epochs.map { epoch in
            let metrics = zip(metricNames, epoch.metrics).map { "\(jsonString($0)): \(jsonNumber($1))" }
            return "    {\"epoch\": \(epoch.epoch), \"train_loss\": \(jsonNumber(epoch.trainLoss)), "
                + "\"valid_loss\": \(jsonNumber(epoch.validLoss)), "
                + "\"metrics\": {\(metrics.joined(separator: ", "))}, \"seconds\": \(jsonNumber(epoch.seconds))}"
        }
        return "{\"epochs\": [\n" + rows.joined(separator: ",\n") + (rows.isEmpty ? "" : "\n") + "]}\n"
    }

    /// Writes `json()` to `path`, atomically.
    public func writeJSON(to path: String) throws {
        try writeAtomically(json(), to: path)
    }
}

/// `value` as a JSON number: the shortest text that reads back as the same value, or
/// `null` for NaN and the infinities, which JSON lacks.
func jsonNumber<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number) -> String {
    value.isFinite ? "\(value)" : "null"
}

/// `text` as a JSON string.
func jsonString(_ text: String) -> String {
    let data = try! JSONEncoder().encode(text)
    return String(decoding: data, as: UTF8.self)
}
