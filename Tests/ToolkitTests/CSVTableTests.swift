import Foundation
import TestSupport
import Testing
@testable import Toolkit

/// One CSV text and what reading it must give: the column names and the rows as text,
/// or the exact error message.
struct CSVCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case table(names: [String]?, rows: [[String]])
        case error(String)
    }

    let label: String
    let text: String
    var separator: Unicode.Scalar = ","
    var hasHeader = true
    let expected: Expected

    var testDescription: String { label }

    init(_ label: String, _ text: String, separator: Unicode.Scalar = ",", hasHeader: Bool = true,
         _ expected: Expected) {
        self.label = label
        self.text = text
        self.separator = separator
        self.hasHeader = hasHeader
        self.expected = expected
    }
}

let csvCases: [CSVCase] = [
    CSVCase("plain", "a,b\n1,2\n3,4\n", .table(names: ["a", "b"], rows: [["1", "2"], ["3", "4"]])),
    CSVCase("no trailing newline", "a,b\n1,2\n3,4", .table(names: ["a", "b"], rows: [["1", "2"], ["3", "4"]])),
    CSVCase("CRLF line ends", "a,b\r\n1,2\r\n3,4\r\n", .table(names: ["a", "b"], rows: [["1", "2"], ["3", "4"]])),
    CSVCase("CRLF, none at the end", "a,b\r\n1,\"2\"", .table(names: ["a", "b"], rows: [["1", "2"]])),
    CSVCase("UTF-8 byte order mark", "\u{FEFF}a,b\n1,2\n", .table(names: ["a", "b"], rows: [["1", "2"]])),
    CSVCase("quoted separator", "id,title\n11,\"American President, The (1995)\"\n",
            .table(names: ["id", "title"], rows: [["11", "American President, The (1995)"]])),
    CSVCase("doubled quotes", "title\n\"11'09\"\"01 - September 11 (2002)\"\n\"\"\"Great\"\" Cats\"\n",
            .table(names: ["title"], rows: [["11'09\"01 - September 11 (2002)"], ["\"Great\" Cats"]])),
    CSVCase("quoted newline", "a,b\n\"line 1\nline 2\",2\n3,4\n",
            .table(names: ["a", "b"], rows: [["line 1\nline 2", "2"], ["3", "4"]])),
    CSVCase("quoted CRLF is kept", "\"x\r\ny\"\r\n", hasHeader: false, .table(names: nil, rows: [["x\r\ny"]])),
    CSVCase("empty fields", "a,b,c\n,,\n1,,3\n", .table(names: ["a", "b", "c"], rows: [["", "", ""], ["1", "", "3"]])),
    CSVCase("empty quoted field", "a,b\n\"\",x\n", .table(names: ["a", "b"], rows: [["", "x"]])),
    CSVCase("trailing separator", "a,b\n1,\n2,", .table(names: ["a", "b"], rows: [["1", ""], ["2", ""]])),
    CSVCase("whitespace is kept", "a,b\n 1 , x \n", .table(names: ["a", "b"], rows: [[" 1 ", " x "]])),
    CSVCase("tab separator without header", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n",
            separator: "\t", hasHeader: false,
            .table(names: nil, rows: [["196", "242", "3", "881250949"], ["186", "302", "3", "891717742"]])),
    CSVCase("pipe separator, commas are text", "a|b\n1,5|x\n", separator: "|",
            .table(names: ["a", "b"], rows: [["1,5", "x"]])),
    CSVCase("header only", "a,b\n", .table(names: ["a", "b"], rows: [])),
    CSVCase("header only, no newline", "a,b", .table(names: ["a", "b"], rows: [])),
    CSVCase("blank lines are skipped", "\na,b\n\n1,2\r\n\r\n3,4\n\n\n",
            .table(names: ["a", "b"], rows: [["1", "2"], ["3", "4"]])),
    CSVCase("non-ASCII text", "title\nAmélie (2001)\n", .table(names: ["title"], rows: [["Amélie (2001)"]])),
    CSVCase("lone carriage return is text", "a\nx\ry\n", .table(names: ["a"], rows: [["x\ry"]])),

    CSVCase("empty file", "", .error("test.csv: the file is empty")),
    CSVCase("only blank lines", "\n\r\n\n", .error("test.csv: the file is empty")),
    CSVCase("byte order mark only", "\u{FEFF}", hasHeader: false, .error("test.csv: the file is empty")),
    CSVCase("unterminated quote", "a,b\n1,\"abc\n2,3\n", .error("test.csv:2: field 2: quoted field never closed")),
    CSVCase("row with too many fields", "a,b\n1,2\n1,2,3\n",
            .error("test.csv:3: row has 3 fields, expected 2 as on line 1")),
    CSVCase("row with too few fields", "a,b\n1\n", .error("test.csv:2: row has 1 field, expected 2 as on line 1")),
    CSVCase("ragged row after a quoted newline", "a,b\n\"x\ny\",2\n3\n",
            .error("test.csv:4: row has 1 field, expected 2 as on line 1")),
    CSVCase("ragged row after leading blank lines", "\n\na,b\n1\n",
            .error("test.csv:4: row has 1 field, expected 2 as on line 3")),
    CSVCase("quote inside an unquoted field", "a,b\n1,x\"y\n",
            .error("test.csv:2: field 2: quote inside an unquoted field "
                   + "(quote the whole field and double the quote: \"a\"\"b\")")),
    CSVCase("text after the closing quote", "a\n\"x\"y\n", .error("test.csv:2: field 1: text after the closing quote")),
]

