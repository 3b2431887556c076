import Foundation
import TestSupport
import Testing

/// The command line as a user meets it: the built `lesson6` and `lesson6-bench` run as
/// separate processes, their exit status and what they print. (The lessons' own tests
/// run each command in-process on small data: `CollabCommandTests`,
/// `TabularCommandTests`, `LRFindTests`, `SGDTests`.)
@Suite(.enabled(if: lesson6Binary != nil && benchmarkBinary != nil,
                "lesson6 and lesson6-bench are not built (swift build --build-tests)"))
struct CommandLineTests {
    /// `runLesson6Process` or `runBenchmark`.
    typealias Runner = ([String], [String: String]) throws -> (status: Int32, output: String)?

    /// The commands a program's `--help` lists, read from its overview.
    static func commands(_ run: ([String]) throws -> (status: Int32, output: String)?) throws -> [String] {
        let (status, output) = try #require(try run(["--help"]))
        #expect(status == 0)
        let lines = output.split(separator: "\n").drop { $0 != "commands:" }.dropFirst()
            .prefix { $0.hasPrefix("  ") }
        return lines.map { String($0.split(separator: " ")[0]) }
    }

    /// Every command in the overview has a summary set apart from its name, and answers
    /// `--help` with its usage and options, exit status 0.
    @Test func everyCommandHasHelp() throws {
        let programs: [(String, Runner)] = [("lesson6", runLesson6Process), ("lesson6-bench", runBenchmark)]
        for (program, run) in programs {
            let (_, overview) = try #require(try run(["--help"], [:]))
            let names = try Self.commands { try run($0, [:]) }
            #expect(names.count >= 8, "\(program) --help lists \(names)")
            for name in names {
                #expect(overview.contains("  \(name)  "), "\(program): '\(name)' runs into its summary")
                let (status, help) = try #require(try run([name, "--help"], [:]))
                #expect(status == 0 && help.hasPrefix("usage: \(program) \(name) [options]"),
                        "\(program) \(name): \(help)")
                #expect(help.contains("options:") && help.contains("  --help"), "\(program) \(name): \(help)")
            }
        }
    }

    /// A bad value, a missing option or an unknown one: exit status 2, and the message
    /// names the option (or the command) at fault.
    @Test(arguments: [
        (["sgd", "--lr", "-1"], "--lr"), (["sgd", "--points", "0"], "--points"),
        (["sgd", "--steps", "many"], "--steps"),
        (["sgd", "--bogus", "1"], "--bogus"), (["scalar", "--steps", "0"], "--steps"),
        (["chars", "--schedule", "fast"], "--schedule"), (["chars", "--model", "transformer"], "--model"),
        (["chars", "--epochs", "2", "--schedule", "1e-3:1"], "--schedule"),
        (["chars", "--model", "gru", "--layers", "3"], "--layers"),
        (["chars", "--model", "rnn", "--dropout", "0.2"], "--dropout"), (["generate"], "--load"),
        (["generate", "--load", "m.safetensors", "--count", "-5"], "--count"),
        (["collab", "--model", "svd"], "--model"), (["collab", "--separator", "ab"], "--separator"),
        (["collab", "--valid-fraction", "1"], "--valid-fraction"), (["collab", "--batch-size", "0"], "--batch-size"),
        (["tabular", "--emb-drop", "2"], "--emb-drop"),
        (["tabular", "--layers", "16,8", "--dropouts", "0.1"], "--dropouts"),
        (["lr-find", "--model", "resnet"], "--model"), (["nonsense"], "nonsense"),
        (["sgd", "--device", "tpu"], "--device"),
    ])
    func badCommandLinesNameTheOption(words: [String], option: String) throws {
        let (status, output) = try #require(try runLesson6Process(words))
        #expect(status == 2, "lesson6 \(words.joined(separator: " ")): status \(status), \(output)")
        #expect(output.contains(option), "lesson6 \(words.joined(separator: " ")): \(output)")
    }

    @Test(arguments: [(["matmul", "--threads", "0"], "--threads"), (["threads", "--pieces", "0"], "--pieces"),
                      (["sgd", "--points", "0"], "--points"), (["epochs", "--device", "gpu"], "--device")])
    func badBenchmarkCommandLinesNameTheOption(words: [String], option: String) throws {
        let (status, output) = try #require(try runBenchmark(words))
        #expect(status == 2 && output.contains(option), "lesson6-bench \(words.joined(separator: " ")): \(output)")
    }

    /// `--device cpu` runs; `--device cuda` runs on a GPU, and elsewhere stops before any
    /// work with the driver's absence explained and the variable to set.
    @Test func deviceChoices() throws {
        let output = NSTemporaryDirectory() + "sgd-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let sgd = ["sgd", "--steps", "3", "--points", "20", "--output", output]
        let (cpu, cpuOutput) = try #require(try runLesson6Process(sgd + ["--device", "cpu"]))
        #expect(cpu == 0, "\(cpuOutput)")
        let (cuda, cudaOutput) = try #require(try runLesson6Process(sgd + ["--device", "cuda"]))
        if cuda != 0 {
            #expect(cuda == 2, "\(cudaOutput)")
            #expect(cudaOutput.contains("--device cuda") && cudaOutput.contains("CUDA_DRIVER_LIBRARY"), "\(cudaOutput)")
        }
    }

    /// `scalar` trains on its own two moons: five steps, a loss that falls (2.61 to 0.46
    /// with the default seed).
    @Test func scalarRuns() throws {
        let (status, output) = try #require(try runLesson6Process(["scalar", "--steps", "5", "--points", "20"]))
        #expect(status == 0, "\(output)")
        let losses = output.split(separator: "\n").compactMap { line -> Double? in
            let words = line.split(separator: " ")
            return words.count == 3 && Int(words[0]) != nil ? Double(words[1]) : nil
        }
        #expect(losses.count == 5 && losses.allSatisfy(\.isFinite) && losses[4] < losses[0], "\(output)")
    }

    /// `chars --text` on a small text of the test's own, saved, then `generate --load`
    /// of that checkpoint: the prompt continued by the requested number of characters,
    /// all from the text's vocabulary, which the checkpoint carries.
    @Test func charsSavesAModelThatGenerateLoads() throws {
        let data = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("chars-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let sentence = "the will to power is the will to life, and the life of the will is power. "
        let textFile = data.appendingPathComponent("will.txt")
        try Data(String(repeating: sentence, count: 60).utf8).write(to: textFile)
        let checkpoint = data.appendingPathComponent("rnn.safetensors").path
        let metrics = data.appendingPathComponent("metrics.json").path
        let (trained, trainOutput) = try #require(try runLesson6Process([
            "chars", "--text", textFile.path, "--data", data.appendingPathComponent("nowhere").path,
            "--model", "rnn", "--epochs", "1", "--lr", "1e-2", "--batch-size", "32",
            "--hidden", "32", "--factors", "8", "--save", checkpoint, "--metrics-json", metrics, "--prompt", "the will",
        ]))
        #expect(trained == 0, "\(trainOutput)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics)))
        let epochs = try #require((json as? [String: Any])?["epochs"] as? [[String: Any]], "\(json)")
        let validLoss = try #require(epochs.first?["valid_loss"] as? Double)
        // An untrained model scores about ln 18 ≈ 2.9 on this text's 17 characters and NUL;
        // the text repeats one sentence, which one epoch mostly learns (0.17 with seed 0).
        #expect(validLoss.isFinite && validLoss < 1, "valid loss \(validLoss)")

        let (generated, output) = try #require(try runLesson6Process([
            "generate", "--load", checkpoint, "--prompt", "the will", "--count", "40", "--temperature", "1",
        ]))
        #expect(generated == 0, "\(output)")
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("the will") }, "\(output)")
        #expect(line.count == "the will".count + 40, "\(line)")
        #expect(Set(line).isSubset(of: Set(sentence)), "\(line)")

        // A prompt shorter than CharRnn's window of 8 is read whole, and said so.
        let (short, shortOutput) = try #require(try runLesson6Process(["generate", "--load", checkpoint,
                                                                      "--prompt", "the", "--count", "5"]))
        #expect(short == 0 && shortOutput.contains("the prompt's 3 are read whole"), "\(shortOutput)")
        // A character the text never had is named, with where it is in the prompt.
        let (unknown, unknownOutput) = try #require(try runLesson6Process(["generate", "--load", checkpoint,
                                                                          "--prompt", "the wilX"]))
        #expect(unknown == 1 && unknownOutput.contains("character 'X' (U+0058) at position 7"), "\(unknownOutput)")
        // A text file that is not there: exit 1, the file named.
        let missing = data.appendingPathComponent("missing.txt").path
        let (absent, absentOutput) = try #require(try runLesson6Process(["chars", "--text", missing]))
        #expect(absent == 1 && absentOutput.contains(missing), "\(absentOutput)")
    }
}
