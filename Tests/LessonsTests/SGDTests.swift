import Foundation
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons

/// PyTorch's float32 run of the lecture's recipe (scripts/golden/sgd_golden.py).
struct SGDGolden: Decodable {
    let seed: UInt32
    let x_first, y_first: [Double]
    let a0, b0: Double
    let losses_every_1000: [Double]
    let final_loss, final_a, final_b: Double

    static func load() -> SGDGolden {
        goldenFixture("sgd_golden.json")
    }
}

@Suite struct SGDTests {
    /// Seeding MT19937 as `np.random.seed` gives NumPy's very points and start.
    @Test func fakeDataMatchesNumPy() throws {
        let golden = SGDGolden.load()
        var generator = MT19937(seed: golden.seed)
        let data = FakeData(count: 10_000, a: 3, b: 8, generator: &generator)
        for i in 0..<3 {
            #expect(abs(data.x[i] - golden.x_first[i]) < 1e-15)
            #expect(abs(data.y[i] - golden.y_first[i]) < 1e-12)
        }
        #expect(generator.standardNormal() == golden.a0)
        #expect(generator.standardNormal() == golden.b0)
    }

    /// The scalar engine, the tensor engine and the hand-derived gradients take the same
    /// ten steps of the notes' small fit (50 points, lr 0.01, from a = −1, b = 1).
    ///
    /// The points are rounded to Float32 first, so all three see the same numbers and
    /// only their arithmetic differs. Scalar and hand-derived are both Double: 1e-12.
    /// The tensor engine is Float32, whose sums of n terms drift by up to about n·ε; at
    /// 50 points its losses stay within 2.3e-7 of the Double ones and its a and b within
    /// 7.4e-8 (measured), so 1e-6 has room for Float32 yet fails any real slip in a
    /// gradient (at 10,000 points Float32 sums alone could approach 1e-6). a heads for
    /// 0 (−0.13 at step 10), where relative error loses meaning, so a and b are compared
    /// relative to max(|value|, 1).
    @Test func threeEnginesTakeTheSameSteps() {
        var generator = MT19937(seed: 7)
        let drawn = FakeData(count: 50, a: 3, b: 8, generator: &generator)
        let data = FakeData(x: drawn.x.map { Double(Float($0)) }, y: drawn.y.map { Double(Float($0)) })
        let (x, y) = data.tensors()
        var byHand = HandDerivedSGD(a: -1, b: 1, learningRate: 0.01)
        let scalar = ScalarRegression(a: -1, b: 1, learningRate: 0.01)
        let tensor = TensorRegression(a: -1, b: 1, learningRate: 0.01)
        func close(_ value: Double, _ reference: Double, _ tolerance: Double) -> Bool {
            abs(value - reference) <= tolerance * max(abs(reference), 1)
        }
        for step in 0..<10 {
            let handLoss = byHand.update(data)
            let scalarLoss = scalar.update(data)
            let tensorLoss = Double(tensor.update(x, y).item())
            #expect(close(scalarLoss, handLoss, 1e-12), "step \(step)")
            #expect(close(tensorLoss, handLoss, 1e-6), "step \(step): \(tensorLoss) vs \(handLoss)")
            #expect(close(scalar.a.data, byHand.a, 1e-12) && close(scalar.b.data, byHand.b, 1e-12), "step \(step)")
            #expect(close(Double(tensor.a.item()), byHand.a, 1e-6), "step \(step): a \(tensor.a.item()) vs \(byHand.a)")
            #expect(close(Double(tensor.b.item()), byHand.b, 1e-6), "step \(step): b \(tensor.b.item()) vs \(byHand.b)")
        }
        #expect(byHand.a > -0.2 && byHand.b > 2.5, "ten steps move the line towards y = 3x + 8")
    }

    /// The notes' PyTorch loop on the tensor engine: from the fixture's start, the loss
    /// every 1000 of 10,000 steps is PyTorch's float32 run's to 1e-4.
    @Test func tensorEngineMatchesPyTorch() throws {
        let golden = SGDGolden.load()
        var generator = MT19937(seed: golden.seed)
        let (x, y) = FakeData(count: 10_000, a: 3, b: 8, generator: &generator).tensors()
        let model = TensorRegression(a: golden.a0, b: golden.b0, learningRate: 1e-3)
        var losses: [Double] = []
        for t in 0..<10_000 {
            let loss = model.update(x, y)
            if t % 1000 == 0 { losses.append(Double(loss.item())) }
        }
        #expect(losses.count == golden.losses_every_1000.count)
        for (i, (ours, theirs)) in zip(losses, golden.losses_every_1000).enumerated() {
            #expect(abs(ours - theirs) <= 1e-4 * theirs, "step \(i * 1000): \(ours) vs PyTorch \(theirs)")
        }
        let final = Double(withoutGrad { model.loss(x, y) }.item())
        #expect(abs(final - golden.final_loss) <= 1e-4 * golden.final_loss)
        #expect(abs(Double(model.a.item()) - golden.final_a) <= 1e-4 * golden.final_a)
        #expect(abs(Double(model.b.item()) - golden.final_b) <= 1e-4 * golden.final_b)
    }

    /// The notes' loss functions on two points worked by hand, x = [0, 1], y = [8, 11]:
    /// `mse_loss(10, 5, x, y)` = ((5 − 8)² + (15 − 11)²)/2 = 12.5; `rmse_loss(y, −1, 1, x)`
    /// as written computes the line y·1 − 1 against x: √((7² + 9²)/2) = √65, where the
    /// line −x + 1 against y was meant: √((7² + 11²)/2) = √85.
    @Test func notesLossFunctionsKeepTheirArgumentOrder() {
        let x = [0.0, 1], y = [8.0, 11]
        #expect(LineFitLoss.mseLoss(10, 5, x, y) == 12.5)
        #expect(abs(LineFitLoss.notesRMSELoss(y, -1, 1, x) - 65.0.squareRoot()) < 1e-12)
        #expect(abs(LineFitLoss.rmseLoss(-1, 1, x, y) - 85.0.squareRoot()) < 1e-12)
    }

    /// `lesson6 sgd` runs end to end and writes the animation: 20 frames of the plot's
    /// 500×400 pixels, 0.1 s each (the notes' `interval=100`), and its SVG twin.
    @Test func lessonWritesTheAnimation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson6-sgd-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let status = runLesson6(["sgd", "--steps", "20", "--points", "100", "--output", directory.path])
        #expect(status == 0)
        let gif = try DecodedGIF(Array(Data(contentsOf: directory.appendingPathComponent("sgd.gif"))))
        #expect(gif.width == 500 && gif.height == 400)
        #expect(gif.frames.count == 20)
        #expect(gif.frames.allSatisfy { $0.width == 500 && $0.height == 400 && $0.delay == 10 })
        #expect(gif.loopCount == 0)
        let svg = try String(contentsOf: directory.appendingPathComponent("sgd.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<animate ").count - 1 == 20)
    }
}
