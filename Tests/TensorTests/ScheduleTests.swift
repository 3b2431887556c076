import Foundation
import Testing
@testable import Tensor

/// Per-batch learning rates against a transcription of fastai 0.7's schedulers
/// (scripts/golden/optim_golden.py), relative error ≤ 1e-5.
@Suite struct ScheduleTests {
    @Test func sgdrMatchesFastaiCosAnneal() {
        for golden in OptimFixture.shared.schedules.sgdr {
            let schedule = CosineAnnealing(learningRate: golden.lr, cycles: golden.cycles,
                                           cycleLength: golden.cycleLength, cycleMultiplier: golden.cycleMultiplier)
            #expect(schedule.epochs == golden.epochs)
            expectRelativeError(schedule.learningRates(batchesPerEpoch: golden.batchesPerEpoch), golden.rates,
                                "fit(\(golden.lr), \(golden.cycles), cycle_len: \(golden.cycleLength), "
                                + "cycle_mult: \(golden.cycleMultiplier)) at \(golden.batchesPerEpoch) batches/epoch")
        }
    }

    /// `fit(1e-2, 2, cycle_len: 1, cycle_mult: 2)` with 25 batches an epoch, by hand:
    /// 3 epochs; two warm-up batches at lr/100; the first cosine starts at t = 2; the
    /// restart at batch 25 is the full rate; the second cycle is 50 batches long.
    @Test func sgdrShapeByHand() {
        let schedule = CosineAnnealing(learningRate: 1e-2, cycles: 2, cycleLength: 1, cycleMultiplier: 2)
        #expect(schedule.epochs == 3)
        let rates = schedule.learningRates(batchesPerEpoch: 25)
        #expect(rates.count == 75)
        #expect(rates[0] == 1e-4 && rates[1] == 1e-4)
        #expect(abs(rates[2] - Float(5e-3 * (cos(2 * Double.pi / 25) + 1))) < 1e-9)
        #expect(rates[25] == 1e-2)
        #expect(rates[24] < 1e-4 && rates[74] < 1e-4)
        #expect(abs(rates[50] - 5e-3) < 1e-9, "half-way through the second cycle, lr/2")
    }

    @Test func oneCycleMatchesFastaiCircularLRBeta() {
        for golden in OptimFixture.shared.schedules.oneCycle {
            let schedule = OneCycle(learningRate: golden.lr, epochs: golden.epochs, divisor: golden.div,
                                    annealingPercent: golden.pct)
            #expect(schedule.epochs == golden.epochs)
            expectRelativeError(schedule.learningRates(batchesPerEpoch: golden.batchesPerEpoch), golden.rates,
                                "use_clr_beta: (\(golden.div), \(golden.pct)) over \(golden.epochs) epochs")
        }
    }

    @Test func constantRate() {
        let schedule = ConstantLearningRate(3e-3, epochs: 2)
        #expect(schedule.epochs == 2)
        #expect(schedule.learningRates(batchesPerEpoch: 4) == Array(repeating: 3e-3, count: 8))
    }
}
