import Foundation
import Toolkit

/// `lesson6 lr-find`: fastai's learning-rate finder on any lesson's model — the
/// lesson's data, model and optimizer, one epoch (or `--iterations` batches) at a rate
/// growing exponentially from `--start` to `--end` — then the plot of the smoothed loss
/// against the rate (`learn.sched.plot()`), a table and a suggested rate:
///
///     swift run -c release lesson6 lr-find --model dotbias
///     swift run -c release lesson6 lr-find --model rnn --limit 100000 --json out/lr-find/rnn.json
///
/// The model is left as it was (see `Learner.lrFind`); nothing is saved but the plot
/// and, with `--json`, the points.
public enum LRFindCommand: Command {
    public static let name = "lr-find"
    public static let summary = "plot loss against learning rate for a lesson's model "
        + "(learn.lr_find(); learn.sched.plot())"

    public static func run(_ arguments: inout Arguments) throws {
        let models = LRFindModel.all
        let modelName = try arguments.choice("model", models.map(\.name), default: "dotbias",
                                             help: "the lesson model to sweep; the options after --json are its "
                                                + "lesson's (--model NAME --help lists them)")
        let start: Double = try arguments.option("start", default: 1e-5, help: "the first learning rate")
        let end: Double = try arguments.option("end", default: 10, help: "the rate the sweep grows towards")
        let iterations: Int? = try arguments.option("iterations", help: "batches to sweep over (default: one epoch)")
        let out: String = try arguments.option("out", default: "out/lr-find/\(modelName).svg",
                                               help: "where to write the plot")
        let json: String? = try arguments.option("json", help: "also write every point and the suggestion to this "
                                                 + "file, as JSON")
        let build = try models.first { $0.name == modelName }!.options(&arguments)
        try arguments.finish()
        guard Float(start).isNormal, start > 0 else {
            throw Arguments.Failure.badValue(option: "--start", value: "\(start)",
                                             expected: "a positive number in Float's normal range")
        }
        guard Float(end).isFinite, Float(end) > Float(start) else {
            throw Arguments.Failure.badValue(option: "--end", value: "\(end)",
                                             expected: "a number above --start (\(start))")
        }
        if let iterations, iterations < 1 {
            throw Arguments.Failure.badValue(option: "--iterations", value: "\(iterations)",
                                             expected: "a positive integer")
        }

        let (learner, description) = try build()
        print(description)
        let count = iterations ?? learner.data.train.batchCount
        print("lr_find: \(count) batches\(iterations == nil ? " (one epoch)" : ""), the rate growing from "
              + "\(LRFindReport.rate(Float(start))) towards \(LRFindReport.rate(Float(end)))")
        let began = monotonicSeconds()
        let sweep = learner.lrFind(start: Float(start), end: Float(end), iterations: count)
        let report = LRFindReport(model: modelName, start: Float(start), end: Float(end), iterations: count,
                                  sweep: sweep)
        print("\(sweep.losses.count) points recorded in " + String(format: "%.1f s", monotonicSeconds() - began)
              + (sweep.losses.count < count ? " (then the loss exploded)" : "")
              + "; the plot leaves out the first \(report.skipFirst) and the last \(report.skipLast)")
        guard report.suggestion != nil else { throw LRFindError(recorded: sweep.losses.count, batches: count) }
        print(report.table())
        try writeAtomically(report.plot().svg(), to: out)
        print("wrote \(out)")
        if let json {
            try writeAtomically(report.json(), to: json)
            print("wrote \(json)")
        }
    }
}

/// A sweep too short to plot once fastai's first 10 and last 6 points are left out.
public struct LRFindError: Error, CustomStringConvertible {
    public let recorded: Int
    public let batches: Int

    public var description: String {
        "the sweep recorded \(recorded) points, too few to plot without the first 10 and the last 6 "
            + "(as fastai's sched.plot()): "
            + (recorded < batches ? "the loss exploded after \(recorded) of \(batches) batches; try a lower --end"
                                  : "use --iterations 18 or more")
    }
}
