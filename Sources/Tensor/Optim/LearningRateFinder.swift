import Foundation

/// What `findLearningRate` recorded: the rate of each batch and the smoothed training
/// loss after it, for a plot of loss against log(rate) (fastai's `learn.sched.plot()`).
public struct LearningRateSweep: Sendable, Equatable {
    public var learningRates: [Float]
    public var losses: [Float]

    public init(learningRates: [Float] = [], losses: [Float] = []) {
        guard learningRates.count == losses.count else {
            fatalError("LearningRateSweep: \(learningRates.count) rates but \(losses.count) losses")
        }
        self.learningRates = learningRates
        self.losses = losses
    }
}

/// fastai's learning-rate finder (`learn.lr_find()`, after Smith's "Cyclical Learning
/// Rates for Training Neural Networks", 2017): train for up to `batches` batches while
/// the rate grows exponentially from `start` to `end` — batch i uses
/// start·(end/start)^(i/batches) — and record the loss after each, until the loss
/// explodes. The best rate to train with is where the loss still falls steeply, about
/// a tenth of the rate at the minimum.
///
/// As fastai's `LR_Finder` on its `fit` loop: the recorded loss is the exponential
/// moving average a ← 0.98·a + 0.02·loss, debiased by 1 − 0.98ⁱ⁺¹ (`SmoothedLoss`); the
/// sweep stops, without recording, at the first batch whose smoothed loss is NaN or
/// above 4× the best so far, and the best only counts from batch 11 on, so early noise
/// cannot stop it.
///
/// `trainingBatch` trains on one batch at the rate given — forward, backward,
/// `optimizer.step()`, `optimizer.zeroGrad()` — and returns the batch's loss; the
/// finder has already set `optimizer.learningRate` to that rate. Afterwards, even when
/// `trainingBatch` throws, every tensor of `parameters` holds again exactly the floats
/// it held before, the optimizer has its earlier state and learning rate back, and the
/// parameters have no gradient (fastai saves the model and reloads it). Pass every
/// tensor the training changes in place: the model's parameters, and its buffers if it
/// has any (batch norm's running statistics).
public func findLearningRate(parameters: [Tensor], optimizer: any Optimizer, from start: Float = 1e-5,
                             to end: Float = 10, batches: Int,
                             trainingBatch: (_ learningRate: Float) throws -> Float) rethrows -> LearningRateSweep {
    guard batches > 0, start > 0, end > start else {
        fatalError("findLearningRate: needs batches > 0 (not \(batches)) and 0 < start < end (not \(start), \(end))")
    }
    let savedParameters = parameters.map { $0.contiguousCopy() }
    let savedState = optimizer.stateDict(), savedLearningRate = optimizer.learningRate
    defer {
        for (parameter, saved) in zip(parameters, savedParameters) {
            parameter.backend.copy(saved.storage, saved.layout, to: parameter.storage, parameter.layout)
            parameter.zeroGrad()
        }
        optimizer.zeroGrad()
        do {
            try optimizer.loadStateDict(savedState)
        } catch {
            fatalError("findLearningRate: the optimizer rejected its own saved state: \(error)")
        }
        optimizer.learningRate = savedLearningRate
    }
    let multiplier = Foundation.pow(Double(end) / Double(start), 1 / Double(batches))
    var sweep = LearningRateSweep()
    var smoothedLoss = SmoothedLoss(), best = 1e9
    for iteration in 0..<batches {
        let rate = Float(Double(start) * Foundation.pow(multiplier, Double(iteration)))
        optimizer.learningRate = rate
        smoothedLoss.add(try trainingBatch(rate))
        let smoothed = smoothedLoss.value
        if smoothed.isNaN || smoothed > 4 * best { break }
        if smoothed < best && iteration > 10 { best = smoothed }
        sweep.learningRates.append(rate)
        sweep.losses.append(Float(smoothed))
    }
    return sweep
}
