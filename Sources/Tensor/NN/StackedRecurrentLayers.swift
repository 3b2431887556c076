import Random

/// What `GRU` and `LSTM` share: `layers` recurrent layers stacked, each reading the
/// outputs of the one below, with dropout between them while training (PyTorch's
/// `num_layers` and `dropout`), and PyTorch's parameter names, `weight_ih_l0`, …
public protocol StackedRecurrentLayers: Module {
    /// One set of weights per layer, bottom first.
    var layerWeights: [RecurrentWeights] { get }
    /// Applied to the outputs of every layer but the last while training; nil when
    /// there is one layer or the probability is 0.
    var dropout: Dropout? { get }
}

extension StackedRecurrentLayers {
    public var inputs: Int { layerWeights[0].inputs }
    public var hidden: Int { layerWeights[0].hidden }
    public var layers: Int { layerWeights.count }

    public var localParameters: [(name: String, tensor: Tensor)] {
        layerWeights.enumerated().flatMap { $0.element.named(layer: $0.offset) }
    }

    public var children: [(name: String, module: any Module)] {
        dropout.map { [("dropout", $0)] } ?? []
    }

    /// Checks an input, [sequence > 0, batch, inputs], and initial states, each
    /// [layers, batch, hidden]; stops with the shapes otherwise.
    func checkInput(_ input: Tensor, states: [(name: String, state: Tensor?)]) {
        let name = "\(Self.self)"
        guard input.rank == 3, input.shape[0] > 0, input.shape[2] == inputs else {
            fatalError("\(name): input \(input.shape) is not [sequence > 0, batch, \(inputs)]")
        }
        for case let (stateName, state?) in states where state.shape != [layers, input.shape[1], hidden] {
            fatalError("\(name): initial \(stateName) \(state.shape) for input \(input.shape); "
                       + "expected [\(layers), \(input.shape[1]), \(hidden)]")
        }
    }
}

extension RecurrentWeights {
    /// `layers` layers initialised as PyTorch's, the first reading `inputs` features
    /// and the others the `hidden` outputs of the layer below.
    static func stack(inputs: Int, hidden: Int, layers: Int, gates: Int, name: String,
                      generator: inout MT19937) -> [RecurrentWeights] {
        guard layers >= 1, inputs >= 1, hidden >= 1 else {
            fatalError("\(name): needs inputs, hidden and layers ≥ 1, got \(inputs), \(hidden), \(layers)")
        }
        return (0..<layers).map { layer in
            RecurrentWeights(inputs: layer == 0 ? inputs : hidden, hidden: hidden, gates: gates, generator: &generator)
        }
    }

    /// Stops unless `layers` stack: some, each with `gates` gates, every layer above
    /// the first reading the hidden size of the first.
    static func checkStack(_ layers: [RecurrentWeights], gates: Int, name: String) {
        guard let first = layers.first,
              layers.dropFirst().allSatisfy({ $0.inputs == first.hidden && $0.hidden == first.hidden }),
              layers.allSatisfy({ $0.weightHH.shape[0] == gates * $0.hidden }) else {
            fatalError("\(name): layers \(layers.map { $0.weightIH.shape }) do not stack as [\(gates)·hidden, inputs] "
                       + "then [\(gates)·hidden, hidden]")
        }
    }
}

extension Dropout {
    /// The dropout between stacked layers: none for one layer or probability 0.
    static func between(layers: Int, probability: Float, generator: inout MT19937) -> Dropout? {
        layers > 1 && probability > 0 ? Dropout(probability: probability, generator: &generator) : nil
    }
}
