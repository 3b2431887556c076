import Foundation
import Lessons
import Tensor
import TensorCUDA
import Toolkit

/// `lesson6-bench gpu-matmul`: GFLOP/s of the CUDA backend's SGEMM on square matrices,
/// n = 512 … 8192, beside cuBLAS's SGEMM on the same operands when `libcublas` is found
/// (see `CUBLAS`), with the ratio; and, once per size, our product checked against
/// cuBLAS's within 2·k·ε·(|A|·|B|)ᵢⱼ. Written as JSON and as a markdown table.
///
/// Each sample launches the product enough times to last `--sample-seconds`, then
/// waits for the GPU (`cuCtxSynchronize`) and reads the wall clock: time per product,
/// best of `--repeats` samples, after a warm-up (see `Timing`). Both write into a
/// result allocated once, so the kernel alone is timed. Without cuBLAS ours is timed
/// alone, and the report says where cuBLAS was looked for.
enum GPUMatmulBenchmark: Command {
    static let name = "gpu-matmul"
    static let summary = "GFLOP/s of our CUDA SGEMM beside cuBLAS's, n = 512…8192 (needs an NVIDIA GPU)"

    /// What `--json` writes.
    struct Report: Codable {
        /// `NVIDIA H200 (sm_90, 132 SMs), driver CUDA 13.0, NVRTC 13.0`.
        let device: String
        /// `cuBLAS 13.0.1 (path)`, or `not found: …` with where it was looked for.
        let cublas: String
        let repeats: Int
        let results: [Result]
    }

    /// One kernel on one size.
    struct Result: Codable {
        let n: Int
        let kernel: String
        let bestMilliseconds: Double
        let medianMilliseconds: Double
        /// 2n³ over the best time.
        let gflops: Double
        /// cuBLAS's best time and rate on the same operands, when cuBLAS was found.
        let cublasMilliseconds: Double?
        let cublasGflops: Double?
        /// Ours over cuBLAS's GFLOP/s: 0.5 is half cuBLAS's speed.
        let ratio: Double?
        /// Ours against cuBLAS's product (when cuBLAS was found).
        let check: CheckResult?
    }

    static func run(_ arguments: inout Arguments) throws {
        let sizeList = try arguments.option("sizes", default: "512,1024,2048,4096,8192",
                                            help: "comma-separated matrix sizes n (n×n·n×n)")
        let repeats = try arguments.option("repeats", default: 5, help: "timed samples per size")
        let sampleSeconds = try arguments.option("sample-seconds", default: 0.05, help: "least duration of one sample")
        let allKernels = arguments.flag("all-kernels", help: "time the simple twin sgemm1_tiled too")
        let jsonPath = try arguments.option("json", default: "gpu-matmul.json", help: "where to write the JSON report")
        let markdownPath = try arguments.option("markdown", default: "gpu-matmul.md",
                                                help: "where to write the markdown table")
        try arguments.finish()
        let sizes = try sizeList.split(separator: ",").map { word in
            guard let n = Int(word), (1...46340).contains(n) else {
                throw Arguments.Failure.badValue(option: "--sizes", value: sizeList,
                                                 expected: "a comma-separated list of sizes in 1...46340")
            }
            return n
        }
        guard repeats >= 1 else {
            throw Arguments.Failure.badValue(option: "--repeats", value: "\(repeats)", expected: "a positive integer")
        }
        let backend = try requireCUDA()
        print("device: \(backend.deviceDescription)")
        let cublas: CUBLAS?
        let cublasDescription: String
        do {
            let loaded = try CUBLAS(on: backend)
            (cublas, cublasDescription) = (loaded, loaded.description)
            print("reference: \(loaded.description)")
        } catch {
            (cublas, cublasDescription) = (nil, "not found: \(error)")
            print("cuBLAS: not found; timing ours alone.\n\(error)")
        }
        let kernels: [CUDABackend.MatmulKernel] = [.doubleBuffered, .registerBlocked] + (allKernels ? [.tiled] : [])

        var results: [Result] = []
        for n in sizes {
            let a = Tensor.uniform([n, n], low: -1, high: 1, seed: 1, on: backend).storage
            let b = Tensor.uniform([n, n], low: -1, high: 1, seed: 2, on: backend).storage
            let c = backend.allocate(n * n)
            func time(_ operation: () throws(CUDAError) -> Void) throws(CUDAError) -> Timing {
                try Timing(repeats: repeats, sampleSeconds: sampleSeconds, clock: .wall,
                           finish: backend.synchronize, operation)
            }
            let reference = try cublas.map { cublas throws(CUDAError) in
                try time { () throws(CUDAError) in try cublas.multiply(a, b, into: c, m: n, n: n, k: n) }
            }
            for kernel in kernels {
                let operand = { (x: Storage) in
                    MatrixOperand(storage: x, offset: 0, transposed: false, leadingDimension: n, batchStride: 0)
                }
                let ours = try time { backend.matmul(operand(a), operand(b), m: n, n: n, k: n, batch: 1,
                                                     kernel: kernel, into: c) }
                let check = try cublas?.check(c, a: a, b: b, m: n, n: n, k: n, name: kernel.rawValue)
                let result = Result(n: n, kernel: kernel.rawValue, timing: ours, reference: reference, check: check)
                print(row(result))
                if let check, !check.passed { print("FAILED: \(check)") }
                results.append(result)
            }
        }
        let report = Report(device: backend.deviceDescription, cublas: cublasDescription, repeats: repeats,
                            results: results)
        try JSONReport.write(report, to: jsonPath)
        try writeAtomically(markdown(report), to: markdownPath)
        let failed = results.filter { $0.check?.passed == false }.count
        guard failed == 0 else { throw BenchmarkError("\(failed) of \(results.count) products differ from cuBLAS's") }
        print("wrote \(jsonPath) and \(markdownPath)")
    }

