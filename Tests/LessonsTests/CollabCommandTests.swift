import Foundation
import Testing
@testable import Lessons
@testable import Toolkit

/// `lesson6 collab`, `collab-interpret`, `collab-recommend` and `collab-similar` end to
/// end on a small ratings file in MovieLens 100k's layout, and their option errors.
struct CollabCommandTests {
    /// A directory of its own holding a tab-separated, headerless ratings file of 30
    /// users and 12 movies, and a movies file with their titles.
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("collab-command-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var ratings = ""
        for user in 0..<30 {
            for movie in 0..<12 where (user + movie) % 3 != 0 {
                ratings += "\(user)\t\(100 + movie)\t\(1 + (user * 7 + movie * 3) % 5)\t0\n"
            }
        }
        try ratings.write(toFile: directory + "/u.data", atomically: true, encoding: .utf8)
        let movies = "movieId,title\n" + (0..<12).map { "\(100 + $0),\"Movie \($0), The\"" }.joined(separator: "\n")
        try movies.write(toFile: directory + "/movies.csv", atomically: true, encoding: .utf8)
    }

    var ratingsOptions: [String] {
        ["--ratings", directory + "/u.data", "--separator", "tab", "--no-header", "--user-column", "0",
         "--item-column", "1", "--rating-column", "2"]
    }

    @Test func trainsSavesAndInterprets() throws {
        let checkpoint = directory + "/model.safetensors", metrics = directory + "/metrics.json"
        #expect(runLesson6(["collab"] + ratingsOptions + ["--factors", "4", "--cycles", "1", "--out", directory,
                                                          "--save", checkpoint, "--metrics-json", metrics]) == 0)
        let json = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(json.contains("\"valid_loss\"") && json.contains("\"seconds\""))
        #expect(FileManager.default.fileExists(atPath: directory + "/valid-predictions.svg"))
        #expect(runLesson6(["collab-interpret"] + ratingsOptions
                           + ["--load", checkpoint, "--movies", directory + "/movies.csv", "--top", "10",
                              "--out", directory, "--user", "3", "--movie", "105"]) == 0)
        let plot = try String(contentsOfFile: directory + "/movie-pca.svg", encoding: .utf8)
        #expect(plot.contains("Movie 5, The"))
        // The same checkpoint's recommendations and nearest items, with titles, and an
        // id the ratings lack as an error.
        let titles = ["--load", checkpoint, "--titles", directory + "/movies.csv", "--min-ratings", "1"]
        #expect(runLesson6(["collab-recommend"] + ratingsOptions + titles + ["--user", "3", "--top", "3"]) == 0)
        #expect(runLesson6(["collab-similar"] + ratingsOptions + titles + ["--item", "105", "--top", "3"]) == 0)
        #expect(runLesson6(["collab-recommend"] + ratingsOptions + titles + ["--user", "99"]) == 1)
        #expect(runLesson6(["collab-similar"] + ratingsOptions + titles + ["--item", "999"]) == 1)
        // A checkpoint of other ratings (one user fewer) is refused before a model is built.
        let fewer = try String(contentsOfFile: directory + "/u.data", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("29\t") }.joined(separator: "\n")
        try fewer.write(toFile: directory + "/fewer.data", atomically: true, encoding: .utf8)
        var otherRatings = ratingsOptions
        otherRatings[1] = directory + "/fewer.data"
        #expect(runLesson6(["collab-recommend"] + otherRatings + titles + ["--user", "3"]) == 1)
        // A movie nobody rated is an error, said so (exit status 1).
        #expect(runLesson6(["collab-interpret"] + ratingsOptions
                           + ["--load", checkpoint, "--movies", directory + "/movies.csv", "--top", "10",
                              "--out", directory, "--user", "3", "--movie", "999"]) == 1)
        // Too few factors for 3 principal components: an error before training.
        #expect(runLesson6(["collab-interpret"] + ratingsOptions + ["--factors", "3", "--cycles", "1", "--top", "10",
                                                                    "--movies", directory + "/movies.csv",
                                                                    "--out", directory]) == 1)
    }

    /// A ratings column that is not there, and a data folder that is not there: exit
    /// status 1 (the bad command lines are `CommandLineTests`').
    @Test func missingInputsFail() {
        #expect(runLesson6(["collab"] + ratingsOptions.dropLast() + ["7"]) == 1)
        #expect(runLesson6(["collab", "--data", directory + "/nowhere"]) == 1)
    }

    /// `collab`'s options as they would be read from `words`.
    func collabOptions(_ words: [String]) throws -> CollabOptions {
        var arguments = Arguments(program: "lesson6", command: "collab", summary: "", words)
        return try CollabOptions(&arguments)
    }

    /// `--validation FILE` validates on another file's ratings (its ids numbered with the
    /// ratings'); `--folds K` trains K models and prints a row a fold and the mean ± sd.
    @Test func validationFileAndFolds() throws {
        let lines = try String(contentsOfFile: directory + "/u.data", encoding: .utf8).split(separator: "\n")
        let (train, test) = (directory + "/u1.base", directory + "/u1.test")
        try lines.enumerated().filter { $0.offset % 5 != 0 }.map { $0.element + "\n" }.joined()
            .write(toFile: train, atomically: true, encoding: .utf8)
        try (lines.enumerated().filter { $0.offset % 5 == 0 }.map { $0.element + "\n" }.joined() + "77\t999\t3\t0\n")
            .write(toFile: test, atomically: true, encoding: .utf8)
        var options = ratingsOptions
        options[1] = train
        let metrics = directory + "/validation.json"
        #expect(runLesson6(["collab"] + options + ["--validation", test, "--factors", "4", "--cycles", "1",
                                                   "--out", directory, "--metrics-json", metrics]) == 0)
        #expect(try String(contentsOfFile: metrics, encoding: .utf8).contains("\"valid_loss\""))
        let split = try collabOptions(options + ["--validation", test]).split()
        #expect(split.validation.count == lines.count / 5 + 1 && split.unseen == 1, "user 77 and item 999")
        let small = try collabOptions(ratingsOptions + ["--factors", "4", "--cycles", "1"])
        let folds = try CollabCrossValidation(options: small, folds: 3).run()
        #expect(folds.count == 3 && folds.allSatisfy { $0.isFinite && $0 > 0 && $0 < 4 }, "\(folds)")
        #expect(runLesson6(["collab"] + ratingsOptions + ["--folds", "1"]) == 2)
        #expect(runLesson6(["collab"] + ratingsOptions + ["--folds", "3", "--save", directory + "/m"]) == 2)
    }

    @Test func recipesAreTheLectures() throws {
        var arguments = Arguments(command: "collab", summary: "", [])
        let options = try CollabOptions(&arguments)
        #expect(options.trainingRecipe(for: .dotbias)
                == CollabRecipe(stages: [.cosine(1e-2, cycles: 2, cycleLength: 1, cycleMultiplier: 2)],
                                weightDecay: 2e-4))
        #expect(options.trainingRecipe(for: .dotbias).epochs == 3)
        #expect(options.trainingRecipe(for: .net)
                == CollabRecipe(stages: [.constant(1e-3, epochs: 3)], weightDecay: 1e-5))
        var changed = Arguments(command: "collab", summary: "", ["--lr", "0.05", "--cycle-len", "0", "--cycles", "4"])
        let custom = try CollabOptions(&changed)
        #expect(custom.trainingRecipe(for: .dotbias)
                == CollabRecipe(stages: [.constant(0.05, epochs: 4)], weightDecay: 2e-4))
    }
}
