import Foundation
import Tensor

/// A learning-rate sweep as `lesson6 lr-find` shows it: fastai 0.7's
///
/// ```python
/// learn.lr_find()
/// learn.sched.plot()
/// ```
///
/// `sched.plot(n_skip=10, n_skip_end=5)` draws `lrs[n_skip:-(n_skip_end+1)]`: it
/// leaves out the first 10 points, where the smoothed loss still settles, and the last
/// 6, where it shoots up; the report does the same (`skipFirst`, `skipLast`), and reads
/// its suggestion off the points drawn.
public struct LRFindReport {
    /// The name of the model swept (`lr-find --model`).
    public let model: String
    public let start: Float
    public let end: Float
    /// The batches the sweep was to take; it stops earlier when the loss explodes.
    public let iterations: Int
    /// Every point recorded.
    public let sweep: LearningRateSweep
    /// The points the plot leaves out at either end.
    public let skipFirst: Int
    public let skipLast: Int
    /// The indices of the points drawn: without the first `skipFirst` and last `skipLast`.
    public let shown: Range<Int>
    /// Read off the points drawn; nil when fewer than 2 are left.
    public let suggestion: LearningRateSuggestion?

    public init(model: String, start: Float, end: Float, iterations: Int, sweep: LearningRateSweep,
                skipFirst: Int = 10, skipLast: Int = 6) {
        self.model = model
        self.start = start
        self.end = end
        self.iterations = iterations
        self.sweep = sweep
        (self.skipFirst, self.skipLast) = (skipFirst, skipLast)
        let count = sweep.losses.count
        shown = min(skipFirst, count)..<max(min(skipFirst, count), count - skipLast)
        suggestion = LearningRateSuggestion(Self.part(shown, of: sweep))
    }

    /// The points drawn, as a sweep of their own.
    public var shownSweep: LearningRateSweep { Self.part(shown, of: sweep) }

    private static func part(_ indices: Range<Int>, of sweep: LearningRateSweep) -> LearningRateSweep {
        LearningRateSweep(learningRates: Array(sweep.learningRates[indices]), losses: Array(sweep.losses[indices]))
    }

    /// `learn.sched.plot()`: the smoothed loss against the learning rate on a log axis,
    /// the steepest descent and the minimum marked.
    public func plot() -> Plot {
        let points = shownSweep
        var plot = Plot(title: "lr_find: \(model)", x: Axis("learning rate (log scale)", scale: .log),
                        y: Axis("loss (smoothed)"))
        plot.plot(points.learningRates.map(Double.init), points.losses.map(Double.init))
        if let suggestion {
            // Labelled beside the dots rather than in a legend, whose box would hide the climb at the right.
            for (rate, name) in [(suggestion.steepest, "steepest descent"), (suggestion.minimum, "minimum")] {
                let i = points.learningRates.firstIndex(of: rate)!
                plot.scatter([Double(rate)], [Double(points.losses[i])], labels: ["\(name) \(Self.rate(rate))"],
                             radius: 5)
            }
        }
        return plot
    }

    /// About `rows` of the points drawn, evenly spaced, as a table of rate and loss,
    /// then the suggestion.
    public func table(rows: Int = 10) -> String {
        let points = shownSweep, count = points.losses.count
        let picks = count <= rows ? Array(0..<count)
            : Array(Set((0..<rows).map { $0 * (count - 1) / (rows - 1) })).sorted()
        var lines = ["lr          loss"]
        for i in picks {
            lines.append(Self.rate(points.learningRates[i]).padding(toLength: 12, withPad: " ", startingAt: 0)
                         + String(format: "%.4f", points.losses[i]))
        }
        if let suggestion {
            lines.append("steepest descent at lr \(Self.rate(suggestion.steepest)); lowest loss "
                         + String(format: "%.4f", suggestion.minimumLoss) + " at lr \(Self.rate(suggestion.minimum))")
            lines.append("suggested learning rate: \(Self.rate(suggestion.minimumOverTen)) (the lowest loss's ÷ 10)")
        }
        return lines.joined(separator: "\n")
    }

    /// Every recorded point, the part drawn and the suggestion, as JSON:
    ///
    ///     {"model": "dotbias", "start": 1e-05, "end": 10.0, "iterations": 1251,
    ///      "shown": {"first": 10, "count": 1235},
    ///      "suggestion": {"steepest": 0.0316, "minimum": 0.251, "minimum_loss": 0.71, "minimum_over_10": 0.0251},
    ///      "points": [{"lr": 1e-05, "loss": 0.93}, …]}
    ///
    /// `suggestion` is null when fewer than 2 points are drawn.
    public func json() -> String {
        let suggestionJSON = suggestion.map {
            "{\"steepest\": \(jsonNumber($0.steepest)), \"minimum\": \(jsonNumber($0.minimum)), "
                + "\"minimum_loss\": \(jsonNumber($0.minimumLoss)), "
                + "\"minimum_over_10\": \(jsonNumber($0.minimumOverTen))}"
        } ?? "null"
        let points = zip(sweep.learningRates, sweep.losses).map {
            "    {\"lr\": \(jsonNumber($0)), \"loss\": \(jsonNumber($1))}"
        }
        let shownJSON = "{\"first\": \(shown.lowerBound), \"count\": \(shown.count)}"
        return "{\"model\": \(jsonString(model)), \"start\": \(jsonNumber(start)), \"end\": \(jsonNumber(end)), "
            + "\"iterations\": \(iterations),\n \"shown\": \(shownJSON),\n"
            + " \"suggestion\": \(suggestionJSON),\n \"points\": [\n" + points.joined(separator: ",\n")
            + (points.isEmpty ? "" : "\n") + "]}\n"
    }

    /// A rate in three significant digits: `3.16e-02`.
    public static func rate(_ value: Float) -> String {
        String(format: "%.2e", Double(value))
    }
}
