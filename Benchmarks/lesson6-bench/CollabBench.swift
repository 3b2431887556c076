import Foundation
import Lessons
import Toolkit

/// `lesson6-bench collab`: seconds per epoch of the lecture's `EmbeddingDotBias` recipe
/// on MovieLens (`learn.fit(1e-2, 2, wds=2e-4, cycle_len=1, cycle_mult=2)`: 3 epochs,
/// batch 64, Adam), with each epoch's validation MSE, side by side with PyTorch's when
/// given the JSON of `Benchmarks/pytorch/collab.py --json`, which runs the same recipe.
enum CollabBenchmark: Command {
    static let name = "collab"
    static let summary = "seconds per epoch of the lecture's EmbeddingDotBias recipe, optionally against PyTorch"

    /// What `--json` writes and `--compare` reads; `collab.py --json` writes the same.
    /// `peakRssMb`: the process's peak resident memory after the epochs (`PeakMemory`).
    struct Report: Codable {
        let framework: String
        let threads: Int?
        let flushDenormal: Bool?
        let history: [Epoch]
        let secondsPerEpoch: Double
        let peakRssMb: Double?
    }

    struct Epoch: Codable {
        let epoch: Int
        let trainLoss: Double
        let validMse: Double
        let seconds: Double
    }

    static func run(_ arguments: inout Arguments) throws {
        let data = try arguments.dataDirectory()
        let seed = try arguments.option("seed", default: 0, help: "seed of the model's initialisation and the shuffle")
        let jsonPath: String? = try arguments.option("json", help: "write the timings as JSON to this file")
        let compare: String? = try arguments.option("compare", help: "collab.py --json outputs (comma-separated) to "
                                                    + "print beside ours")
        try arguments.finish()
        guard let seed = UInt32(exactly: seed) else {
            throw Arguments.Failure.badValue(option: "--seed", value: "\(seed)", expected: "an integer in 0..<2³²")
        }
        let others = try (compare?.split(separator: ",").map { try readReport(String($0)) }) ?? []

        let recipe = CollabModelKind.dotbias.recipe
        let learn = try learner(data, seed: seed)
        let history = try learn.learner.fit(recipe.stages)
        let epochs = history.epochs.map {
            Epoch(epoch: $0.epoch, trainLoss: $0.trainLoss, validMse: $0.validLoss, seconds: $0.seconds)
        }
        let ours = Report(framework: "lesson6 (Swift)", threads: ProcessInfo.processInfo.activeProcessorCount,
                          flushDenormal: true, history: epochs,
                          secondsPerEpoch: epochs.map(\.seconds).reduce(0, +) / Double(epochs.count),
                          peakRssMb: PeakMemory.mebibytes())
        printTable([ours] + others)
        if let jsonPath { try JSONReport.write(ours, to: jsonPath) }
    }

    /// The lecture's `EmbeddingDotBias` learner on MovieLens: 50 factors, the lecture's
    /// validation rows, batches of 64, Adam with the recipe's weight decay, silent.
    static func learner(_ data: DataDirectory, seed: UInt32) throws -> CollabFilterLearner {
        let cf = try CollabFilterDataset(contentsOfFile: data.path(of: .movieLensRatings), user: "userId",
                                         item: "movieId", rating: "rating")
        return cf.learner(factors: 50, validation: validationIndices(count: cf.count), batchSize: 64,
                          weightDecay: CollabModelKind.dotbias.recipe.weightDecay, seed: seed, output: .silent)
    }

    /// One row per report: the seconds of each epoch, their mean and its ratio to ours
    /// (how many times longer than ours an epoch took), the peak resident memory, and the
    /// validation MSE of each epoch.
    static func printTable(_ reports: [Report]) {
        print("EmbeddingDotBias on MovieLens, fit(1e-2, 2, cycle_len=1, cycle_mult=2), batch 64, Adam wd 2e-4")
        let names = reports.map { report in
            report.framework + (report.threads.map { ", \($0) thread\($0 == 1 ? "" : "s")" } ?? "")
                + (report.flushDenormal == false ? ", subnormals kept" : "")
        }
        let width = (names.map(\.count).max() ?? 0) + 2
        let epochs = reports.map(\.history.count).max() ?? 0
        print("".padding(toLength: width, withPad: " ", startingAt: 0)
              + (0..<epochs).map { "  epoch \($0)" }.joined()
              + "   s/epoch   × ours  peak MiB   valid MSE per epoch")
        for (name, report) in zip(names, reports) {
            print(name.padding(toLength: width, withPad: " ", startingAt: 0)
                  + report.history.map { String(format: "%9.2f", $0.seconds) }.joined()
                  + String(repeating: " ", count: 9 * (epochs - report.history.count))
                  + String(format: "%10.2f %8.2f", report.secondsPerEpoch,
                           report.secondsPerEpoch / reports[0].secondsPerEpoch)
                  + PeakMemory.column(report.peakRssMb, width: 10) + "   "
                  + report.history.map { String(format: "%.4f", $0.validMse) }.joined(separator: " "))
        }
    }

    static func readReport(_ path: String) throws -> Report {
        try JSONReport.read(path, as: "a collab report (from collab.py --json or --json)")
    }
}
