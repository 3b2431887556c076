import Foundation

/// A CSV file in memory, read column by column the way the lecture reads a pandas
/// `DataFrame`:
///
/// ```swift
/// let ratings = try CSVTable(contentsOfFile: path)              // pd.read_csv(path)
/// let rating = try ratings.column("rating", as: Double.self)   // ratings.rating
/// let movies = try CSVTable(contentsOfFile: "u.data", separator: "\t", hasHeader: false,
///                           names: ["userId", "movieId", "rating", "timestamp"])
/// ```
///
/// The file is split into fields once (see `CSVParser`); a column is converted to its
/// type when asked for, and a field that does not convert is an error naming the file,
/// line and column. A UTF-8 byte order mark at the start is skipped.
public struct CSVTable: Sendable {
    /// The file as the caller named it, for messages.
    public let file: String
    /// The column names from the header line or from `names:`; nil for a file without
    /// header read without names.
    public let columnNames: [String]?
    /// Data rows, the header not counted.
    public let rowCount: Int
    public let columnCount: Int

    /// The file's bytes, followed by unquoted copies of fields that held doubled quotes.
    private let bytes: [UInt8]
    /// Field `k` is `bytes[fields[2k]..<fields[2k+1]]`, row-major, header row included.
    private let fields: [Int]
    private let rowLines: [Int]
    /// 1 when the first row is the header.
    private let firstRow: Int
    /// The line the column names were read from, for errors about them; nil when they
    /// were given with `names:` or there are none.
    private let namesLine: Int?

    /// Reads the file at `path` (`pd.read_csv(path, sep=separator)`).
    ///
    /// - Parameters:
    ///   - separator: the ASCII character between fields: `","`, `"\t"`, `"|"`, `";"`…
    ///   - hasHeader: whether the first line names the columns (`header=None` is `false`).
    ///   - names: column names to use instead of the header's, or for a file without one.
    public init(contentsOfFile path: String, separator: Unicode.Scalar = ",", hasHeader: Bool = true,
                names: [String]? = nil) throws(CSVError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CSVError(file: path, "cannot be read (\(error.localizedDescription))")
        }
        try self.init(bytes: [UInt8](data), file: path, separator: separator, hasHeader: hasHeader, names: names)
    }

    /// Reads CSV text held in memory; `name` stands for the file in messages.
    public init(parsing text: String, name: String = "<text>", separator: Unicode.Scalar = ",",
                hasHeader: Bool = true, names: [String]? = nil) throws(CSVError) {
        try self.init(bytes: Array(text.utf8), file: name, separator: separator, hasHeader: hasHeader, names: names)
    }

    private init(bytes input: [UInt8], file: String, separator: Unicode.Scalar, hasHeader: Bool,
                 names: [String]?) throws(CSVError) {
        precondition(separator.isASCII && !"\"\r\n".unicodeScalars.contains(separator),
                     "CSVTable: the separator must be an ASCII character other than a quote or line break, "
                     + "got \(separator.escaped(asASCII: true))")
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = input.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        let parser = try input.withUnsafeBufferPointer { (bytes) throws(CSVError) in
            try CSVParser(bytes, from: start, separator: UInt8(ascii: separator), file: file)
        }
        guard !parser.rowLines.isEmpty else { throw CSVError(file: file, "the file is empty") }
        self.file = file
        bytes = input + parser.unescaped
        fields = parser.fields
        rowLines = parser.rowLines
        columnCount = parser.columnCount
        firstRow = hasHeader ? 1 : 0
        rowCount = rowLines.count - firstRow
        if let names {
            guard names.count == columnCount else {
                throw CSVError(file: file, "\(names.count) names given for \(columnCount) columns")
            }
            columnNames = names
            namesLine = nil
        } else if hasHeader {
            var header: [String] = []
            let headerLine = parser.rowLines[0]
            for column in 0..<columnCount {
                header += try Self.convert(bytes, fields, columnCount: columnCount, rows: 0..<1,
                                           column: column) { _, text in
                    CSVError(file: file, line: headerLine, "header field \(column + 1): '\(text)' is not UTF-8 text")
                }
            }
            columnNames = header
            namesLine = headerLine
        } else {
            columnNames = nil
            namesLine = nil
        }
    }

    /// The column called `name`, each field converted to `T` (`df[name]`).
    public func column<T: CSVField>(_ name: String, as type: T.Type = T.self) throws(CSVError) -> [T] {
        guard let columnNames else {
            throw CSVError(file: file, "no column '\(name)': the file has no header (give the names with names:)")
        }
        let positions = columnNames.indices.filter { columnNames[$0] == name }
        guard let position = positions.first else {
            throw CSVError(file: file, line: namesLine,
                           "no column '\(name)' (columns: \(columnNames.joined(separator: ", ")))")
        }
        guard positions.count == 1 else {
            throw CSVError(file: file, line: namesLine, "column name '\(name)' is ambiguous (columns "
                           + "\(positions.map { String($0 + 1) }.joined(separator: " and ")))")
        }
        return try column(position, as: type)
    }

    /// The column at `position` (counting from 0, `df.iloc[:, position]`), converted to `T`.
    public func column<T: CSVField>(_ position: Int, as type: T.Type = T.self) throws(CSVError) -> [T] {
        guard (0..<columnCount).contains(position) else {
            throw CSVError(file: file, "no column at position \(position): the file has \(columnCount) "
                           + "column\(columnCount == 1 ? "" : "s") (positions 0..<\(columnCount))")
        }
        let label = columnNames.map { "column '\($0[position])' (\(position + 1))" } ?? "column \(position + 1)"
        return try Self.convert(bytes, fields, columnCount: columnCount, rows: firstRow..<rowLines.count,
                                column: position) {
            CSVError(file: file, line: rowLines[$0], "\(label): '\($1)' is not \(T.expected)")
        }
    }

    /// The line of the file that data row `row` (from 0, the header not counted) starts on,
    /// for messages about a value found wrong after it was read.
    public func line(ofRow row: Int) -> Int {
        guard (0..<rowCount).contains(row) else {
            fatalError("CSVTable.line(ofRow:): row \(row) of a table of \(rowCount) rows")
        }
        return rowLines[firstRow + row]
    }

    /// Column `column` of `rows` converted to `T`; `failure(row, text)` is the error for a
    /// field that does not convert.
    private static func convert<T: CSVField>(
        _ bytes: [UInt8], _ fields: [Int], columnCount: Int, rows: Range<Int>, column: Int,
        failure: (_ row: Int, _ text: String) -> CSVError
    ) throws(CSVError) -> [T] {
        try bytes.withUnsafeBufferPointer { (bytes) throws(CSVError) in
            var values: [T] = []
            values.reserveCapacity(rows.count)
            for row in rows {
                let k = 2 * (row * columnCount + column)
                let field = UnsafeBufferPointer(rebasing: bytes[fields[k]..<fields[k + 1]])
                guard let value = T(csvField: field) else {
                    let text = String(decoding: field, as: UTF8.self)
                    throw failure(row, text.count > 40 ? text.prefix(40) + "…" : text)
                }
                values.append(value)
            }
            return values
        }
    }
}
