import Foundation
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// A trained model put to use: recommendations for a user and items near an item, on a
/// small data set whose factors the test sets by hand.
struct RecommendationTests {
    /// Three users and five items: u0 rated i0 and i1, u1 rated i0, i2 and i4, u2 rated
    /// i0 to i3; i0 has three ratings, i1 and i2 two, i3 and i4 one.
    static func learner() throws -> CollabFilterLearner {
        let pairs = [("u0", "i0"), ("u0", "i1"), ("u1", "i0"), ("u1", "i2"),
                     ("u2", "i0"), ("u2", "i1"), ("u2", "i2"), ("u2", "i3"), ("u1", "i4")]
        let cf = try CollabFilterDataset(users: pairs.map(\.0), items: pairs.map(\.1),
                                         ratings: [4, 3, 5, 2, 1, 4, 3, 5, 2], source: "pairs")
        var generator = MT19937(seed: 4)
        let model = EmbeddingDotBias(users: 3, items: 5, factors: 2, ratingRange: cf.ratingRange,
                                     generator: &generator)
        // Item factors: i1 = 2·i0 (the same direction), i2 ⟂ i0, i3 = −i0, i4 between i0 and i2.
        withoutGrad {
            model.itemFactors.weight.copy(from: Tensor([1, 0, 2, 0, 0, 1, -1, 0, 1, 1], shape: [5, 2]))
        }
        return CollabFilterLearner(dataset: cf, model: model, validation: [0], optimizer: { Adam($0) },
                                   output: .silent)
    }

    @Test func recommendationsLeaveOutWhatTheUserRated() throws {
        let learn = try Self.learner()
        let list = try learn.recommendations(forUser: "u0", top: 10) { "title \($0)" }
        #expect(Set(list.map(\.id)) == ["i2", "i3", "i4"], "u0 rated i0 and i1")
        #expect(list.map(\.score) == list.map(\.score).sorted(by: >), "highest first")
        for item in list {
            expectAllClose([item.score], [Double(try learn.predict(user: "u0", item: item.id))], atol: 1e-6, rtol: 0,
                           "the listed rating is the model's prediction")
            #expect(item.title == "title \(item.id)")
        }
        #expect(try learn.recommendations(forUser: "u0", top: 1) { $0 }.count == 1)
        // i3 and i4 have one rating each, i2 two: a minimum of two leaves i2 alone.
        #expect(try learn.recommendations(forUser: "u0", top: 10, minimumRatings: 2) { $0 }.map(\.id) == ["i2"])
        #expect(try learn.recommendations(forUser: "u2", top: 10) { $0 }.map(\.id) == ["i4"])
        #expect(throws: CollabFilterError.self) { try learn.recommendations(forUser: "u9", top: 3) { $0 } }
    }

    @Test func similarItemsGoByTheCosineOfTheirFactors() throws {
        let learn = try Self.learner()
        let list = try learn.similarItems(to: "i0", top: 10) { $0 }
        #expect(list.map(\.id) == ["i1", "i4", "i2", "i3"], "same direction, 45°, 90°, opposite; i0 itself left out")
        expectAllClose(list.map(\.score), [1, 0.5.squareRoot(), 0, -1], atol: 1e-6, rtol: 0, "cosines")
        #expect(try learn.similarItems(to: "i0", top: 10, minimumRatings: 2) { $0 }.map(\.id) == ["i1", "i2"])
        #expect(throws: CollabFilterError.self) { try learn.similarItems(to: "i9", top: 3) { $0 } }
    }
}
