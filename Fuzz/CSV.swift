import Foundation
import Toolkit

// libFuzzer target `csv`: the input is a CSV file's bytes, read the way `lesson6` reads its
// data (`CSVTable(contentsOfFile:)`, so that bytes that are not UTF-8 arrive as they would
// from disk), with a header and `,` and again without one and with tab separators; then
// every column is converted to each kind of field. Any `CSVError` is a good answer; a trap,
// a memory error, a leak or a hang is a finding.

/// The one file this process rewrites for every input: in memory (`/dev/shm`) where there
/// is one, since rewriting a file on disk costs a flush each time and slows fuzzing tenfold.
private let url = (FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
                   : FileManager.default.temporaryDirectory).appendingPathComponent("fuzz-csv-\(getpid()).csv")

/// Called by libFuzzer once, before the first input: the file goes when the run ends.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    atexit { try? FileManager.default.removeItem(at: url) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        try Data(bytes: data, count: size).write(to: url)
    } catch {
        fatalError("fuzz csv: cannot write \(url.path): \(error)")
    }
    let path = url.path
    for (separator, hasHeader) in [(",", true), ("\t", false)] as [(Unicode.Scalar, Bool)] {
        guard let table = try? CSVTable(contentsOfFile: path, separator: separator, hasHeader: hasHeader) else {
            continue
        }
        for position in 0..<table.columnCount {
            _ = try? table.column(position, as: String.self)
            _ = try? table.column(position, as: Int.self)
            _ = try? table.column(position, as: Double.self)
            _ = try? table.column(position, as: Float?.self)
        }
        for name in table.columnNames ?? [] {
            _ = try? table.column(name, as: Int?.self)
        }
        for row in 0..<table.rowCount {
            precondition(table.line(ofRow: row) >= 1, "fuzz csv: row \(row) starts on line \(table.line(ofRow: row))")
        }
    }
    return 0
}
