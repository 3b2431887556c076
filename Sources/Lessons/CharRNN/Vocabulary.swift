/// The characters a character model reads and writes, each with its index: the
/// lecture's
///
/// ```python
/// chars = sorted(list(set(text)))
/// chars.insert(0, "\0")
/// char_indices = {c: i for i, c in enumerate(chars)}
/// indices_char = {i: c for i, c in enumerate(chars)}
/// ```
///
/// A "character" is a Unicode scalar, as one element of a Python string is, so the
/// order (by code point) and the count (85 for Nietzsche) are Python's. Index 0 is
/// "\0", which the text never holds: the lecture reserves it for padding.
public struct Vocabulary: Equatable, Sendable {
    /// `chars`: the characters in index order.
    public let characters: [Unicode.Scalar]
    /// `char_indices`.
    private let indices: [Unicode.Scalar: Int32]

    /// The sorted distinct characters of `text`, after "\0".
    public init(of text: some Sequence<Unicode.Scalar>) {
        self.init(characters: ["\0"] + Set(text).subtracting(["\0"]).sorted())
    }

    /// The given characters in index order (read back from a checkpoint); they must
    /// be distinct.
    public init(characters: [Unicode.Scalar]) {
        guard Set(characters).count == characters.count else {
            fatalError("Vocabulary: characters repeat in \(characters.map { $0.escaped(asASCII: true) })")
        }
        self.characters = characters
        indices = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($0.element, Int32($0.offset)) })
    }

    /// `vocab_size`.
    public var count: Int { characters.count }

    /// `char_indices[c]`, or nil for a character outside the vocabulary.
    public func index(of character: Unicode.Scalar) -> Int32? {
        indices[character]
    }

    /// `[char_indices[c] for c in text]`; throws for the first character outside the
    /// vocabulary, saying where it is.
    public func indices(of text: String, what: String = "text") throws(UnknownCharacter) -> [Int32] {
        try text.unicodeScalars.enumerated().map { position, character throws(UnknownCharacter) in
            guard let index = indices[character] else {
                throw UnknownCharacter(character: character, position: position, what: what, vocabulary: self)
            }
            return index
        }
    }

    /// `''.join(indices_char[i] for i in indices)`.
    public func text(_ indices: some Sequence<Int32>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: indices.map { characters[Int($0)] })
        return String(text)
    }
}

/// A character that a vocabulary does not hold: a prompt the model cannot read.
public struct UnknownCharacter: Error, CustomStringConvertible, Equatable {
    public let character: Unicode.Scalar
    /// Its position in the text, counted in characters from 0.
    public let position: Int
    /// What the text was: "prompt", "text".
    public let what: String
    public let vocabulary: Vocabulary

    public var description: String {
        let shown = vocabulary.characters.dropFirst().map { $0.escaped(asASCII: false) }.joined()
        return "\(what): character '\(character.escaped(asASCII: false))' (U+\(hex(character.value))) at "
            + "position \(position) is not in the model's vocabulary of \(vocabulary.count) characters: \(shown)"
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
