import Foundation

/// Where the lesson data sets live: `--data DIR`, else the `LESSON6_DATA` environment
/// variable, else `./data` — the lecture's `PATH='data/ml-latest-small/'`, made movable.
///
/// A data set that is missing is an error saying what to run:
/// `MovieLens ratings not found at ./data/ml-latest-small/ratings.csv. Run:
/// scripts/download-data.sh  (or pass --data DIR / set LESSON6_DATA)`.
public struct DataDirectory: Sendable, Equatable {
    /// Where the directory's path came from, to say so when a file is missing.
    public enum Origin: Sendable, Equatable {
        case option, environment, standard
    }

    public static let environmentVariable = "LESSON6_DATA"
    public static let standardPath = "./data"

    public let path: String
    public let origin: Origin

    /// Applies the rule to the `--data` value, if any, and the environment.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let option {
            (path, origin) = (option, .option)
        } else if let value = environment[Self.environmentVariable], !value.isEmpty {
            (path, origin) = (value, .environment)
        } else {
            (path, origin) = (Self.standardPath, .standard)
        }
    }

    /// The path of `file` in this directory; throws `MissingData` when it is not there.
    public func path(of file: DataFile) throws(MissingData) -> String {
        let full = path.hasSuffix("/") ? path + file.relativePath : path + "/" + file.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw MissingData(file: file, path: full, directory: self)
        }
        return full
    }
}

/// A file of a lesson data set, as `scripts/download-data.sh` lays it out.
public struct DataFile: Sendable, Equatable {
    /// What it is, for messages: "MovieLens ratings".
    public let name: String
    /// Its path inside the data directory.
    public let relativePath: String

    public static let movieLensRatings = DataFile(name: "MovieLens ratings",
                                                  relativePath: "ml-latest-small/ratings.csv")
    public static let movieLensMovies = DataFile(name: "MovieLens movies", relativePath: "ml-latest-small/movies.csv")
    public static let nietzsche = DataFile(name: "Nietzsche corpus", relativePath: "nietzsche/nietzsche.txt")
    public static let bikeSharingHours = DataFile(name: "Bike Sharing hours", relativePath: "bike-sharing/hour.csv")
}

/// A data file that is not where the data-directory rule looked; says what to run.
public struct MissingData: Error, CustomStringConvertible, Equatable {
    public let file: DataFile
    public let path: String
    public let directory: DataDirectory

    public var description: String {
        let from = switch directory.origin {
        case .option: " (from --data)"
        case .environment: " (from \(DataDirectory.environmentVariable))"
        case .standard: ""
        }
        let download = directory.origin == .standard ? "scripts/download-data.sh"
                                                      : "scripts/download-data.sh \(shellQuoted(directory.path))"
        return "\(file.name) not found at \(path)\(from). Run: \(download)  "
            + "(or pass --data DIR / set \(DataDirectory.environmentVariable))"
    }
}

/// `text` as one shell word: as it is when it is plain, else in single quotes.
private func shellQuoted(_ text: String) -> String {
    let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-+,:@%=".unicodeScalars.contains($0))
    }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}

extension Arguments {
    /// Reads `--data DIR` and applies the data-directory rule.
    public mutating func dataDirectory() throws -> DataDirectory {
        let option: String? = try option(
            "data", help: "directory of the data sets (default: $\(DataDirectory.environmentVariable), else ./data)")
        return DataDirectory(option: option)
    }
}
