import Foundation
import Lessons
import Tensor
import TensorCUDA
import Toolkit

/// `lesson6-bench epochs`: seconds per epoch of the lessons' models (`EpochWorkload.all`:
/// `CharRnn`, `EmbeddingDotBias`, `MixedInputModel`) on each device of `--devices`, in one run, side by
/// side with the speed-up over the first device:
///
///     lesson6-bench epochs --devices cpu,cuda --batches 200
///
/// An epoch is the training batches, then the validation loss, as `fit` runs it (and as
/// `lesson6-bench chars` and `collab` time it). A full CPU epoch takes too long for a
/// GPU machine's time budget, so on each device a learner is made afresh, trained on
/// `--warmup` batches untimed, then timed on the first `--batches` training batches of
/// an epoch and on as many validation batches; seconds per epoch is each time per
/// batch times the epoch's batch count, said `extrapolated` unless every batch was
/// timed. Every step ends reading the loss (`item()`), which waits for the GPU.
///
/// Every device is started before anything is timed: without a GPU, `--devices
/// cpu,cuda` stops at once with `CUDA unavailable:` and the reason.
enum EpochsBenchmark: Command {
    static let name = "epochs"
    static let summary = "seconds per epoch of CharRnn, EmbeddingDotBias and MixedInputModel on each device, "
        + "side by side"

    /// What `--json` writes.
    struct Report: Codable {
        let rows: [Row]
    }

    /// One model on one device.
    struct Row: Codable {
        let model: String
        /// `cpu` or `cuda`.
        let device: String
        /// `cpu (16 cores, avx512)` or the GPU's description.
        let deviceDescription: String
        let trainBatchesTimed: Int
        let trainBatchesPerEpoch: Int
        let validBatchesTimed: Int
        let validBatchesPerEpoch: Int
        let trainSecondsPerBatch: Double
        let validSecondsPerBatch: Double
        /// The training batches' and validation batches' seconds per epoch, together.
        let secondsPerEpoch: Double
        /// Whether some batches of the epoch were not timed (and `secondsPerEpoch` extrapolates).
        let extrapolated: Bool
        /// The first device's seconds per epoch over this one's.
        let speedUp: Double
        /// The mean training loss of the timed batches (a sanity check: similar on every device).
        let meanTrainLoss: Double
    }

    static func run(_ arguments: inout Arguments) throws {
        let deviceList = try arguments.option("devices", default: "cpu,cuda",
                                              help: "comma-separated devices to compare")
        let modelList = try arguments.option("models", default: EpochWorkload.all.map(\.name).joined(separator: ","),
                                             help: "comma-separated models to time")
        let batches = try arguments.option("batches", default: 100,
                                           help: "training (and validation) batches timed per model and device")
        let warmup = try arguments.option("warmup", default: 3, help: "training batches run untimed first")
        let jsonPath: String? = try arguments.option("json", help: "write the rows as JSON to this file")
        let markdownPath: String? = try arguments.option("markdown", help: "write the table as markdown to this file")
        let data = try arguments.dataDirectory()
        try arguments.finish()
        guard batches >= 1, warmup >= 0 else {
            throw Arguments.Failure.badValue(option: "--batches/--warmup", value: "\(batches)/\(warmup)",
                                             expected: "at least 1 batch timed and no negative warm-up")
        }
        let workloads = try modelList.split(separator: ",").map { name in
            guard let workload = EpochWorkload.all.first(where: { $0.name == name }) else {
                throw Arguments.Failure.badValue(option: "--models", value: modelList,
                                                 expected: EpochWorkload.all.map(\.name).joined(separator: ", "))
            }
            return workload
        }
        let devices = try deviceList.split(separator: ",").map { name -> (String, any Backend) in
            switch name {
            case "cpu": ("cpu", Device.cpu)
            case "cuda": ("cuda", try requireCUDA())
            default: throw Arguments.Failure.badValue(option: "--devices", value: deviceList, expected: "cpu, cuda")
            }
        }

        print("seconds per epoch: \(batches) training and validation batches timed after \(warmup) untimed "
              + "(* extrapolated to the epoch); speed-up over \(devices[0].0)")
        print(header)
        var rows: [Row] = []
        for workload in workloads {
            var first: Double?
            for (name, backend) in devices {
                let timing = try Device.using(backend) {
                    try measure(workload, data: data, batches: batches, warmup: warmup, backend: backend)
                }
                first = first ?? timing.secondsPerEpoch
                let row = Row(model: workload.name, device: name, deviceDescription: describe(backend),
                              timing, speedUp: first! / timing.secondsPerEpoch)
                print(tableRow(row))
                rows.append(row)
            }
        }
        if let jsonPath { try JSONReport.write(Report(rows: rows), to: jsonPath) }
        if let markdownPath { try writeAtomically(markdown(rows, workloads: workloads), to: markdownPath) }
    }

    /// Per-batch times of one model on `Device.current` (which is `backend`).
    struct Measurement {
        let trainBatches: (timed: Int, perEpoch: Int)
        let validBatches: (timed: Int, perEpoch: Int)
        let trainSeconds: Double, validSeconds: Double
        let meanTrainLoss: Double

