import Testing
@testable import Lessons

/// Which ratings validate: a validation file appended to the ratings, the folds of
/// cross-validation, and the validation rows the training rows say nothing about.
struct CollabSplitTests {
    static let ratings = try! CollabFilterDataset(users: ["a", "a", "b", "c"], items: ["x", "y", "x", "z"],
                                                  ratings: [1, 2, 3, 4])

    /// A validation row is unseen when its user or its item is in no training row.
    @Test func unseenRowsAreCounted() {
        #expect(CollabSplit(dataset: Self.ratings, validation: [0]).unseen == 0, "a and x train in rows 1 and 2")
        #expect(CollabSplit(dataset: Self.ratings, validation: [1]).unseen == 1, "only row 1 has y")
        #expect(CollabSplit(dataset: Self.ratings, validation: [3]).unseen == 1, "only row 3 has c and z")
        #expect(CollabSplit(dataset: Self.ratings, validation: [2, 3]).unseen == 2, "b, then c and z")
        #expect(CollabSplit(dataset: Self.ratings, validation: [0]).unseenNote == nil)
    }

    /// Every row validates in exactly one fold; the folds differ in size by at most one;
    /// the same seed deals the same folds.
    @Test func foldsPartitionTheRows() throws {
        let users = (0..<10).map { "u\($0 % 4)" }, items = (0..<10).map { "i\($0 % 3)" }
        let dataset = try CollabFilterDataset(users: users, items: items, ratings: (0..<10).map(Float.init))
        let folds = CollabSplit.folds(of: dataset, count: 3, seed: 42)
        #expect(folds.map(\.validation.count).sorted() == [3, 3, 4])
        #expect(folds.flatMap(\.validation).sorted() == Array(0..<10))
        #expect(folds.allSatisfy { $0.validation == $0.validation.sorted() })
        #expect(CollabSplit.folds(of: dataset, count: 3, seed: 42).map(\.validation) == folds.map(\.validation))
        #expect(CollabSplit.folds(of: dataset, count: 3, seed: 7).map(\.validation) != folds.map(\.validation))
    }

    /// A validation file's rows follow the ratings', its ids numbered with theirs: an id
    /// only it has gets an embedding row of its own.
    @Test func appendingNumbersTheIdsTogether() throws {
        let later = try CollabFilterDataset(users: ["b", "d"], items: ["w", "x"], ratings: [5, 2])
        let both = try Self.ratings.appending(later, source: "both")
        #expect(both.count == 6 && both.ratings == [1, 2, 3, 4, 5, 2])
        #expect(both.users.categories == ["a", "b", "c", "d"] && both.items.categories == ["x", "y", "z", "w"])
        #expect(both.userIndices == [0, 0, 1, 2, 1, 3] && both.itemIndices == [0, 1, 0, 2, 3, 0])
        #expect(both.ratingRange == 1...5)
        #expect(CollabSplit(dataset: both, validation: [4, 5]).unseen == 2, "w, then d")
    }
}
