import Random
import Toolkit

/// The lecture's "Embedding interpretation": the 50 factors of each movie are too many
/// to look at, so PCA squeezes them into three numbers per movie, and the titles at the
/// two ends of each component say what it stands for.
///
/// ```python
/// pca = PCA(n_components=3)
/// movie_pca = pca.fit(movie_emb.T).components_    # (3, 3000)
/// fac0 = movie_pca[0]
/// movie_comp = [(f, movie_names[i]) for f, i in zip(fac0, topMovies)]
/// sorted(movie_comp, key=itemgetter(0), reverse=True)[:10]
/// ```
extension MovieInterpretation {
    /// PCA of the movies' factors as the lecture fits it, on the transposed matrix:
    /// the factors are the samples and the movies the features, so each component has
    /// one entry per movie.
    public func pca(components: Int = 3) -> PCA {
        let transposed = (0..<(factors.first?.count ?? 0)).map { j in factors.map { $0[j] } }
        return PCA(components: components, fitting: transposed)
    }

    /// Each movie with its entry in component `component` of `pca` (`movie_comp`).
    public func componentScores(_ pca: PCA, component: Int) -> [ScoredMovie] {
        guard pca.components.indices.contains(component), pca.components[component].count == movies.count else {
            fatalError("componentScores: component \(component) of a PCA with \(pca.components.count) components "
                       + "of \(pca.components.first?.count ?? 0) movies, for \(movies.count) movies")
        }
        return scored(pca.components[component])
    }

    /// `count` movies drawn without replacement (`np.random.choice(len(topMovies),
    /// count, replace=False)`, seeded), plotted at their entries in components `x` and
    /// `y` of `pca`, each labelled with its title.
    public func scatterPlot(_ pca: PCA, x: Int = 0, y: Int = 1, count: Int = 50, seed: UInt32 = 42) -> Plot {
        let xs = componentScores(pca, component: x), ys = componentScores(pca, component: y)
        var generator = MT19937(seed: seed)
        let chosen = generator.permutation(movies.count).prefix(min(count, movies.count))
        let title = "\(chosen.count) of the \(movies.count) most-rated movies on PCA components \(x) and \(y)"
        var plot = Plot(title: title,
                        x: Axis("component \(x)"), y: Axis("component \(y)"), width: 1100, height: 1100)
        plot.scatter(chosen.map { xs[$0].score }, chosen.map { ys[$0].score }, labels: chosen.map { titles[$0] })
        return plot
    }
}