        var secondsPerEpoch: Double {
            trainSeconds / Double(trainBatches.timed) * Double(trainBatches.perEpoch)
                + validSeconds / Double(validBatches.timed) * Double(validBatches.perEpoch)
        }
    }

    static func measure(_ workload: EpochWorkload, data: DataDirectory, batches: Int, warmup: Int,
                        backend: any Backend) throws -> Measurement {
        let learner = try workload.makeLearner(data)
        let (model, optimizer, forward, loss) = (learner.model, learner.optimizer, learner.forward, learner.loss)
        optimizer.learningRate = workload.learningRate
        let (train, valid) = (learner.data.train, learner.data.valid)
        let trainCount = min(batches, train.batchCount), validCount = min(batches, valid.batchCount)
        model.train()
        // Warm-up on another epoch's shuffle, so that the timed batches are an epoch's first.
        for batch in train.batches(epoch: 1).prefix(warmup) {
            _ = trainingStep(batch, optimizer: optimizer, forward: forward, loss: loss)
        }
        let synchronize = (backend as? CUDABackend)?.synchronize ?? {}
        synchronize()
        let clock = ContinuousClock()
        var totalLoss = 0.0
        let trainTime = clock.measure {
            for batch in train.batches(epoch: 0).prefix(trainCount) {
                totalLoss += Double(trainingStep(batch, optimizer: optimizer, forward: forward, loss: loss))
            }
            synchronize()
        }
        model.eval()
        let validTime = clock.measure {
            withoutGrad {
                for batch in valid.batches().prefix(validCount) { _ = loss(forward(batch), batch).item() }
            }
            synchronize()
        }
        model.train()
        return Measurement(trainBatches: (trainCount, train.batchCount), validBatches: (validCount, valid.batchCount),
                           trainSeconds: seconds(trainTime), validSeconds: seconds(validTime),
                           meanTrainLoss: totalLoss / Double(trainCount))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func describe(_ backend: any Backend) -> String {
        if let cuda = backend as? CUDABackend { return cuda.deviceDescription }
        return "cpu (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(CPUFeatures.simdPath.rawValue))"
    }

    /// The text columns' widths: model, device, then right-aligned numbers.
    static let widths = [17, 7, 21, 21, 16, 10, 10]

    static let header = columns(["model", "device", "train batches timed", "valid batches timed", "ms/train batch",
                                 "s/epoch", "speed-up"])

    static func tableRow(_ row: Row) -> String {
        columns([row.model, row.device, "\(row.trainBatchesTimed) of \(row.trainBatchesPerEpoch)",
                 "\(row.validBatchesTimed) of \(row.validBatchesPerEpoch)",
                 String(format: "%.2f", row.trainSecondsPerBatch * 1e3),
                 String(format: "%.2f", row.secondsPerEpoch) + (row.extrapolated ? "*" : " "),
                 String(format: "%.1f×", row.speedUp)])
    }

    /// `cells` in `widths`: the first two left-aligned, the others right-aligned.
    static func columns(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { column, cell in
            let (text, width) = cell
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return column < 2 ? text + padding : padding + text
        }.joined()
    }

    static func markdown(_ rows: [Row], workloads: [EpochWorkload]) -> String {
        var lines = ["# Seconds per epoch, device by device", ""]
        lines += workloads.map { "- `\($0.name)`: \($0.recipe)" }
        lines += ["", "An epoch: the training batches, then the validation loss. s/epoch = seconds per timed batch × "
                  + "batches per epoch, for training and validation; * marks an extrapolation from the batches "
                  + "timed. Speed-up: the first device's s/epoch over this one's.", "",
                  "| model | device | train batches timed | valid batches timed | "
                  + "ms / train batch | s / epoch | speed-up |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        lines += rows.map { row in
            "| \(row.model) | \(row.deviceDescription) | \(row.trainBatchesTimed) of \(row.trainBatchesPerEpoch) | "
                + "\(row.validBatchesTimed) of \(row.validBatchesPerEpoch) | "
                + String(format: "%.2f | %.2f%@ | %.1f× |", row.trainSecondsPerBatch * 1e3, row.secondsPerEpoch,
                         row.extrapolated ? "*" : "", row.speedUp)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension EpochsBenchmark.Row {
    init(model: String, device: String, deviceDescription: String, _ timing: EpochsBenchmark.Measurement,
         speedUp: Double) {
        self.init(model: model, device: device, deviceDescription: deviceDescription,
                  trainBatchesTimed: timing.trainBatches.timed, trainBatchesPerEpoch: timing.trainBatches.perEpoch,
                  validBatchesTimed: timing.validBatches.timed, validBatchesPerEpoch: timing.validBatches.perEpoch,
                  trainSecondsPerBatch: timing.trainSeconds / Double(timing.trainBatches.timed),
                  validSecondsPerBatch: timing.validSeconds / Double(timing.validBatches.timed),
                  secondsPerEpoch: timing.secondsPerEpoch,
                  extrapolated: timing.trainBatches.timed < timing.trainBatches.perEpoch
                      || timing.validBatches.timed < timing.validBatches.perEpoch,
                  speedUp: speedUp, meanTrainLoss: timing.meanTrainLoss)
    }
}
