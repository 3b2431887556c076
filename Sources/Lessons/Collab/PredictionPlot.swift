import Random
import Toolkit

/// Predictions against the ratings given, the lecture's check after training
/// (`sns.jointplot(preds, y, kind='hex')`), as a scatter of a seeded sample of
/// `sample` validation rows — the ratings jittered sideways by up to ±0.15 so that the
/// half-star columns show their density — with the mean prediction of each rating as
/// a line and the perfect prediction, y = x, for reference.
public func predictionPlot(predictions: [Float], ratings: [Float], sample: Int = 2000, seed: UInt32 = 0) -> Plot {
    guard predictions.count == ratings.count, !ratings.isEmpty else {
        fatalError("predictionPlot: \(predictions.count) predictions for \(ratings.count) ratings")
    }
    var generator = MT19937(seed: seed)
    let chosen = generator.permutation(ratings.count).prefix(sample)
    var plot = Plot(title: "validation: prediction against rating (\(chosen.count) of \(ratings.count) rows)",
                    x: Axis("rating"), y: Axis("prediction"))
    plot.scatter(chosen.map { Double(ratings[$0]) + generator.uniform(-0.15, 0.15) },
                 chosen.map { Double(predictions[$0]) }, label: "a validation rating", radius: 1.5)
    var sums: [Float: (total: Double, count: Int)] = [:]
    for (prediction, rating) in zip(predictions, ratings) {
        sums[rating, default: (0, 0)].total += Double(prediction)
        sums[rating, default: (0, 0)].count += 1
    }
    let levels = sums.keys.sorted()
    plot.plot(levels.map(Double.init), levels.map { sums[$0]!.total / Double(sums[$0]!.count) },
              label: "mean prediction")
    plot.straightLine(slope: 1, intercept: 0, label: "prediction = rating")
    return plot
}
