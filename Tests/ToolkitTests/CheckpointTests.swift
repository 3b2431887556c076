import Foundation
import Tensor
import Testing
@testable import Toolkit

@Suite struct CheckpointTests {
    /// A fresh path in a fresh temporary directory.
    static func temporaryFile(_ name: String = "model.safetensors") -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lesson6-checkpoint-\(UUID().uuidString)")
        return directory.appendingPathComponent(name).path
    }

    /// A learner trained for one epoch and saved to a new file.
    static func savedLearner() throws -> (Learner, RegressionModel, String) {
        let (learner, model) = regressionLearner(seed: 5)
        try learner.fit(1e-2, 1)
        let path = temporaryFile()
        try learner.save(path)
        return (learner, model, path)
    }

    @Test func saveThenLoadRoundTripsBitExactly() throws {
        let (saved, model, path) = try Self.savedLearner()
        let (loaded, other) = regressionLearner(seed: 99)
        #expect(bits(other.parameters) != bits(model.parameters))
        try loaded.load(path)
        #expect(bits(other.parameters) == bits(model.parameters))
        #expect(bits(other.namedBuffers.map(\.tensor)) == bits(model.namedBuffers.map(\.tensor)))
        let state = saved.optimizer.stateDict(), reloaded = loaded.optimizer.stateDict()
        #expect(state.count == 3 * model.parameters.count)
        #expect(Set(reloaded.keys) == Set(state.keys))
        for (name, tensor) in state { #expect(bits([reloaded[name]!]) == bits([tensor]), "\(name)") }
        #expect(loaded.epochsTrained == 1)
    }

    @Test func trainingContinuesIdenticallyAfterAReload() throws {
        let (saved, model, path) = try Self.savedLearner()
        let (loaded, other) = regressionLearner(seed: 99)
        try loaded.load(path)
        let first = try saved.fit(1e-2, 2), second = try loaded.fit(1e-2, 2)
        #expect(first == TrainingHistory(metricNames: ["rmse"], epochs: second.epochs.enumerated().map { i, epoch in
            var same = epoch
            same.seconds = first.epochs[i].seconds
            return same
        }))
        #expect(bits(other.parameters + other.namedBuffers.map(\.tensor))
                == bits(model.parameters + model.namedBuffers.map(\.tensor)))
    }

    @Test func metadataNamesTheModelOptimizerAndEpoch() throws {
        let (_, _, path) = try Self.savedLearner()
        let file = try SafeTensors(contentsOf: path)
        #expect(file.metadata["model"] == "RegressionModel")
        #expect(file.metadata["optimizer"] == "Adam")
        #expect(file.metadata["epoch"] == "1")
        #expect(file.metadata["crc32"]?.count == 8)
        #expect(file.tensors.keys.contains("layers.0.weight") && file.tensors.keys.contains("layers.1.running_mean"))
        #expect(file.tensors.keys.contains("optimizer.exp_avg.0") && file.tensors.keys.contains("optimizer.step.0"))
    }

    @Test func aTruncatedFileIsRejected() throws {
        let (_, _, path) = try Self.savedLearner()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: path))
        let (learner, model) = regressionLearner(seed: 99)
        let before = bits(model.parameters)
        #expect {
            try learner.load(path)
        } throws: { error in
            "\(error)".hasPrefix(path + ": tensor '") && "\(error)".contains("run past the data section")
        }
        #expect(bits(model.parameters) == before)
    }

    @Test func anAlteredNumberIsRejected() throws {
        let (_, _, path) = try Self.savedLearner()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let (learner, model) = regressionLearner(seed: 99)
        let before = bits(model.parameters)
        #expect {
            try learner.load(path)
        } throws: { error in
            guard let error = error as? CheckpointError, case .checksumMismatch = error.problem else { return false }
            return "\(error)".contains("the file was altered or damaged")
        }
        #expect(bits(model.parameters) == before)
    }

    @Test func anotherArchitectureIsRejectedWithEveryDifference() throws {
        let (_, _, path) = try Self.savedLearner()
        let wider = RegressionModel(seed: 1, hidden: 4)
        #expect(throws: SafeTensorsError(file: path, .layoutMismatch([
            "tensor 'layers.0.bias' has shape [8], expected [4]",
            "tensor 'layers.0.weight' has shape [8, 3], expected [4, 3]",
            "tensor 'layers.1.bias' has shape [8], expected [4]",
            "tensor 'layers.1.running_mean' has shape [8], expected [4]",
            "tensor 'layers.1.running_var' has shape [8], expected [4]",
            "tensor 'layers.1.weight' has shape [8], expected [4]",
            "tensor 'layers.2.weight' has shape [1, 8], expected [1, 4]",
        ]))) {
            try loadCheckpoint(path, into: wider)
        }
    }

    @Test func optimizerStateMustMatchTheOptimizer() throws {
        let (_, model, path) = try Self.savedLearner()
        #expect(throws: CheckpointError(file: path, .optimizerKind(stored: "Adam", expected: "SGD"))) {
            try loadCheckpoint(path, into: model, optimizer: SGD(model.parameters, learningRate: 1))
        }
        let modelOnly = Self.temporaryFile()
        try saveCheckpoint(model, metadata: ["note": "weights only"], to: modelOnly)
        #expect(throws: CheckpointError(file: modelOnly, .noOptimizerState)) {
            try loadCheckpoint(modelOnly, into: model, optimizer: Adam(model.parameters))
        }
        #expect(try loadCheckpoint(modelOnly, into: model)["note"] == "weights only")
    }

    /// Found by `scripts/fuzz.sh checkpoint`: a step count of 2.8e20 (the bytes "data" read
    /// as F32) trapped converting it to `Int`. The file, cut down to a one-weight model with
    /// no checksum: the header's length, the header, then weight, Adam's two moments and the step.
    @Test func aStepCountBeyondIntIsRefused() throws {
        let header = #"{"__metadata__":{"optimizer":"Adam"},"#
            + #""optimizer.exp_avg.0":{"dtype":"F32","shape":[1,1],"data_offsets":[4,8]},"#
            + #""optimizer.exp_avg_sq.0":{"dtype":"F32","shape":[1,1],"data_offsets":[8,12]},"#
            + #""optimizer.step.0":{"dtype":"F32","shape":[],"data_offsets":[12,16]},"#
            + #""weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}}"#
        let bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8)
            + [0x00, 0x00, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0x61, 0x74, 0x61]
        let file = try SafeTensors(serialized: Data(bytes), file: "step.safetensors")
        let model = Linear(weight: Tensor([[0]]), bias: nil)
        #expect(throws: CheckpointError(file: "step.safetensors", .optimizerState(
            "Adam state: 'step.0' must hold one whole number ≥ 1, not [2.8175146e+20] of shape []"))) {
            try loadCheckpoint(file, from: "step.safetensors", into: model, optimizer: Adam(model.parameters))
        }
        #expect(model.weight.scalars == [0])
    }

    @Test func theChecksumIsZlibsCRC32() {
        var crc = CRC32()
        Array("123456789".utf8).withUnsafeBytes { crc.update($0) }
        #expect(crc.value == 0xCBF4_3926)
    }

    @Test(.enabled(if: SafeTensorsPythonTests.pythonHasSafetensors, "needs python3 with numpy and safetensors"))
    func pythonReadsTheCheckpointAndAgreesOnTheChecksum() throws {
        let (_, model, path) = try Self.savedLearner()
        let script = """
            import sys, zlib
            from safetensors import safe_open
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            meta = safe_open(sys.argv[1], "np").metadata()
            crc = zlib.crc32(b"".join(t[k].tobytes() for k in sorted(t)))
            print(f"{crc:08x}" == meta["crc32"], t["layers.2.weight"].tolist())
            """
        let output = try #require(SafeTensorsPythonTests.python(["-c", script, path]))
        let weight = model.namedParameters.first { $0.name == "layers.2.weight" }!.tensor.scalars
        #expect(String(decoding: output, as: UTF8.self)
                == "True [[\(weight.map { "\(Double($0))" }.joined(separator: ", "))]]\n")
    }
}
