import Random
import Toolkit

/// Ratings and the rows of them held out for validation: a random share of one file (the
/// lecture's `get_cv_idxs`), the rows of a separate validation file, or one fold of a
/// K-fold cross-validation.
public struct CollabSplit: Sendable {
    public let dataset: CollabFilterDataset
    /// The validation rows, ascending; the others train.
    public let validation: [Int]
    /// How many validation rows name a user or an item that no training row does. The
    /// model has learned nothing of them: their embedding rows keep their initial values,
    /// shrunk by weight decay, and their predictions rest on the other side's alone.
    public let unseen: Int

    public init(dataset: CollabFilterDataset, validation: [Int]) {
        self.dataset = dataset
        self.validation = validation
        var isValidation = [Bool](repeating: false, count: dataset.count)
        for row in validation { isValidation[row] = true }
        let training = dataset.ratings.indices.filter { !isValidation[$0] }
        let trainingUsers = Set(training.map { dataset.userIndices[$0] })
        let trainingItems = Set(training.map { dataset.itemIndices[$0] })
        unseen = validation.count(where: { row in
            !trainingUsers.contains(dataset.userIndices[row]) || !trainingItems.contains(dataset.itemIndices[row])
        })
    }

    /// The `count` splits of K-fold cross-validation: the rows shuffled by a generator
    /// seeded with `seed`, then dealt to the folds in turn, so each row validates in
    /// exactly one fold and the folds differ in size by at most one row.
    public static func folds(of dataset: CollabFilterDataset, count: Int, seed: UInt32) -> [CollabSplit] {
        var generator = MT19937(seed: seed)
        let order = generator.permutation(dataset.count)
        return (0..<count).map { fold in
            CollabSplit(dataset: dataset, validation: order.indices.filter { $0 % count == fold }.map { order[$0] }
                .sorted())
        }
    }

    /// "N of the validation ratings name a user or item that no training rating does
    /// (…)", or nil when there are none.
    public var unseenNote: String? {
        guard unseen > 0 else { return nil }
        return "\(unseen) of the \(validation.count) validation ratings name a user or item that no training rating "
            + "does: their embeddings keep their initial values, shrunk by weight decay"
    }
}

extension CollabFilterDataset {
    /// These ratings followed by `later`'s (a validation file's), with both sides' ids
    /// numbered together: an id only `later` has gets a row of its own.
    public func appending(_ later: CollabFilterDataset, source: String) throws(CollabFilterError)
        -> CollabFilterDataset {
        func ids(_ map: CategoryMap<String>, _ indices: [Int]) -> [String] { indices.map { map[$0] } }
        return try CollabFilterDataset(users: ids(users, userIndices) + ids(later.users, later.userIndices),
                                       items: ids(items, itemIndices) + ids(later.items, later.itemIndices),
                                       ratings: ratings + later.ratings, source: source)
    }
}
