import Foundation
import TestSupport
import Testing

/// The JSON that `lesson6-bench`'s CPU benchmarks write for side-by-side comparisons:
/// the keys of the PyTorch scripts beside them, and the peak resident memory of the
/// epoch benchmarks. They run the built `lesson6-bench` on small settings.
@Suite(.enabled(if: benchmarkBinary != nil, "lesson6-bench is not built (swift build --build-tests)"))
struct BenchmarkCommandTests {
    /// Runs `words` plus `--json FILE` and returns the JSON object written.
    func report(_ words: [String]) throws -> [String: Any] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, output) = try #require(try runBenchmark(words + ["--json", path]))
        try #require(status == 0, "lesson6-bench \(words.joined(separator: " ")): \(output)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(object as? [String: Any])
    }

    /// `sgd --json` writes `Benchmarks/pytorch/sgd.py`'s keys, the step a positive time.
    @Test func sgdWritesTheScriptsKeys() throws {
        let json = try report(["sgd", "--steps", "5", "--points", "100"])
        #expect(Set(json.keys) == ["framework", "threads", "points", "microseconds_per_step"])
        let microseconds = try #require(json["microseconds_per_step"] as? Double)
        #expect(microseconds > 0 && microseconds.isFinite, "\(microseconds)")
        #expect(json["points"] as? Int == 100)
    }

    /// `tabular --json` reports the process's peak resident memory in MiB: at least the
    /// 8 MiB that the model's 542,505 parameters take with their gradients and Adam's two
    /// moments (4 floats each), and less than the 24 GiB machine.
    @Test(.enabled(if: sharedBikeSharing != nil, "bike-sharing/hour.csv not found (LESSON6_DATA, ./data)"))
    func tabularReportsPeakMemory() throws {
        let data = try #require(sharedBikeSharing)
        let json = try report(["tabular", "--data", data.path, "--epochs", "1"])
        let peak = try #require(json["peak_rss_mb"] as? Double)
        #expect(peak > 8 && peak < 24_576, "\(peak) MiB")
    }

    /// `chars --model gru` times the sequel's stateful GRU and says so in its report, so
    /// that `--compare` can refuse a report of another model.
    @Test(.enabled(if: sharedNietzsche != nil, "Nietzsche not found (LESSON6_DATA, ./data)"))
    func charsNamesItsModel() throws {
        let data = try #require(sharedNietzsche)
        let json = try report(["chars", "--model", "gru", "--limit", "20000", "--data", data.path])
        #expect(json["model"] as? String == "gru")
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.count == 1 && (history[0]["valid_loss"] as? Double)?.isFinite == true)
    }

    /// `threads` prints one row per piece size: the size, then the one-piece time and each
    /// of the three hand-offs' time and cost, every one a finite number.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2, "needs 2 cores"))
    func threadsPrintsARowPerPiece() throws {
        let (status, output) = try #require(try runBenchmark(["threads", "--pieces", "20,40", "--repeats", "1"]))
        try #require(status == 0, "\(output)")
        let rows = output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
            .filter { $0.count == 8 }
        #expect(rows.map { $0[0] } == [20, 40], "\(output)")
        #expect(rows.allSatisfy { row in row.allSatisfy(\.isFinite) && row[1] > 0 }, "\(output)")
    }

    /// A piece size that is not a positive number is refused, naming the option.
    @Test func threadsRefusesABadPieceSize() throws {
        let (status, output) = try #require(try runBenchmark(["threads", "--pieces", "10,0"]))
        #expect(status == 2 && output.contains("--pieces"), "\(output)")
    }
}
