import Toolkit


/// The command-line options that `lesson6 tabular` and `lesson6-bench tabular` share:
/// which CSV, which of its columns are categorical, continuous and the target, the
/// split, and the training recipe (unset: the lecture's, `TabularRecipe()`). The
/// default columns are the bike-sharing data set's (`bike-sharing/hour.csv`).
public struct TabularOptions {
    public static let bikeSharingCategorical = ["season", "yr", "mnth", "hr", "holiday", "weekday", "workingday",
                                                "weathersit"]
    public static let bikeSharingContinuous = ["temp", "atemp", "hum", "windspeed"]

    public var data: DataDirectory
    /// A CSV to read instead of the data directory's bike-sharing hours.
    public var csv: String?
    public var categorical: [String]
    public var continuous: [String]
    public var target: String
    /// Train on log(target), as the lecture trains on log(sales).
    public var logTarget: Bool
    public var recipe: TabularRecipe
    /// Seeds the model's initialisation, the dropout masks and the training shuffle.
    public var seed: UInt32
    public var validFraction: Double
    /// Seeds the validation split (`get_cv_idxs`' 42).
    public var validSeed: UInt32
    public var metricsJSON: String?

    /// Reads the options from `arguments` (the caller then reads its own and calls
    /// `finish()`).
    public init(_ arguments: inout Arguments) throws {
        try self.init(&arguments, training: true)
    }

    /// Reads the options `lesson6 lr-find --model tabular` takes: the data, columns,
    /// split, model and seed, but not the rate, epochs or metrics file, which the finder
    /// does without.
    public init(findingLearningRate arguments: inout Arguments) throws {
        try self.init(&arguments, training: false)
    }

    private init(_ arguments: inout Arguments, training: Bool) throws {
        data = try arguments.dataDirectory()
        csv = try arguments.option("csv", help: "a CSV file with a header line to use instead of the data "
                                   + "directory's bike-sharing/hour.csv")
        let categorical: String = try arguments.option(
            "categorical", default: Self.bikeSharingCategorical.joined(separator: ","),
            help: "the categorical columns, by header name, comma-separated ('' for none)")
        let continuous: String = try arguments.option(
            "continuous", default: Self.bikeSharingContinuous.joined(separator: ","),
            help: "the continuous columns, comma-separated ('' for none)")
        target = try arguments.option("target", default: "cnt", help: "the column to predict")
        logTarget = !arguments.flag("no-log-target", help: "train on the target as it is, not its logarithm")
        var recipe = TabularRecipe()
        let layers: String = try arguments.option("layers", default: recipe.layerSizes.map(String.init)
            .joined(separator: ","), help: "hidden layer sizes, comma-separated")
        let dropouts: String = try arguments.option("dropouts", default: recipe.dropouts.map { "\($0)" }
            .joined(separator: ","), help: "dropout after each hidden layer, comma-separated")
        recipe.embeddingDropout = try arguments.option("emb-drop", default: recipe.embeddingDropout,
                                                       help: "dropout on the embeddings")
        recipe.useBatchNorm = arguments.flag("batch-norm", help: "batch norm after each hidden layer (use_bn)")
        var (learningRate, epochs) = (recipe.learningRate, recipe.epochs)
        if training {
            learningRate = try arguments.option("lr", default: learningRate, help: "Adam's learning rate")
            epochs = try arguments.option("epochs", default: epochs, help: "epochs at that rate")
        }
        recipe.batchSize = try arguments.option("batch-size", default: recipe.batchSize, help: "training rows per step")
        let seed: Int = try arguments.option("seed", default: 0,
                                             help: "seed of the initialisation, dropout and shuffle")
        validFraction = try arguments.option("valid-fraction", default: 0.2, help: "share of the rows held out")
        let validSeed: Int = try arguments.option("valid-seed", default: 42, help: "seed of the validation split")
        metricsJSON = training ? try arguments.metricsJSONPath() : nil

        self.categorical = Self.names(categorical)
        self.continuous = Self.names(continuous)
        recipe.layerSizes = try Self.numbers(layers, option: "--layers", expected: "positive integers") { $0 > 0 }
        recipe.dropouts = try Self.numbers(dropouts, option: "--dropouts", expected: "numbers in [0, 1]") {
            (0...1).contains($0)
        }
        guard recipe.dropouts.count == recipe.layerSizes.count else {
            throw Arguments.Failure.badValue(option: "--dropouts", value: dropouts,
                                             expected: "one dropout per layer of --layers (\(recipe.layerSizes.count))")
        }
        guard (0...1).contains(recipe.embeddingDropout) else {
            throw Arguments.Failure.badValue(option: "--emb-drop", value: "\(recipe.embeddingDropout)",
                                             expected: "a number in [0, 1]")
        }
        for (option, value) in [("--epochs", epochs), ("--batch-size", recipe.batchSize)] where value < 1 {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "a positive integer")
        }
        guard learningRate > 0 else {
            throw Arguments.Failure.badValue(option: "--lr", value: "\(learningRate)", expected: "a number > 0")
        }
        recipe.stages = [.fit(learningRate, epochs)]
        guard validFraction > 0, validFraction < 1 else {
            throw Arguments.Failure.badValue(option: "--valid-fraction", value: "\(validFraction)",
                                             expected: "a number between 0 and 1")
        }
        for (option, value) in [("--seed", seed), ("--valid-seed", validSeed)] where UInt32(exactly: value) == nil {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "an integer in 0..<2³²")
        }
        (self.seed, self.validSeed, self.recipe) = (UInt32(seed), UInt32(validSeed), recipe)
    }

    /// `a,b,c` as names; empty for ''.
    private static func names(_ list: String) -> [String] {
        list.isEmpty ? [] : list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// `a,b,c` as numbers that each pass `valid`.
    private static func numbers<T: LosslessStringConvertible>(_ list: String, option: String, expected: String,
                                                              _ valid: (T) -> Bool) throws -> [T] {
        let values = names(list).map { T($0) }
        guard !values.isEmpty, values.allSatisfy({ $0.map(valid) ?? false }) else {
            throw Arguments.Failure.badValue(option: option, value: list, expected: "comma-separated \(expected)")
        }
        return values.map { $0! }
    }

    /// The CSV to read: `--csv`, else the data directory's bike-sharing hours.
    public func csvPath() throws -> String {
        try csv ?? data.path(of: .bikeSharingHours)
    }

    /// Reads and processes the CSV, split as the options say.
    public func tabularData() throws -> TabularData {
        try TabularData(contentsOfFile: csvPath(), categorical: categorical, continuous: continuous, target: target,
                        logTarget: logTarget, validFraction: validFraction, validSeed: validSeed)
    }
}
