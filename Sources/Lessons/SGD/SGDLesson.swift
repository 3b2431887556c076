import Foundation
import Random
import Scalar
import Tensor
import Toolkit

/// `lesson6 sgd`: what `fit` does. Gradient descent fits the line y = a·x + b to the
/// lecture's fake data, three ways: autograd on whole tensors (the notes' PyTorch
/// cell), gradients derived by hand on plain arrays (the notes' NumPy `upd()`), and
/// an animation of the hand-derived fit (the notes' `FuncAnimation`, which failed
/// there for want of ffmpeg). First the scalar engine, the tensor engine and the
/// hand-derived gradients take a few steps side by side, to show they are one method.
///
/// The data and the starting a and b are drawn as the notes' cells draw them from their
/// 10,000 points on (after `np.random.seed(seed)`): `--points` points, then a and b from
/// `np.random.randn()`, then 50 more points for the hand-derived fit. The 50 points the
/// notes draw first, only to try `mse_loss(10, 5, x, y)` on, are left out: that check runs
/// on the last 50 (the notes seed nothing, so no draw could give their numbers anyway).
public enum SGDLesson: Command {
    public static let name = "sgd"
    public static let summary = "what `fit` does: SGD for y = a·x + b by autograd and by hand, animated"

    /// The line the fake data scatters around.
    static let trueA = 3.0, trueB = 8.0

    public static func run(_ arguments: inout Arguments) throws {
        let seed: Int = try arguments.option("seed", default: 42, help: "random seed (np.random.seed)")
        let steps: Int = try arguments.option("steps", default: 10_000, help: "autograd gradient steps")
        let points: Int = try arguments.option("points", default: 10_000, help: "points for the autograd fit")
        let learningRate: Double = try arguments.option("lr", default: 1e-3, help: "autograd learning rate")
        let output: String = try arguments.option("output", default: "./out/sgd",
                                                  help: "directory for sgd.gif and sgd.svg")
        try arguments.finish()
        for (option, value, valid, expected) in [
            ("--seed", "\(seed)", (0...Int(UInt32.max)).contains(seed), "an integer from 0 to 2³² − 1"),
            ("--steps", "\(steps)", steps >= 1, "a positive integer"),
            ("--points", "\(points)", points >= 1, "a positive integer"),
            ("--lr", "\(learningRate)", learningRate > 0, "a positive number"),
        ] where !valid {
            throw Arguments.Failure.badValue(option: option, value: value, expected: expected)
        }
        var generator = MT19937(seed: UInt32(seed))
        let data = FakeData(count: points, a: trueA, b: trueB, generator: &generator)
        let a = generator.standardNormal(), b = generator.standardNormal()
        let small = FakeData(count: 50, a: trueA, b: trueB, generator: &generator)

        print("Fake data y = 3x + 8 + 0.1·N(0, 3), x uniform in [0, 1]; loss: mean squared error; seed \(seed).")
        print()
        compareEngines(data, a: a, b: b, learningRate: learningRate, steps: min(5, steps))
        print()
        fitByAutograd(data, a: a, b: b, learningRate: Float(learningRate), steps: steps)
        print()
        let animation = fitByHand(small, frames: 20, updatesPerFrame: 30)
        print()
        let gif = (output as NSString).appendingPathComponent("sgd.gif")
        let svg = (output as NSString).appendingPathComponent("sgd.svg")
        try animation.gif().write(to: gif)
        try writeAtomically(animation.svg(), to: svg)
        print("(3) The fit animated: \(animation.frames.count) frames, 30 updates apart → \(gif), \(svg)")
    }

    /// The first `steps` steps on the scalar engine, the tensor engine and by hand,
    /// from the same start on the same points: the same numbers to Float32's precision.
    static func compareEngines(_ data: FakeData, a: Double, b: Double, learningRate: Double, steps: Int) {
        print("Three engines, one method: \(data.x.count) points, lr \(learningRate), "
              + "from a = \(format(a, 6)), b = \(format(b, 6))")
        print("step  engine                      loss            a            b")
        let scalar = ScalarRegression(a: a, b: b, learningRate: learningRate)
        let tensor = TensorRegression(a: a, b: b, learningRate: Float(learningRate))
        var byHand = HandDerivedSGD(a: a, b: b, learningRate: learningRate)
        let (x, y) = data.tensors()
        let engines = ["scalar engine (Value)", "tensor engine (Float32)", "hand-derived gradients"]
        for step in 0..<steps {
            let starts = [(scalar.a.data, scalar.b.data), (Double(tensor.a.item()), Double(tensor.b.item())),
                          (byHand.a, byHand.b)]
            let losses = [scalar.update(data), Double(tensor.update(x, y).item()), byHand.update(data)]
            for (i, engine) in engines.enumerated() {
                print(pad(i == 0 ? "\(step)" : "", 6) + pad(engine, 24)
                      + String(format: "%12.6f %12.7f %12.7f", losses[i], starts[i].0, starts[i].1))
            }
        }
    }

