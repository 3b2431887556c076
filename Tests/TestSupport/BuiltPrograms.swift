import Foundation

/// Runs the `lesson6-bench` built with the tests with `words` (and `environment` added to
/// this process's), and returns its exit status and its output (standard output, then
/// standard error); nil when the binary is not built.
public func runBenchmark(_ words: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, output: String)? {
    try benchmarkBinary.map { try runProgram($0, words, environment: environment) }
}

/// Runs the `lesson6` built with the tests as a separate process, as a user runs it:
/// its exit status and what it printed (standard output, then standard error); nil
/// when the binary is not built.
public func runLesson6Process(_ words: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, output: String)? {
    try lesson6Binary.map { try runProgram($0, words, environment: environment) }
}

private func runProgram(_ binary: String, _ words: [String], environment: [String: String]) throws
    -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = words
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe(), errors = Pipe()
    (process.standardOutput, process.standardError) = (output, errors)
    try process.run()
    let text = output.fileHandleForReading.readDataToEndOfFile() + errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: text, as: UTF8.self))
}

/// The `lesson6-bench` that `swift build --build-tests` and `swift test` build beside the
/// test bundle.
public let benchmarkBinary = builtProgram("lesson6-bench")

/// The `lesson6` that `swift build --build-tests` and `swift test` build beside the test
/// bundle.
public let lesson6Binary = builtProgram("lesson6")

/// A product of the package built beside the test bundle: in the bundle's folder (or
/// above it, where the bundle is a directory), else in the package's `.build/debug`.
private func builtProgram(_ name: String) -> String? {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let folders = [bundle.deletingLastPathComponent(),
                   bundle.deletingLastPathComponent().deletingLastPathComponent(),
                   package.appendingPathComponent(".build/debug")]
    return folders.map { $0.appendingPathComponent(name).path }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
