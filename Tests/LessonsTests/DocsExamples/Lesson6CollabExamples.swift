import Foundation
import Lessons
import Testing
import Toolkit

/// The Swift example of `Docs/Lesson6-Collab.md`, verbatim (`DocsCodeTests` checks that
/// it is), run on a small ratings file laid out as MovieLens is (`CollabLectureTests`
/// runs the lecture's recipe on MovieLens itself).
@Suite struct Lesson6CollabExamples {
    /// 40 movies, ids 300…339, rated by 30 users, ids 1…30, half a star to five.
    static func writeSmallMovieLens(to folder: String) throws {
        let ratings = (1...30).flatMap { user in
            (300..<340).map { movie in "\(user),\(movie),\(Double((user * 7 + movie * 3) % 10 + 1) / 2),0" }
        }
        try writeAtomically((["userId,movieId,rating,timestamp"] + ratings).joined(separator: "\n"),
                            to: "\(folder)/ml-latest-small/ratings.csv")
        let movies = (300..<340).map { "\($0),Movie \($0) (2016),Drama" }
        try writeAtomically((["movieId,title,genres"] + movies).joined(separator: "\n"),
                            to: "\(folder)/ml-latest-small/movies.csv")
    }

    @Test func theLectureRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collab-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writeSmallMovieLens(to: folder)
        let (dataOption, outputFolder): (String?, String) = (folder, folder)

        let data = DataDirectory(option: dataOption)            // --data, else LESSON6_DATA, else ./data
        let cf = try CollabFilterDataset(contentsOfFile: try data.path(of: .movieLensRatings),
                                         user: "userId", item: "movieId", rating: "rating")
        let learn = cf.learner(factors: 50, validation: validationIndices(count: cf.count), batchSize: 64,
                               weightDecay: 2e-4)
        try learn.fit(1e-2, 2, cycleLength: 1, cycleMult: 2)

        let titles = try MovieTitles(contentsOfFile: try data.path(of: .movieLensMovies))
        let analysis = MovieInterpretation(model: learn.model, dataset: cf, titles: titles, top: 3000)
        let bestMovies = analysis.movieBiases!.highest(15)
        let pca = analysis.pca(components: 3)
        let firstComponentTop = analysis.componentScores(pca, component: 0).highest(10)
        try writeAtomically(analysis.scatterPlot(pca).svg(), to: "\(outputFolder)/movie-pca.svg")
        let prediction = try learn.predict(user: "15", item: "318")

        #expect(learn.learner.epochsTrained == 3)
        #expect(bestMovies.count == 15 && bestMovies.allSatisfy { $0.title.hasPrefix("Movie 3") })
        #expect(pca.components.count == 3 && firstComponentTop.count == 10)
        #expect(try String(contentsOfFile: "\(outputFolder)/movie-pca.svg", encoding: .utf8).contains("<svg"))
        #expect((0.5...5).contains(prediction), "\(prediction)")
    }
}
