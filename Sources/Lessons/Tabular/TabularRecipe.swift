import Toolkit

/// How the tabular lesson builds and trains its model: the lecture's Rossmann recipe,
///
/// ```python
/// m = md.get_learner(emb_szs, len(df.columns)-len(cat_vars), 0.04, 1, [1000,500], [0.001,0.01],
///                    y_range=y_range)
/// m.fit(1e-3, epochs)
/// ```
///
/// with `bs=128` and Adam; `epochs` is ours (the lecture fits Rossmann a few times):
/// 15 at 1e-3 bring the bike-sharing model's validation loss to where it levels off
/// (see Docs/Lesson6-Tabular.md).
public struct TabularRecipe: Sendable, Equatable, CustomStringConvertible {
    public var layerSizes = [1000, 500]
    public var dropouts: [Float] = [0.001, 0.01]
    public var embeddingDropout: Float = 0.04
    public var useBatchNorm = false
    /// `m.fit(1e-3, 15)`.
    public var stages: [TrainingStage] = [.fit(1e-3, 15)]
    public var batchSize = 128

    public init() {}

    /// Adam's rate before the schedule sets it: the first stage's.
    public var learningRate: Float { stages.firstLearningRate }

    /// How many epochs the stages run.
    public var epochs: Int { stages.epochs }

    /// The lecture's call, for the report.
    public var description: String {
        "MixedInputModel(emb_drop=\(embeddingDropout), szs=\(layerSizes), drops=\(dropouts)"
            + "\(useBatchNorm ? ", use_bn=True" : "")), Adam, "
            + (stages.map(\.fastaiCall) + ["batch \(batchSize)"]).joined(separator: ", ")
    }
}
