import Foundation

/// Reads the JSON report at `path` that a benchmark's `--json` or its Python twin
/// wrote (snake_case keys); `kind` names the report in errors ("a matmul report (from
/// numpy_matmul.py or --json)").
func readJSONReport<Report: Decodable>(_ type: Report.Type, from path: String, kind: String) throws -> Report {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw BenchmarkError("cannot read \(path): \(error.localizedDescription)")
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
        return try decoder.decode(type, from: data)
    } catch {
        throw BenchmarkError("\(path) is not \(kind): \(error)")
    }
}
