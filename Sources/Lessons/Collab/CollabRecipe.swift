import Tensor
import Toolkit

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
            CollabRecipe(stages: [.fit(1e-2, 2, cycleLength: 1, cycleMult: 2)], weightDecay: 2e-4)
        case .net:
            // opt = optim.Adam(model.parameters(), 1e-3, weight_decay=1e-5); fit(model, data, 3, opt, F.mse_loss)
            CollabRecipe(stages: [.fit(1e-3, 3)], weightDecay: 1e-5)
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

/// How a collaborative-filtering model trains: `learn.fit(…)` as `TrainingStage`s, and
/// Adam with L2 weight decay `weightDecay` (fastai's `wds`).
public struct CollabRecipe: Sendable, Equatable, CustomStringConvertible {
    /// What `fit` runs, one stage a `learn.fit` call; none when the command only
    /// evaluates (`--cycles 0`).
    public var stages: [TrainingStage]
    public var weightDecay: Float

    /// How many epochs the schedule runs.
    public var epochs: Int { stages.epochs }

    /// Adam's rate before the schedule sets it: the first stage's.
    public var learningRate: Float { stages.firstLearningRate }

    /// `learn.fit(…)` in the lecture's words, for the report.
    public var description: String {
        (stages.map(\.fastaiCall) + ["Adam, weight decay \(weightDecay)"]).joined(separator: ", ")
    }
}
