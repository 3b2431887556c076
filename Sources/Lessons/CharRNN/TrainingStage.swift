import Tensor

/// One part of a training schedule, as the notebooks call `fit` once per part:
/// `fit(m, md, 4, opt, F.nll_loss)`, `set_lrs(opt, 1e-4)`, `fit(m, md, 2, opt, F.nll_loss)`.
///
/// Written on the command line as `LR:EPOCHS` (a constant rate) or
/// `LR:CYCLES:cosine[:LENGTH[:MULT]]` (SGDR: `CYCLES` cosine cycles, the first
/// `LENGTH` epochs long, each next `MULT` times longer), stages separated by commas:
/// `--schedule 1e-3:4,1e-4:2`.
public enum TrainingStage: Equatable, Sendable, CustomStringConvertible {
    case constant(Float, epochs: Int)
    case cosine(Float, cycles: Int, cycleLength: Int, cycleMultiplier: Int)

    /// The schedule `fit` runs for this stage.
    public var schedule: any LearningRateSchedule {
        switch self {
        case .constant(let rate, let epochs): ConstantLearningRate(rate, epochs: epochs)
        case .cosine(let rate, let cycles, let length, let multiplier):
            CosineAnnealing(learningRate: rate, cycles: cycles, cycleLength: length, cycleMultiplier: multiplier)
        }
    }

    public var epochs: Int { schedule.epochs }

    public var description: String {
        switch self {
        case .constant(let rate, let epochs): "\(rate):\(epochs)"
        case .cosine(let rate, let cycles, let length, let multiplier): "\(rate):\(cycles):cosine:\(length):\(multiplier)"
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
