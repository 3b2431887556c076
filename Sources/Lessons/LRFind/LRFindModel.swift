import Toolkit

/// A lesson model that `lesson6 lr-find --model NAME` can sweep: its name, and how its
/// lesson reads its options and builds its `Learner` — the same data, model and
/// optimizer as the lesson's own command trains.
///
/// Every entry is in `LRFindModel.all`; a new lesson adds one entry there (see
/// `tabular` below).
public struct LRFindModel {
    public typealias Build = () throws -> (learner: Learner, description: String)

    /// The word `--model` takes.
    public let name: String
    /// Reads this model's options (data, sizes, seed, weight decay, …) from the
    /// command line — before `finish()`, so that `--help` lists them — and returns
    /// what builds the learner, with a few lines saying what it built.
    public let options: (inout Arguments) throws -> Build

    public init(name: String, options: @escaping (inout Arguments) throws -> Build) {
        self.name = name
        self.options = options
    }

    /// The models of every lesson, in `--help`'s order.
    public static var all: [LRFindModel] {
        CollabModelKind.allCases.map(collab) + CharModelKind.allCases.map(chars) + [tabular]
    }

    /// `MixedInputModel` on a CSV's columns (the bike-sharing hours unless `--csv`), Adam
    /// and MSE loss (`lesson6 tabular`'s options but the rate and epochs).
    static var tabular: LRFindModel {
        LRFindModel(name: "tabular") { arguments in
            let options = try TabularOptions(findingLearningRate: &arguments)
            return {
                let data = try options.tabularData()
                let learn = try TabularLearner(data: data, recipe: options.recipe, seed: options.seed, output: .silent)
                let parameters = learn.model.parameterCount
                return (learn.learner, TabularLesson.describe(data) + "\nMixedInputModel, \(parameters) parameters; "
                        + "batches of \(options.recipe.batchSize); Adam; MSE loss; seed \(options.seed)")
            }
        }
    }

    /// `EmbeddingDotBias` or `EmbeddingNet` on the MovieLens ratings, Adam with the
    /// lecture's weight decay (`lesson6 collab`'s options but the schedule).
    static func collab(_ kind: CollabModelKind) -> LRFindModel {
        LRFindModel(name: kind.rawValue) { arguments in
            let options = try CollabOptions(findingLearningRateOf: kind, &arguments)
            return {
                let split = try options.split()
                let (learn, recipe) = try options.learner(split, output: .silent)
                let data = learn.learner.data
                let parameters = learn.model.parameterCount
                let description = CollabLesson.describe(split.dataset, from: try options.sources()) + "\n"
                    + "\(type(of: learn.model)), \(learn.model.itemFactors.dimensions) factors, "
                    + "\(parameters) parameters"
                    + (options.load.map { " (loaded from \($0))" } ?? "") + "\n"
                    + "\(data.train.dataset.count) training ratings in batches of \(data.train.batchSize); "
                    + "Adam, weight decay \(recipe.weightDecay); MSE loss"
                return (learn.learner, description)
            }
        }
    }

    /// A character model on Nietzsche, Adam and NLL loss (`lesson6 chars`' options but
    /// the schedule).
    static func chars(_ kind: CharModelKind) -> LRFindModel {
        LRFindModel(name: kind.rawValue) { arguments in
            let options = try CharOptions(kind: kind, &arguments)
            return {
                let (training, description) = try options.training(output: .silent)
                return (training.learner, description + "; seed \(options.seed)")
            }
        }
    }
}
