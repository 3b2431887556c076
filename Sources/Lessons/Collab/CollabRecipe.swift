import Tensor

/// Which of the lecture's models to train, and how the lecture trains it.
public enum CollabModelKind: String, CaseIterable, Sendable {
    /// `EmbeddingDotBias`, through `cf.get_learner`.
    case dotbias
    /// `EmbeddingNet`, the "Mini net".
    case net

    /// The lecture's training of this model.
    public var recipe: CollabRecipe {
        switch self {
        case .dotbias:
            // learn.fit(1e-2, 2, wds=2e-4, cycle_len=1, cycle_mult=2): 1 + 2 = 3 epochs of SGDR.
            CollabRecipe(learningRate: 1e-2, cycles: 2, cycleLength: 1, cycleMult: 2, weightDecay: 2e-4)
        case .net:
            // opt = optim.Adam(model.parameters(), 1e-3, weight_decay=1e-5); fit(model, data, 3, opt, F.mse_loss)
            CollabRecipe(learningRate: 1e-3, cycles: 3, cycleLength: nil, cycleMult: 1, weightDecay: 1e-5)
        }
    }

    /// The kind of a model type as checkpoints name it (`saveCheckpoint`'s `"model"`).
    init?(checkpointName: String) {
        switch checkpointName {
        case String(describing: EmbeddingDotBias.self): self = .dotbias
        case String(describing: EmbeddingNet.self): self = .net
        default: return nil
        }
    }
}

/// A training schedule in `learn.fit`'s terms: `cycles` cycles of SGDR, the first
/// `cycleLength` epochs long, or, without a cycle length, `cycles` epochs at a constant
/// rate; Adam with L2 weight decay `weightDecay`.
public struct CollabRecipe: Sendable, Equatable, CustomStringConvertible {
    public var learningRate: Float
    public var cycles: Int
    public var cycleLength: Int?
    public var cycleMult: Int
    public var weightDecay: Float

    /// How many epochs the schedule runs.
    public var epochs: Int {
        guard let cycleLength else { return cycles }
        return CosineAnnealing(learningRate: learningRate, cycles: cycles, cycleLength: cycleLength,
                               cycleMultiplier: cycleMult).epochs
    }

    /// `learn.fit(…)` in the lecture's words, for the report.
    public var description: String {
        let lr = "\(learningRate)"
        guard let cycleLength else { return "fit(\(lr), \(cycles)), Adam, weight decay \(weightDecay)" }
        return "fit(\(lr), \(cycles), cycle_len=\(cycleLength), cycle_mult=\(cycleMult)), Adam, weight decay \(weightDecay)"
    }
}
