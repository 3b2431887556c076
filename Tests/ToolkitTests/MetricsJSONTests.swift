import Foundation
import Testing
@testable import Toolkit

@Suite struct MetricsJSONTests {
    static let history = TrainingHistory(metricNames: ["rmse", "accuracy"], epochs: [
        .init(epoch: 0, trainLoss: 0.81, validLoss: 0.8, metrics: [0.89, 0.5], seconds: 12.5),
        .init(epoch: 1, trainLoss: .nan, validLoss: .infinity, metrics: [0.75, 0.625], seconds: 3),
    ])

    @Test func historyAsJSON() throws {
        // A backslash at a line's end joins the next line on (the JSON has one epoch a line).
        #expect(Self.history.json() == """
            {"epochs": [
                {"epoch": 0, "train_loss": 0.81, "valid_loss": 0.8, \
            "metrics": {"rmse": 0.89, "accuracy": 0.5}, "seconds": 12.5},
                {"epoch": 1, "train_loss": null, "valid_loss": null, \
            "metrics": {"rmse": 0.75, "accuracy": 0.625}, "seconds": 3.0}
            ]}

            """)
        #expect(TrainingHistory(metricNames: []).json() == "{\"epochs\": [\n]}\n")
    }

    @Test func writtenFileParsesAsJSON() throws {
        let path = CheckpointTests.temporaryFile("metrics.json")
        try Self.history.writeJSON(to: path)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let epochs = try #require((object as? [String: Any])?["epochs"] as? [[String: Any]])
        #expect(epochs.count == 2)
        #expect(epochs[0]["valid_loss"] as? Double == 0.8)
        #expect((epochs[1]["metrics"] as? [String: Double])?["accuracy"] == 0.625)
        #expect(epochs[1]["train_loss"] is NSNull)
    }

    @Test func metricsJSONOption() throws {
        var arguments = Arguments(command: "collab", summary: "", ["--metrics-json", "out/m.json"])
        #expect(try arguments.metricsJSONPath() == "out/m.json")
        try arguments.finish()
        var absent = Arguments(command: "collab", summary: "", [])
        #expect(try absent.metricsJSONPath() == nil)
        #expect(absent.helpText.contains("--metrics-json TEXT  write each epoch's losses, metrics and seconds "
                                         + "to this file, as JSON"))
    }
}
