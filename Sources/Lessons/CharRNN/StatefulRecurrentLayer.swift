import Tensor

/// A recurrent layer whose state a stateful character model carries from one batch to
/// the next: `GRU`, whose state is h of every layer, and `LSTM`, whose state is h and c
/// of every layer. The sequel swaps one for the other and changes nothing else
/// (`CharSeqStateful`).
public protocol StatefulRecurrentLayer: Module {
    associatedtype State
    /// Runs [steps, batch, inputs] on from `state` (zeros when nil): every step's output
    /// of the last layer, and the state after the last step.
    func run(_ input: Tensor, from state: State?) -> (output: Tensor, state: State)
    /// How many sequences `state` holds (its batch axis).
    static func batchSize(of state: State) -> Int
    /// `state` with its history cut (`repackage_var`).
    static func detached(_ state: State) -> State
}

extension GRU: StatefulRecurrentLayer {
    public func run(_ input: Tensor, from state: Tensor?) -> (output: Tensor, state: Tensor) {
        let (output, hidden) = self(input, initialState: state)
        return (output, hidden)
    }

    public static func batchSize(of state: Tensor) -> Int { state.shape[1] }

    public static func detached(_ state: Tensor) -> Tensor { state.detached() }
}

extension LSTM: StatefulRecurrentLayer {
    public func run(_ input: Tensor, from state: State?) -> (output: Tensor, state: State) {
        self(input, initialState: state)
    }

    public static func batchSize(of state: State) -> Int { state.hidden.shape[1] }

    public static func detached(_ state: State) -> State { state.detached() }
}
