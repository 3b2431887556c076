/// Which column of a CSV file to read: by its header name (`"userId"`) or by its
/// position, counting from 0 as pandas' `iloc` does (`2` for the rating of a
/// headerless `user item rating timestamp` file such as MovieLens 100k's `u.data`).
///
///     let user: ColumnReference = "userId"   // or 0
public enum ColumnReference: Sendable, Equatable, CustomStringConvertible,
                             ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case named(String)
    case position(Int)

    /// A command-line word: a whole number is a position, anything else a name.
    public init(parsing word: String) {
        if let position = Int(word), position >= 0, word.allSatisfy(\.isASCII) {
            self = .position(position)
        } else {
            self = .named(word)
        }
    }

    public init(stringLiteral name: String) {
        self = .named(name)
    }

    public init(integerLiteral position: Int) {
        self = .position(position)
    }

    public var description: String {
        switch self {
        case .named(let name): "'\(name)'"
        case .position(let position): "at position \(position)"
        }
    }
}

extension CSVTable {
    /// The column `reference` names, each field converted to `T`.
    public func column<T: CSVField>(_ reference: ColumnReference, as type: T.Type = T.self) throws(CSVError) -> [T] {
        switch reference {
        case .named(let name): try column(name, as: type)
        case .position(let position): try column(position, as: type)
        }
    }
}
