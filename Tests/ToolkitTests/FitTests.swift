import Foundation
import RegexBuilder
import Tensor
import TestSupport
import Testing
@testable import Toolkit

@Suite struct FitTests {
    @Test func fitReachesTheNoiseFloorOfASyntheticRegression() throws {
        let model = RegressionModel(seed: 5)
        let schedule = CosineAnnealing(learningRate: 3e-2, cycles: 3, cycleLength: 1, cycleMultiplier: 2)
        let history = try fit(model, SyntheticRegression.data(), schedule: schedule,
                              optimizer: Adam(model.parameters, learningRate: 3e-2), forward: { model($0) },
                              loss: SyntheticRegression.loss, metrics: [SyntheticRegression.rmseMetric],
                              output: .silent)
        #expect(history.epochs.map(\.epoch) == Array(0..<7))
        // The noise alone costs 0.1² = 0.01. From a validation loss of about 2.4 after the
        // first epoch, 7 epochs of SGDR come within a factor of 2 of it (0.017 here; every
        // rate from 1e-2 to 1e-1 ends below 0.02).
        #expect(history.epochs.first!.validLoss > 1)
        #expect(history.epochs.last!.validLoss < 0.02)
        // The smoothed training loss falls too; it stays higher, since batch norm in training
        // mode normalises with the statistics of 32 rows, which adds noise to every prediction.
        #expect(history.epochs.last!.trainLoss < history.epochs.first!.trainLoss / 5)
        #expect(abs(history.metric("rmse").last! - 0.1) < 0.04)
    }

    @Test func aDivergingLearningRateStopsWithTheEpochAndBatch() {
        let model = RegressionModel(seed: 5)
        #expect {
            try fit(model, SyntheticRegression.data(), schedule: ConstantLearningRate(1e4, epochs: 3),
                    optimizer: SGD(model.parameters, learningRate: 1e4), forward: { model($0) },
                    loss: SyntheticRegression.loss, output: .silent)
        } throws: { error in
            guard case .nonFiniteLoss(let loss, let epoch, let batch, let batches, let rate) = error as? TrainingError
            else { return false }
            let text = "\(error)"
            return !loss.isFinite && rate == 1e4 && batches == 15
                && text.contains("epoch \(epoch), batch \(batch) of 0..<15") && text.contains("learning rate 10000.0")
        }
        // Nothing after the bad batch ran: its backward pass and step were skipped.
        for parameter in model.parameters { #expect(parameter.grad == nil) }
    }

    /// A run whose second stage diverges keeps the epochs of the first: in the learner's
    /// history and count, and in the metrics file, written though `fit` throws.
    @Test func theEpochsBeforeADivergenceAreKept() throws {
        let (learner, _) = regressionLearner { SGD($0.parameters, learningRate: 0) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diverged-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: TrainingError.self) {
            try learner.fit([.constant(0.01, epochs: 2), .constant(1e4, epochs: 2)], metricsJSON: path)
        }
        #expect(learner.history.epochs.map(\.epoch) == [0, 1] && learner.epochsTrained == 2)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let epochs = try #require((json as? [String: Any])?["epochs"] as? [[String: Any]])
        // Foundation's JSON reader may round the last digit of what Swift wrote.
        expectAllClose(epochs.compactMap { $0["valid_loss"] as? Double }, learner.history.epochs.map(\.validLoss),
                       atol: 0, rtol: 1e-15, "validation losses in the file")
    }

    @Test func sgdrSetsTheRateOfEveryBatch() throws {
        let (learner, _) = regressionLearner { RecordingOptimizer(SGD($0.parameters, learningRate: 0)) }
        let history = try learner.fit(0.1, 2, cycleLength: 1, cycleMult: 2)
        let expected = CosineAnnealing(learningRate: 0.1, cycles: 2, cycleLength: 1, cycleMultiplier: 2)
            .learningRates(batchesPerEpoch: 15)
        #expect(history.epochs.count == 3 && learner.epochsTrained == 3)
        #expect((learner.optimizer as! RecordingOptimizer).rates == expected)
        // Restarts at the full rate at the start of the second cycle (batch 15).
        #expect(expected[15] == 0.1 && expected[14] < 0.01)
    }

