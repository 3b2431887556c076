/// The command line of one `lesson6` (or `lesson6-bench`) subcommand: `--name value`
/// options and `--flag`s.
///
/// A command asks for each option it knows (with a default and a line of help), then
/// calls `finish()`, which rejects anything left over and answers `--help` with the
/// list of the options asked for. No argument-parsing package: the project has none.
public struct Arguments {
    /// What went wrong on the command line, said so that the user can fix it.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unknownOption(String)
        case missingValue(option: String)
        case badValue(option: String, value: String, expected: String)
        case unexpected(String)
        /// Not an error: the user asked for `--help`; the text is the usage.
        case help(String)

        public var description: String {
            switch self {
            case .unknownOption(let name): "unknown option '\(name)' (see --help)"
            case .missingValue(let option): "option '\(option)' needs a value"
            case .badValue(let option, let value, let expected):
                "option '\(option)': '\(value)' is not \(expected)"
            case .unexpected(let word): "unexpected argument '\(word)' (see --help)"
            case .help(let text): text
            }
        }
    }

    /// The program the command belongs to, for the usage line.
    public let program: String
    public let command: String
    public let summary: String
    private var words: [String]
    private var usage: [(String, String)] = []

    public init(program: String = "lesson6", command: String, summary: String, _ words: [String]) {
        self.program = program
        self.command = command
        self.summary = summary
        self.words = words
    }

    /// The value after `--name`, converted to `T`, or `defaultValue` when absent.
    public mutating func option<T: LosslessStringConvertible>(
        _ name: String, default defaultValue: T, help: String
    ) throws -> T {
        usage.append(("--\(name) \(placeholder(T.self))", "\(help) (default: \(defaultValue))"))
        return try value(name).map { try convert($0, name) } ?? defaultValue
    }

    /// The value after `--name` converted to `T`, or nil when absent.
    public mutating func option<T: LosslessStringConvertible>(_ name: String, help: String) throws -> T? {
        usage.append(("--\(name) \(placeholder(T.self))", help))
        return try value(name).map { try convert($0, name) }
    }

    /// The value after `--name`, which must be one of `choices`.
    public mutating func choice(_ name: String, _ choices: [String], default defaultValue: String,
                                help: String) throws -> String {
        usage.append(("--\(name) \(choices.joined(separator: "|"))", "\(help) (default: \(defaultValue))"))
        guard let given = try value(name) else { return defaultValue }
        guard choices.contains(given) else {
            throw Failure.badValue(option: "--\(name)", value: given,
                                   expected: "one of \(choices.joined(separator: ", "))")
        }
        return given
    }

    /// Whether `--name` is present.
    public mutating func flag(_ name: String, help: String) -> Bool {
        usage.append(("--\(name)", help))
        guard let i = words.firstIndex(of: "--\(name)") else { return false }
        words.remove(at: i)
        return true
    }

    /// Call after asking for every option: throws `.help` for `--help`, and an error
    /// for any word no option took.
    public func finish() throws {
        if words.contains("--help") || words.contains("-h") { throw Failure.help(helpText) }
        if let word = words.first {
            throw word.hasPrefix("-") ? Failure.unknownOption(word) : Failure.unexpected(word)
        }
    }

    public var helpText: String {
        let all = usage + [("--help", "show this help")]
        let width = all.map(\.0.count).max() ?? 0
        let lines = all.map { "  \($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.1)" }
        return (["usage: \(program) \(command) [options]", "", summary, "", "options:"] + lines)
            .joined(separator: "\n")
    }

    /// How `--help` shows an option's value: `TEXT`, `INT`, `DOUBLE`, …
    private func placeholder<T>(_ type: T.Type) -> String {
        T.self == String.self ? "TEXT" : "\(T.self)".uppercased()
    }

    private mutating func value(_ name: String) throws -> String? {
        guard let i = words.firstIndex(of: "--\(name)") else { return nil }
        guard i + 1 < words.count, !words[i + 1].hasPrefix("--") else {
            throw Failure.missingValue(option: "--\(name)")
        }
        let value = words[i + 1]
        words.removeSubrange(i...i + 1)
        return value
    }

    private func convert<T: LosslessStringConvertible>(_ text: String, _ name: String) throws -> T {
        guard let value = T(text), (value as? Double)?.isFinite ?? true else {
            let expected = T.self == Int.self ? "an integer" : T.self == Double.self ? "a number" : "a \(T.self)"
            throw Failure.badValue(option: "--\(name)", value: text, expected: expected)
        }
        return value
    }
}
