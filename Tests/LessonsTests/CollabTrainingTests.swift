import Foundation
import Random
import Tensor
import Testing
@testable import Lessons
@testable import Toolkit

/// Training the collaborative-filtering learner: on ratings planted from a known
/// low-rank model it must find them again, down to the planted noise; predictions go
/// by the file's ids; checkpoints carry a trained model over.
struct CollabTrainingTests {
    /// 100 users and 120 items with 3 planted factors each and biases; every user rates
    /// a random half of the items, σ(u·v + b_u + b_v)·4 + 1 plus noise of standard
    /// deviation 0.2: 6000 ratings whose best possible mean squared error is 0.04.
    static let planted: CollabFilterDataset = {
        var generator = MT19937(seed: 1960)
        let users = 100, items = 120, factors = 3
        func normals(_ count: Int, _ std: Double) -> [Double] {
            (0..<count).map { _ in generator.standardNormal() * std }
        }
        let u = normals(users * factors, 0.8), v = normals(items * factors, 0.8)
        let bu = normals(users, 0.4), bv = normals(items, 0.4)
        var userIds: [String] = [], itemIds: [String] = [], ratings: [Float] = []
        for user in 0..<users {
            for item in generator.permutation(items).prefix(items / 2) {
                let dot = (0..<factors).reduce(0.0) { $0 + u[user * factors + $1] * v[item * factors + $1] }
                let truth = 4 / (1 + exp(-(dot + bu[user] + bv[item]))) + 1
                userIds.append("user\(user)")
                itemIds.append("item\(item)")
                ratings.append(Float(truth + generator.standardNormal() * 0.2))
            }
        }
        return try! CollabFilterDataset(users: userIds, items: itemIds, ratings: ratings, source: "planted")
    }()

    func plantedLearner(seed: UInt32 = 3) -> CollabFilterLearner {
        let cf = Self.planted
        var generator = MT19937(seed: seed)
        let model = EmbeddingDotBias(users: cf.users.count, items: cf.items.count, factors: 3,
                                     ratingRange: cf.ratingRange, generator: &generator)
        return CollabFilterLearner(dataset: cf, model: model, validation: validationIndices(count: cf.count),
                                   batchSize: 32, optimizer: { Adam($0) },
                                   seed: seed, output: .silent)
    }

    /// 7 epochs of SGDR bring the validation MSE within 50% of the planted noise's 0.04,
    /// from the ratings' variance (what predicting their mean would cost) at the start.
    @Test func recoversPlantedLowRankRatings() throws {
        let learn = plantedLearner()
        let ratings = Self.planted.ratings.map(Double.init)
        let mean = ratings.reduce(0, +) / Double(ratings.count)
        let variance = ratings.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ratings.count)
        let history = try learn.fit(3e-2, 3, cycleLength: 1, cycleMult: 2)
        let validation = history.epochs.last!.validLoss
        #expect(variance > 0.5)
        #expect(validation < 0.06, "validation MSE \(validation); planted noise 0.04, variance \(variance)")
    }

    /// `predict` reads ids as the ratings file spells them, and refuses unknown ones.
    @Test func predictsByOriginalIds() throws {
        let learn = plantedLearner()
        try learn.fit(3e-2, 1)
        let cf = Self.planted
        let user = cf.users[7], item = cf.items[11]
        let prediction = try learn.predict(user: user, item: item)
        let direct = withoutGrad { learn.model(users: [7], items: [11]) }.item()
        #expect(prediction == direct)
        #expect(cf.ratingRange.contains(prediction))
        #expect(throws: CollabFilterError.unknownUser("nobody", users: 100)) {
            try learn.predict(user: "nobody", item: item)
        }
        #expect(throws: CollabFilterError.unknownItem("item999", items: 120)) {
            try learn.predict(user: user, item: "item999")
        }
    }

    /// A saved learner loads into a fresh one with the same predictions.
    @Test func checkpointsCarryTheModelOver() throws {
        let learn = plantedLearner()
        try learn.fit(3e-2, 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("collab-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try learn.save(path)
        let fresh = plantedLearner(seed: 9)
        #expect(try fresh.predict(user: "user3", item: "item4") != learn.predict(user: "user3", item: "item4"))
        try fresh.load(path)
        #expect(try fresh.predict(user: "user3", item: "item4") == learn.predict(user: "user3", item: "item4"))
        #expect(fresh.learner.epochsTrained == 1)
    }
}
