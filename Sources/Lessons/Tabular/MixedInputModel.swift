import Random
import Tensor

/// A network on a mix of categorical and continuous columns: fastai 0.7's
/// `MixedInputModel`, the lecture's Rossmann model (section "Rossmann: entity
/// embeddings"; Guo & Berkhahn 2016).
///
///     x = dropout(emb_drop)([embs[0](cats[:, 0]), embs[1](cats[:, 1]), …])   one embedding a column
///     x = [x, bn(conts)]                                                      batch-normalised continuous
///     for each hidden size: x = dropout(relu(lin(x)))   (+ batch norm after relu when useBatchNorm)
///     prediction = σ(outp(x)) · (high − low) + low                           within yRange
///
/// Each categorical column gets its own embedding, a learned vector per category,
/// instead of a one-hot code: categories that act alike end up close together, and the
/// learned vectors can be reused as features by other models (see `KNearestNeighbors`).
/// Children are named as fastai's (`embs.0`, `lins.0`, `bns.0`, `outp`, `bn`), so
/// checkpoint keys are its `state_dict()` keys, except that fastai makes the `bns`
/// layers (and so their keys) even when `use_bn` is off, where this model has none, and
/// that batch norm here keeps no `num_batches_tracked`.
public final class MixedInputModel: Module {
    /// `embs`: one table per categorical column, [cardinality, dimensions].
    public let embeddings: [Embedding]
    public let embeddingDropout: Dropout
    /// `bn`: batch norm of the continuous inputs; nil without any.
    public let continuousNorm: BatchNorm1d?
    /// `lins`: the hidden layers.
    public let layers: [Linear]
    /// `bns`: batch norm after each hidden layer's ReLU; empty unless `useBatchNorm`.
    public let batchNorms: [BatchNorm1d]
    /// `drops`: dropout after each hidden layer.
    public let dropouts: [Dropout]
    /// `outp`: the last hidden layer to the outputs.
    public let output: Linear
    /// The range predictions are squashed into; nil: the output layer's values as they are.
    public let yRange: ClosedRange<Float>?
    public var isTraining = true

    /// fastai's `MixedInputModel(emb_szs, n_cont, emb_drop, out_sz, szs, drops, y_range, use_bn)`.
    ///
    /// Embeddings start uniform in ±2/(dimensions + 1) (fastai's `emb_init`); linear
    /// weights Kaiming-normal (std √(2/inputs), right for ReLU), biases as PyTorch's
    /// default (uniform in ±1/√inputs). Draws in the order embs, lins (each weight then
    /// bias), outp, then the dropout seeds.
    ///
    /// - Parameters:
    ///   - embeddingSizes: each categorical column's (rows, width), as
    ///     `TabularProcessor.embeddingSizes` gives them.
    ///   - continuousCount: the continuous inputs.
    ///   - layerSizes, dropouts: each hidden layer's width and dropout probability.
    public init(embeddingSizes: [(count: Int, dimensions: Int)], continuousCount: Int, embeddingDropout: Float,
                outputSize: Int = 1, layerSizes: [Int], dropouts: [Float], yRange: ClosedRange<Float>?,
                useBatchNorm: Bool = false, generator: inout MT19937) {
        guard layerSizes.count == dropouts.count, layerSizes.allSatisfy({ $0 > 0 }), outputSize > 0,
              continuousCount >= 0, !(embeddingSizes.isEmpty && continuousCount == 0) else {
            fatalError("MixedInputModel: layers \(layerSizes) with dropouts \(dropouts), \(embeddingSizes.count) "
                       + "embeddings and \(continuousCount) continuous inputs, \(outputSize) outputs")
        }
        embeddings = embeddingSizes.map { count, dimensions in
            let bound = 2 / Float(dimensions + 1)
            return Embedding(weight: Init.uniform([count, dimensions], low: -bound, high: bound, generator: &generator))
        }
        let sizes = [embeddingSizes.reduce(0) { $0 + $1.dimensions } + continuousCount] + layerSizes
        layers = zip(sizes, sizes.dropFirst()).map { inputs, outputs in
            Self.kaimingLinear(inputs: inputs, outputs: outputs, generator: &generator)
        }
        output = Self.kaimingLinear(inputs: sizes.last!, outputs: outputSize, generator: &generator)
        self.embeddingDropout = Dropout(probability: embeddingDropout, generator: &generator)
        self.dropouts = dropouts.map { Dropout(probability: $0, generator: &generator) }
        batchNorms = useBatchNorm ? layerSizes.map { BatchNorm1d(features: $0) } : []
        continuousNorm = continuousCount > 0 ? BatchNorm1d(features: continuousCount) : nil
        self.yRange = yRange
    }

    /// `nn.Linear` with a Kaiming-normal weight and PyTorch's default bias.
    private static func kaimingLinear(inputs: Int, outputs: Int, generator: inout MT19937) -> Linear {
        Linear(weight: Init.kaimingNormal([outputs, inputs], generator: &generator),
               bias: Init.pytorchDefault([outputs], fanIn: inputs, generator: &generator))
    }

    public var continuousCount: Int { continuousNorm?.features ?? 0 }
    public var useBatchNorm: Bool { !batchNorms.isEmpty }

    public var children: [(name: String, module: any Module)] {
        func numbered(_ prefix: String, _ modules: [any Module]) -> [(name: String, module: any Module)] {
            modules.enumerated().map { ("\(prefix).\($0.offset)", $0.element) }
        }
        return numbered("embs", embeddings) + numbered("lins", layers) + numbered("bns", batchNorms)
            + [("outp", output), ("emb_drop", embeddingDropout)] + numbered("drops", dropouts)
            + (continuousNorm.map { [("bn", $0)] } ?? [])
    }

    /// The predictions for a batch, [batch, outputs].
    ///
    /// - Parameters:
    ///   - categories: [batch, embeddings] indices, column i into embedding i.
    ///   - continuous: [batch, continuousCount].
    public func callAsFunction(categories: IndexTensor, continuous: Tensor) -> Tensor {
        let batch = continuous.shape.first ?? 0
        guard categories.shape == [batch, embeddings.count], continuous.shape == [batch, continuousCount] else {
            fatalError("MixedInputModel: categories \(categories.shape) and continuous \(continuous.shape) are not "
                       + "[batch, \(embeddings.count)] and [batch, \(continuousCount)]")
        }
        var inputs: [Tensor] = []
        if !embeddings.isEmpty {
            let columns = embeddings.count
            let embedded = embeddings.enumerated().map { column, embedding in
                embedding(IndexTensor((0..<batch).map { categories.scalars[$0 * columns + column] }))
            }
            inputs.append(embeddingDropout(Tensor.concat(embedded, axis: 1)))
        }
        if let continuousNorm { inputs.append(continuousNorm(continuous)) }
        var x = inputs.count == 1 ? inputs[0] : Tensor.concat(inputs, axis: 1)
        for (i, layer) in layers.enumerated() {
            x = layer(x).relu()
            if useBatchNorm { x = batchNorms[i](x) }
            x = dropouts[i](x)
        }
        x = output(x)
        guard let yRange else { return x }
        return x.sigmoid() * (yRange.upperBound - yRange.lowerBound) + yRange.lowerBound
    }
}
