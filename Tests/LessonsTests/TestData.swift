import Foundation
import Lessons

/// The data directory for tests that read the real data sets: the data-directory rule
/// (`LESSON6_DATA`, else `./data`), else the project's read-only shared copy beside the
/// checkout (`../shared/data`); nil when neither holds MovieLens, and those tests skip.
let sharedMovieLens: DataDirectory? = {
    let shared = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data").path
    return [DataDirectory(option: nil), DataDirectory(option: shared)].first {
        (try? $0.path(of: .movieLensRatings)) != nil && (try? $0.path(of: .movieLensMovies)) != nil
    }
}()
