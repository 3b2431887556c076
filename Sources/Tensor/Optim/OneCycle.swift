/// The one-cycle policy (Smith, "A disciplined approach to neural network
/// hyper-parameters", 2018) as fastai 0.7 runs it: `learn.fit(lr, 1, cycle_len: epochs,
/// use_clr_beta: (divisor, annealingPercent))` with its `CircularLR_beta` scheduler.
/// (fastai v1's `fit_one_cycle` is a cosine variant of the same idea; this is the 0.7
/// one, to match the rest of the lesson's API.)
///
/// Over nb = epochs × batchesPerEpoch batches, with c = ⌊nb·(1 − annealingPercent/100)/2⌋:
/// the rate climbs linearly from lr/divisor to lr over batches 0…c, falls back to
/// lr/divisor by batch 2c, then anneals linearly towards lr/divisor/100 over the rest —
/// batch i gets exactly what `calc_lr` returns on its i-th call (see `CosineAnnealing`
/// for when fastai calls it). fastai's optional momentum cycle (use_clr_beta's third
/// and fourth numbers) is not part of this schedule.
public struct OneCycle: LearningRateSchedule {
    /// The peak rate.
    public let learningRate: Float
    public let epochs: Int
    /// The start (and end of the triangle) is learningRate / divisor.
    public let divisor: Double
    /// The percentage of the batches spent in the final annealing.
    public let annealingPercent: Double

    public init(learningRate: Float, epochs: Int, divisor: Double = 10, annealingPercent: Double = 10) {
        guard epochs > 0, divisor > 0, (0..<100).contains(annealingPercent) else {
            fatalError("OneCycle: epochs \(epochs) and divisor \(divisor) must be positive, annealingPercent "
                       + "\(annealingPercent) in [0, 100)")
        }
        self.learningRate = learningRate
        self.epochs = epochs
        self.divisor = divisor
        self.annealingPercent = annealingPercent
    }

    public func learningRates(batchesPerEpoch: Int) -> [Float] {
        checkBatchesPerEpoch(batchesPerEpoch, "OneCycle")
        let nb = epochs * batchesPerEpoch, lr = Double(learningRate)
        let c = Int(Double(nb) * (1 - annealingPercent / 100) / 2)
        guard c > 0 else {
            fatalError("OneCycle: \(nb) batches are too few for a cycle with \(annealingPercent)% annealing")
        }
        return (0..<nb).map { i in
            if i > 2 * c {
                let progress = Double(i - 2 * c) / Double(nb - 2 * c)
                return Float(lr * (1 + progress * -99 / 100) / divisor)
            }
            let progress = i > c ? 1 - Double(i - c) / Double(c) : Double(i) / Double(c)
            return Float(lr * (1 + progress * (divisor - 1)) / divisor)
        }
    }
}
