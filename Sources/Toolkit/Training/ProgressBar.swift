import Foundation

/// The progress bar under `fit`'s table, as tqdm draws it for fastai 0.7:
///
///     epoch 0  45%|████▌     | 450/1000 [00:02<00:03, 180.52it/s, loss=0.812345]
///
/// elapsed time, estimated time left, batches per second, and the smoothed training
/// loss so far. On a terminal it is redrawn in place at most ten times a second and
/// erased when the epoch ends, so that the table row takes its place; otherwise it is
/// written as a line at most every `TrainingOutput.lineInterval` seconds.
struct ProgressBar {
    let label: String
    let total: Int
    let output: TrainingOutput
    private let start: Double
    private var lastDrawn: Double

    init(label: String, total: Int, output: TrainingOutput) {
        self.label = label
        self.total = total
        self.output = output
        start = output.now()
        lastDrawn = start
    }

    /// Reports that `done` of `total` batches are finished.
    mutating func update(done: Int, loss: Double) {
        let now = output.now()
        switch output.style {
        case .terminal where now - lastDrawn >= 0.1 || done == total:
            output.write("\r" + line(done: done, loss: loss, elapsed: now - start) + "\u{1B}[K")
        case .lines where now - lastDrawn >= output.lineInterval && done < total:
            output.write(line(done: done, loss: loss, elapsed: now - start) + "\n")
        default:
            return
        }
        lastDrawn = now
    }

    /// Erases the bar on a terminal, leaving the cursor at the start of its line.
    func clear() {
        if output.style == .terminal { output.write("\r\u{1B}[K") }
    }

    /// The bar's text after `done` batches and `elapsed` seconds.
    func line(done: Int, loss: Double, elapsed: Double) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let percent = String(format: "%3d%%", Int(fraction * 100))
        return "\(label) \(percent)|\(Self.bar(fraction))| \(done)/\(total) "
            + "[\(Self.clock(elapsed))<\(Self.clock(left)), \(String(format: "%.2f", rate))it/s, "
            + "loss=\(formatStatistic(loss))]"
    }

    /// `fraction` of a bar 10 characters wide, in eighths of a character.
    static func bar(_ fraction: Double, width: Int = 10) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded(.down))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let text = String(repeating: "█", count: eighths / 8) + partial
        return text + String(repeating: " ", count: width - eighths / 8 - (partial.isEmpty ? 0 : 1))
    }

    /// `seconds` as mm:ss, or h:mm:ss from an hour on (tqdm's format).
    static func clock(_ seconds: Double) -> String {
        let total = seconds.isFinite ? Int(seconds.rounded(.down)) : 0
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest)
            : String(format: "%02d:%02d", minutes, rest)
    }
}
