import Foundation
import Testing
import TensorCUDA

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

    /// Runs `lesson6-bench words` and returns its exit status and its output (stdout, then stderr).
    func runBench(_ words: [String]) throws -> (status: Int32, output: String) {
        let binary = try #require(Self.binary, "lesson6-bench is not built: run swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = words
        let output = Pipe(), errors = Pipe()
        (process.standardOutput, process.standardError) = (output, errors)
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile() + errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }

    /// The `lesson6-bench` built with the tests: in the folder of the test bundle (or above
    /// it, where the bundle is a directory), else in the package's `.build/debug`.
    static let binary: String? = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folders = [bundle.deletingLastPathComponent(),
                       bundle.deletingLastPathComponent().deletingLastPathComponent(),
                       package.appendingPathComponent(".build/debug")]
        return folders.map { $0.appendingPathComponent("lesson6-bench").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
