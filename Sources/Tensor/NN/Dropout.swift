import Random

/// Zeroes each element with probability `probability` while training and scales the
/// survivors by 1/(1 − p) (`nn.Dropout`, "inverted" dropout), so that the expected
/// value of every element is unchanged and evaluation needs no rescaling: in
/// evaluation mode the layer passes its input through.
///
/// The masks come from the layer's own `MT19937`, seeded from the generator given at
/// construction: the same seed gives the same masks, and two dropout layers built
/// from one generator draw different ones.
public final class Dropout: Layer {
    public let probability: Float
    public var isTraining = true
    private var generator: MT19937

    public init(probability: Float = 0.5, generator: inout MT19937) {
        guard (0...1).contains(probability) else {
            fatalError("Dropout: probability \(probability) is not in [0, 1]")
        }
        self.probability = probability
        self.generator = MT19937(seed: generator.nextUInt32())
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return input }
        let keep = 1 - probability
        // The mask holds 1/(1 − p) where it keeps, so that one multiply drops and scales.
        // With p = 1 every element is dropped (PyTorch returns zeros, not 0/0).
        let mask = Tensor.bernoulli(input.shape, probability: keep, value: keep > 0 ? 1 / keep : 1,
                                    generator: &generator, on: input.backend)
        return input * mask
    }
}
