import Foundation
import Lessons
import Tensor
import Toolkit

/// `lesson6-bench tabular`: seconds per epoch of `lesson6 tabular`'s recipe
/// (`MixedInputModel` on bike-sharing hours: layers [1000, 500], batch 128, Adam 1e-3),
/// with each epoch's validation RMSE, side by side with PyTorch's when given the JSON
/// of `Benchmarks/pytorch/tabular.py --json`, which runs the same recipe:
///
///     python3 Benchmarks/pytorch/tabular.py --threads 1 --epochs 3 --json pytorch-1.json
///     swift run -c release lesson6-bench tabular --threads 1 --epochs 3 --compare pytorch-1.json
///
/// An epoch is timed as the PyTorch script times it: the training batches, then the
/// validation loss. `--threads` caps the threads of our matrix products (`Gemm.threads`),
/// as `--threads` sets PyTorch's.
enum TabularBench: Command {
    static let name = "tabular"
    static let summary = "seconds per epoch of MixedInputModel on bike-sharing hours, optionally against PyTorch"

    /// What `--json` writes and `--compare` reads; `tabular.py --json` writes the same.
    /// `peakRssMb`: the process's peak resident memory after the epochs (`PeakMemory`).
    struct Report: Codable {
        let framework: String
        let threads: Int
        let seed: Int
        let history: [Epoch]
        let secondsPerEpoch: Double
        let peakRssMb: Double?
    }

    struct Epoch: Codable {
        let epoch: Int
        let trainLoss: Double
        let validMse: Double
        let validRmse: Double
        let seconds: Double
    }

    static func run(_ arguments: inout Arguments) throws {
        let data = try arguments.dataDirectory()
        let epochs = try arguments.option("epochs", default: TabularRecipe().epochs, help: "epochs to time")
        let threads = try arguments.option("threads", default: Gemm.threads, help: "threads of the matrix products")
        let seed = try arguments.option("seed", default: 0, help: "seed of the model's initialisation and the shuffle")
        let jsonPath: String? = try arguments.option("json", help: "write the timings as JSON to this file")
        let compare: String? = try arguments.option("compare", help: "tabular.py --json outputs (comma-separated) to "
                                                    + "print beside ours")
        try arguments.finish()
        guard epochs >= 1, threads >= 1, let seed32 = UInt32(exactly: seed) else {
            throw Arguments.Failure.badValue(option: "--epochs/--threads/--seed", value: "\(epochs)/\(threads)/\(seed)",
                                             expected: "positive epochs and threads, a seed in 0..<2³²")
        }
        let others: [Report] = try (compare?.split(separator: ",").map {
            try JSONReport.read(String($0), as: "a tabular report (from tabular.py --json or --json)")
        }) ?? []
        Gemm.threads = threads

        let learn = try learner(data, epochs: epochs, seed: seed32)
        let history = try learn.fit().epochs.map {
            Epoch(epoch: $0.epoch, trainLoss: $0.trainLoss, validMse: $0.validLoss,
                  validRmse: $0.validLoss.squareRoot(), seconds: $0.seconds)
        }
        let ours = Report(framework: "lesson6 (Swift)", threads: threads, seed: seed, history: history,
                          secondsPerEpoch: history.map(\.seconds).reduce(0, +) / Double(history.count),
                          peakRssMb: PeakMemory.mebibytes())
        print("MixedInputModel on bike-sharing hours, \(learn.recipe)")
        print("framework".padding(toLength: 34, withPad: " ", startingAt: 0)
              + "threads  seed   s/epoch   × ours   valid RMSE (last)  peak MiB")
        for report in [ours] + others {
            print(report.framework.padding(toLength: 34, withPad: " ", startingAt: 0)
                  + String(format: "%7d %5d %9.2f %8.2f   %17.4f", report.threads, report.seed,
                           report.secondsPerEpoch, report.secondsPerEpoch / ours.secondsPerEpoch,
                           report.history.last?.validRmse ?? .nan)
                  + PeakMemory.column(report.peakRssMb, width: 10))
        }
        if let jsonPath { try JSONReport.write(ours, to: jsonPath) }
    }

    /// `lesson6 tabular`'s learner for the bike-sharing hours (the lecture's recipe,
    /// `epochs` long), silent, its tensors on `Device.current`.
    static func learner(_ data: DataDirectory, epochs: Int = TabularRecipe().epochs, seed: UInt32 = 0) throws
        -> TabularLearner {
        let tabular = try TabularData(contentsOfFile: data.path(of: .bikeSharingHours),
                                      categorical: TabularOptions.bikeSharingCategorical,
                                      continuous: TabularOptions.bikeSharingContinuous, target: "cnt")
        var recipe = TabularRecipe()
        recipe.stages = [.fit(recipe.learningRate, epochs)]
        return try TabularLearner(data: tabular, recipe: recipe, seed: seed, output: .silent)
    }
}
