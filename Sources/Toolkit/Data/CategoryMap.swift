/// Categories numbered 0..<count in order of first appearance, and back: the lecture's
/// `proc_col` (section "Collaborative filtering from scratch"):
///
/// ```python
/// uniq = col.unique()
/// name2idx = {o: i for i, o in enumerate(uniq)}
/// ```
///
/// ```swift
/// let users = CategoryMap(userIds)            // name2idx, 671 users
/// let userIndices = try users.encode(userIds) // col.apply(lambda x: name2idx[x])
/// users[0]                                    // idx2name: the first user id in the file
/// ```
///
/// Build it on the whole data set before splitting off the validation rows, as the
/// lecture does: an embedding needs a row for every user and movie it may be asked about.
public struct CategoryMap<Category: Hashable & Sendable>: Sendable {
    /// The categories in order of first appearance: `categories[i]` has index `i`.
    public let categories: [Category]
    private let indices: [Category: Int]

    /// Numbers the distinct values of `column` in the order they first appear.
    public init(_ column: some Sequence<Category>) {
        var categories: [Category] = []
        var indices: [Category: Int] = [:]
        for value in column where indices[value] == nil {
            indices[value] = categories.count
            categories.append(value)
        }
        self.categories = categories
        self.indices = indices
    }

    /// The number of categories (the lecture's `n_users`, `n_movies`).
    public var count: Int { categories.count }

    /// The category with index `index` (the reverse map).
    public subscript(index: Int) -> Category { categories[index] }

    /// The index of `category`, or nil when the map has never seen it.
    public func index(of category: Category) -> Int? { indices[category] }

    /// The index of every value of `column`; a value the map has not seen is an error.
    public func encode(_ column: some Sequence<Category>) throws(UnknownCategory) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(column.underestimatedCount)
        for (position, value) in column.enumerated() {
            guard let index = indices[value] else {
                throw UnknownCategory(value: "\(value)", position: position, count: count)
            }
            result.append(index)
        }
        return result
    }

    /// A value that was not among those the map was built from.
    public struct UnknownCategory: Error, CustomStringConvertible, Equatable {
        public let value: String
        /// Where in the encoded column it stands, from 0.
        public let position: Int
        /// How many categories the map knows.
        public let count: Int

        public var description: String {
            "value '\(value)' at position \(position) is not among the \(count) categories the map was built from "
                + "(build the map on the whole data set, before splitting)"
        }
    }
}
