import Foundation

/// A movie and a number the model learned for it — its bias, or its position along a
/// principal component — as the lecture lists them: `(b[0], movie_names[i])`.
public struct ScoredMovie: Sendable, Equatable, CustomStringConvertible {
    public let score: Double
    public let id: String
    public let title: String

    public init(score: Double, id: String, title: String) {
        self.score = score
        self.id = id
        self.title = title
    }

    /// `(0.8597, 'Shawshank Redemption, The (1994)')`, as Python prints the tuples.
    public var description: String {
        "(\(String(format: "%.4f", score)), \(title))"
    }
}

extension Array where Element == ScoredMovie {
    /// The `count` movies of lowest score, lowest first
    /// (`sorted(movie_ratings, key=itemgetter(0))[:count]`).
    public func lowest(_ count: Int) -> [ScoredMovie] {
        Array(sortedByScore(descending: false).prefix(count))
    }

    /// The `count` movies of highest score, highest first
    /// (`sorted(movie_ratings, key=itemgetter(0), reverse=True)[:count]`).
    public func highest(_ count: Int) -> [ScoredMovie] {
        Array(sortedByScore(descending: true).prefix(count))
    }

    /// By score; equal scores keep their order either way, as in Python's `sorted`.
    private func sortedByScore(descending: Bool) -> [ScoredMovie] {
        enumerated().sorted { a, b in
            guard a.element.score != b.element.score else { return a.offset < b.offset }
            return descending ? a.element.score > b.element.score : a.element.score < b.element.score
        }.map(\.element)
    }
}
