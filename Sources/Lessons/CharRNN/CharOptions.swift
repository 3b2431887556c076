import Foundation
import Toolkit

/// The command-line options that build a character model and its data, shared by
/// `lesson6 chars` and `lesson6 lr-find --model char3|…|lstm`: the corpus (`--text`, or
/// Nietzsche under `--data`; `--limit`, `--case`), the model's sizes, the batches, the seed and Adam's weight
/// decay. Defaults depend on the model (`--batch-size` 64 and `--case lower` for the
/// stateful ones, `--hidden 512`, `--layers 2` and `--weight-decay 1e-5` for lstm).
public struct CharOptions {
    public var kind: CharModelKind
    public var data: DataDirectory
    /// A text file of the user's to train on instead of Nietzsche.
    public var text: String?
    public var batchSize: Int
    public var bptt: Int
    public var factors: Int
    public var hidden: Int
    public var layers: Int
    public var dropout: Double
    public var weightDecay: Double
    public var seed: UInt32
    /// Use only the first this many characters of the corpus.
    public var limit: Int?
    public var lowercase: Bool

    /// Reads the options for a `kind` model from `arguments` and checks them (the
    /// caller then reads its own and calls `finish()`).
    public init(kind: CharModelKind, _ arguments: inout Arguments) throws {
        self.kind = kind
        batchSize = try arguments.option("batch-size", default: kind.isStateful ? 64 : 512,
                                         help: "rows (windows, or streams) per batch; 64 for gru and lstm")
        bptt = try arguments.option("bptt", default: 8, help: "characters per window or stateful batch")
        factors = try arguments.option("factors", default: 42, help: "n_fac, the character embedding size")
        let defaults = CharModelConfiguration(kind: kind, vocabularySize: 1)
        hidden = try arguments.option("hidden", default: defaults.hidden, help: "n_hidden; 512 for lstm")
        layers = try arguments.option("layers", default: defaults.layers, help: "recurrent layers (lstm; 2 for it)")
        dropout = try arguments.option("dropout", default: Double(defaults.dropout),
                                       help: "dropout between recurrent layers (lstm)")
        weightDecay = try arguments.option("weight-decay", default: kind == .lstm ? 1e-5 : 0,
                                           help: "Adam's L2 weight decay; 1e-5 for lstm")
        let seed: Int = try arguments.option("seed", default: 0, help: "random seed of the weights and the shuffle")
        limit = try arguments.option("limit", help: "use only the first CHARS characters of the corpus")
        lowercase = try arguments.choice("case", ["keep", "lower"], default: kind.isStateful ? "lower" : "keep",
                                         help: "lowercase the text first, as the sequel does for gru and lstm "
                                            + "(their default)") == "lower"
        data = try arguments.dataDirectory()
        text = try arguments.option("text", help: "a UTF-8 text file to train on instead of the data directory's "
                                    + "nietzsche/nietzsche.txt")

        func bad(_ option: String, _ value: Any, _ expected: String) -> Arguments.Failure {
            .badValue(option: option, value: "\(value)", expected: expected)
        }
        for (option, value) in [("--batch-size", batchSize), ("--bptt", bptt), ("--factors", factors),
                                ("--hidden", hidden), ("--layers", layers)] where value < 1 {
            throw bad(option, value, "a positive integer")
        }
        guard let seed = UInt32(exactly: seed) else { throw bad("--seed", seed, "an integer in 0..<2³²") }
        self.seed = seed
        guard (0..<1).contains(dropout) else { throw bad("--dropout", dropout, "a number in [0, 1)") }
        guard weightDecay >= 0 else { throw bad("--weight-decay", weightDecay, "a number ≥ 0") }
        if let limit, limit < CharCorpus.shortest { throw bad("--limit", limit, "at least \(CharCorpus.shortest)") }
        if kind == .char3 && bptt != 8 { throw bad("--bptt", bptt, "left out: Char3Model always reads 3 characters") }
        if kind != .lstm && layers != defaults.layers {
            throw bad("--layers", layers, "left out: only the lstm model stacks recurrent layers")
        }
        if kind != .lstm && dropout != Double(defaults.dropout) {
            throw bad("--dropout", dropout, "left out: only the lstm model has dropout between layers")
        }
    }

    /// Reads the corpus and builds the model, its data and Adam (`CharTraining`);
    /// `description` says what was built, in four lines.
    public func training(output: TrainingOutput = .standard) throws
        -> (training: CharTraining, description: String) {
        let path = try text ?? data.path(of: .nietzsche)
        let corpus = try CharCorpus(contentsOf: path, limit: limit, lowercase: lowercase)
        let configuration = CharModelConfiguration(kind: kind, vocabularySize: corpus.vocabulary.count,
                                                   factors: factors, hidden: hidden, layers: layers,
                                                   dropout: Float(dropout), bptt: bptt)
        let training = try CharTraining(corpus: corpus, configuration: configuration, batchSize: batchSize,
                                        seed: seed, weightDecay: Float(weightDecay), output: output)
        let parameterCount = training.model.parameterCount
        let description = [
            "corpus: \(path), \(corpus.count) characters\(limit == nil ? "" : " (--limit)")"
                + "\(lowercase ? ", lowercased" : ""), vocabulary of \(corpus.vocabulary.count)",
            "\(kind.typeName): n_fac \(factors), n_hidden \(hidden)"
                + (kind == .lstm ? ", \(layers) layers, dropout \(dropout)" : "") + ", \(parameterCount) parameters",
            "data: \(training.task.summary)",
            "optimizer: Adam\(weightDecay > 0 ? " (weight decay \(weightDecay))" : ""); NLL loss",
        ].joined(separator: "\n")
        return (training, description)
    }
}
