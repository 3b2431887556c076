import Toolkit

/// Movie titles by movie id, from MovieLens' `movies.csv` (`movieId,title,genres`):
/// the lecture's `movie_names = movies.set_index('movieId')['title'].to_dict()`.
public struct MovieTitles: Sendable {
    private let titles: [String: String]

    /// Reads the ids and titles of the file at `path`.
    public init(contentsOfFile path: String, id: ColumnReference = "movieId", title: ColumnReference = "title")
        throws(CSVError) {
        let table = try CSVTable(contentsOfFile: path)
        self.init(ids: try table.column(id, as: String.self), titles: try table.column(title, as: String.self))
    }

    /// `titles[k]` is the title of movie `ids[k]`; a later repeat of an id wins, as in
    /// `to_dict()`.
    public init(ids: [String], titles: [String]) {
        self.titles = Dictionary(zip(ids, titles), uniquingKeysWith: { $1 })
    }

    /// The title of movie `id`, or a note saying the id has none, so that a movie
    /// missing from the titles file still shows in a ranking.
    public subscript(id: String) -> String {
        titles[id] ?? "(movie \(id): no title)"
    }
}
