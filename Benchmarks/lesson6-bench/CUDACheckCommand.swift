import Foundation
import Lessons
import Tensor
import TensorCUDA
import Toolkit

/// `lesson6-bench cuda-check`: on a machine with an NVIDIA GPU, every primitive of the
/// CUDA backend and a training step against the CPU backend (`BackendChecks`), then the
/// speed of the main kernels; written as JSON and as a markdown table. Without a GPU it
/// says why, in both files too. `Benchmarks/gpu-check.sh` runs it on a lent GPU machine.
enum CUDACheckCommand: Command {
    static let name = "cuda-check"
    static let summary = "CUDA backend vs CPU on every primitive, and kernel speeds (needs an NVIDIA GPU)"

    /// What `--json` writes.
    struct Report: Codable {
        let available: Bool
        /// `NVIDIA H200 (sm_90, 132 SMs), driver CUDA 13.0, NVRTC 13.0`, or why there is no GPU.
        let device: String
        let checks: [CheckResult]
        let timings: [KernelTiming]
        /// Available, and every comparison passed.
        let passed: Bool

        init(device: String, available: Bool, checks: [CheckResult] = [], timings: [KernelTiming] = []) {
            (self.device, self.available, self.checks, self.timings) = (device, available, checks, timings)
            passed = available && checks.allSatisfy(\.passed)
        }
    }

    /// One kernel's speed: the best and median time per call (each call waits for the
    /// GPU and includes allocating its result, as the tensor engine does) and the rate.
    struct KernelTiming: Codable {
        let kernel: String
        let shape: String
        let bestMilliseconds: Double
        let medianMilliseconds: Double
        /// GFLOP/s for matmul, GB/s (bytes read and written) for the others, from the best time.
        let rate: Double
        let unit: String
    }

    static func run(_ arguments: inout Arguments) throws {
        let jsonPath = try arguments.option("json", default: "cuda-check.json", help: "where to write the JSON report")
        let markdownPath = try arguments.option("markdown", default: "cuda-check.md",
                                                help: "where to write the markdown tables")
        let checksOnly = arguments.flag("checks-only", help: "skip the kernel timings")
        try arguments.finish()
        let backend: CUDABackend
        do {
            backend = try CUDABackend.make()
        } catch {
            let report = Report(device: "no GPU: \(error)", available: false)
            try write(report, json: jsonPath, markdown: markdownPath)
            throw BenchmarkError("no GPU: \(error)")
        }
        print("device: \(backend.deviceDescription)")
        var checks: [CheckResult] = []
        for check in BackendChecks.all {
            let results = check(backend)
            checks += results
            for result in results where !result.passed { print("FAILED: \(result)") }
            print("\(check.name): \(results.allSatisfy(\.passed) ? "ok" : "FAILED") (\(results.count) comparisons)")
        }
        let timings = checksOnly ? [] : measure(backend)
        for timing in timings {
            print("\(timing.kernel) \(timing.shape): \(String(format: "%.3f", timing.bestMilliseconds)) ms, "
                  + "\(String(format: "%.1f", timing.rate)) \(timing.unit)")
        }
        let report = Report(device: backend.deviceDescription, available: true, checks: checks, timings: timings)
        try write(report, json: jsonPath, markdown: markdownPath)
        let failed = checks.filter { !$0.passed }.count
        guard failed == 0 else { throw BenchmarkError("\(failed) of \(checks.count) comparisons failed") }
        print("all \(checks.count) comparisons passed; wrote \(jsonPath) and \(markdownPath)")
    }