    static func row(_ result: Result) -> String {
        var line = String(format: "n %5d  ", result.n)
            + result.kernel.padding(toLength: 24, withPad: " ", startingAt: 0)
            + String(format: " %9.3f ms %9.1f GFLOP/s", result.bestMilliseconds, result.gflops)
        if let theirs = result.cublasGflops, let ratio = result.ratio, let check = result.check {
            line += String(format: "   cuBLAS %9.1f GFLOP/s   ours/cuBLAS %.2f   worst |Δ|/allowed %.3g",
                           theirs, ratio, check.worstRatio)
        }
        return line
    }

    static func markdown(_ report: Report) -> String {
        var lines = ["# GPU matmul: our SGEMM and cuBLAS's", "", "Device: \(report.device)", "",
                     report.cublas.hasPrefix("not found")
                        ? "cuBLAS: not found; ours alone was timed.\n\n```\n\(report.cublas)\n```"
                        : "Reference: \(report.cublas)",
                     "", "C = A·B, n×n float32, A and B uniform in [−1, 1]; best of \(report.repeats) samples, "
                        + "wall clock after synchronising. |Δ|/allowed: the worst element's difference from "
                        + "cuBLAS over 2·k·ε·(|A|·|B|)ᵢⱼ (≤ 1 passes).", "",
                     "| n | kernel | ours ms | ours GFLOP/s | cuBLAS ms | cuBLAS GFLOP/s | ours / cuBLAS | "
                        + "\\|Δ\\|/allowed | check |",
                     "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "—" }
        lines += report.results.map { result in
            let verdict = result.check.map { $0.passed ? "ok" : "**FAILED**" } ?? "—"
            return "| \(result.n) | \(result.kernel) | \(number(result.bestMilliseconds, "%.3f")) | "
                + "\(number(result.gflops, "%.1f")) | \(number(result.cublasMilliseconds, "%.3f")) | "
                + "\(number(result.cublasGflops, "%.1f")) | \(number(result.ratio, "%.2f")) | "
                + "\(number(result.check?.worstRatio, "%.3g")) | \(verdict) |"
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension GPUMatmulBenchmark.Result {
    init(n: Int, kernel: String, timing: Timing, reference: Timing?, check: CheckResult?) {
        let operations = 2 * Double(n) * Double(n) * Double(n)
        self.init(n: n, kernel: kernel, bestMilliseconds: timing.bestSeconds * 1e3,
                  medianMilliseconds: timing.medianSeconds * 1e3, gflops: operations / timing.bestSeconds / 1e9,
                  cublasMilliseconds: reference.map { $0.bestSeconds * 1e3 },
                  cublasGflops: reference.map { operations / $0.bestSeconds / 1e9 },
                  ratio: reference.map { $0.bestSeconds / timing.bestSeconds }, check: check)
    }
}
