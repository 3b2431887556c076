import Foundation
import Toolkit

/// `lesson6 collab --folds K`: K-fold cross-validation of the collab recipe. The ratings
/// are shuffled (with `--valid-seed`) and dealt into K folds; K models, each built and
/// trained as `lesson6 collab` would, validate on one fold and train on the rest. The
/// spread of their validation RMSE says how much one random 20% split, the lecture's,
/// can be trusted to tell two models or two settings apart.
struct CollabCrossValidation {
    let options: CollabOptions
    let folds: Int

    init(options: CollabOptions, folds: Int) throws {
        guard folds >= 2 else {
            throw Arguments.Failure.badValue(option: "--folds", value: "\(folds)", expected: "an integer ≥ 2")
        }
        let conflicts = [("--validation", options.validationFile), ("--load", options.load), ("--save", options.save),
                         ("--metrics-json", options.metricsJSON)]
        for (option, value) in conflicts where value != nil {
            throw Arguments.Failure.badValue(option: option, value: value!,
                                             expected: "left out with --folds, which trains one model per fold")
        }
        self.options = options
        self.folds = folds
    }

    /// Trains a model per fold, printing each fold's row, then the mean and standard
    /// deviation of the validation RMSE; returns the RMSE of each fold.
    @discardableResult
    func run() throws -> [Double] {
        let dataset = try options.ratings()
        print(CollabLesson.describe(dataset, from: try options.ratingsPath()))
        let splits = CollabSplit.folds(of: dataset, count: folds, seed: options.validSeed)
        var errors: [Double] = []
        for (fold, split) in splits.enumerated() {
            let (learn, recipe) = try options.learner(split, output: .silent)
            if fold == 0 {
                print("\(type(of: learn.model)), \(learn.model.itemFactors.dimensions) factors; \(recipe), "
                      + "\(recipe.epochs) epochs a fold; \(folds) folds (--valid-seed \(options.validSeed))")
                print("fold  training  validation  unseen  valid MSE  valid RMSE")
            }
            try learn.learner.fit(recipe.stages)
            let (predictions, ratings) = learn.validationPredictions()
            let rmse = rootMeanSquaredError(predictions, ratings)
            errors.append(rmse)
            print(String(format: "%4d  %8d  %10d  %6d  %9.4f  %10.4f", fold, dataset.count - split.validation.count,
                         split.validation.count, split.unseen, rmse * rmse, rmse))
        }
        let mean = errors.reduce(0, +) / Double(folds)
        let deviation = (errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(folds - 1)).squareRoot()
        print(String(format: "validation RMSE over %d folds: %.4f ± %.4f (mean ± sample standard deviation)",
                     folds, mean, deviation))
        return errors
    }
}
