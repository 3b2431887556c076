import Tensor

/// What a trained model learned about the most-rated movies: the lecture's "Analyze
/// results" section.
///
/// ```python
/// g = ratings.groupby('movieId')['rating'].count()
/// topMovies = g.sort_values(ascending=False).index.values[:3000]
/// topMovieIdx = np.array([cf.item2idx[o] for o in topMovies])
/// movie_bias = to_np(m.ib(V(topMovieIdx)))
/// movie_ratings = [(b[0], movie_names[i]) for i, b in zip(topMovies, movie_bias)]
/// movie_emb = to_np(m.i(V(topMovieIdx)))
/// ```
///
/// ```swift
/// let analysis = MovieInterpretation(model: model, dataset: cf, titles: titles, top: 3000)
/// analysis.movieBiases?.highest(15)                        // "Movie bias"
/// let pca = analysis.pca(components: 3)                   // "Embedding interpretation"
/// analysis.componentScores(pca, component: 0).highest(10)
/// ```
///
/// Only movies with many ratings are analysed: a rarely rated movie's factors and bias
/// have moved little from their random start, and would fill the lists with noise.
public struct MovieInterpretation: Sendable {
    /// The item indices of the analysed movies, most-rated first (`topMovieIdx`).
    public let movies: [Int]
    /// Their original ids (`topMovies`).
    public let ids: [String]
    public let titles: [String]
    /// Each movie's factor vector (`movie_emb`), [movies][factors].
    public let factors: [[Double]]
    /// Each movie's bias (`movie_bias`), or nil for a model without biases
    /// (`EmbeddingNet`).
    public let biases: [Double]?

    /// Looks up the factors and biases of the `top` most-rated movies of `dataset` in
    /// `model`.
    public init(model: any CollabFilterModel, dataset: CollabFilterDataset, titles: MovieTitles, top: Int = 3000) {
        movies = dataset.mostRatedItems(top)
        ids = movies.map { dataset.items[$0] }
        self.titles = ids.map { titles[$0] }
        let indices = IndexTensor(movies)
        let (factorTable, biasTable) = withoutGrad {
            (model.itemFactors(indices), (model as? EmbeddingDotBias)?.itemBiases(indices))
        }
        let width = factorTable.shape[1], values = factorTable.scalars.map(Double.init)
        factors = movies.indices.map { Array(values[$0 * width..<($0 + 1) * width]) }
        biases = biasTable.map { $0.scalars.map(Double.init) }
    }

    /// Each movie with its bias, in `movies` order (`movie_ratings`); nil for a model
    /// without biases. The bias is what the model adds to every user's score for the
    /// movie: after training, how good people find it regardless of their taste.
    public var movieBiases: [ScoredMovie]? {
        biases.map(scored)
    }

    /// Each movie with `scores[k]`, in `movies` order.
    func scored(_ scores: [Double]) -> [ScoredMovie] {
        zip(scores, zip(ids, titles)).map { ScoredMovie(score: $0, id: $1.0, title: $1.1) }
    }
}
