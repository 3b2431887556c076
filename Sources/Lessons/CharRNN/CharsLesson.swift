import Foundation
import Scalar
import Tensor

/// `lesson6 chars`: lecture 6's character models on Nietzsche, and the sequel's
/// stateful GRU and LSTM (see Docs/Lesson6-RNN.md).
///
///     swift run -c release lesson6 chars --model rnn
///     swift run -c release lesson6 chars --model lstm --save lstm.safetensors
///     swift run -c release lesson6 chars --model loop --limit 50000 --schedule 1e-2:1
public enum CharsLesson: Command {
    public static let name = "chars"
    public static let summary = "train the character models (char3, loop, concat, rnn, seq, gru, lstm) on Nietzsche"

    public static func run(_ arguments: inout Arguments) throws {
        let kindName = try arguments.choice("model", CharModelKind.allCases.map(\.rawValue), default: "rnn",
                                            help: "the model")
        let kind = CharModelKind(rawValue: kindName)!
        let scheduleText: String? = try arguments.option(
            "schedule", help: "stages LR:EPOCHS or LR:CYCLES:cosine[:LENGTH[:MULT]], comma-separated "
                + "(default: the notebook's for the model)")
        let epochs: Int? = try arguments.option("epochs", help: "train this many epochs at --lr instead of the schedule")
        let rate: Double? = try arguments.option("lr", help: "the learning rate of --epochs (default: the schedule's first)")
        let batchSize: Int = try arguments.option("batch-size", default: kind.isStateful ? 64 : 512,
                                                  help: "rows (windows, or streams) per batch; 64 for gru and lstm")
        let bptt: Int = try arguments.option("bptt", default: 8, help: "characters per window or stateful batch")
        let factors: Int = try arguments.option("factors", default: 42, help: "n_fac, the character embedding size")
        let defaults = CharModelConfiguration(kind: kind, vocabularySize: 1)
        let hidden: Int = try arguments.option("hidden", default: defaults.hidden, help: "n_hidden; 512 for lstm")
        let layers: Int = try arguments.option("layers", default: defaults.layers, help: "recurrent layers (lstm; 2 for it)")
        let dropout: Double = try arguments.option("dropout", default: Double(defaults.dropout),
                                                   help: "dropout between recurrent layers (lstm)")
        let weightDecay: Double = try arguments.option("weight-decay", default: kind == .lstm ? 1e-5 : 0,
                                                       help: "Adam's L2 weight decay; 1e-5 for lstm")
        let seed: Int = try arguments.option("seed", default: 0, help: "random seed of the weights and the shuffle")
        let limit: Int? = try arguments.option("limit", help: "use only the first CHARS characters of the corpus")
        let letterCase = try arguments.choice("case", ["keep", "lower"], default: kind.isStateful ? "lower" : "keep",
                                              help: "lowercase the text first, as the sequel does for gru and lstm (their default)")
        let prompt: String = try arguments.option("prompt", default: "for thos", help: "text to continue after training")
        let save: String? = try arguments.option("save", help: "write the trained model to this safetensors file")
        let metricsJSON = try arguments.metricsJSONPath()
        let directory = try arguments.dataDirectory()
        try arguments.finish()

        func bad(_ option: String, _ value: Any, _ expected: String) -> Arguments.Failure {
            .badValue(option: option, value: "\(value)", expected: expected)
        }
        for (option, value) in [("--batch-size", batchSize), ("--bptt", bptt), ("--factors", factors),
                                ("--hidden", hidden), ("--layers", layers)] where value < 1 {
            throw bad(option, value, "a positive integer")
        }
        guard (0...Int(UInt32.max)).contains(seed) else { throw bad("--seed", seed, "an integer in 0..<2³²") }
        guard (0..<1).contains(dropout) else { throw bad("--dropout", dropout, "a number in [0, 1)") }
        guard weightDecay >= 0 else { throw bad("--weight-decay", weightDecay, "a number ≥ 0") }
        if let limit, limit < CharCorpus.shortest { throw bad("--limit", limit, "at least \(CharCorpus.shortest)") }
        if kind == .char3 && bptt != 8 { throw bad("--bptt", bptt, "left out: Char3Model always reads 3 characters") }
        let stages = try schedule(kind: kind, text: scheduleText, epochs: epochs, rate: rate)

        let path = try directory.path(of: .nietzsche)
        let corpus = try CharCorpus(contentsOf: path, limit: limit, lowercase: letterCase == "lower")
        let configuration = CharModelConfiguration(kind: kind, vocabularySize: corpus.vocabulary.count,
                                                   factors: factors, hidden: hidden, layers: layers,
                                                   dropout: Float(dropout), bptt: bptt)
        let training = try CharTraining(corpus: corpus, configuration: configuration, batchSize: batchSize,
                                        seed: UInt32(seed), weightDecay: Float(weightDecay))
        let parameterCount = training.model.parameters.map(\.count).reduce(0, +)
        print("corpus: \(path), \(corpus.count) characters\(limit == nil ? "" : " (--limit)")"
              + "\(letterCase == "lower" ? ", lowercased" : ""), vocabulary of \(corpus.vocabulary.count)")
        print("\(kind.typeName): n_fac \(factors), n_hidden \(hidden)"
              + (kind == .lstm ? ", \(layers) layers, dropout \(dropout)" : "") + ", \(parameterCount) parameters")
        print("data: \(training.task.summary)")
        print("optimizer: Adam\(weightDecay > 0 ? " (weight decay \(weightDecay))" : ""); NLL loss; "
              + "schedule \(stages.map(\.description).joined(separator: ", ")); seed \(seed)")

        let start = monotonicSeconds()
        let history = try training.fit(stages)
        let seconds = monotonicSeconds() - start
        print(String(format: "validation loss %.4f after %d epochs, %.1f s (%.1f s an epoch)",
                     history.epochs.last!.validLoss, history.epochs.count, seconds,
                     seconds / Double(history.epochs.count)))
        if let metricsJSON {
            try history.writeJSON(to: metricsJSON)
            print("wrote \(metricsJSON)")
        }
        if let save {
            try training.save(to: save)
            print("wrote \(save)")
        }
        let generator = CharGenerator(model: training.model, vocabulary: corpus.vocabulary)
        do {
            print("get_next_n(\(String(reflecting: prompt)), 40): \(String(reflecting: try generator.getNextN(prompt, 40)))")
        } catch {
            print("no sample: \(error)")
        }
    }

    /// The stages to train: `--schedule`, or `--epochs` at `--lr`, or the notebook's.
    static func schedule(kind: CharModelKind, text: String?, epochs: Int?, rate: Double?) throws -> [TrainingStage] {
        if let text {
            guard epochs == nil, rate == nil else {
                throw Arguments.Failure.badValue(option: "--schedule", value: text,
                                                 expected: "used without --epochs and --lr")
            }
            return try TrainingStage.parse(text, option: "--schedule")
        }
        if let rate, !(rate > 0) {
            throw Arguments.Failure.badValue(option: "--lr", value: "\(rate)", expected: "a positive number")
        }
        guard let epochs else {
            if rate != nil {
                throw Arguments.Failure.badValue(option: "--lr", value: "\(rate!)", expected: "used with --epochs")
            }
            return kind.lectureSchedule
        }
        guard epochs >= 1 else {
            throw Arguments.Failure.badValue(option: "--epochs", value: "\(epochs)", expected: "a positive integer")
        }
        let first = switch kind.lectureSchedule[0] {
        case .constant(let rate, _), .cosine(let rate, _, _, _): rate
        }
        return [.constant(rate.map(Float.init) ?? first, epochs: epochs)]
    }
}
