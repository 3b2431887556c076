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

    /// Reads the UTF-8 text file at `path`.
    public init(contentsOf path: String, limit: Int? = nil, lowercase: Bool = false) throws(CorpusError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CorpusError(path: path, problem: "cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CorpusError(path: path, problem: "is not UTF-8 text")
        }
        self.init(text: text, limit: limit, lowercase: lowercase)
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