    @Test func fitWithoutCycleLengthKeepsTheRateConstant() throws {
        let (learner, _) = regressionLearner { RecordingOptimizer(SGD($0.parameters, learningRate: 0)) }
        try learner.fit(0.05, 2)
        #expect((learner.optimizer as! RecordingOptimizer).rates == Array(repeating: 0.05, count: 30))
        try learner.fit(0.01, 1)
        #expect(learner.epochsTrained == 3 && learner.history.epochs.map(\.epoch) == [0, 1, 0])
    }

    @Test func trainingRecordsAGraphAndValidationRunsInEvalModeWithout() throws {
        let (learner, model) = regressionLearner()
        try learner.fit(1e-2, 2)
        let train = learner.data.train.batchCount, valid = learner.data.valid.batchCount
        #expect(train == 15 && valid == 2)
        let expected = Array(repeating: [(true, true)], count: train) + Array(repeating: [(false, false)], count: valid)
        let pattern = (expected + expected).flatMap { $0 }
        #expect(model.passes.count == pattern.count)
        #expect(zip(model.passes, pattern).allSatisfy { $0.training == $1.0 && $0.grad == $1.1 })
        #expect(model.isTraining)
    }

    @Test func validationLossWeighsEveryRowOnce() {
        // Rows y = 1, 2, 3, 4, 5 in batches of 2, 2, 1 and a model that predicts 0: the
        // loss is mean(y²) = 11, not the mean of the batch means (2.5 + 12.5 + 25)/3.
        let dataset = TensorDataset(["y": .floats(Tensor([1, 2, 3, 4, 5]))])
        let model = RegressionModel(seed: 1)
        let (loss, metrics) = validate(model, DataLoader(dataset, batchSize: 2),
                                       forward: { Tensor.zeros([$0.count]) },
                                       loss: { mseLoss($0, $1.tensor("y")) },
                                       metrics: [Metric("rows") { _, batch in Float(batch.count) }])
        #expect(loss == 11)
        #expect(metrics == [9.0 / 5])
    }

    @Test func smoothedLossIsFastaisDebiasedAverage() {
        var smoothed = SmoothedLoss()
        #expect(smoothed.value.isNaN)
        smoothed.add(1)
        #expect(smoothed.value == 1)
        smoothed.add(2)
        #expect(abs(smoothed.value - 0.0596 / 0.0396) < 1e-12)
    }

    /// Batch i trains at start·(end/start)^(i/n), fastai's `ratio**(1/nb)` per batch,
    /// and a sweep longer than an epoch goes on into the next epochs.
    @Test func lrFindRatesGrowExponentially() {
        let (learner, _) = regressionLearner { RecordingOptimizer(Adam($0.parameters, learningRate: 1e-2)) }
        let sweep = learner.lrFind(start: 1e-4, end: 1e-1, iterations: 40)
        #expect(sweep.learningRates.count == 40, "three epochs of 15 batches and a bit; the loss stays finite")
        #expect((learner.optimizer as! RecordingOptimizer).rates == sweep.learningRates)
        let ratio = pow(1e3, 1.0 / 40)
        for (i, rate) in sweep.learningRates.enumerated() {
            #expect(abs(Double(rate) / (1e-4 * pow(ratio, Double(i))) - 1) < 1e-5)
        }
    }

