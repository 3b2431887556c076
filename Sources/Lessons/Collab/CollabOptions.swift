import Foundation
import Random
import Tensor
import Toolkit

/// The command-line options that `lesson6 collab`, `lesson6 collab-interpret` and
/// `lesson6-bench collab` share: which ratings, which model, how to train it, and the
/// checkpoint to start from or write. Unset training options take the lecture's
/// value for the chosen model (`CollabModelKind.recipe`). `lesson6 lr-find` reads
/// the same options but for the schedule, which the finder chooses.
public struct CollabOptions {
    public var data: DataDirectory
    /// A ratings file to read instead of the data directory's MovieLens ratings.
    public var ratingsFile: String?
    /// A ratings file to validate on, instead of a random share of the ratings.
    public var validationFile: String?
    public var user: ColumnReference
    public var item: ColumnReference
    public var rating: ColumnReference
    public var separator: Unicode.Scalar
    public var hasHeader: Bool
    /// nil: `dotbias`, or the kind of the checkpoint given to `--load`.
    public var model: CollabModelKind?
    /// nil: 50, or the checkpoint's.
    public var factors: Int?
    public var recipe: (learningRate: Float?, cycles: Int?, cycleLength: Int?, cycleMult: Int?, weightDecay: Float?)
    public var batchSize: Int
    /// Seeds the model's initialisation and the training shuffle.
    public var seed: UInt32
    public var validFraction: Double
    /// Seeds the validation split (`get_cv_idxs`' 42).
    public var validSeed: UInt32
    public var load: String?
    public var save: String?
    public var metricsJSON: String?

    /// Reads the options from `arguments` (the caller then reads its own and calls
    /// `finish()`).
    public init(_ arguments: inout Arguments) throws {
        try self.init(&arguments, finding: nil)
    }

    /// Reads the options `lesson6 lr-find --model dotbias|net` takes for `kind`: the
    /// ratings, the model's size, seed and weight decay and a checkpoint to start from,
    /// but no schedule (`--lr`, `--cycles`, …), checkpoint to write or metrics file.
    public init(findingLearningRateOf kind: CollabModelKind, _ arguments: inout Arguments) throws {
        try self.init(&arguments, finding: kind)
    }

