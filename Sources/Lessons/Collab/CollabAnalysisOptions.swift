import Toolkit

/// The options `collab-recommend` and `collab-similar` share: how long a list, which
/// items may be on it, and where their titles are.
struct CollabAnalysisOptions {
    var top: Int
    var minimumRatings: Int
    var titlesFile: String?

    init(_ arguments: inout Arguments) throws {
        top = try arguments.option("top", default: 10, help: "how many items to list")
        minimumRatings = try arguments.option("min-ratings", default: 10,
                                              help: "list only items rated at least this many times")
        titlesFile = try arguments.option("titles", help: "item titles, a CSV of movieId,title (default: the data "
                                          + "directory's ml-latest-small/movies.csv with its ratings; else ids)")
        for (option, value) in [("--top", top), ("--min-ratings", minimumRatings)] where value < 1 {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "a positive integer")
        }
    }

    /// The ratings, the trained learner, and how to name an item.
    func learner(_ options: CollabOptions) throws -> (CollabFilterLearner, (String) -> String) {
        let split = try options.split()
        let titles = try options.titles(titlesFile)
        print(CollabLesson.describe(split.dataset, from: try options.sources()))
        let learn = try options.trainedLearner(split)
        return (learn, { id in titles?[id] ?? "item \(id)" })
    }
}
