/// A CSV file that cannot be read as asked, said the way compilers say it:
/// `ratings.csv:17: column 'rating' (3): 'abc' is not a number`.
///
/// Line numbers count the file's lines from 1 (a row with a quoted line break spans
/// several, and is named by its first); column numbers count from 1 too, as editors do.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    /// The file as the caller named it.
    public let file: String
    /// The line of the problem, or nil when it concerns the whole file.
    public let line: Int?
    public let message: String

    init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
