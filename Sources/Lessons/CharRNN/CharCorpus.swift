import Foundation

/// A text as the character models see it: the lecture's
///
/// ```python
/// text = open(f'{PATH}nietzsche.txt').read()
/// chars = sorted(list(set(text))); chars.insert(0, "\0")
/// idx = [char_indices[c] for c in text]
/// ```
///
/// `text[:limit]` when a limit is given (a slice of the corpus for quick runs and CI),
/// with the vocabulary of that slice; lowercased when asked, as the sequel's
/// `data.Field(lower=True, tokenize=list)` reads it.
public struct CharCorpus: Sendable {
    public let vocabulary: Vocabulary
    /// `idx`: every character of the text as its index in `vocabulary`.
    public let indices: [Int32]

    public init(text: String, limit: Int? = nil, lowercase: Bool = false) {
        let slice = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit ?? Int.max)))
        let characters = Array((lowercase ? slice.lowercased() : slice).unicodeScalars)
        let vocabulary = Vocabulary(of: characters)
        self.vocabulary = vocabulary
        indices = characters.map { vocabulary.index(of: $0)! }
    }

    /// Reads the UTF-8 text file at `path`: any text, the lecture's or the user's
    /// (`lesson6 chars --text FILE`). A file that is not UTF-8, or holds a NUL (the
    /// vocabulary's reserved index 0, and the mark of a binary file), is refused with the
    /// line and column of the first such byte.
    public init(contentsOf path: String, limit: Int? = nil, lowercase: Bool = false) throws(CorpusError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CorpusError(path: path, problem: "cannot be read: \(error.localizedDescription)")
        }
        var scalars = String.UnicodeScalarView()
        var bytes = data.makeIterator(), decoder = UTF8()
        var offset = 0, line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                guard scalar != "\0" else {
                    throw CorpusError(path: path, problem: "holds a NUL byte at line \(line), column \(column) "
                                      + "(byte \(offset)): a binary file, not text")
                }
                scalars.append(scalar)
                offset += UTF8.width(scalar)
                (line, column) = scalar == "\n" ? (line + 1, 1) : (line, column + 1)
            case .emptyInput:
                break decoding
            case .error:
                throw CorpusError(path: path, problem: "is not UTF-8 text: an invalid byte at line \(line), "
                                  + "column \(column) (byte \(offset))")
            }
        }
        self.init(text: String(scalars), limit: limit, lowercase: lowercase)
        guard indices.count >= Self.shortest else {
            let limitNote = limit.map { " (limit \($0))" } ?? ""
            throw CorpusError(path: path, problem: "has \(indices.count) characters\(limitNote); "
                              + "the character models need at least \(Self.shortest)")
        }
    }

    /// Enough characters for a validation split of a few windows of each kind.
    public static let shortest = 200

    /// `len(text)`.
    public var count: Int { indices.count }
}

/// A corpus file that cannot be used, and why.
public struct CorpusError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String

    public var description: String { "\(path) \(problem)" }
}
