import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// `lesson6 lr-find` end to end on small data, its errors, and the finder's promises:
/// rates growing exponentially, the model left as it was.
struct LRFindTests {
    /// The small ratings file of the collab command's tests.
    let ratings: CollabCommandTests
    /// A data directory holding a made-up `nietzsche/nietzsche.txt` of about 5,000
    /// characters: seeded random words.
    let charsData: String

    init() throws {
        ratings = try CollabCommandTests()
        charsData = ratings.directory + "/data"
        try FileManager.default.createDirectory(atPath: charsData + "/nietzsche", withIntermediateDirectories: true)
        let words = ["the", "will", "to", "power", "of", "truth", "is", "a", "woman", "and", "philosophers",
                     "have", "not", "understood", "her", "morality", "as", "sign", "language", "affects"]
        var generator = MT19937(seed: 6)
        let text = (0..<900).map { _ in words[Int(generator.nextUInt32() % UInt32(words.count))] }
            .joined(separator: " ")
        try writeAtomically(text, to: charsData + "/nietzsche/nietzsche.txt")
    }

    /// Small models, so that a sweep takes well under a second.
    var tinyChars: [String] { ["--data", charsData, "--hidden", "16", "--factors", "8", "--batch-size", "16"] }

    /// Runs `lr-find` with `options`, and returns its SVG's root and its JSON.
    func sweep(_ options: [String]) throws -> (svg: XMLElement, json: [String: Any]) {
        let svg = ratings.directory + "/\(UUID().uuidString)/plot.svg", json = ratings.directory + "/points.json"
        #expect(runLesson6(["lr-find"] + options + ["--out", svg, "--json", json]) == 0)
        let root = try parse(try String(contentsOfFile: svg, encoding: .utf8))
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: json)))
        return (root, try #require(object as? [String: Any]))
    }

    /// The plot draws the recorded points but the first 10 and the last 6, and the
    /// JSON holds every one of them.
    func expectConsistent(_ svg: XMLElement, _ json: [String: Any], model: String, iterations: Int) throws {
        #expect(json["model"] as? String == model)
        #expect(json["iterations"] as? Int == iterations)
        let points = try #require(json["points"] as? [[String: Double]])
        #expect(points.count > 16 && points.count <= iterations)
        let shown = try #require(json["shown"] as? [String: Int])
        #expect(shown["first"] == 10 && shown["count"] == points.count - 16)
        let suggestion = try #require(json["suggestion"] as? [String: Double])
        let rates = points.map { $0["lr"]! }
        #expect(rates[10..<(points.count - 6)].contains(suggestion["steepest"]!))
        #expect(abs(suggestion["minimum_over_10"]! - suggestion["minimum"]! / 10) < 1e-9)

        let loss = try #require(elements("polyline", in: svg).first { attribute("stroke", of: $0) == RGB.tab10[0].hex })
        #expect(attribute("points", of: loss)!.split(separator: " ").count == points.count - 16)
        #expect(elements("circle", in: svg).count >= 2, "the steepest descent and the minimum are marked")
        let texts = elements("text", in: svg).compactMap(\.stringValue)
        #expect(texts.contains("lr_find: \(model)") && texts.contains("learning rate (log scale)"))
    }

    @Test func collabModelsWriteThePlotAndThePoints() throws {
        for model in ["dotbias", "net"] {
            let (svg, json) = try sweep(["--model", model] + ratings.ratingsOptions
                                        + ["--factors", "4", "--iterations", "60", "--end", "1"])
            try expectConsistent(svg, json, model: model, iterations: 60)
        }
    }

    @Test func charModelsWriteThePlotAndThePoints() throws {
        for model in ["rnn", "gru"] {
            let (svg, json) = try sweep(["--model", model] + tinyChars + ["--iterations", "40", "--end", "1"])
            try expectConsistent(svg, json, model: model, iterations: 40)
        }
    }

    @Test func tabularModelWritesThePlotAndThePoints() throws {
        let table = try TabularCommandTests()
        let (svg, json) = try sweep(["--model", "tabular", "--csv", table.directory + "/small.csv",
                                     "--categorical", "hour,day", "--continuous", "x", "--target", "y",
                                     "--layers", "16", "--dropouts", "0", "--batch-size", "8",
                                     "--iterations", "40", "--end", "1"])
        try expectConsistent(svg, json, model: "tabular", iterations: 40)
    }

    @Test func badOptionsNameTheOption() throws {
        let cases: [([String], String)] = [
            (["--model", "svd"], "--model"),
            (["--start", "0"], "--start"), (["--start", "abc"], "--start"), (["--start", "1e-50"], "--start"),
            (["--end", "1e-6"], "--end"), (["--iterations", "0"], "--iterations"), (["--lr", "0.1"], "--lr"),
            (["--model", "rnn", "--limit", "10"], "--limit"), (["--model", "dotbias", "--factors", "0"], "--factors"),
            (["--model", "tabular", "--epochs", "3"], "--epochs"),
            (["--model", "tabular", "--layers", "0"], "--layers"),
        ]
        for (words, option) in cases {
            #expect(runLesson6(["lr-find"] + words) == 2)
            var arguments = Arguments(command: "lr-find", summary: "", words)
            do {
                try LRFindCommand.run(&arguments)
                Issue.record("lr-find \(words) ran")
            } catch let failure as Arguments.Failure {
                #expect(failure.description.contains(option), "\(failure)")
            }
        }
    }

    @Test func missingDataSaysWhatToRun() throws {
        for model in ["dotbias", "lstm"] {
            var arguments = Arguments(command: "lr-find", summary: "",
                                      ["--model", model, "--data", ratings.directory + "/nowhere"])
            #expect(runLesson6(["lr-find"] + ["--model", model, "--data", ratings.directory + "/nowhere"]) == 1)
            do {
                try LRFindCommand.run(&arguments)
                Issue.record("lr-find ran without data")
            } catch let missing as MissingData {
                #expect(missing.description.contains("Run: scripts/download-data.sh"))
            }
        }
    }

    @Test func aSweepTooShortToPlotIsAnError() throws {
        var arguments = Arguments(command: "lr-find", summary: "",
                                  ["--model", "dotbias", "--iterations", "12",
                                   "--out", ratings.directory + "/short.svg"]
                                  + ratings.ratingsOptions)
        #expect(throws: LRFindError.self) { try LRFindCommand.run(&arguments) }
        #expect(!FileManager.default.fileExists(atPath: ratings.directory + "/short.svg"))
    }

    /// After the finder the parameters, buffers and optimizer state are bit for bit
    /// what they were, and training on gives exactly what it gives without the finder.
    @Test(arguments: ["dotbias", "gru"]) func theModelIsLeftAsItWas(model: String) throws {
        func trainedTwice(sweeping: Bool) throws -> [[UInt32]] {
            let options = model == "gru" ? tinyChars : ratings.ratingsOptions + ["--factors", "4"]
            var arguments = Arguments(command: "lr-find", summary: "", options)
            let (learner, _) = try LRFindModel.all.first { $0.name == model }!.options(&arguments)()
            try arguments.finish()
            try learner.fit(1e-3, 1)
            if sweeping {
                let tensors = learner.model.parameters + learner.model.namedBuffers.map(\.tensor)
                let before = bitPatterns(tensors), state = learner.optimizer.stateDict()
                let sweep = learner.lrFind(iterations: 30)
                #expect(sweep.losses.count > 10)
                #expect(bitPatterns(tensors) == before)
                #expect(learner.model.parameters.allSatisfy { $0.grad == nil })
                let after = learner.optimizer.stateDict()
                #expect(after.keys.sorted() == state.keys.sorted())
                #expect(after.allSatisfy { bitPatterns([$0.value]) == bitPatterns([state[$0.key]!]) })
                #expect(learner.optimizer.learningRate == 1e-3)
            }
            try learner.fit(1e-3, 1)
            return bitPatterns(learner.model.parameters)
        }
        #expect(try trainedTwice(sweeping: true) == trainedTwice(sweeping: false))
    }

    /// The slopes across half a decade (one point each side, at a point a decade), left
    /// of the lowest point; the lowest point.
    @Test func suggestionReadsTheSteepestSlopeAndTheMinimum() throws {
        let sweep = LearningRateSweep(learningRates: [1e-3, 1e-2, 1e-1, 1, 10, 100], losses: [5, 4, 2, 1, 1.5, 3])
        let suggestion = try #require(LearningRateSuggestion(sweep))
        // Slopes a decade: −1, −1.5, −1.5, −0.25 up to the minimum; the first steepest wins.
        #expect(suggestion.steepest == 1e-2 && suggestion.minimum == 1 && suggestion.minimumLoss == 1)
        #expect(suggestion.minimumOverTen == 0.1)
        // Past the minimum the loss may fall again (here after a spike); that is no candidate.
        let spiky = LearningRateSweep(learningRates: [1e-3, 1e-2, 1e-1, 1, 10, 100], losses: [3, 2.5, 1, 9, 2, 1.5])
        #expect(LearningRateSuggestion(spiky)?.steepest == 1e-2)
        #expect(LearningRateSuggestion(LearningRateSweep(learningRates: [1], losses: [1])) == nil)
    }

    @Test func reportLeavesOutFastaisPoints() {
        let rates = (0..<30).map { Float($0 + 1) }
        let report = LRFindReport(model: "m", start: 1, end: 31, iterations: 30,
                                  sweep: LearningRateSweep(learningRates: rates, losses: rates.map { 1 / $0 }))
        #expect(report.shown == 10..<24)
        #expect(report.suggestion?.minimum == 24)
        let short = LRFindReport(model: "m", start: 1, end: 31, iterations: 30,
                                 sweep: LearningRateSweep(learningRates: Array(rates.prefix(15)),
                                                          losses: Array(rates.prefix(15))))
        #expect(short.shown.isEmpty && short.suggestion == nil)
    }
}

/// The floats of every tensor as bit patterns, for bit-exact comparisons.
private func bitPatterns(_ tensors: [Tensor]) -> [[UInt32]] {
    tensors.map { $0.scalars.map(\.bitPattern) }
}
