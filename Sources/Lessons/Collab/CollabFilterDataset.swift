import Toolkit

/// Ratings of items by users, with both numbered from 0: fastai 0.7's
/// `CollabFilterDataset`, which the lecture builds with
///
/// ```python
/// cf = CollabFilterDataset.from_csv(path, 'ratings.csv', 'userId', 'movieId', 'rating')
/// ```
///
/// ```swift
/// let cf = try CollabFilterDataset(contentsOfFile: path + "ratings.csv",
///                                  user: "userId", item: "movieId", rating: "rating")
/// cf.users.count, cf.items.count   // n_users, n_items: 671, 9066
/// cf.ratingRange                   // min_score...max_score: 0.5...5.0
/// ```
///
/// Ids are kept as the file spells them (text), so any ratings file works: numbered or
/// named users and items, any separator, with or without a header. Each id column is
/// numbered in order of first appearance (`proc_col`, see `CategoryMap`), over the
/// whole file, so that every user and item has an embedding row whichever rows end up
/// in the validation set.
public struct CollabFilterDataset: Sendable {
    /// The user ids, numbered (`cf.users`, `cf.user2idx`).
    public let users: CategoryMap<String>
    /// The item (movie) ids, numbered (`cf.items`, `cf.item2idx`).
    public let items: CategoryMap<String>
    /// Each rating's user, as an index into `users` (`cf.user_col`).
    public let userIndices: [Int]
    /// Each rating's item, as an index into `items` (`cf.item_col`).
    public let itemIndices: [Int]
    /// The ratings, in file order.
    public let ratings: [Float]
    /// The smallest and largest rating (`min_score`, `max_score`): the models squash
    /// their predictions into this range.
    public let ratingRange: ClosedRange<Float>

    /// Reads the ratings at `path` (`from_csv`).
    ///
    /// - Parameters:
    ///   - user, item, rating: the columns holding the user id, the item id and the
    ///     rating, by header name or by position from 0.
    ///   - separator: the character between fields (`"\t"` for MovieLens 100k's `u.data`).
    ///   - hasHeader: whether the first line names the columns; without one, columns
    ///     go by position.
    /// - Throws: `CSVError` for a file that cannot be read, an unknown column or a
    ///   rating that is not a number (with the line); `CollabFilterError` for a file
    ///   without ratings, whose ratings are all the same, or without a header but with
    ///   columns given by name.
    public init(contentsOfFile path: String, user: ColumnReference = "userId", item: ColumnReference = "movieId",
                rating: ColumnReference = "rating", separator: Unicode.Scalar = ",", hasHeader: Bool = true) throws {
        for case .named(let name) in [user, item, rating] where !hasHeader {
            throw CollabFilterError.namedColumnWithoutHeader(file: path, name: name)
        }
        let table = try CSVTable(contentsOfFile: path, separator: separator, hasHeader: hasHeader)
        try self.init(users: table.column(user, as: String.self), items: table.column(item, as: String.self),
                      ratings: table.column(rating, as: Float.self), source: path)
    }

    /// Ratings given as columns; `source` names them in errors.
    public init(users: [String], items: [String], ratings: [Float], source: String = "<ratings>")
        throws(CollabFilterError) {
        guard users.count == ratings.count, items.count == ratings.count else {
            fatalError("CollabFilterDataset: \(users.count) users, \(items.count) items and \(ratings.count) "
                       + "ratings; each rating needs one of each")
        }
        guard let low = ratings.min(), let high = ratings.max() else { throw .noRatings(file: source) }
        guard low < high else { throw .constantRatings(file: source, value: low) }
        self.users = CategoryMap(users)
        self.items = CategoryMap(items)
        // The maps were built from these very columns, so every id is in them.
        userIndices = try! self.users.encode(users)
        itemIndices = try! self.items.encode(items)
        self.ratings = ratings
        ratingRange = low...high
    }

    /// The number of ratings.
    public var count: Int { ratings.count }

    /// The index of user `id`; an id not in the ratings is an error that says so.
    public func userIndex(_ id: String) throws(CollabFilterError) -> Int {
        guard let index = users.index(of: id) else { throw .unknownUser(id, users: users.count) }
        return index
    }

    /// The index of item `id`; an id not in the ratings is an error that says so.
    public func itemIndex(_ id: String) throws(CollabFilterError) -> Int {
        guard let index = items.index(of: id) else { throw .unknownItem(id, items: items.count) }
        return index
    }

    /// How many times each item was rated, by item index (`ratings.groupby('movieId')
    /// ['rating'].count()`).
    public var ratingCounts: [Int] {
        var counts = [Int](repeating: 0, count: items.count)
        for item in itemIndices { counts[item] += 1 }
        return counts
    }

    /// The indices of the `count` most-rated items, most-rated first; ties in order of
    /// first appearance (the lecture's `topMovies`, mapped through `item2idx`).
    public func mostRatedItems(_ count: Int) -> [Int] {
        let counts = ratingCounts
        return Array(counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .prefix(count))
    }
}
