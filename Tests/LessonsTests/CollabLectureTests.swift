import Foundation
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// The lecture's run on the shared MovieLens copy: `cf.get_learner(50, val_idxs, 64,
/// opt_fn=optim.Adam)`, `learn.fit(1e-2, 2, wds=2e-4, cycle_len=1, cycle_mult=2)`, then
/// the bias ranking. About 15 s of training on two cores; skipped without the data.
///
/// The bound, 0.776, is the lecture's level (`math.sqrt(0.776)` in fastai's official
/// notebook; the notes show no fit), not a margin over our own run: with seed 0 ours ends
/// at 0.7627 on both SIMD kernels, seeds 1 and 2 at 0.7653 and 0.7624, and PyTorch's same
/// recipe (`Benchmarks/pytorch/collab.py`) at 0.7641 (Docs/Lesson6-Collab.md). All of these
/// are on the lecture's October 2016 edition of MovieLens; on GroupLens's current edition
/// (other users, other ratings) the recipe has not been measured, so the suite skips there.
@Suite(.enabled(if: sharedMovieLensEdition == .october2016,
                "needs MovieLens's October 2016 edition (100004 ratings), the one the bound was measured on"))
struct CollabLectureTests {
    @Test func lectureRecipeReachesTheLecturesValidationLoss() throws {
        let ratings = try sharedMovieLens!.path(of: .movieLensRatings)
        let cf = try CollabFilterDataset(contentsOfFile: ratings, user: "userId", item: "movieId", rating: "rating")
        let learn = cf.learner(factors: 50, validation: validationIndices(count: cf.count), batchSize: 64,
                               weightDecay: 2e-4, output: .silent)
        let history = try learn.fit(1e-2, 2, cycleLength: 1, cycleMult: 2)
        #expect(history.epochs.count == 3)
        let losses = history.epochs.map(\.validLoss)
        #expect(losses[2] <= 0.776, "validation MSE per epoch \(losses); the lecture's runs reach 0.765–0.777")

        let titles = try MovieTitles(contentsOfFile: try sharedMovieLens!.path(of: .movieLensMovies))
        let biases = MovieInterpretation(model: learn.model, dataset: cf, titles: titles, top: 3000).movieBiases!
        let best = biases.highest(15).map(\.title), worst = biases.lowest(15).map(\.title)
        #expect(best.prefix(3).contains("Shawshank Redemption, The (1994)"), "\(best)")
        #expect(best.contains("Godfather, The (1972)"), "\(best)")
        #expect(worst.contains("Battlefield Earth (2000)"), "\(worst)")
    }
}