    /// `finding`: the model `lr-find` sweeps, or nil for the training commands.
    private init(_ arguments: inout Arguments, finding: CollabModelKind?) throws {
        let training = finding == nil
        data = try arguments.dataDirectory()
        ratingsFile = try arguments.option("ratings", help: "a ratings file to use instead of the data directory's "
                                           + "ml-latest-small/ratings.csv")
        validationFile = try arguments.option(
            "validation", help: "a ratings file in the same layout to validate on, instead of a random share "
                + "(--valid-fraction) of the ratings")
        user = ColumnReference(parsing: try arguments.option(
            "user-column", default: "userId", help: "the user id column: a header name, or a position from 0"))
        item = ColumnReference(parsing: try arguments.option(
            "item-column", default: "movieId", help: "the item (movie) id column"))
        rating = ColumnReference(parsing: try arguments.option(
            "rating-column", default: "rating", help: "the rating column"))
        let separatorWord: String = try arguments.option(
            "separator", default: ",", help: "the ratings file's field separator (one character, or 'tab')")
        hasHeader = !arguments.flag("no-header", help: "the ratings file has no header line (name columns by position)")
        model = try finding ?? arguments.option(
            "model", help: "dotbias (EmbeddingDotBias) or net (EmbeddingNet) (default: dotbias, "
                + "or the --load checkpoint's)").map { (word: String) in
            guard let kind = CollabModelKind(rawValue: word) else {
                throw Arguments.Failure.badValue(option: "--model", value: word, expected: "one of dotbias, net")
            }
            return kind
        }
        factors = try arguments.option("factors", help: "embedding size (default: 50, or the --load checkpoint's)")
        let learningRate: Double?, cycles: Int?, cycleLength: Int?, cycleMult: Int?
        if training {
            learningRate = try arguments.option("lr", help: "learning rate (default: 1e-2 for dotbias, 1e-3 for net)")
            cycles = try arguments.option("cycles", help: "SGDR cycles, or epochs when --cycle-len is 0 "
                                          + "(default: 2 for dotbias, 3 for net; 0 only evaluates)")
            cycleLength = try arguments.option("cycle-len", help: "epochs in the first cycle; 0: a constant rate "
                                               + "(default: 1 for dotbias, 0 for net)")
            cycleMult = try arguments.option("cycle-mult", help: "each cycle this many times longer than the last "
                                             + "(default: 2 for dotbias)")
        } else {
            (learningRate, cycles, cycleLength, cycleMult) = (nil, nil, nil, nil)
        }
        let weightDecay: Double? = try arguments.option("wd", help: "Adam's L2 weight decay "
                                                        + "(default: 2e-4 for dotbias, 1e-5 for net)")
        recipe = (learningRate.map(Float.init), cycles, cycleLength, cycleMult, weightDecay.map(Float.init))
        batchSize = try arguments.option("batch-size", default: 64, help: "training rows per step")
        let seed: Int = try arguments.option("seed", default: 0,
                                             help: "seed of the model's initialisation and the shuffle")
        validFraction = try arguments.option("valid-fraction", default: 0.2,
                                             help: "share of the ratings held out for validation")
        let validSeed: Int = try arguments.option("valid-seed", default: 42,
                                                  help: "seed of the validation split (get_cv_idxs)")
        load = try arguments.option("load", help: "start from this checkpoint (model and Adam state)")
        save = training
            ? try arguments.option("save", help: "write the trained model and Adam state to this checkpoint")
            : nil
        metricsJSON = training ? try arguments.metricsJSONPath() : nil

        separator = try Self.separator(separatorWord)
        guard let seed = UInt32(exactly: seed) else {
            throw Arguments.Failure.badValue(option: "--seed", value: "\(seed)", expected: "an integer in 0..<2³²")
        }
        guard let validSeed = UInt32(exactly: validSeed) else {
            throw Arguments.Failure.badValue(option: "--valid-seed", value: "\(validSeed)",
                                             expected: "an integer in 0..<2³²")
        }
        (self.seed, self.validSeed) = (seed, validSeed)
        for (option, value) in [("--factors", factors ?? 1), ("--batch-size", batchSize),
                                ("--cycle-mult", cycleMult ?? 1)]
            where value < 1 {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "a positive integer")
        }
        for (option, value) in [("--cycles", cycles ?? 0), ("--cycle-len", cycleLength ?? 0)] where value < 0 {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "an integer ≥ 0")
        }
        for (option, value) in [("--lr", learningRate ?? 0), ("--wd", weightDecay ?? 0)] where value < 0 {
            throw Arguments.Failure.badValue(option: option, value: "\(value)", expected: "a number ≥ 0")
        }
        guard validFraction > 0, validFraction < 1 else {
            throw Arguments.Failure.badValue(option: "--valid-fraction", value: "\(validFraction)",
                                             expected: "a number between 0 and 1")
        }
    }

    /// `,`, `;`, `|`, a tab as `tab` or `\t`.
    private static func separator(_ word: String) throws -> Unicode.Scalar {
        let scalars = (word == "tab" || word == "\\t" ? "\t" : word).unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.isASCII,
              !"\"\r\n".unicodeScalars.contains(scalar) else {
            throw Arguments.Failure.badValue(option: "--separator", value: word,
                                             expected: "one ASCII character other than a quote or line break, or 'tab'")
        }
        return scalar
    }

    /// The path of the ratings: `--ratings`, else the data directory's MovieLens.
    public func ratingsPath() throws -> String {
        try ratingsFile ?? data.path(of: .movieLensRatings)
    }

    /// Where `split()`'s ratings come from: the ratings file, and the validation file.
    public func sources() throws -> String {
        try ratingsPath() + (validationFile.map { " and \($0)" } ?? "")
    }

    /// The ratings (`CollabFilterDataset.from_csv`), all of them.
    public func ratings() throws -> CollabFilterDataset {
        try read(ratingsPath())
    }

    /// A ratings file read with the column options.
    private func read(_ path: String) throws -> CollabFilterDataset {
        try CollabFilterDataset(contentsOfFile: path, user: user, item: item, rating: rating,
                                separator: separator, hasHeader: hasHeader)
    }

    /// Reads the ratings (`CollabFilterDataset.from_csv`) and holds out the validation
    /// rows: the `--validation` file's, appended to the ratings and numbered with them,
    /// else a random `--valid-fraction` of the ratings (`get_cv_idxs`, seeded with
    /// `--valid-seed`).
    public func split() throws -> CollabSplit {
        let dataset = try ratings()
        if let validationFile {
            let combined = try dataset.appending(try read(validationFile),
                                                 source: "\(try ratingsPath()) and \(validationFile)")
            return CollabSplit(dataset: combined, validation: Array(dataset.count..<combined.count))
        }
        let validation = validationIndices(count: dataset.count, fraction: validFraction, seed: validSeed)
        guard !validation.isEmpty, validation.count < dataset.count else {
            throw CollabOptionsError("\(dataset.count) ratings split \(validFraction) for validation leave "
                                     + "\(validation.count) validation and \(dataset.count - validation.count) "
                                     + "training rows; both need some")
        }
        return CollabSplit(dataset: dataset, validation: validation)
    }

    /// The training schedule: the chosen model's lecture recipe with any options given
    /// replacing its values.
    public func trainingRecipe(for kind: CollabModelKind) -> CollabRecipe {
        let lecture = kind.recipe
        let fit = lecture.stages[0].fitArguments
        let cycles = recipe.cycles ?? fit.cycles
        let cycleLength = recipe.cycleLength.map { $0 == 0 ? nil : $0 } ?? fit.cycleLength
        let stage = TrainingStage.fit(recipe.learningRate ?? fit.learningRate, cycles, cycleLength: cycleLength,
                                      cycleMult: recipe.cycleMult ?? fit.cycleMult)
        return CollabRecipe(stages: cycles == 0 ? [] : [stage], weightDecay: recipe.weightDecay ?? lecture.weightDecay)
    }

    /// The learner for `split`: the model `--model` names (or the `--load` checkpoint
    /// holds), with the checkpoint loaded.
    public func learner(_ split: CollabSplit, output: TrainingOutput = .standard) throws
        -> (learner: CollabFilterLearner, recipe: CollabRecipe) {
        let dataset = split.dataset
        var kind = model ?? .dotbias, factorCount = factors ?? 50, hidden = 10
        let checkpoint = try load.map { try SafeTensors(contentsOf: $0) }
        if let load, let checkpoint {
            let stored = checkpoint.metadata["model"] ?? ""
            guard let storedKind = CollabModelKind(checkpointName: stored),
                  let storedFactors = checkpoint.tensors["u.weight"]?.shape.last else {
                throw CheckpointError(file: load, .modelKind(stored: stored.isEmpty ? "(none)" : stored,
                                                             expected: "EmbeddingDotBias or EmbeddingNet"))
            }
            // The checkpoint's tables must have a row per user and item of these ratings
            // before a model is built from their width.
            let itemTable = storedKind == .net ? "m.weight" : "i.weight"
            for (name, rows, what) in [("u.weight", dataset.users.count, "users"),
                                       (itemTable, dataset.items.count, "items")]
                where checkpoint.tensors[name]?.shape.first != rows {
                let shape = checkpoint.tensors[name]?.shape ?? []
                throw CollabOptionsError("\(load) was trained on other ratings: its \(name) has shape \(shape), "
                                         + "these ratings have \(rows) \(what)")
            }
            kind = model ?? storedKind
            factorCount = factors ?? storedFactors
            hidden = checkpoint.tensors["lin1.weight"]?.shape.first ?? hidden
        }
        var generator = MT19937(seed: seed)
        let users = dataset.users.count, items = dataset.items.count, range = dataset.ratingRange
        let network: any CollabFilterModel = switch kind {
        case .dotbias: EmbeddingDotBias(users: users, items: items, factors: factorCount, ratingRange: range,
                                        generator: &generator)
        case .net: EmbeddingNet(users: users, items: items, factors: factorCount, hidden: hidden, ratingRange: range,
                                generator: &generator)
        }
        let recipe = trainingRecipe(for: kind)
        let learner = CollabFilterLearner(dataset: dataset, model: network, validation: split.validation,
                                          batchSize: batchSize,
                                          optimizer: { Adam($0, learningRate: recipe.learningRate,
                                                            weightDecay: recipe.weightDecay) },
                                          seed: seed, output: output)
        if let load, let checkpoint { try learner.load(checkpoint, from: load) }
        return (learner, recipe)
    }

    /// The learner that the commands reading a trained model use (`collab-interpret`,
    /// `collab-recommend`, `collab-similar`): the `--load` checkpoint as it is (trained
    /// further only when `--cycles` is given), or the lecture's recipe trained first.
    /// `check` may refuse the model before any training.
    public func trainedLearner(_ split: CollabSplit,
                               check: (CollabFilterLearner) throws -> Void = { _ in }) throws -> CollabFilterLearner {
        var (learn, recipe) = try learner(split)
        try check(learn)
        if load != nil && self.recipe.cycles == nil { recipe.stages = [] }
        print(CollabLesson.describe(learn, recipe, loaded: load, unseen: split.unseenNote))
        try train(learn, recipe)
        return learn
    }

    /// The titles in `file`, else in the data directory's `movies.csv` when the ratings
    /// are its MovieLens ratings; nil when neither applies (items are then shown by id).
    public func titles(_ file: String?) throws -> MovieTitles? {
        if let file { return try MovieTitles(contentsOfFile: file) }
        guard ratingsFile == nil else { return nil }
        return try MovieTitles(contentsOfFile: data.path(of: .movieLensMovies))
    }

    /// Trains `learner` by `recipe`, writing the metrics JSON when asked (the epochs
    /// before a divergence too), then the checkpoint when asked; returns the history of
    /// this run (empty for 0 cycles).
    @discardableResult
    public func train(_ learner: CollabFilterLearner, _ recipe: CollabRecipe) throws -> TrainingHistory {
        let history = try learner.learner.fit(recipe.stages, metricsJSON: metricsJSON)
        if let save {
            try learner.save(save)
            print("saved \(save)")
        }
        return history
    }
}

/// Options that do not fit the data, said so that the user can fix them.
public struct CollabOptionsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
