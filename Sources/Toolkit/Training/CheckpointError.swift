/// Why a checkpoint could not be loaded into a model (and optimizer). Problems with
/// the file itself (unreadable, truncated, a header that does not fit its data, tensors
/// of other names or shapes) are `SafeTensorsError`s; these are the rest.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    public enum Problem: Equatable, Sendable {
        /// The tensors' bytes are not those the checkpoint was written with.
        case checksumMismatch(stored: String, computed: String)
        /// The checkpoint holds another kind of model.
        case modelKind(stored: String, expected: String)
        /// An optimizer was given, but the checkpoint was saved without one.
        case noOptimizerState
        /// The checkpoint holds the state of another kind of optimizer.
        case optimizerKind(stored: String, expected: String)
        /// The optimizer refused its state; the text says why.
        case optimizerState(String)
        /// A metadata entry this loader reads does not hold what it should.
        case badMetadata(key: String, value: String, expected: String)
    }

    public let file: String
    public let problem: Problem

    public init(file: String, _ problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        let what = switch problem {
        case .checksumMismatch(let stored, let computed):
            "the tensors' CRC-32 is \(computed), but the checkpoint was written with \(stored): "
                + "the file was altered or damaged"
        case .modelKind(let stored, let expected):
            "holds a \(stored) model, not a \(expected)"
        case .noOptimizerState:
            "holds no optimizer state (it was saved without an optimizer)"
        case .optimizerKind(let stored, let expected):
            "holds the state of a \(stored) optimizer, not of a \(expected)"
        case .optimizerState(let reason):
            "optimizer state does not fit: \(reason)"
        case .badMetadata(let key, let value, let expected):
            "metadata '\(key)' is '\(value)', not \(expected)"
        }
        return "\(file): \(what)"
    }
}
