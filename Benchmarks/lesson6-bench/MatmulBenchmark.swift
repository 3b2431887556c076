import Foundation
import Lessons
import Random
import Tensor
import Toolkit

/// `lesson6-bench matmul`: GFLOP/s of `Gemm.multiply` on square matrices and on every
/// product the lessons' training runs (`MatmulShape.all`), on each requested thread
/// count, side by side with numpy's when given `Benchmarks/numpy_matmul.py`'s JSON
/// (which times the shapes `--list-shapes` prints).
enum MatmulBenchmark: Command {
    static let name = "matmul"
    static let summary = "GFLOP/s of Gemm.multiply (square and lesson shapes), optionally against numpy"

    /// What `--json` writes and `--compare` reads; `numpy_matmul.py` writes the same.
    struct Report: Codable {
        let implementation: String
        let kernel: String
        /// `wall` or `cpu` (see `Timing.Clock`).
        let clock: String
        let results: [Result]
    }

    struct Result: Codable {
        let shape: String
        let m: Int, n: Int, k: Int, threads: Int
        let bestSeconds: Double, medianSeconds: Double
        /// 2·m·n·k floating-point operations over the best and the median time.
        let gflops: Double, medianGflops: Double

        init(_ shape: MatmulShape, threads: Int, timing: Timing) {
            (self.shape, m, n, k, self.threads) = (shape.label, shape.m, shape.n, shape.k, threads)
            (bestSeconds, medianSeconds) = (timing.bestSeconds, timing.medianSeconds)
            (gflops, medianGflops) = (shape.operations / bestSeconds / 1e9, shape.operations / medianSeconds / 1e9)
        }
    }

    static func run(_ arguments: inout Arguments) throws {
        let threadList: String = try arguments.option("threads", default: "1,2", help: "comma-separated thread counts")
        let repeats = try arguments.option("repeats", default: 7, help: "timed samples per shape")
        let sampleSeconds = try arguments.option("sample-seconds", default: 0.05,
                                                 help: "least duration of one sample")
        let clock = try arguments.choice("clock", Timing.Clock.allCases.map(\.rawValue), default: "wall",
                                         help: "wall time, or process CPU time (for a crowded machine)")
        let only: String? = try arguments.option("only", help: "measure only the shapes whose label contains this")
        let jsonPath: String? = try arguments.option("json", help: "write the results as JSON to this file")
        let comparePath: String? = try arguments.option("compare", help: "numpy_matmul.py's JSON, to print ratios")
        let listShapes = arguments.flag("list-shapes", help: "print the shapes as JSON (for numpy_matmul.py) and stop")
        try arguments.finish()
        if listShapes {
            try JSONReport.print(MatmulShape.all)
            return
        }
        let threadCounts = try threadList.split(separator: ",").map { word in
            guard let count = Int(word), count >= 1 else {
                throw Arguments.Failure.badValue(option: "--threads", value: threadList,
                                                 expected: "a comma-separated list of positive integers")
            }
            return count
        }
        let numpy: Report? = try comparePath.map {
            try JSONReport.read($0, as: "a matmul report (from numpy_matmul.py or --json)")
        }

        var results: [Result] = []
        for shape in MatmulShape.all where only.map(shape.label.contains) ?? true {
            for threads in threadCounts {
                results.append(measure(shape, threads: threads, repeats: repeats, sampleSeconds: sampleSeconds,
                                       clock: Timing.Clock(rawValue: clock)!))
            }
        }
        let report = Report(implementation: "lesson6 Gemm.multiply", kernel: CPUFeatures.simdPath.rawValue,
                            clock: clock, results: results)
        printTable(report, against: numpy, repeats: repeats)
        if let jsonPath { try JSONReport.write(report, to: jsonPath) }
    }

    /// Times `C = op(A)·op(B)` on random operands (`MT19937`, seed 0), each stored as
    /// `op` reads it: a transposed A as k×m, a transposed B as n×k.
    static func measure(_ shape: MatmulShape, threads: Int, repeats: Int, sampleSeconds: Double,
                        clock: Timing.Clock) -> Result {
        var random = MT19937(seed: 0)
        let a = (0..<shape.m * shape.k).map { _ in Float(random.uniform(-1, 1)) }
        let b = (0..<shape.k * shape.n).map { _ in Float(random.uniform(-1, 1)) }
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        Gemm.threads = threads
        let timing = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Timing(repeats: repeats, sampleSeconds: sampleSeconds, clock: clock) {
                        Gemm.multiply(transposeA: shape.transposeA, transposeB: shape.transposeB,
                                      m: shape.m, n: shape.n, k: shape.k, alpha: 1,
                                      a: a.baseAddress!, lda: shape.transposeA ? shape.m : shape.k,
                                      b: b.baseAddress!, ldb: shape.transposeB ? shape.k : shape.n,
                                      beta: 0, c: c.baseAddress!, ldc: shape.n)
                    }
                }
            }
        }
        return Result(shape, threads: threads, timing: timing)
    }

    /// One row per shape and thread count: best GFLOP/s (median in brackets), and
    /// numpy's and the ratio when there is a numpy report.
    static func printTable(_ report: Report, against numpy: Report?, repeats: Int) {
        func rate(_ result: Result) -> String {
            String(format: "%7.1f (%5.1f)", result.gflops, result.medianGflops)
        }
        print("matmul GFLOP/s by \(report.clock) clock, best of \(repeats) (median), "
              + "\(report.implementation) [\(report.kernel)]"
              + (numpy.map { " vs \($0.implementation) [\($0.kernel)], \($0.clock) clock" } ?? ""))
        if let numpy, numpy.clock != report.clock {
            print("note: numpy was timed by the \(numpy.clock) clock, these by the \(report.clock) clock")
        }
        let width = (report.results.map(\.shape.count).max() ?? 0) + 2
        var header = "shape".padding(toLength: width, withPad: " ", startingAt: 0) + "threads        ours"
        if numpy != nil { header += "           numpy   ratio" }
        print(header)
        for result in report.results {
            var line = result.shape.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "%7d  ", result.threads) + rate(result)
            if let numpy {
                let same = { (theirs: Result) in (theirs.shape, theirs.threads) == (result.shape, result.threads) }
                if let theirs = numpy.results.first(where: same) {
                    line += "  " + rate(theirs) + String(format: "  %5.2f", result.gflops / theirs.gflops)
                } else {
                    line += "  (not measured)"
                }
            }
            print(line)
        }
    }
}

/// A benchmark that cannot run, with what to fix.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
