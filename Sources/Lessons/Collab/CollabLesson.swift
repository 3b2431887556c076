import Foundation
import Toolkit

/// `lesson6 collab`: the lecture's "Collaborative filtering" — read MovieLens' ratings,
/// hold out 20% for validation, train `EmbeddingDotBias` (or the "Mini net"
/// `EmbeddingNet`) and report the validation MSE each epoch.
///
/// The default run is the lecture's:
///
/// ```python
/// val_idxs = get_cv_idxs(len(ratings))
/// cf = CollabFilterDataset.from_csv(path, 'ratings.csv', 'userId', 'movieId', 'rating')
/// learn = cf.get_learner(50, val_idxs, 64, opt_fn=optim.Adam)
/// learn.fit(1e-2, 2, wds=2e-4, cycle_len=1, cycle_mult=2)
/// ```
public enum CollabLesson: Command {
    public static let name = "collab"
    public static let summary = "train EmbeddingDotBias (or EmbeddingNet) on MovieLens ratings; "
        + "validation MSE per epoch"

    public static func run(_ arguments: inout Arguments) throws {
        let options = try CollabOptions(&arguments)
        let out: String = try arguments.option("out", default: "out/collab",
                                               help: "directory for the plot of validation predictions")
        let folds: Int? = try arguments.option(
            "folds", help: "K-fold cross-validation instead: K models, each validated on its K-th of the ratings "
                + "(shuffled with --valid-seed); each fold's validation RMSE, and their mean ± sd")
        try arguments.finish()
        if let folds {
            try CollabCrossValidation(options: options, folds: folds).run()
            return
        }
        let split = try options.split()
        print(describe(split.dataset, from: try options.sources()))
        let (learn, recipe) = try options.learner(split)
        print(describe(learn, recipe, loaded: options.load, unseen: split.unseenNote))
        try options.train(learn, recipe)
        let (predictions, ratings) = learn.validationPredictions()
        let rmse = rootMeanSquaredError(predictions, ratings)
        print(String(format: "validation MSE %.4f, RMSE %.4f (stars off, typically)", rmse * rmse, rmse))
        let plotPath = out + "/valid-predictions.svg"
        try writeAtomically(predictionPlot(predictions: predictions, ratings: ratings, seed: options.seed).svg(),
                            to: plotPath)
        print("wrote \(plotPath)")
    }

    /// `100004 ratings of 9066 items by 671 users, 0.5...5.0 (…/ratings.csv)`.
    static func describe(_ cf: CollabFilterDataset, from path: String) -> String {
        "\(cf.count) ratings of \(cf.items.count) items by \(cf.users.count) users, "
            + "\(cf.ratingRange.lowerBound)...\(cf.ratingRange.upperBound) (\(path))"
    }

    /// The model, its size, the split (and what of it is unseen) and the schedule, in
    /// one paragraph.
    static func describe(_ learn: CollabFilterLearner, _ recipe: CollabRecipe, loaded: String?,
                         unseen: String? = nil) -> String {
        let parameters = learn.model.parameterCount
        let data = learn.learner.data
        return "\(type(of: learn.model)), \(learn.model.itemFactors.dimensions) factors, \(parameters) parameters"
            + (loaded.map { " (loaded from \($0), \(learn.learner.epochsTrained) epochs trained)" } ?? "") + "\n"
            + "\(data.train.dataset.count) training and \(data.valid.dataset.count) validation ratings, "
            + "batches of \(data.train.batchSize)\n" + (unseen.map { $0 + "\n" } ?? "")
            + (recipe.stages.isEmpty ? "no training (--cycles 0)" : "\(recipe), \(recipe.epochs) epochs")
    }
}
