import Foundation
import Lessons
import Random
import Tensor
import Toolkit

/// `lesson6-bench sgd`: microseconds per full-batch gradient step of the SGD lesson's
/// line fit on the tensor engine (forward, backward, update, zero grads), beside
/// PyTorch's figure from `Benchmarks/pytorch/sgd.py --json FILE`; `--json FILE` writes
/// ours with the same keys.
///
/// Timed as the PyTorch script times itself: 200 warm-up steps, then the best of
/// five runs of `--steps` steps, so the two numbers mean the same thing.
enum SGDBench: Command {
    static let name = "sgd"
    static let summary = "µs per full-batch SGD step of the line fit (tensor engine), optionally beside PyTorch"

    /// What `--json` writes and `Benchmarks/pytorch/sgd.py --json` writes.
    struct Report: Codable {
        let framework: String
        let threads: Int
        let points: Int
        let microsecondsPerStep: Double
    }

    static func run(_ arguments: inout Arguments) throws {
        let points = try arguments.option("points", default: 10_000, help: "points in the data set")
        let steps = try arguments.option("steps", default: 2000, help: "steps in each of the five timed runs")
        let pytorchPath: String? = try arguments.option(
            "pytorch", help: "JSON from 'python3 Benchmarks/pytorch/sgd.py --json FILE', shown beside ours")
        let jsonPath: String? = try arguments.option("json", help: "write our timing as JSON to this file")
        try arguments.finish()
        guard points >= 1, steps >= 1 else {
            throw Arguments.Failure.badValue(option: "--points/--steps", value: "\(points)/\(steps)",
                                             expected: "positive counts")
        }
        let pytorch = try pytorchPath.map(readReport)
        if let pytorch, pytorch.points != points {
            throw BenchmarkError("\(pytorchPath!) timed \(pytorch.points) points, this run \(points); "
                                + "pass --points \(pytorch.points)")
        }

        var generator = MT19937(seed: 42)
        let (x, y) = FakeData(count: points, a: 3, b: 8, generator: &generator).tensors()
        let model = TensorRegression(a: generator.standardNormal(), b: generator.standardNormal(),
                                     learningRate: 1e-3)
        for _ in 0..<200 { model.update(x, y) }
        let clock = ContinuousClock()
        let best = (0..<5).map { _ in
            clock.measure { for _ in 0..<steps { model.update(x, y) } }
        }.min()!
        let ours = (Double(best.components.seconds) * 1e6 + Double(best.components.attoseconds) * 1e-12)
            / Double(steps)

        print("full-batch SGD step, \(points) points, float32 (best of 5 runs of \(steps) steps)")
        print("  lesson6 tensor engine (cpu):  \(String(format: "%8.1f", ours)) µs")
        if let jsonPath {
            let report = Report(framework: "lesson6 (Swift)", threads: ProcessInfo.processInfo.activeProcessorCount,
                                points: points, microsecondsPerStep: ours)
            try JSONReport.write(report, to: jsonPath)
        }
        if let pytorch {
            let theirs = pytorch.microsecondsPerStep
            print("  \(pytorch.framework) (\(pytorch.threads) threads):  \(String(format: "%8.1f", theirs)) µs")
            print("  lesson6 is \(String(format: "%.1f", max(ours, theirs) / min(ours, theirs)))× "
                  + (ours <= theirs ? "faster" : "slower"))
        }
    }

    static func readReport(_ path: String) throws -> Report {
        try JSONReport.read(path, as: "the JSON of Benchmarks/pytorch/sgd.py --json")
    }
}

