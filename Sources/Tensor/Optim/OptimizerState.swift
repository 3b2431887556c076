/// Why an optimizer state (from a checkpoint) does not fit an optimizer: the entry and
/// what was expected.
public struct OptimizerStateError: Error, CustomStringConvertible {
    public let description: String
}

/// The state an optimizer keeps for each of its parameters, created at a parameter's
/// first step as PyTorch creates it: named buffers of the parameter's size (Adam's
/// `exp_avg` and `exp_avg_sq`, SGD's `momentum_buffer`) and, where the update needs it,
/// the parameter's step count. Entries are named `"<buffer>.<index>"` and `"step.<index>"`,
/// the keys of PyTorch's `optimizer.state_dict()["state"][index]` joined by a dot.
struct ParameterState {
    let optimizer: String
    let parameters: [Tensor]
    let bufferNames: [String]
    let countsSteps: Bool
    /// Each parameter's buffers, in `bufferNames` order; nil until its first step.
    private(set) var buffers: [[Storage]?]
    /// Each parameter's steps taken.
    private(set) var steps: [Int]

    /// Stops unless every parameter is a whole contiguous storage of its own, since the
    /// fused steps update storages, not views.
    init(optimizer: String, parameters: [Tensor], bufferNames: [String], countsSteps: Bool) {
        var seen = Set<ObjectIdentifier>()
        for (i, parameter) in parameters.enumerated() {
            guard parameter.layout.offset == 0, parameter.isContiguous,
                  parameter.storage.count == parameter.count else {
                fatalError("\(optimizer): parameter \(i) of shape \(parameter.shape) is a view into a larger "
                           + "storage; optimizers update whole tensors")
            }
            guard seen.insert(ObjectIdentifier(parameter.storage)).inserted else {
                fatalError("\(optimizer): parameter \(i) of shape \(parameter.shape) appears twice in the list")
            }
        }
        self.optimizer = optimizer
        self.parameters = parameters
        self.bufferNames = bufferNames
        self.countsSteps = countsSteps
        buffers = Array(repeating: nil, count: parameters.count)
        steps = Array(repeating: 0, count: parameters.count)
    }

    /// Counts one more step of parameter `i`: its buffers (zeros at its first step)
    /// and the number of this step, from 1.
    mutating func advance(_ i: Int) -> (buffers: [Storage], step: Int) {
        let parameter = parameters[i]
        let current = buffers[i] ?? bufferNames.map { _ in
            let zeros = parameter.backend.allocate(parameter.count)
            parameter.backend.fill(zeros, with: 0)
            return zeros
        }
        buffers[i] = current
        steps[i] += 1
        return (current, steps[i])
    }

    /// Copies of every buffer and step count, by name.
    func dictionary() -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (i, parameter) in parameters.enumerated() {
            guard let storages = buffers[i] else { continue }
            for (name, storage) in zip(bufferNames, storages) {
                result["\(name).\(i)"] = Tensor(storage: storage, layout: Layout(contiguous: parameter.shape))
                    .contiguousCopy()
            }
            if countsSteps {
                // A Float32 scalar, as PyTorch stores it: exact up to 2²⁴ steps.
                result["step.\(i)"] = Tensor(Float(steps[i]), on: parameter.backend)
            }
        }
        return result
    }

    /// Replaces every buffer and step count with those named in `state`, after
    /// checking all of them.
    mutating func load(_ state: [String: Tensor]) throws {
        let names = bufferNames + (countsSteps ? ["step"] : [])
        var entries = [[String: Tensor]](repeating: [:], count: parameters.count)
        for (key, tensor) in state {
            guard let dot = key.lastIndex(of: "."), let i = Int(key[key.index(after: dot)...]),
                  parameters.indices.contains(i), names.contains(String(key[..<dot])) else {
                let expected = names.isEmpty ? "it keeps no state"
                    : "expected " + names.map { "'\($0).N'" }.joined(separator: ", ")
                        + " with N in 0..<\(parameters.count)"
                throw OptimizerStateError(description: "\(optimizer) state: unknown entry '\(key)'; \(expected)")
            }
            entries[i][String(key[..<dot])] = tensor
        }
        var newBuffers = [[Storage]?](repeating: nil, count: parameters.count)
        var newSteps = [Int](repeating: 0, count: parameters.count)
        for (i, given) in entries.enumerated() where !given.isEmpty {
            if let missing = names.first(where: { given[$0] == nil }) {
                throw OptimizerStateError(description: "\(optimizer) state: '\(missing).\(i)' is missing, "
                                          + "though '\(given.keys.sorted()[0]).\(i)' is given")
            }
            let parameter = parameters[i]
            newBuffers[i] = try bufferNames.map { name in
                let tensor = given[name]!
                guard tensor.shape == parameter.shape else {
                    throw OptimizerStateError(description: "\(optimizer) state: '\(name).\(i)' has shape "
                                              + "\(tensor.shape), but parameter \(i) has shape \(parameter.shape)")
                }
                let source = tensor.to(parameter.backend)
                let copy = parameter.backend.allocate(parameter.count)
                parameter.backend.copy(source.storage, source.layout, to: copy, Layout(contiguous: parameter.shape))
                return copy
            }
            if countsSteps {
                let step = given["step"]!
                // `Int(exactly:)` refuses fractions, infinities, NaN and counts beyond `Int`
                // (a file may hold any float: 2.8e20 once trapped the plain conversion).
                guard step.count == 1, let count = Int(exactly: step.scalars[0]), count >= 1 else {
                    throw OptimizerStateError(description: "\(optimizer) state: 'step.\(i)' must hold one whole "
                                              + "number ≥ 1, not \(step.scalars.prefix(4)) of shape \(step.shape)")
                }
                newSteps[i] = count
            } else {
                newSteps[i] = 1
            }
        }
        buffers = newBuffers
        steps = newSteps
    }
}