    @Test func lrFindSweepsUpwardAndPutsTheModelBack() {
        let (learner, model) = regressionLearner()
        let before = bits(model.parameters + model.namedBuffers.map(\.tensor))
        let sweep = learner.lrFind(start: 1e-4, end: 10)
        #expect(!sweep.learningRates.isEmpty && sweep.learningRates.count <= 15)
        #expect(sweep.learningRates.first == 1e-4)
        #expect(zip(sweep.learningRates, sweep.learningRates.dropFirst()).allSatisfy { $0 < $1 })
        #expect(sweep.losses.count == sweep.learningRates.count)
        #expect(bits(model.parameters + model.namedBuffers.map(\.tensor)) == before)
        #expect(learner.optimizer.stateDict().isEmpty)
    }

    @Test func linesOutputPrintsTheTableAndOccasionalProgress() throws {
        let captured = CapturedOutput()
        let (learner, _) = regressionLearner(output: captured.output(.lines, lineInterval: 5))
        let history = try learner.fit(1e-2, 2)
        let lines = captured.lines
        #expect(lines.first == "epoch      trn_loss   val_loss   rmse")
        #expect(lines.last == "")
        #expect(!captured.text.contains("\r") && !captured.text.contains("\u{1B}"))
        let rows = lines.filter { $0.hasPrefix("    ") }
        #expect(rows == history.epochs.map { epoch in
            "    \(epoch.epoch)      " + [epoch.trainLoss, epoch.validLoss, epoch.metrics[0]]
                .map { formatStatistic($0).padding(toLength: 10, withPad: " ", startingAt: 0) }
                .joined(separator: " ").trimmingCharacters(in: .whitespaces)
        })
        // The clock moves 1 s a read, so each 15-batch epoch draws a line at batches 5 and 10.
        let progress = lines.filter { $0.hasPrefix("epoch 0 ") || $0.hasPrefix("epoch 1 ") }
        #expect(progress.count == 4)
        let pattern = Regex {
            /epoch [01] +\d+%\|[█▏▎▍▌▋▊▉ ]{10}\| \d+\/15\ /
            /\[\d\d:\d\d<\d\d:\d\d, [\d.]+it\/s, loss=[\d.e-]+\]/
        }
        #expect(progress.allSatisfy { line in
            line.wholeMatch(of: pattern) != nil
        })
        #expect(lines.count == 1 + progress.count + 2 + 1)
    }

    @Test func terminalOutputRedrawsTheBarInPlace() throws {
        let captured = CapturedOutput()
        let (learner, _) = regressionLearner(output: captured.output(.terminal))
        try learner.fit(1e-2, 1)
        #expect(captured.text.hasPrefix("epoch      trn_loss   val_loss   rmse\n\repoch 0 "))
        #expect(captured.text.contains("| 15/15 ["))
        // The bar is erased, and the row written where it was.
        #expect(captured.text.contains("\u{1B}[K\r\u{1B}[K    0      "))
        #expect(captured.text.hasSuffix("\n"))
    }

    @Test func tableFormatsNumbersAsFastai() {
        #expect(EpochTable.header(metricNames: ["rmse"]) == "epoch      trn_loss   val_loss   rmse")
        let epoch = TrainingHistory.Epoch(epoch: 0, trainLoss: 0.8134829, validLoss: 0.80195, metrics: [0.8955174],
                                          seconds: 1)
        #expect(EpochTable.row(epoch) == "    0      0.813483   0.80195    0.895517")
        let later = TrainingHistory.Epoch(epoch: 12, trainLoss: 1.23e-5, validLoss: .nan, metrics: [2.5e-7],
                                          seconds: 1)
        #expect(EpochTable.row(later) == "    12     1.2e-05    nan        0.0")
    }

    @Test func progressBarText() {
        let bar = ProgressBar(label: "epoch 0", total: 1000, output: .silent)
        #expect(bar.line(done: 450, loss: 0.8123454, elapsed: 2.5)
                == "epoch 0  45%|████▌     | 450/1000 [00:02<00:03, 180.00it/s, loss=0.812345]")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.bar(1) == "██████████" && ProgressBar.bar(0) == "          ")
    }
}
