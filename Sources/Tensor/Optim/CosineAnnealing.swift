import Foundation

/// Cosine annealing with warm restarts (SGDR: Loshchilov & Hutter, "SGDR: Stochastic
/// Gradient Descent with Warm Restarts", 2017), exactly as fastai 0.7's
/// `learn.fit(lr, cycles, cycle_len: cycleLength, cycle_mult: cycleMultiplier)` runs it
/// with its `CosAnneal` scheduler.
///
/// Cycle k (from 0) lasts `cycleLength × cycleMultiplierᵏ` epochs, so `fit(1e-2, 2,
/// cycle_len: 1, cycle_mult: 2)` runs 1 + 2 = 3 epochs. Within a cycle of nb batches the
/// rate falls from lr to near 0 along half a cosine, lr/2·(cos(π·t/nb) + 1), t the
/// batch within the cycle; then it jumps back to lr (the restart). While the global
/// batch number is below nb/20, the rate is lr/100 instead (a warm-up).
///
/// The per-batch sequence, transcribed from `CosAnneal.calc_lr`: fastai calls it once
/// when training begins (the rate of batch 0) and after every batch (the rate of the
/// next one; the call after the last batch yields a rate nothing uses). Each call
/// compares the global count of calls so far with nb/20, for the current nb, and
/// advances the cycle counter t by one *also during the warm-up*, so the first cosine
/// does not start at t = 0: with 25 batches per epoch, batches 0 and 1 get lr/100 and
/// batch 2 gets lr/2·(cos(2π/25) + 1). A call that brings t to nb resets t to 0 and
/// multiplies nb by `cycleMultiplier`, so the last batch of a cycle has t = nb − 1 and
/// the first batch of the next has t = 0, the full lr. Rates are computed in Double, as
/// NumPy does, and rounded to Float at the end.
public struct CosineAnnealing: LearningRateSchedule {
    public let learningRate: Float
    public let cycles: Int
    /// Epochs in the first cycle.
    public let cycleLength: Int
    /// How many times longer each cycle is than the one before.
    public let cycleMultiplier: Int

    public init(learningRate: Float, cycles: Int, cycleLength: Int = 1, cycleMultiplier: Int = 1) {
        guard cycles >= 0, cycleLength > 0, cycleMultiplier > 0 else {
            fatalError("CosineAnnealing: cycles \(cycles) must not be negative, cycleLength \(cycleLength) "
                       + "and cycleMultiplier \(cycleMultiplier) must be positive")
        }
        self.learningRate = learningRate
        self.cycles = cycles
        self.cycleLength = cycleLength
        self.cycleMultiplier = cycleMultiplier
    }

    /// Σ cycleLength·cycleMultiplierᵏ over the cycles (fastai's `sum_geom`).
    public var epochs: Int {
        var total = 0, length = cycleLength
        for _ in 0..<cycles {
            total += length
            length *= cycleMultiplier
        }
        return total
    }

    public func learningRates(batchesPerEpoch: Int) -> [Float] {
        checkBatchesPerEpoch(batchesPerEpoch, "CosineAnnealing")
        let lr = Double(learningRate)
        var nb = batchesPerEpoch * cycleLength, cycleIteration = 0
        return (0..<epochs * batchesPerEpoch).map { iteration in
            if Double(iteration) < Double(nb) / 20 {
                cycleIteration += 1
                return Float(lr / 100)
            }
            let cosine = Foundation.cos(Double.pi * Double(cycleIteration) / Double(nb)) + 1
            cycleIteration += 1
            if cycleIteration == nb {
                cycleIteration = 0
                nb *= cycleMultiplier
            }
            return Float(lr / 2 * cosine)
        }
    }
}
