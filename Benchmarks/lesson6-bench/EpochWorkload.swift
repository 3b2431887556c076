import Lessons
import Toolkit

/// A model whose seconds per epoch `lesson6-bench epochs` measures on each device: its
/// name, the rate it trains at, and how to make its `Learner` (model, data, optimizer)
/// on `Device.current`, exactly as the model's own benchmark command does.
///
/// Adding a model to the comparison is one entry in `all`.
struct EpochWorkload: Sendable {
    /// The model's class name, as `--models` takes it: `CharRnn`.
    let name: String
    /// The data and recipe, in a few words, for the table's heading.
    let recipe: String
    let learningRate: Float
    /// The learner, its tensors on `Device.current`, reading its data from the directory.
    let makeLearner: @Sendable (DataDirectory) throws -> Learner

    /// The models compared, in order: lecture 6's `CharRnn` on Nietzsche, as `lesson6-bench
    /// chars` times it, the lecture's `EmbeddingDotBias` on MovieLens, as `lesson6-bench
    /// collab` does, and the entity-embedding `MixedInputModel` on bike-sharing hours, as
    /// `lesson6-bench tabular` does.
    static let all: [EpochWorkload] = [
        EpochWorkload(name: "CharRnn", recipe: "Nietzsche, 8-character windows, batch 512, Adam",
                      learningRate: 1e-3) { data in
            try CharsBench.training(CharCorpus(contentsOf: data.path(of: .nietzsche))).learner
        },
        EpochWorkload(name: "EmbeddingDotBias", recipe: "MovieLens, batch 64, Adam wd 2e-4",
                      learningRate: CollabModelKind.dotbias.recipe.learningRate) { data in
            try CollabBenchmark.learner(data, seed: 0).learner
        },
        EpochWorkload(name: "MixedInputModel", recipe: "bike-sharing hours, layers [1000, 500], batch 128, Adam",
                      learningRate: TabularRecipe().learningRate) { data in
            try TabularBench.learner(data).learner
        },
    ]
}
