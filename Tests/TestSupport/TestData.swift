import Foundation
import Toolkit

/// The data directory for tests that read the real data sets: the data-directory rule
/// (`LESSON6_DATA`, else `./data`), else the project's read-only shared copy beside the
/// checkout (`../shared/data`); nil when neither holds MovieLens, and those tests skip.
public let sharedMovieLens = dataDirectory(holding: [.movieLensRatings, .movieLensMovies])

/// The data directory holding the bike-sharing hours, by the same rule; nil when none
/// does, and the tests that read them skip.
public let sharedBikeSharing = dataDirectory(holding: [.bikeSharingHours])

/// The first of the data-directory rule's directory and `../shared/data` that holds every one of `files`.
public func dataDirectory(holding files: [DataFile]) -> DataDirectory? {
    let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data").path
    return [DataDirectory(option: nil), DataDirectory(option: shared)].first { directory in
        files.allSatisfy { (try? directory.path(of: $0)) != nil }
    }
}
