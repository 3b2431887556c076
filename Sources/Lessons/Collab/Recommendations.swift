import Foundation
import Tensor

/// Putting a trained collaborative-filtering model to use: what it would recommend to a
/// user, and which items it has placed near an item. (`lesson6 collab-recommend` and
/// `lesson6 collab-similar`.)
extension CollabFilterLearner {
    /// The `top` items that `user` has not rated, highest predicted rating first, among
    /// the items rated at least `minimumRatings` times: an item seen by a handful of
    /// users has factors and a bias learned from a handful of ratings, and would top the
    /// list on one enthusiast's five stars. `title` names an item by its id.
    public func recommendations(forUser user: String, top: Int, minimumRatings: Int = 1,
                                title: (String) -> String) throws(CollabFilterError) -> [ScoredMovie] {
        let userIndex = try dataset.userIndex(user)
        let counts = dataset.ratingCounts
        var rated = Set<Int>()
        for row in dataset.ratings.indices where dataset.userIndices[row] == userIndex {
            rated.insert(dataset.itemIndices[row])
        }
        let candidates = counts.indices.filter { !rated.contains($0) && counts[$0] >= minimumRatings }
        guard !candidates.isEmpty else { return [] }
        model.eval()
        defer { model.train() }
        let predicted = withoutGrad {
            model(users: IndexTensor([Int](repeating: userIndex, count: candidates.count)),
                  items: IndexTensor(candidates))
        }.scalars
        return zip(candidates, predicted).map { item, rating in
            ScoredMovie(score: Double(rating), id: dataset.items[item], title: title(dataset.items[item]))
        }.highest(top)
    }

    /// The `top` items whose factors point most nearly the way `item`'s do (cosine
    /// similarity, 1 for the same direction), among the items rated at least
    /// `minimumRatings` times, most similar first; `item` itself is left out.
    public func similarItems(to item: String, top: Int, minimumRatings: Int = 1,
                             title: (String) -> String) throws(CollabFilterError) -> [ScoredMovie] {
        let itemIndex = try dataset.itemIndex(item)
        let counts = dataset.ratingCounts
        let factors = model.itemFactors.dimensions
        let weights = model.itemFactors.weight.scalars.map(Double.init)
        func row(_ i: Int) -> ArraySlice<Double> { weights[i * factors..<(i + 1) * factors] }
        func norm(_ v: ArraySlice<Double>) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let target = row(itemIndex), targetNorm = norm(target)
        return counts.indices.filter { $0 != itemIndex && counts[$0] >= minimumRatings }.map { other in
            let v = row(other)
            let dot = zip(target, v).reduce(0) { $0 + $1.0 * $1.1 }
            let cosine = dot / max(targetNorm * norm(v), .leastNormalMagnitude)
            return ScoredMovie(score: cosine, id: dataset.items[other], title: title(dataset.items[other]))
        }.highest(top)
    }
}
