import Foundation
import Lessons
import Tensor
import Toolkit

/// `lesson6-bench chars`: seconds per epoch of a character model on Nietzsche — by
/// default lecture 6's `CharRnn` as `lesson6 chars --model rnn` trains it (600,884
/// windows of 8 characters, 20% held out, batches of 512, Adam 1e-3); `--model gru` or
/// `lstm`, the sequel's stateful models as `lesson6 chars` trains them (64 streams of the
/// lowercased text, 8 characters a batch, Adam at the first stage's rate) — side by side
/// with PyTorch's when given `Benchmarks/pytorch/chars.py --json`'s report:
///
///     python3 Benchmarks/pytorch/chars.py --threads 2 --epochs 2 --json pytorch-chars.json
///     swift run -c release lesson6-bench chars --epochs 2 --compare pytorch-chars.json
///
/// An epoch is timed as the PyTorch script times it: the training batches, then the
/// validation loss. The best epoch counts (the least disturbed on a shared machine);
/// the process's CPU seconds are shown too, since wall time on a loaded machine says
/// more about the load than about the code.
enum CharsBench: Command {
    static let name = "chars"
    static let summary = "seconds per epoch of CharRnn on Nietzsche, optionally against PyTorch"

    /// What `--json` writes; `chars.py --json` writes the same keys (`cpu_seconds` only
    /// when it measured them). `peakRssMb`: the process's peak resident memory after
    /// the epochs (`PeakMemory`), absent from older reports.
    struct Report: Codable {
        let framework: String
        let threads: Int
        /// rnn, gru or lstm; absent from reports of `CharRnn` made before there was a choice.
        let model: String?
        let history: [Epoch]
        let peakRssMb: Double?
    }

    struct Epoch: Codable {
        let epoch: Int
        let batches: Int
        let seconds: Double
        let cpuSeconds: Double?
        let validLoss: Double
    }

    static func run(_ arguments: inout Arguments) throws {
        let kind = try arguments.choice("model", ["rnn", "gru", "lstm"], default: "rnn",
                                        help: "CharRnn, or the sequel's stateful GRU or LSTM")
        let epochs = try arguments.option("epochs", default: 1, help: "epochs to time")
        let limit: Int? = try arguments.option("limit", help: "use only the first CHARS characters (a quick check)")
        let jsonPath: String? = try arguments.option("json", help: "write the timings as JSON to this file")
        let comparePath: String? = try arguments.option("compare", help: "chars.py's JSON report, to print beside ours")
        let directory = try arguments.dataDirectory()
        try arguments.finish()
        guard epochs >= 1 else {
            throw Arguments.Failure.badValue(option: "--epochs", value: "\(epochs)", expected: "a positive integer")
        }
        let pytorch: Report? = try comparePath.map {
            try JSONReport.read($0, as: "a chars report (from chars.py --json or --json)")
        }
        if let comparePath, let pytorch, (pytorch.model ?? "rnn") != kind {
            throw BenchmarkError("\(comparePath) timed --model \(pytorch.model ?? "rnn"), this run --model \(kind)")
        }

        let model = CharModelKind(rawValue: kind)!
        let corpus = try CharCorpus(contentsOf: directory.path(of: .nietzsche), limit: limit,
                                    lowercase: model.isStateful)
        let training = try self.training(corpus, model: model)
        let rate = model.lectureSchedule.firstLearningRate
        let batches = training.task.data.train.batchCount
        var history: [Epoch] = []
        for epoch in 0..<epochs {
            let cpuStart = Timing.Clock.cpu.now()
            let row = try training.learner.fit(schedule: ConstantLearningRate(rate, epochs: 1)).epochs[0]
            history.append(Epoch(epoch: epoch, batches: batches, seconds: row.seconds,
                                 cpuSeconds: Timing.Clock.cpu.now() - cpuStart, validLoss: row.validLoss))
        }
        let ours = Report(framework: "lesson6 (\(CPUFeatures.simdPath.rawValue))", threads: Gemm.threads,
                          model: kind, history: history, peakRssMb: PeakMemory.mebibytes())

        print("\(type(of: training.model)) on \(corpus.count) characters: \(batches) batches of "
              + (model.isStateful ? "64 streams × 8 characters" : "512 windows") + " and the validation loss an epoch")
        print("framework".padding(toLength: 28, withPad: " ", startingAt: 0)
              + "threads  best s/epoch  (cpu s)  valid loss (last)  peak MiB")
        for report in [ours] + (pytorch.map { [$0] } ?? []) { printRow(report) }
        if let pytorch, let theirs = best(pytorch), let mine = best(ours) {
            print(String(format: "PyTorch's seconds per epoch / ours: %.2f", theirs.seconds / mine.seconds))
        }
        if let jsonPath { try JSONReport.write(ours, to: jsonPath) }
    }

    /// `lesson6 chars --model M`'s training, silent: seed 0, batches of 512 windows, or of
    /// 64 streams for the stateful models, the LSTM with weight decay 1e-5.
    static func training(_ corpus: CharCorpus, model: CharModelKind = .rnn) throws -> CharTraining {
        try CharTraining(corpus: corpus,
                         configuration: CharModelConfiguration(kind: model, vocabularySize: corpus.vocabulary.count),
                         batchSize: model.isStateful ? 64 : 512, seed: 0, weightDecay: model == .lstm ? 1e-5 : 0,
                         output: .silent)
    }

    static func best(_ report: Report) -> Epoch? {
        report.history.min { $0.seconds < $1.seconds }
    }

    static func printRow(_ report: Report) {
        guard let fastest = best(report), let last = report.history.last else { return }
        let cpu = fastest.cpuSeconds.map { String(format: "(%.1f)", $0) } ?? "(–)"
        print(report.framework.padding(toLength: 28, withPad: " ", startingAt: 0)
              + String(format: "%7d  %12.1f  %7@  %17.4f", report.threads, fastest.seconds, cpu, last.validLoss)
              + PeakMemory.column(report.peakRssMb, width: 10))
    }
}