    /// The notes' PyTorch loop on the tensor engine, the loss every tenth of the run.
    static func fitByAutograd(_ data: FakeData, a: Double, b: Double, learningRate: Float, steps: Int) {
        print("(1) Autograd on the tensor engine: \(steps) full-batch steps on \(data.x.count) points, "
              + "lr \(learningRate), Float32")
        print("step      loss")
        let (x, y) = data.tensors()
        let model = TensorRegression(a: a, b: b, learningRate: learningRate)
        let every = max(1, steps / 10)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for t in 0..<steps {
                let loss = model.update(x, y)
                if t % every == 0 { print(pad("\(t)", 10) + format(Double(loss.item()), 6)) }
            }
        }
        let loss = withoutGrad { model.loss(x, y).item() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(pad("\(steps)", 10) + format(Double(loss), 6)
              + "   a = \(format(Double(model.a.item()), 4)), b = \(format(Double(model.b.item()), 4)) "
              + "(the data's line: a = 3, b = 8)")
        print("\(format(seconds, 2)) s, \(format(seconds / Double(steps) * 1e6, 1)) µs a step. "
              + "The data's own line y = 3x + 8 scores the noise's variance, "
              + "\(format(FakeData.noise * FakeData.noise, 2)), on average.")
    }

    /// The notes' NumPy `upd()` on a few points from a = −1, b = 1 at lr 0.01, with the
    /// line drawn before every `updatesPerFrame` updates (the notes' `animate(i)`).
    static func fitByHand(_ data: FakeData, frames: Int, updatesPerFrame: Int) -> PlotAnimation {
        print("(2) Hand-derived gradients on \(data.x.count) points (the notes' NumPy upd()), lr 0.01, "
              + "from a = -1, b = 1")
        print("The notes' loss functions on these points: mse_loss(10, 5, x, y) = "
              + format(LineFitLoss.mseLoss(10, 5, data.x, data.y), 4))
        print("rmse_loss(y, a_guess, b_guess, x) = \(format(LineFitLoss.notesRMSELoss(data.y, -1, 1, data.x), 4)) "
              + "as the notes call it (its arguments reach mse_loss(a, b, x, y) shifted by one);")
        let meant = LineFitLoss.rmseLoss(-1, 1, data.x, data.y)
        print("  as meant, the root of mse_loss(-1, 1, x, y) = \(format(meant, 4))")
        let floor = LineFitLoss.rmseLoss(trueA, trueB, data.x, data.y)
        print("step      a         b         RMSE      (y = 3x + 8 itself: RMSE \(format(floor, 4)))")
        var model = HandDerivedSGD(a: -1, b: 1, learningRate: 0.01)
        // As matplotlib scales the axes to the points and the first line, which the
        // notes plot before animating it.
        let shown = data.y + data.x.map { model.a * $0 + model.b }
        let margin = 0.05 * (shown.max()! - shown.min()!)
        var plot = Plot(x: Axis("x"), y: Axis("y", limits: shown.min()! - margin...shown.max()! + margin),
                        width: 500, height: 400)
        plot.scatter(data.x, data.y, label: "data")
        var animation = PlotAnimation(plot: plot, delay: 10)
        func report(_ step: Int) {
            print(pad("\(step)", 10) + pad(format(model.a, 4), 10) + pad(format(model.b, 4), 10)
                  + format(model.loss(data).squareRoot(), 4))
        }
        for frame in 0..<frames {
            let (a, b) = (model.a, model.b)
            animation.addFrame(caption: "step \(frame * updatesPerFrame)  a = \(format(a, 2))  b = \(format(b, 2))") {
                $0.straightLine(slope: a, intercept: b, label: "a*x + b")
            }
            if frame % 5 == 0 { report(frame * updatesPerFrame) }
            for _ in 0..<updatesPerFrame { model.update(data) }
        }
        report(frames * updatesPerFrame)
        return animation
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}