@Test(arguments: csvCases)
func csvParsing(_ testCase: CSVCase) throws {
    let result = Result { () throws(CSVError) in
        try CSVTable(parsing: testCase.text, name: "test.csv", separator: testCase.separator,
                     hasHeader: testCase.hasHeader)
    }
    switch (testCase.expected, result) {
    case (.table(let names, let rows), .success(let table)):
        #expect(table.columnNames == names)
        #expect(table.rowCount == rows.count)
        let columns = try (0..<table.columnCount).map { try table.column($0, as: String.self) }
        #expect((0..<table.rowCount).map { row in columns.map { $0[row] } } == rows)
    case (.error(let message), .failure(let error)):
        #expect(error.description == message)
    case (_, .success(let table)):
        Issue.record("expected an error, read \(table.rowCount) rows")
    case (_, .failure(let error)):
        Issue.record("unexpected error: \(error)")
    }
}

/// One column read as a type, and the values (as text) or the exact error message that gives.
struct CSVColumnCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable, Equatable {
        case values([String])
        case error(String)
    }

    let label: String
    let text: String
    let read: @Sendable (CSVTable) throws(CSVError) -> [String]
    let expected: Expected

    var testDescription: String { label }

    init<T: CSVField & CustomStringConvertible>(_ label: String, _ text: String, column: String, as type: T.Type,
                                                _ expected: Expected) {
        self.label = label
        self.text = text
        self.read = { (table) throws(CSVError) in try table.column(column, as: T.self).map(\.description) }
        self.expected = expected
    }
}

let csvColumnCases: [CSVColumnCase] = [
    CSVColumnCase("numbers", "rating\n3.5\n4\n-0.5\n1e-3\n+2.\n.25\n", column: "rating", as: Double.self,
                  .values(["3.5", "4.0", "-0.5", "0.001", "2.0", "0.25"])),
    CSVColumnCase("integers with blanks around", "n\n 7 \n-3\n+2\n\t-9223372036854775808\n", column: "n", as: Int.self,
                  .values(["7", "-3", "2", "-9223372036854775808"])),
    // 1 + 2⁻²⁴ + 10⁻²⁹ rounds up to 1 + 2⁻²³ as a Float, but to 1 through a Double (tie to even).
    CSVColumnCase("Float rounds once", "x\n0.1\n1.00000005960464477539062500001\n", column: "x", as: Float.self,
                  .values(["0.1", "1.0000001"])),
    CSVColumnCase("quoted number", "n\n\"42\"\n", column: "n", as: Int.self, .values(["42"])),
    CSVColumnCase("text where a number is asked", "userId,movieId,rating\n1,31,2.5\n1,1029,abc\n",
                  column: "rating", as: Double.self, .error("test.csv:3: column 'rating' (3): 'abc' is not a number")),
    CSVColumnCase("empty field is not a number", "a,rating\nx,\n", column: "rating", as: Double.self,
                  .error("test.csv:2: column 'rating' (2): '' is not a number")),
    CSVColumnCase("nan is not a number", "x\n1\nnan\n", column: "x", as: Double.self,
                  .error("test.csv:3: column 'x' (1): 'nan' is not a number")),
    CSVColumnCase("decimal is not an integer", "n\n3.5\n", column: "n", as: Int.self,
                  .error("test.csv:2: column 'n' (1): '3.5' is not an integer")),
    CSVColumnCase("integer overflow", "n\n9223372036854775808\n", column: "n", as: Int.self,
                  .error("test.csv:2: column 'n' (1): '9223372036854775808' is not an integer")),
    CSVColumnCase("Float overflow", "x\n1e39\n", column: "x", as: Float.self,
                  .error("test.csv:2: column 'x' (1): '1e39' is not a number in Float's range")),
    CSVColumnCase("line of a row after a quoted newline", "t,n\n\"a\nb\",1\nc,x\n", column: "n", as: Int.self,
                  .error("test.csv:4: column 'n' (2): 'x' is not an integer")),
    CSVColumnCase("long field is cut in the message", "n\n\(String(repeating: "x", count: 50))\n", column: "n",
                  as: Int.self,
                  .error("test.csv:2: column 'n' (1): '\(String(repeating: "x", count: 40))…' is not an integer")),
    CSVColumnCase("unknown column name", "userId,rating\n1,2\n", column: "ratin", as: Double.self,
                  .error("test.csv:1: no column 'ratin' (columns: userId, rating)")),
    CSVColumnCase("ambiguous column name", "a,b,a\n1,2,3\n", column: "a", as: Int.self,
                  .error("test.csv:1: column name 'a' is ambiguous (columns 1 and 3)")),
]

