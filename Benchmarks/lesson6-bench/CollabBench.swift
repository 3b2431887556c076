import Foundation
import Lessons

/// `lesson6-bench collab`: seconds per epoch of the lecture's `EmbeddingDotBias` recipe
/// on MovieLens (`learn.fit(1e-2, 2, wds=2e-4, cycle_len=1, cycle_mult=2)`: 3 epochs,
/// batch 64, Adam), with each epoch's validation MSE, side by side with PyTorch's when
/// given the JSON of `Benchmarks/pytorch/collab.py --json`, which runs the same recipe.
enum CollabBenchmark: Command {
    static let name = "collab"
    static let summary = "seconds per epoch of the lecture's EmbeddingDotBias recipe, optionally against PyTorch"

    /// What `--json` writes and `--compare` reads; `collab.py --json` writes the same.
    struct Report: Codable {
        let framework: String
        let flushDenormal: Bool?
        let history: [Epoch]
        let secondsPerEpoch: Double
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

        let cf = try CollabFilterDataset(contentsOfFile: data.path(of: .movieLensRatings), user: "userId",
                                         item: "movieId", rating: "rating")
        let recipe = CollabModelKind.dotbias.recipe
        let learn = cf.learner(factors: 50, validation: validationIndices(count: cf.count), batchSize: 64,
                               weightDecay: recipe.weightDecay, seed: seed, output: .silent)
        let history = try learn.fit(recipe.learningRate, recipe.cycles, cycleLength: recipe.cycleLength,
                                    cycleMult: recipe.cycleMult)
        let epochs = history.epochs.map {
            Epoch(epoch: $0.epoch, trainLoss: $0.trainLoss, validMse: $0.validLoss, seconds: $0.seconds)
        }
        let ours = Report(framework: "lesson6 (Swift)", flushDenormal: true, history: epochs,
                          secondsPerEpoch: epochs.map(\.seconds).reduce(0, +) / Double(epochs.count))
        printTable([ours] + others)
        if let jsonPath {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeAtomically(encoder.encode(ours), to: jsonPath)
        }
    }

    /// One row per epoch: each report's seconds and validation MSE; then the means, and
    /// each one's mean over ours (how many times slower than ours it ran).
    static func printTable(_ reports: [Report]) {
        print("EmbeddingDotBias on MovieLens, fit(1e-2, 2, cycle_len=1, cycle_mult=2), batch 64, Adam wd 2e-4")
        let names = reports.map { $0.framework + ($0.flushDenormal == false ? " (subnormals kept)" : "") }
        let width = max(30, (names.map(\.count).max() ?? 0) + 2)
        func cell(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        print("epoch  " + names.map(cell).joined())
        for row in 0..<(reports.map(\.history.count).max() ?? 0) {
            let cells = reports.map { report in
                row < report.history.count
                    ? String(format: "%7.2f s, valid MSE %.4f", report.history[row].seconds, report.history[row].validMse)
                    : ""
            }
            print(String(format: "%5d  ", row) + cells.map(cell).joined())
        }
        let means = reports.map {
            String(format: "%7.2f s/epoch (×%.2f)", $0.secondsPerEpoch, $0.secondsPerEpoch / reports[0].secondsPerEpoch)
        }
        print("mean   " + means.map(cell).joined())
    }

    static func readReport(_ path: String) throws -> Report {
        try readJSONReport(Report.self, from: path, kind: "a collab report (from collab.py --json or --json)")
    }
}
