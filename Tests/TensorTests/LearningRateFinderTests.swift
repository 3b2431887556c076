import Foundation
import Random
import Testing
@testable import Tensor

@Suite struct LearningRateFinderTests {
    struct Failure: Error {}

    /// A quadratic bowl L(w) = Σ (w − t)², trained by SGD with momentum μ = 0.9: the
    /// step contracts for small rates and diverges once lr passes 1 + μ, so the recorded
    /// loss falls, then rises until the finder stops. 300 batches, since the smoothed
    /// loss (β = 0.98) remembers about 50.
    static func bowl() -> (w: Tensor, target: Tensor, optimizer: SGD) {
        var generator = MT19937(seed: 3)
        let w = Tensor.uniform([10], low: -1, high: 1, requiresGrad: true, generator: &generator)
        let target = Tensor.uniform([10], low: 2, high: 3, generator: &generator)
        return (w, target, SGD([w], learningRate: 0.05, momentum: 0.9))
    }

    static func trainingBatch(_ w: Tensor, _ target: Tensor, _ optimizer: SGD) -> (Float) -> Float {
        { _ in
            let difference = w - target
            let loss = (difference * difference).sum()
            loss.backward()
            optimizer.step()
            optimizer.zeroGrad()
            return loss.item()
        }
    }

    @Test func sweepFallsThenRisesAndRestoresEverything() {
        let (w, target, optimizer) = Self.bowl()
        // Some history first, so that there is momentum state to restore.
        for _ in 0..<3 { _ = Self.trainingBatch(w, target, optimizer)(0.05) }
        let weights = w.scalars, state = optimizer.stateDict()
        var rates: [Float] = []
        let training = Self.trainingBatch(w, target, optimizer)
        let sweep = findLearningRate(parameters: [w], optimizer: optimizer, from: 1e-5, to: 10, batches: 300) { rate in
            #expect(optimizer.learningRate == rate)
            rates.append(rate)
            return training(rate)
        }
        #expect(sweep.losses.count < 300, "the sweep stops when the loss explodes")
        #expect(sweep.learningRates == Array(rates.prefix(sweep.losses.count)))
        #expect(abs(rates[0] - 1e-5) < 1e-12 && abs(rates[150] - 1e-5 * Float(1e6).squareRoot()) < 1e-6)
        let best = sweep.losses.indices.min { sweep.losses[$0] < sweep.losses[$1] }!
        #expect(best > 10 && best < sweep.losses.count - 1, "the minimum is inside the sweep")
        #expect(sweep.losses[best] < sweep.losses[0] / 10)
        #expect(sweep.losses.last! > sweep.losses[best], "and rises at the end")

        #expect(w.scalars == weights, "parameters restored bit for bit")
        #expect(w.grad == nil)
        #expect(optimizer.learningRate == 0.05)
        let restored = optimizer.stateDict()
        #expect(restored.keys.sorted() == state.keys.sorted())
        #expect(restored.allSatisfy { $0.value.scalars == state[$0.key]!.scalars })
    }

    /// The smoothed loss is fastai's: a debiased exponential moving average, β = 0.98.
    @Test func smoothingIsDebiasedMovingAverage() {
        let p = Tensor([1], requiresGrad: true)
        let losses: [Float] = [4, 2, 3]
        var batch = 0
        let sweep = findLearningRate(parameters: [p], optimizer: SGD([p], learningRate: 0), batches: 3) { _ in
            defer { batch += 1 }
            return losses[batch]
        }
        var average = 0.0
        let expected = losses.enumerated().map { i, loss in
            average = 0.98 * average + 0.02 * Double(loss)
            return Float(average / (1 - pow(0.98, Double(i + 1))))
        }
        #expect(sweep.losses == expected)
        #expect(sweep.losses[0] == 4)
    }

    @Test func restoresWhenTheBatchThrows() {
        let (w, target, optimizer) = Self.bowl()
        let weights = w.scalars
        let training = Self.trainingBatch(w, target, optimizer)
        var batch = 0
        #expect(throws: Failure.self) {
            try findLearningRate(parameters: [w], optimizer: optimizer, batches: 50) { rate in
                batch += 1
                if batch == 20 { throw Failure() }
                return training(rate)
            }
        }
        #expect(w.scalars == weights)
        #expect(optimizer.stateDict().isEmpty)
    }
}