@Test(arguments: csvColumnCases)
func csvColumns(_ testCase: CSVColumnCase) throws {
    let table = try CSVTable(parsing: testCase.text, name: "test.csv")
    do throws(CSVError) {
        #expect(CSVColumnCase.Expected.values(try testCase.read(table)) == testCase.expected)
    } catch {
        #expect(CSVColumnCase.Expected.error(error.description) == testCase.expected)
    }
}

@Test func headerlessFileReadByPositionAndByGivenNames() throws {
    let text = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
    let table = try CSVTable(parsing: text, name: "u.data", separator: "\t", hasHeader: false)
    #expect(try table.column(1, as: Int.self) == [242, 302])
    #expect(throws: CSVError(file: "u.data",
                             "no column 'rating': the file has no header (give the names with names:)")) {
        try table.column("rating", as: Double.self)
    }
    #expect(throws: CSVError(file: "u.data", "no column at position 4: the file has 4 columns (positions 0..<4)")) {
        try table.column(4, as: Int.self)
    }
    let named = try CSVTable(parsing: text, name: "u.data", separator: "\t", hasHeader: false,
                             names: ["userId", "movieId", "rating", "timestamp"])
    #expect(try named.column("rating", as: Double.self) == [3, 3])
    #expect(throws: CSVError(file: "u.data", line: 2, "column 3: 'x' is not a number")) {
        try CSVTable(parsing: "1\t2\t3\n1\t2\tx\n", name: "u.data", separator: "\t", hasHeader: false)
            .column(2, as: Double.self)
    }
    #expect(throws: CSVError(file: "u.data", "3 names given for 4 columns")) {
        try CSVTable(parsing: text, name: "u.data", separator: "\t", hasHeader: false, names: ["a", "b", "c"])
    }
}

@Test func namesReplaceTheHeader() throws {
    let table = try CSVTable(parsing: "x,y\n1,2\n", names: ["a", "b"])
    #expect(table.columnNames == ["a", "b"])
    #expect(try table.column("b", as: Int.self) == [2])
}

@Test func fileErrorsNameTheFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-tests-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bad.csv").path
    try writeAtomically(Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]), to: path)  // "a\nb\xFF\n"
    let table = try CSVTable(contentsOfFile: path)
    #expect(throws: CSVError(file: path, line: 2, "column 'a' (1): 'b\u{FFFD}' is not UTF-8 text")) {
        try table.column("a", as: String.self)
    }
    try writeAtomically(Data([0xFF, 0x0A, 0x31, 0x0A]), to: path)
    #expect(throws: CSVError(file: path, line: 1, "header field 1: '\u{FFFD}' is not UTF-8 text")) {
        try CSVTable(contentsOfFile: path)
    }
    let missing = directory.appendingPathComponent("missing.csv").path
    let error = #expect(throws: CSVError.self) { try CSVTable(contentsOfFile: missing) }
    #expect(error?.description.hasPrefix("\(missing): cannot be read (") == true)
}

@Test(.enabled(if: sharedMovieLens != nil, "MovieLens not found (LESSON6_DATA, ./data or ../shared/data)"))
func movieLensRatingsAndMovies() throws {
    let data = try #require(sharedMovieLens)
    let ratings = try CSVTable(contentsOfFile: data.path(of: .movieLensRatings))
    #expect(ratings.columnNames == ["userId", "movieId", "rating", "timestamp"])
    #expect(MovieLensEdition(ratings: ratings.rowCount) != nil, "\(ratings.rowCount) ratings: an unknown edition")
    let rating = try ratings.column("rating", as: Double.self)
    #expect(rating.min() == 0.5 && rating.max() == 5.0)
    #expect(try ratings.column("timestamp", as: Int.self).allSatisfy { $0 >= 789_652_009 })  // 1995-01-09

    let movies = try CSVTable(contentsOfFile: data.path(of: .movieLensMovies))
    #expect(movies.columnNames == ["movieId", "title", "genres"])
    let ids = try movies.column("movieId", as: Int.self), titles = try movies.column("title", as: String.self)
    let title = Dictionary(uniqueKeysWithValues: zip(ids, titles))
    #expect(title[11] == "American President, The (1995)")
    #expect(title[4973] == "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)")
    if MovieLensEdition(ratings: ratings.rowCount) == .october2016 {  // counted with Python's csv module
        #expect(movies.rowCount == 9125)
        #expect(titles.filter { $0.contains(",") }.count == 2125)
        #expect(title[7789] == "11'09\"01 - September 11 (2002)")
        #expect(title[51372] == "\"Great Performances\" Cats (1998)")
        #expect(rating.reduce(0, +) == 354_375)
    }
}
