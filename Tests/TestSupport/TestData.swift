import Foundation
import Toolkit

/// The data directory for tests that read the real data sets: the data-directory rule
/// (`LESSON6_DATA`, else `./data`), else the project's read-only shared copy beside the
/// checkout (`../shared/data`); nil when neither holds MovieLens, and those tests skip.
public let sharedMovieLens = dataDirectory(holding: [.movieLensRatings, .movieLensMovies])

/// The editions of MovieLens latest-small: the lecture's, and the one `scripts/download-data.sh`
/// gets from GroupLens today. Users, movies and ratings differ, so do the trained numbers.
public enum MovieLensEdition: Sendable {
    /// October 2016, which the lecture used: 100004 ratings, 671 users, 9066 rated movies.
    case october2016
    /// September 2018, served since: 100836 ratings, 610 users, 9724 rated movies.
    case september2018

    /// Told apart by the number of ratings.
    public init?(ratings: Int) {
        switch ratings {
        case 100_004: self = .october2016
        case 100_836: self = .september2018
        default: return nil
        }
    }

    /// (ratings, users, rated movies).
    public var counts: (ratings: Int, users: Int, movies: Int) {
        switch self {
        case .october2016: (100_004, 671, 9066)
        case .september2018: (100_836, 610, 9724)
        }
    }
}

/// The edition of `sharedMovieLens`, from its ratings file's line count (nil without the
/// data, or for a file of another size).
public let sharedMovieLensEdition: MovieLensEdition? = {
    guard let path = try? sharedMovieLens?.path(of: .movieLensRatings),
          let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return MovieLensEdition(ratings: text.split(separator: "\n").count - 1)
}()

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
