import Foundation
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// Reading ratings files: the lecture's MovieLens CSV, other layouts, and the errors of
/// files that cannot be learned from.
struct CollabFilterDatasetTests {
    /// Writes `text` to a file of its own and returns its path.
    func file(_ text: String, _ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collab-tests-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func numbersUsersAndItemsInOrderOfFirstAppearance() throws {
        let path = try file("userId,movieId,rating,timestamp\n7,31,2.5,1\n3,31,4,2\n7,10,5,3\n9,10,1,4\n7,99,3.5,5\n",
                            "small.csv")
        let cf = try CollabFilterDataset(contentsOfFile: path, user: "userId", item: "movieId", rating: "rating")
        #expect(cf.users.categories == ["7", "3", "9"])
        #expect(cf.items.categories == ["31", "10", "99"])
        #expect(cf.userIndices == [0, 1, 0, 2, 0])
        #expect(cf.itemIndices == [0, 0, 1, 1, 2])
        #expect(cf.ratings == [2.5, 4, 5, 1, 3.5])
        #expect(cf.ratingRange == 1...5)
        #expect(cf.count == 5)
        #expect(cf.ratingCounts == [2, 2, 1])
        #expect(cf.mostRatedItems(2) == [0, 1])
        #expect(try cf.userIndex("9") == 2)
        #expect(try cf.itemIndex("99") == 2)
    }

    /// MovieLens 100k's `u.data`: tab-separated, no header, columns by position; names
    /// may be any text.
    @Test func readsHeaderlessTabSeparatedFilesByPosition() throws {
        let path = try file("196\t242\t3\t881250949\n186\t302\t3\t891717742\nann\t242\t1\t0\n", "u.data")
        let cf = try CollabFilterDataset(contentsOfFile: path, user: 0, item: 1, rating: 2, separator: "\t",
                                         hasHeader: false)
        #expect(cf.users.categories == ["196", "186", "ann"])
        #expect(cf.items.categories == ["242", "302"])
        #expect(cf.ratingRange == 1...3)
        #expect(ColumnReference(parsing: "2") == .position(2))
        let named = #expect(throws: CollabFilterError.self) {
            try CollabFilterDataset(contentsOfFile: path, user: "userId", item: 1, rating: 2, separator: "\t",
                                    hasHeader: false)
        }
        #expect(named == .namedColumnWithoutHeader(file: path, name: "userId"))
        #expect(ColumnReference(parsing: "userId") == .named("userId"))
    }

    @Test func unknownColumnIsAnError() throws {
        let path = try file("userId,movieId,rating\n1,2,3\n1,3,4\n", "columns.csv")
        let error = #expect(throws: CSVError.self) {
            try CollabFilterDataset(contentsOfFile: path, user: "userId", item: "movieId", rating: "score")
        }
        #expect(error?.description == "\(path):1: no column 'score' (columns: userId, movieId, rating)")
        let position = #expect(throws: CSVError.self) {
            try CollabFilterDataset(contentsOfFile: path, user: 0, item: 1, rating: 3)
        }
        #expect(position?.description.contains("no column at position 3: the file has 3 columns") == true)
    }

    @Test func nonNumericRatingIsAnErrorWithItsLine() throws {
        let path = try file("userId,movieId,rating\n1,2,3\n1,3,good\n", "words.csv")
        let error = #expect(throws: CSVError.self) { try CollabFilterDataset(contentsOfFile: path) }
        #expect(error?.description == "\(path):3: column 'rating' (3): 'good' is not a number in Float's range")
    }

    @Test func fileWithoutRatingsIsAnError() throws {
        let path = try file("userId,movieId,rating\n", "empty.csv")
        let error = #expect(throws: CollabFilterError.self) { try CollabFilterDataset(contentsOfFile: path) }
        #expect(error?.description == "\(path): no ratings (the file has no data rows)")
        let constant = #expect(throws: CollabFilterError.self) {
            try CollabFilterDataset(users: ["a", "b"], items: ["x", "y"], ratings: [4, 4])
        }
        #expect(constant == .constantRatings(file: "<ratings>", value: 4))
    }

    @Test func unknownIdsAreErrors() throws {
        let cf = try CollabFilterDataset(users: ["a", "b"], items: ["x", "y"], ratings: [1, 4])
        #expect(throws: CollabFilterError.unknownUser("c", users: 2)) { try cf.userIndex("c") }
        #expect(throws: CollabFilterError.unknownItem("z", items: 2)) { try cf.itemIndex("z") }
        #expect(CollabFilterError.unknownUser("c", users: 2).description
                == "user 'c' is not in the ratings (2 users); the model has no factors for it")
    }

    /// The shared MovieLens copy, as the lecture reads it: the counts of its edition
    /// (the lecture's October 2016 one, or GroupLens's current September 2018 one).
    @Test(.enabled(if: sharedMovieLensEdition != nil,
                   "MovieLens not found (set LESSON6_DATA), or of an unknown edition"))
    func readsTheLecturesRatings() throws {
        let path = try sharedMovieLens!.path(of: .movieLensRatings)
        let cf = try CollabFilterDataset(contentsOfFile: path, user: "userId", item: "movieId", rating: "rating")
        let edition = sharedMovieLensEdition!.counts
        #expect(cf.count == edition.ratings)
        #expect(cf.users.count == edition.users)
        #expect(cf.items.count == edition.movies)
        #expect(cf.ratingRange == 0.5...5)
        let titles = try MovieTitles(contentsOfFile: try sharedMovieLens!.path(of: .movieLensMovies))
        #expect(titles[cf.items[cf.mostRatedItems(1)[0]]] == "Forrest Gump (1994)")
        #expect(titles["-1"] == "(movie -1: no title)")
    }
}
