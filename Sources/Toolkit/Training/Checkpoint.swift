import Foundation
import Tensor

// Checkpoints: a model's parameters and buffers, and optionally its optimizer's state,
// in one safetensors file (see `SafeTensors`), so that training can stop and resume
// exactly where it was (fastai's `learn.save(name)` and `learn.load(name)`, which keep
// the model only).
//
// The file holds:
// - each parameter and buffer under its `namedParameters`/`namedBuffers` name
//   (`"u.weight"`), as F32: the keys of the PyTorch model's `state_dict()`;
// - each optimizer state entry under `"optimizer."` and its `stateDict()` name
//   (`"optimizer.exp_avg.0"`);
// - metadata: `"model"` and `"optimizer"`, the Swift type names, `"crc32"`, the
//   CRC-32 of every tensor's bytes in name order (Python: `zlib.crc32(b"".join(
//   t[k].tobytes() for k in sorted(t)))`), and whatever the caller adds (`"epoch"`).

/// The prefix of optimizer state entries in a checkpoint.
private let optimizerPrefix = "optimizer."
/// Metadata keys that `saveCheckpoint` writes itself.
private let reservedKeys: Set = ["model", "optimizer", "crc32"]

/// Writes the parameters and buffers of `model`, the state of `optimizer` when given,
/// and `metadata` to `path` in the safetensors format, atomically (a crash leaves the
/// previous checkpoint, never half of this one).
public func saveCheckpoint(_ model: any Module, optimizer: (any Optimizer)? = nil,
                           metadata: [String: String] = [:], to path: String) throws {
    if let key = metadata.keys.first(where: reservedKeys.contains) {
        fatalError("saveCheckpoint: metadata key '\(key)' is written by saveCheckpoint itself")
    }
    var tensors: [String: HostArray] = [:]
    for (name, tensor) in modelState(model) {
        guard !name.hasPrefix(optimizerPrefix) else {
            fatalError("saveCheckpoint: model tensor '\(name)' would clash with the optimizer's "
                       + "'\(optimizerPrefix)' entries")
        }
        tensors[name] = HostArray(shape: tensor.shape, tensor.scalars)
    }
    var notes = metadata
    notes["model"] = kind(of: model)
    if let optimizer {
        notes["optimizer"] = kind(of: optimizer)
        for (name, tensor) in optimizer.stateDict() {
            tensors[optimizerPrefix + name] = HostArray(shape: tensor.shape, tensor.scalars)
        }
    }
    notes["crc32"] = checksum(tensors)
    try SafeTensors(tensors: tensors, metadata: notes).write(to: path)
}

/// Loads the checkpoint at `path` into `model` and, when given, `optimizer`, and returns
/// its metadata.
///
/// Everything is checked before anything is copied, so a checkpoint that does not fit
/// leaves the model and optimizer as they were. The checks: the file is whole and
/// well-formed (`SafeTensorsError`); its tensors' bytes match the CRC-32 written with
/// them; it holds the same kind of model; its model tensors are exactly the model's
/// parameters and buffers, with the same shapes, as F32 (every difference is listed); and,
/// with an optimizer, it holds that kind of optimizer's state, which the optimizer
/// accepts (`CheckpointError`). A file without metadata (written by Python's
/// `safetensors` from a PyTorch `state_dict()`) loads into a model if its tensors fit.
@discardableResult
public func loadCheckpoint(_ path: String, into model: any Module,
                           optimizer: (any Optimizer)? = nil) throws -> [String: String] {
    let file = try SafeTensors(contentsOf: path)
    try loadCheckpoint(file, from: path, into: model, optimizer: optimizer)
    return file.metadata
}

/// `loadCheckpoint(_:into:optimizer:)` for a file already read, whose metadata the
/// caller has checked; `path` names it in errors.
public func loadCheckpoint(_ file: SafeTensors, from path: String, into model: any Module,
                           optimizer: (any Optimizer)? = nil) throws {
    if let stored = file.metadata["crc32"] {
        let computed = checksum(file.tensors)
        guard stored == computed else {
            throw CheckpointError(file: path, .checksumMismatch(stored: stored, computed: computed))
        }
    }
    if let stored = file.metadata["model"], stored != kind(of: model) {
        throw CheckpointError(file: path, .modelKind(stored: stored, expected: kind(of: model)))
    }
    let state = modelState(model)
    let stored = SafeTensors(tensors: file.tensors.filter { !$0.key.hasPrefix(optimizerPrefix) })
    try stored.check(expected: Dictionary(uniqueKeysWithValues: state.map { ($0.name, .init(shape: $0.tensor.shape)) }),
                     file: path)
    if let optimizer {
        guard let storedKind = file.metadata["optimizer"] else { throw CheckpointError(file: path, .noOptimizerState) }
        guard storedKind == kind(of: optimizer) else {
            throw CheckpointError(file: path, .optimizerKind(stored: storedKind, expected: kind(of: optimizer)))
        }
        var entries: [String: Tensor] = [:]
        for (key, array) in file.tensors where key.hasPrefix(optimizerPrefix) {
            let name = String(key.dropFirst(optimizerPrefix.count))
            guard let floats = array.floats else {
                throw CheckpointError(file: path, .optimizerState("'\(name)' has dtype \(array.dtype), expected F32"))
            }
            entries[name] = Tensor(floats, shape: array.shape)
        }
        do {
            try optimizer.loadStateDict(entries)
        } catch {
            throw CheckpointError(file: path, .optimizerState("\(error)"))
        }
    }
    withoutGrad {
        for (name, tensor) in state {
            tensor.copy(from: Tensor(stored.tensors[name]!.floats!, shape: tensor.shape, on: tensor.backend))
            tensor.zeroGrad()
        }
    }
}

/// Every tensor a checkpoint keeps of `model`: its parameters, then its buffers.
private func modelState(_ model: any Module) -> [(name: String, tensor: Tensor)] {
    model.namedParameters + model.namedBuffers
}

/// The type name that tells kinds of models and optimizers apart in a checkpoint.
private func kind(of object: AnyObject) -> String {
    String(describing: type(of: object))
}

/// The CRC-32 of the tensors' element bytes, in UTF-8 order of their names, as 8 hex digits.
private func checksum(_ tensors: [String: HostArray]) -> String {
    var crc = CRC32()
    for name in tensors.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
        switch tensors[name]!.elements {
        case .f32(let values): values.withUnsafeBytes { crc.update($0) }
        case .f64(let values): values.withUnsafeBytes { crc.update($0) }
        case .i32(let values): values.withUnsafeBytes { crc.update($0) }
        case .i64(let values): values.withUnsafeBytes { crc.update($0) }
        }
    }
    let hex = String(crc.value, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
}
