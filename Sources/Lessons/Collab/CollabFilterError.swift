/// Ratings that cannot be learned from, or a question the model cannot answer, said
/// so that the user can fix it.
public enum CollabFilterError: Error, CustomStringConvertible, Equatable {
    /// The ratings file has a header but no rows.
    case noRatings(file: String)
    /// A column given by name for a file read without a header line.
    case namedColumnWithoutHeader(file: String, name: String)
    /// Every rating has the same value: the prediction's range min…max is empty.
    case constantRatings(file: String, value: Float)
    /// A user id that was not in the ratings, so the model has no factors for it.
    case unknownUser(String, users: Int)
    /// An item (movie) id that was not in the ratings.
    case unknownItem(String, items: Int)

    public var description: String {
        switch self {
        case .noRatings(let file):
            "\(file): no ratings (the file has no data rows)"
        case .namedColumnWithoutHeader(let file, let name):
            "\(file): column '\(name)' is given by name, but the file is read without a header line; "
                + "give the columns by position, counting from 0"
        case .constantRatings(let file, let value):
            "\(file): every rating is \(value); a model needs ratings that differ to learn anything"
        case .unknownUser(let id, let users):
            "user '\(id)' is not in the ratings (\(users) users); the model has no factors for it"
        case .unknownItem(let id, let items):
            "item '\(id)' is not in the ratings (\(items) items); the model has no factors for it"
        }
    }
}
