import Foundation
import Scalar
import Testing
@testable import Lessons

/// PyTorch's float32 run of the lecture's recipe (scripts/golden/sgd_golden.py).
struct SGDGolden: Decodable {
    let seed: UInt32
    let x_first, y_first: [Double]
    let a0, b0: Double
    let losses_every_1000: [Double]

    static func load() throws -> SGDGolden {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sgd_golden.json")
        return try JSONDecoder().decode(SGDGolden.self, from: Data(contentsOf: url))
    }
}

@Suite struct SGDTests {
    /// Seeding MT19937 as `np.random.seed` gives NumPy's very points and start.
    @Test func fakeDataMatchesNumPy() throws {
        let golden = try SGDGolden.load()
        var generator = MT19937(seed: golden.seed)
        let data = FakeData(count: 10_000, a: 3, b: 8, generator: &generator)
        for i in 0..<3 {
            #expect(abs(data.x[i] - golden.x_first[i]) < 1e-15)
            #expect(abs(data.y[i] - golden.y_first[i]) < 1e-12)
        }
        #expect(generator.standardNormal() == golden.a0)
        #expect(generator.standardNormal() == golden.b0)
    }

    /// The scalar engine's autograd and the hand-derived gradients take the same steps.
    @Test func scalarEngineFollowsHandDerivedGradients() {
        var generator = MT19937(seed: 7)
        let data = FakeData(count: 50, a: 3, b: 8, generator: &generator)
        var byHand = HandDerivedSGD(a: -1, b: 1, learningRate: 0.01)
        let scalar = ScalarRegression(a: -1, b: 1, learningRate: 0.01)
        for _ in 0..<10 {
            let handLoss = byHand.update(data)
            let scalarLoss = scalar.update(data)
            #expect(abs(handLoss - scalarLoss) <= 1e-12 * handLoss)
        }
        #expect(abs(byHand.a - scalar.a.data) <= 1e-12)
        #expect(abs(byHand.b - scalar.b.data) <= 1e-12)
    }
}
