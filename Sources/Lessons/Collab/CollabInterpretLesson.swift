import Foundation
import Toolkit

/// `lesson6 collab-interpret`: the lecture's "Analyze results" — what the trained
/// `EmbeddingDotBias` learned about the 3000 most-rated movies: their biases, ranked,
/// and the three principal components of their factors, with the titles at each end
/// and a labelled scatter plot; then a prediction for one user and movie.
///
/// It loads a checkpoint (`--load`, from `lesson6 collab --save`) or trains first with
/// the lecture's recipe. (The lecture's notes print these lists from a model that was
/// never trained, so there every bias is still its random start in ±0.05.)
public enum CollabInterpretLesson: Command {
    public static let name = "collab-interpret"
    public static let summary = "movie biases and PCA of the movie factors of a trained model, with titles; "
        + "a prediction"

    public static func run(_ arguments: inout Arguments) throws {
        let options = try CollabOptions(&arguments)
        let moviesFile: String? = try arguments.option("movies", help: "the movie titles file (default: the data "
                                                       + "directory's ml-latest-small/movies.csv)")
        let top = try arguments.option("top", default: 3000, help: "analyse this many of the most-rated movies")
        let out: String = try arguments.option("out", default: "out/collab", help: "directory for the PCA scatter plot")
        let plotSeed = try arguments.option("plot-seed", default: 42, help: "seed of the 50 movies plotted")
        let user: String = try arguments.option("user", default: "15", help: "user id to predict a rating for")
        let movie: String = try arguments.option("movie", default: "318", help: "movie id to predict the rating of")
        try arguments.finish()
        guard top >= 3 else {
            throw Arguments.Failure.badValue(option: "--top", value: "\(top)",
                                             expected: "at least 3 (one per component)")
        }
        guard let plotSeed = UInt32(exactly: plotSeed) else {
            throw Arguments.Failure.badValue(option: "--plot-seed", value: "\(plotSeed)",
                                             expected: "an integer in 0..<2³²")
        }

        let split = try options.split()
        let cf = split.dataset
        let titles = try MovieTitles(contentsOfFile: try moviesFile ?? options.data.path(of: .movieLensMovies))
        print(CollabLesson.describe(cf, from: try options.sources()))
        let learn = try options.trainedLearner(split) { learn in
            let factors = learn.model.itemFactors.dimensions
            guard factors >= 4 else {
                throw CollabOptionsError("a PCA of 3 components needs at least 4 factors (the factors are its "
                                         + "samples, and centring n samples leaves n − 1 directions); the model has "
                                         + "\(factors)")
            }
        }

        let analysis = MovieInterpretation(model: learn.model, dataset: cf, titles: titles, top: top)
        guard analysis.movies.count >= 3 else {
            throw CollabOptionsError("a PCA of 3 components needs at least 3 movies; "
                                     + "the ratings have \(analysis.movies.count)")
        }
        if let biases = analysis.movieBiases {
            section("Movie bias: the \(analysis.movies.count) most-rated movies, lowest bias first", biases.lowest(15))
            section("Movie bias: highest first", biases.highest(15))
        } else {
            print("\n(\(type(of: learn.model)) has no biases to rank)")
        }
        let pca = analysis.pca(components: 3)
        let shares = pca.explainedVarianceRatio.map { String(format: "%.1f%%", $0 * 100) }.joined(separator: ", ")
        print("\nPCA of the movie factors (pca.fit(movie_emb.T)): components 0, 1, 2 explain \(shares) of the variance")
        for component in 0..<3 {
            let scores = analysis.componentScores(pca, component: component)
            section("Component \(component): highest", scores.highest(10))
            section("Component \(component): lowest", scores.lowest(10))
        }
        let plotPath = out + "/movie-pca.svg"
        try writeAtomically(analysis.scatterPlot(pca, x: 0, y: 1, count: 50, seed: plotSeed).svg(), to: plotPath)
        print("\nwrote \(plotPath)")

        let prediction = try learn.predict(user: user, item: movie)
        print("\nuser \(user) would rate \(titles[movie]) " + String(format: "%.2f", prediction)
              + (givenRating(cf, user: user, item: movie).map { " (they rated it \($0))" } ?? " (not rated by them)"))
    }

    private static func section(_ title: String, _ movies: [ScoredMovie]) {
        print("\n\(title)")
        for movie in movies { print(String(format: "  %8.4f  ", movie.score) + movie.title) }
    }

    /// The rating `user` gave `item` in the file, if any.
    private static func givenRating(_ cf: CollabFilterDataset, user: String, item: String) -> Float? {
        guard let u = cf.users.index(of: user), let i = cf.items.index(of: item) else { return nil }
        return cf.ratings.indices.first { cf.userIndices[$0] == u && cf.itemIndices[$0] == i }.map { cf.ratings[$0] }
    }
}