    /// Both SGEMMs on square matrices and a lesson-sized product, and the bandwidth of
    /// an elementwise add, a row sum and a softmax.
    static func measure(_ backend: CUDABackend) -> [KernelTiming] {
        func time(_ kernel: String, _ shape: String, work: Double, unit: String,
                  _ operation: () -> Storage) -> KernelTiming {
            let timing = Timing(repeats: 5, sampleSeconds: 0.05, clock: .wall) {
                _ = operation()
                backend.synchronize()
            }
            return KernelTiming(kernel: kernel, shape: shape, bestMilliseconds: timing.bestSeconds * 1e3,
                                medianMilliseconds: timing.medianSeconds * 1e3,
                                rate: work / timing.bestSeconds / 1e9, unit: unit)
        }
        var timings: [KernelTiming] = []
        for (m, n, k) in [(512, 256, 42), (1024, 1024, 1024), (2048, 2048, 2048), (4096, 4096, 4096)] {
            let a = Tensor.uniform([m, k], low: -1, high: 1, seed: 1, on: backend).storage
            let b = Tensor.uniform([k, n], low: -1, high: 1, seed: 2, on: backend).storage
            let left = MatrixOperand(storage: a, offset: 0, transposed: false, leadingDimension: k, batchStride: 0)
            let right = MatrixOperand(storage: b, offset: 0, transposed: false, leadingDimension: n, batchStride: 0)
            for kernel in CUDABackend.MatmulKernel.allCases {
                timings.append(time(kernel.rawValue, "\(m)×\(k)·\(k)×\(n)", work: 2 * Double(m * n * k),
                                    unit: "GFLOP/s") {
                    backend.matmul(left, right, m: m, n: n, k: k, batch: 1, kernel: kernel)
                })
            }
        }
        let (rows, columns) = (16384, 4096)
        let count = rows * columns, bytes = Double(count * MemoryLayout<Float>.stride)
        let x = Tensor.uniform([rows, columns], low: -1, high: 1, seed: 3, on: backend).storage
        let layout = Layout(contiguous: [rows, columns])
        let shape = "[\(rows), \(columns)]"
        timings.append(time("binary add", shape, work: 3 * bytes, unit: "GB/s") {
            backend.binary(.add, x, layout, x, layout)
        })
        timings.append(time("reduce_rows sum", shape, work: bytes, unit: "GB/s") {
            backend.reduce(.sum, x, layout, axis: 1)
        })
        timings.append(time("reduce_columns sum", shape, work: bytes, unit: "GB/s") {
            backend.reduce(.sum, x, layout, axis: 0)
        })
        timings.append(time("softmax", shape, work: 2 * bytes, unit: "GB/s") {
            backend.softmax(x, layout, log: false)
        })
        return timings
    }

    static func write(_ report: Report, json: String, markdown: String) throws {
        // A NaN against a number, or any error where only exact is allowed, is infinitely off.
        try JSONReport.write(report, to: json)
        try writeAtomically(markdownTables(report), to: markdown)
    }

    static func markdownTables(_ report: Report) -> String {
        guard report.available else { return "# CUDA backend check\n\n```\n\(report.device)\n```\n" }
        var lines = ["# CUDA backend check", "", "Device: \(report.device)", ""]
        let failed = report.checks.filter { !$0.passed }.count
        lines += ["\(report.checks.count - failed) of \(report.checks.count) comparisons with the CPU backend passed.",
                  "", "| check | inputs | elements | max abs error | worst error / allowed | tolerance | result |",
                  "| --- | --- | ---: | ---: | ---: | --- | --- |"]
        // A `|` inside a cell (as in |x|) would end it.
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        lines += report.checks.map { check in
            "| \(check.name) | \(cell(check.detail)) | \(check.elements) | \(String(format: "%.3g", check.maxError)) | "
                + "\(String(format: "%.3g", check.worstRatio)) | \(cell(check.tolerance)) | "
                + "\(check.passed ? "ok" : "**FAILED**") |"
        }
        if !report.timings.isEmpty {
            lines += ["", "| kernel | shape | best ms | median ms | rate |", "| --- | --- | ---: | ---: | ---: |"]
            lines += report.timings.map { timing in
                "| \(timing.kernel) | \(timing.shape) | \(String(format: "%.3f", timing.bestMilliseconds)) | "
                    + "\(String(format: "%.3f", timing.medianMilliseconds)) | "
                    + "\(String(format: "%.1f", timing.rate)) \(timing.unit) |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
