import Random
import Scalar
import Toolkit

/// `lesson6 scalar`: a multi-layer perceptron of scalar `Value`s learns to separate
/// two moons — gradient descent with nothing hidden, before tensors hide the loops.
///
/// The recipe is micrograd's demo: MLP(2 → 16 → 16 → 1), max-margin loss
/// `mean(relu(1 − y·score))` plus L2 regularisation 1e-4, learning rate decaying
/// linearly from 1.0 to 0.1 over the steps.
public enum ScalarLesson: Command {
    public static let name = "scalar"
    public static let summary = "train a scalar-autograd MLP on two moons (micrograd's demo)"

    public static func run(_ arguments: inout Arguments) throws {
        let steps: Int = try arguments.option("steps", default: 100, help: "gradient steps")
        let points: Int = try arguments.option("points", default: 100, help: "points in the data set")
        let seed: Int = try arguments.option("seed", default: 1, help: "random seed")
        let dot: String? = try arguments.option("dot",
                                                help: "write the loss graph of one point as Graphviz DOT to this file")
        try arguments.finish()
        guard steps > 0, points >= 2, (0...Int(UInt32.max)).contains(seed) else {
            throw Arguments.Failure.badValue(option: "--steps/--points/--seed", value: "\(steps)/\(points)/\(seed)",
                                             expected: "steps ≥ 1, points ≥ 2, 0 ≤ seed < 2³²")
        }
        var training = ScalarTraining(points: points, seed: UInt32(seed))
        print("step  loss      accuracy")
        for step in 0..<steps {
            let (loss, accuracy) = training.step(learningRate: 1 - 0.9 * Double(step) / Double(steps))
            print("\(String(step).padding(toLength: 4, withPad: " ", startingAt: 0))  "
                  + "\(String(format: "%.6f", loss))  \(String(format: "%.1f%%", accuracy * 100))")
        }
        if let dot {
            try writeAtomically(training.pointLoss(0).dot(), to: dot)
            print("wrote \(dot)")
        }
    }
}

/// The state of the scalar lesson: data, model, and one gradient step at a time.
public struct ScalarTraining {
    public let data: TwoMoons
    public let model: MLP

    public init(points: Int, seed: UInt32) {
        var generator = MT19937(seed: seed)
        data = TwoMoons(count: points, noise: 0.1, generator: &generator)
        model = MLP(inputs: 2, sizes: [16, 16, 1], generator: &generator)
    }

    /// The model's score for point `i`: positive means class +1.
    func score(_ i: Int) -> Value {
        model([Value(data.points[i].x), Value(data.points[i].y)])[0]
    }

    /// The max-margin loss of point `i` alone.
    public func pointLoss(_ i: Int) -> Value {
        (1 - data.labels[i] * score(i)).relu()
    }

    /// The whole data set's loss and accuracy before this step, then one SGD update.
    public mutating func step(learningRate: Double) -> (loss: Double, accuracy: Double) {
        let scores = data.points.indices.map(score)
        let margins = zip(data.labels, scores).map { (1 - $0 * $1).relu() }
        let dataLoss = margins.dropFirst().reduce(margins[0], +) / Double(margins.count)
        let parameters = model.parameters
        let l2 = parameters.dropFirst().reduce(parameters[0] * parameters[0]) { $0 + $1 * $1 }
        let loss = dataLoss + 1e-4 * l2
        let correct = zip(data.labels, scores).filter { ($0 > 0) == ($1.data > 0) }.count
        model.zeroGrad()
        loss.backward()
        for p in parameters { p.data -= learningRate * p.grad }
        return (loss.data, Double(correct) / Double(scores.count))
    }
}
