/// The table `fit` prints, one row per epoch, in fastai 0.7's layout (its `print_stats`):
///
///     epoch      trn_loss   val_loss   rmse
///         0      0.813483   0.80195    0.895517
///
/// headings left-aligned in columns 10 wide, the epoch centred, and each number rounded
/// to 6 decimals and written as Python writes it (the shortest text that reads back as
/// the same number). Trailing spaces are dropped.
enum EpochTable {
    /// The heading row.
    static func header(metricNames: [String]) -> String {
        (["epoch", "trn_loss", "val_loss"] + metricNames)
            .map { pad($0) }.joined(separator: " ").trimmingTrailingSpaces()
    }

    /// The row of one epoch.
    static func row(_ epoch: TrainingHistory.Epoch) -> String {
        let numbers = ([epoch.trainLoss, epoch.validLoss] + epoch.metrics).map { pad(formatStatistic($0)) }
        return ([centre(String(epoch.epoch))] + numbers).joined(separator: " ").trimmingTrailingSpaces()
    }

    /// `text` left-aligned in 10 columns (Python's `{!s:10}`).
    private static func pad(_ text: String) -> String {
        text.count >= 10 ? text : text + String(repeating: " ", count: 10 - text.count)
    }

    /// `text` centred in 10 columns, the odd space on the right (Python's `{!s:^10}`).
    private static func centre(_ text: String) -> String {
        let space = max(0, 10 - text.count)
        return String(repeating: " ", count: space / 2) + text + String(repeating: " ", count: space - space / 2)
    }
}

/// `value` rounded to 6 decimals (NumPy's `np.round`: halves to even) and written as
/// Python's `str` writes a float: `0.80195`, `1e-05`, `nan`.
func formatStatistic(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : value > 0 ? "inf" : "-inf" }
    let rounded = (value * 1e6).rounded(.toNearestOrEven) / 1e6
    return "\(rounded)"
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex(where: { $0 != " " }).map(index(after:)) ?? startIndex)])
    }
}
