import Tensor

/// One part of a training schedule, as the notebooks call `fit` once per part: the
/// lecture's `learn.fit(1e-2, 2, cycle_len=1, cycle_mult=2)` (collaborative filtering),
/// `m.fit(1e-3, epochs)` (tabular), and the char notebook's
/// `fit(m, md, 4, opt, F.nll_loss)`, `set_lrs(opt, 1e-4)`, `fit(m, md, 2, opt, F.nll_loss)`.
/// Every lesson's recipe is a list of these, and `Learner.fit(_:)` runs them in turn.
///
/// Written on the command line as `LR:EPOCHS` (a constant rate) or
/// `LR:CYCLES:cosine[:LENGTH[:MULT]]` (SGDR: `CYCLES` cosine cycles, the first
/// `LENGTH` epochs long, each next `MULT` times longer), stages separated by commas:
/// `--schedule 1e-3:4,1e-4:2`.
public enum TrainingStage: Equatable, Sendable, CustomStringConvertible {
    case constant(Float, epochs: Int)
    case cosine(Float, cycles: Int, cycleLength: Int, cycleMultiplier: Int)

    /// fastai 0.7's `learn.fit(lr, n_cycle, cycle_len, cycle_mult)`: without a
    /// `cycleLength`, `cycles` epochs at the constant rate `learningRate`; with one,
    /// SGDR (`CosineAnnealing`): `cycles` cosine cycles, the first `cycleLength` epochs
    /// long and each next one `cycleMult` times longer, the rate restarting at
    /// `learningRate` at each.
    public static func fit(_ learningRate: Float, _ cycles: Int, cycleLength: Int? = nil,
                           cycleMult: Int = 1) -> TrainingStage {
        guard let cycleLength else { return .constant(learningRate, epochs: cycles) }
        return .cosine(learningRate, cycles: cycles, cycleLength: cycleLength, cycleMultiplier: cycleMult)
    }

    /// The arguments of `fit(_:_:cycleLength:cycleMult:)` that make this stage.
    public var fitArguments: (learningRate: Float, cycles: Int, cycleLength: Int?, cycleMult: Int) {
        switch self {
        case .constant(let rate, let epochs): (rate, epochs, nil, 1)
        case .cosine(let rate, let cycles, let length, let multiplier): (rate, cycles, length, multiplier)
        }
    }

    /// The rate of a constant stage; the rate each cosine cycle restarts at.
    public var learningRate: Float { fitArguments.learningRate }

    /// The schedule `fit` runs for this stage.
    public var schedule: any LearningRateSchedule {
        switch self {
        case .constant(let rate, let epochs): ConstantLearningRate(rate, epochs: epochs)
        case .cosine(let rate, let cycles, let length, let multiplier):
            CosineAnnealing(learningRate: rate, cycles: cycles, cycleLength: length, cycleMultiplier: multiplier)
        }
    }

    public var epochs: Int { schedule.epochs }

    /// The stage as `--schedule` writes it: `1e-3:4`, `0.01:2:cosine:1:2`.
    public var description: String {
        switch self {
        case .constant(let rate, let epochs): "\(rate):\(epochs)"
        case .cosine(let rate, let cycles, let length, let multiplier):
            "\(rate):\(cycles):cosine:\(length):\(multiplier)"
        }
    }

    /// The stage as fastai's `learn.fit` call, for reports: `fit(0.01, 2, cycle_len=1, cycle_mult=2)`.
    public var fastaiCall: String {
        switch self {
        case .constant(let rate, let epochs): "fit(\(rate), \(epochs))"
        case .cosine(let rate, let cycles, let length, let multiplier):
            "fit(\(rate), \(cycles), cycle_len=\(length), cycle_mult=\(multiplier))"
        }
    }

    /// Parses a comma-separated list of stages; throws a bad-value error for `option`.
    public static func parse(_ text: String, option: String) throws -> [TrainingStage] {
        let expected = "stages LR:EPOCHS or LR:CYCLES:cosine[:LENGTH[:MULT]] separated by commas"
        let failure = Arguments.Failure.badValue(option: option, value: text, expected: expected)
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { stage in
            let parts = stage.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, let rate = Float(parts[0]), rate > 0, rate.isFinite,
                  let count = Int(parts[1]), count >= 1 else { throw failure }
            if parts.count == 2 { return .constant(rate, epochs: count) }
            let numbers = parts.dropFirst(3).map { Int($0) }
            guard parts[2] == "cosine", parts.count <= 5, numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw failure }
            return .cosine(rate, cycles: count, cycleLength: numbers.first.flatMap { $0 } ?? 1,
                           cycleMultiplier: numbers.dropFirst().first.flatMap { $0 } ?? 1)
        }
    }
}

/// A recipe's stages, run one after another.
extension [TrainingStage] {
    /// The epochs they run in all.
    public var epochs: Int { map(\.epochs).reduce(0, +) }

    /// The rate the first one starts at: an optimizer's before the schedule sets it; 0
    /// when there are none.
    public var firstLearningRate: Float { first?.learningRate ?? 0 }
}
