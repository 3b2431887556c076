import Foundation
import TestSupport
import Testing

/// Tests/TensorTests/Fixtures/optim_golden.json, written by scripts/golden/optim_golden.py
/// from PyTorch's optimizers and a transcription of fastai 0.7's schedulers.
struct OptimFixture: Decodable {
    /// Three steps of one PyTorch optimizer on parameters "a", "b", "c".
    struct OptimizerCase: Decodable {
        struct Hyperparameters: Decodable {
            let lr: Float
            let beta1: Double?
            let beta2: Double?
            let eps: Float?
            let momentum: Float?
            let nesterov: Bool?
            let weightDecay: Float

            enum CodingKeys: String, CodingKey {
                case lr, beta1, beta2, eps, momentum, nesterov
                case weightDecay = "weight_decay"
            }
        }

        /// A parameter and its optimizer state (by PyTorch's key) after a step.
        struct After: Decodable {
            let param: [Float]
            let state: [String: [Float]]
        }

        let hyperparameters: Hyperparameters
        let shapes: [String: [Int]]
        let initial: [String: [Float]]
        /// Per step, each parameter's gradient; nil where it has none.
        let gradients: [[String: [Float]?]]
        let steps: [[String: After]]
    }

    struct SGDRCase: Decodable {
        let lr: Float
        let cycles: Int
        let cycleLength: Int
        let cycleMultiplier: Int
        let batchesPerEpoch: Int
        let epochs: Int
        let rates: [Double]

        enum CodingKeys: String, CodingKey {
            case lr, cycles, epochs, rates
            case cycleLength = "cycle_len", cycleMultiplier = "cycle_mult", batchesPerEpoch = "batches_per_epoch"
        }
    }

    struct OneCycleCase: Decodable {
        let lr: Float
        let epochs: Int
        let div: Double
        let pct: Double
        let batchesPerEpoch: Int
        let rates: [Double]

        enum CodingKeys: String, CodingKey {
            case lr, epochs, div, pct, rates
            case batchesPerEpoch = "batches_per_epoch"
        }
    }

    struct Schedules: Decodable {
        let sgdr: [SGDRCase]
        let oneCycle: [OneCycleCase]
    }

    let adam: OptimizerCase
    let adamw: OptimizerCase
    let sgd: OptimizerCase
    let sgdNesterov: OptimizerCase
    let schedules: Schedules

    static let shared: OptimFixture = goldenFixture("optim_golden.json")
}

/// Expects every |actual − expected| ≤ tolerance·|expected| (`isClose` with no absolute
/// tolerance): the golden tests' relative error. NaN and infinities fail.
func expectRelativeError(_ actual: [Float], _ expected: [Double], tolerance: Double = 1e-5, _ what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    expectAllClose(actual, expected, atol: 0, rtol: tolerance, what, sourceLocation: sourceLocation)
}
