import Foundation
import Lessons
import Random
import Tensor
import Testing
import Toolkit

/// The Swift examples of `Docs/Lesson6-SGD.md`, verbatim (`DocsCodeTests` checks that
/// they are), run in the page's order with the numbers of its "The run" checked.
@Suite struct Lesson6SGDExamples {
    @Test func thePageInOrder() throws {
        var generator = MT19937(seed: 42)                       // np.random.seed(42)
        let data = FakeData(count: 10_000, a: 3, b: 8, generator: &generator)
        let a0 = generator.standardNormal(), b0 = generator.standardNormal()   // np.random.randn() twice
        let small = FakeData(count: 50, a: 3, b: 8, generator: &generator)    // gen_fake_data(50, 3., 8.)
        #expect(abs(a0 - -0.616148) < 1e-6 && abs(b0 - -0.392675) < 1e-6, "a0 \(a0), b0 \(b0)")

        // (1) Autograd: from 104.864944 at step 0 to 0.092558 after 10,000 steps.
        do {
            let (x, y) = data.tensors()                             // x, y = V(x), V(y): Float32 tensors
            let model = TensorRegression(a: a0, b: b0, learningRate: 1e-3)
            var losses: [Float] = []
            for t in 0..<10_000 {
                let loss = model.update(x, y)                       // the loss before the step
                if t % 1000 == 0 { losses.append(loss.item()) }     // print(loss.data[0])
            }
            #expect(losses.count == 10)
            #expect(abs(losses[0] - 104.864944) < 1e-3 && abs(losses[1] - 0.787864) < 1e-5, "\(losses)")
            #expect(abs(model.loss(x, y).item() - 0.092558) < 1e-5)
        }

        // (2) and (3) By hand: one upd(), then the 20 frames of 30 more; after 600 the
        // RMSE is 0.2818 and a, b are 3.0227, 8.0238 (one step more moves them by less).
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sgd-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var model = HandDerivedSGD(a: -1, b: 1, learningRate: 0.01)   // a_guess, b_guess = -1., 1.; lr = 0.01
        model.update(small)                                           // upd()
        #expect(model.loss(small) < HandDerivedSGD(a: -1, b: 1, learningRate: 0).loss(small))

        var plot = Plot(x: Axis("x"), y: Axis("y"), width: 500, height: 400)   // figsize=(5, 4), dpi=100
        plot.scatter(small.x, small.y, label: "data")                          // plt.scatter(x,y)
        var animation = PlotAnimation(plot: plot, delay: 10)                   // interval=100 (ms)
        for frame in 0..<20 {
            let (a, b) = (model.a, model.b)
            animation.addFrame(caption: "step \(frame * 30)") {                 // animate(i)
                $0.straightLine(slope: a, intercept: b, label: "a*x + b")
            }
            for _ in 0..<30 { model.update(small) }                            // for i in range(30): upd()
        }
        try animation.gif().write(to: "\(output)/sgd.gif")                     // output: --output, ./out/sgd
        try writeAtomically(animation.svg(), to: "\(output)/sgd.svg")
        #expect(animation.frames.count == 20)
        #expect(abs(model.loss(small).squareRoot() - 0.2818) < 1e-4)
        #expect(abs(model.a - 3.0227) < 1e-3 && abs(model.b - 8.0238) < 1e-3, "a \(model.a), b \(model.b)")
        let gif = try Data(contentsOf: URL(fileURLWithPath: "\(output)/sgd.gif"))
        #expect(gif.starts(with: Array("GIF89a".utf8)))
        #expect(try String(contentsOfFile: "\(output)/sgd.svg", encoding: .utf8).contains("<svg"))
    }
}
