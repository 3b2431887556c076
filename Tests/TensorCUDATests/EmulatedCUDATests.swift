import Foundation
import Testing
import TestSupport

/// The first of c++, clang++, g++ on PATH.
private let cxxCompiler: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return ["c++", "clang++", "g++"].lazy.flatMap { name in folders.map { "\($0)/\(name)" } }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// The CUDA backend's checks with no GPU, on the emulator of `Benchmarks/cuda-offline`: a
/// stand-in CUDA driver and NVRTC that compile the backend's kernels with the host's C++
/// compiler and run each GPU thread as a CPU thread (see Docs/CUDA.md, "Without a GPU").
/// Every comparison of `lesson6-bench cuda-check --checks-only` — each primitive on
/// strided and broadcast views, the three SGEMMs, a training step — must pass against the
/// CPU backend, so a kernel or launch that computes the wrong thing fails here, on any
/// machine. Needs a C++20 compiler (the Swift toolchain's clang++ will do).
@Suite(.enabled(if: cxxCompiler != nil, "no C++ compiler (c++, clang++ or g++) on PATH"))
struct EmulatedCUDATests {
    /// `Benchmarks/cuda-offline`, from this file's place in the package.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/cuda-offline").path

    @Test func everyCheckPassesOnTheEmulator() throws {
        let compiler = try #require(cxxCompiler)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cuda-emulator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (driver, nvrtc) = (folder.appendingPathComponent("libcuda-emulated.so").path,
                               folder.appendingPathComponent("libnvrtc-emulated.so").path)
        try compile(compiler, ["-o", driver, "\(Self.sources)/emulated_driver.cpp"])
        try compile(compiler, ["-DDEVICE_HEADER=\"\(Self.sources)/cuda_device.h\"", "-o", nvrtc,
                               "\(Self.sources)/emulated_nvrtc.cpp"])

        let report = folder.appendingPathComponent("cuda-check.json").path
        let run = try #require(try runBenchmark(["cuda-check", "--checks-only", "--json", report, "--markdown",
                                                 folder.appendingPathComponent("cuda-check.md").path],
                                                environment: ["CUDA_DRIVER_LIBRARY": driver, "NVRTC_LIBRARY": nvrtc,
                                                              "CUDA_EMULATOR_CXX": compiler]),
                               "lesson6-bench is not built: run swift build --build-tests")
        #expect(run.status == 0, "\(run.output)")
        let checks = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: report))).checks
        #expect(checks.count >= 90, "every check of BackendChecks ran")
        for check in checks where !check.passed { Issue.record("\(check.name) [\(check.detail)]: \(check.tolerance)") }
    }

    /// The part of `cuda-check --json` read here.
    struct Report: Decodable {
        struct Check: Decodable {
            let name: String, detail: String, tolerance: String, passed: Bool
        }
        let checks: [Check]
    }

    /// Builds a shared library with `compiler`, failing with its messages.
    func compile(_ compiler: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: compiler)
        process.arguments = ["-std=c++20", "-O2", "-shared", "-fPIC", "-pthread"] + arguments
        let messages = Pipe()
        process.standardError = messages
        try process.run()
        let text = String(decoding: messages.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(compiler) failed: \(text)")
    }
}
