import Foundation
import Testing
import TensorCUDA
import TestSupport

/// The GPU benchmarks of `lesson6-bench` on a machine without a GPU: each stops at once
/// with exit status 1 and `CUDA unavailable:` and the reason, before timing anything.
/// They run the built `lesson6-bench` (which `swift build --build-tests` and `swift test`
/// build beside the test bundle); on a machine with a GPU they are skipped, since there
/// the commands run for real (see `Benchmarks/gpu-check.sh`).
@Suite(.enabled(if: (try? CUDABackend.make()) == nil, "a GPU is present: the commands would run"))
struct GPUBenchmarkCommandTests {
    @Test func gpuMatmulExplainsMissingCUDA() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gpu-matmul-\(UUID().uuidString)").path
        let (status, output) = try runBench(["gpu-matmul", "--sizes", "512", "--json", "\(folder)/m.json",
                                             "--markdown", "\(folder)/m.md"])
        #expect(status == 1)
        #expect(output.hasPrefix("error: gpu-matmul: CUDA unavailable: "), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/m.json"), "nothing is written without a GPU")
    }

    @Test func epochComparisonExplainsMissingCUDA() throws {
        let (status, output) = try runBench(["epochs", "--devices", "cpu,cuda", "--batches", "1"])
        #expect(status == 1)
        #expect(output.hasPrefix("error: epochs: CUDA unavailable: "), "\(output)")
        #expect(!output.contains("CharRnn"), "nothing was timed on the CPU first")
    }

    @Test func badOptionsAreRejected() throws {
        #expect(try runBench(["epochs", "--devices", "cpu,tpu"]).status == 2)
        #expect(try runBench(["epochs", "--models", "CharRnn,LeNet"]).status == 2)
        #expect(try runBench(["epochs", "--batches", "0"]).status == 2)
        #expect(try runBench(["gpu-matmul", "--sizes", "512,x"]).status == 2)
    }

    /// Runs `lesson6-bench words` (see `runBenchmark`), failing when it is not built.
    func runBench(_ words: [String]) throws -> (status: Int32, output: String) {
        try #require(try runBenchmark(words), "lesson6-bench is not built: run swift build --build-tests")
    }
}
