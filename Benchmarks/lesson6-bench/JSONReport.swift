import Foundation
import Lessons
import Toolkit

/// The JSON reports benchmarks write with `--json` and read with `--compare`: keys in
/// snake case, as the Python scripts beside them (`numpy_matmul.py`, `chars.py`) write.
enum JSONReport {
    /// Reads the report at `path`; `what` names the kind of report in the error.
    static func read<Report: Decodable>(_ path: String, as what: String) throws -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw BenchmarkError("cannot read \(path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(Report.self, from: data)
        } catch {
            throw BenchmarkError("\(path) is not \(what): \(error)")
        }
    }

    /// Writes `report` to `path`, atomically; an infinity or NaN (a comparison
    /// infinitely off) is written as the string "inf", "-inf" or "nan".
    static func write(_ report: some Encodable, to path: String) throws {
        try writeAtomically(encoded(report), to: path)
    }

    /// Prints `report` to standard output, as `write` would write it.
    static func print(_ report: some Encodable) throws {
        Swift.print(String(decoding: try encoded(report), as: UTF8.self))
    }

    private static func encoded(_ report: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return try encoder.encode(report)
    }
}
