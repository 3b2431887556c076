import Testing
@testable import Lessons

/// `lesson6 scalar`'s default recipe separates the two moons within 100 steps.
@Test func scalarMLPReachesFullAccuracy() {
    var training = ScalarTraining(points: 100, seed: 1)
    var firstPerfect: Int?
    var last = (loss: Double.infinity, accuracy: 0.0)
    for step in 0..<100 {
        last = training.step(learningRate: 1 - 0.9 * Double(step) / 100)
        if last.accuracy == 1, firstPerfect == nil { firstPerfect = step }
    }
    #expect(firstPerfect != nil)
    #expect(last.accuracy == 1)
    #expect(last.loss < 0.05)
}
