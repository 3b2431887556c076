import Foundation
import Random
import TestSupport
import Testing
@testable import Tensor

/// Values computed by PyTorch (scripts/golden/tensor_golden.py) from inputs stored in
/// the fixture; every result must match to a relative error of 1e-5.
@Suite struct GoldenTests {
    struct Entry: Decodable {
        let shape: [Int]
        let data: [Double]
        var tensor: Tensor { Tensor(data.map { Float($0) }, shape: shape, requiresGrad: true) }
        var scalars: [Float] { data.map { Float($0) } }
    }

    static let fixture: [String: [String: Entry]] = goldenFixture("tensor_golden.json")

    func expect(_ actual: Tensor?, _ expected: Entry?, _ what: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual, let expected else {
            Issue.record("\(what): missing", sourceLocation: sourceLocation)
            return
        }
        #expect(actual.shape == expected.shape, "\(what) shape", sourceLocation: sourceLocation)
        expectAllClose(actual.scalars, expected.scalars, atol: 1e-5, rtol: 1e-5, what, sourceLocation: sourceLocation)
    }

    @Test func broadcastingArithmetic() {
        let f = Self.fixture["broadcast"]!
        let (a, b, c, d) = (f["a"]!.tensor, f["b"]!.tensor, f["c"]!.tensor, f["d"]!.tensor)
        let mixed = d * c - (a + b) / (1.5 + c * c) + 2 * a - 0.5
        (mixed * f["w"]!.tensor.detached()).sum().backward()
        expect(mixed, f["out"], "out")
        expect(a.grad, f["gradA"], "grad a")
        expect(b.grad, f["gradB"], "grad b")
        expect(c.grad, f["gradC"], "grad c")
        expect(d.grad, f["gradD"], "grad d")
    }

    @Test func logSoftmax() {
        let f = Self.fixture["logSoftmax"]!
        let x = f["x"]!.tensor
        let out = x.logSoftmax(axis: -1)
        (out * f["w"]!.tensor.detached()).sum().backward()
        expect(out, f["out"], "out")
        expect(x.grad, f["gradX"], "grad x")
    }

    @Test func batchedMatmulWithTransposes() {
        let f = Self.fixture["batchedMatmul"]!
        let (p, q, r, s) = (f["p"]!.tensor, f["q"]!.tensor, f["r"]!.tensor, f["s"]!.tensor)
        let nn = p.matmul(s), nt = p.matmul(q.transposed())
        let tn = r.transposed().matmul(s), tt = r.transposed().matmul(q.transposed())
        ((nn + 2 * nt + 3 * tn + 4 * tt) * f["w"]!.tensor.detached()).sum().backward()
        expect(nn, f["nn"], "nn")
        expect(nt, f["nt"], "nt")
        expect(tn, f["tn"], "tn")
        expect(tt, f["tt"], "tt")
        expect(p.grad, f["gradP"], "grad p")
        expect(q.grad, f["gradQ"], "grad q")
        expect(r.grad, f["gradR"], "grad r")
        expect(s.grad, f["gradS"], "grad s")
    }

    @Test func twoLayerMLP() {
        let f = Self.fixture["mlp"]!
        let x = f["x"]!.tensor.detached()
        let (w1, b1, w2, b2) = (f["w1"]!.tensor, f["b1"]!.tensor, f["w2"]!.tensor, f["b2"]!.tensor)
        let targets = f["targets"]!.data.map { Int($0) }
        let logits = (x.matmul(w1) + b1).tanh().matmul(w2) + b2
        let loss = -logits.logSoftmax(axis: 1).gathered(columns: IndexTensor(targets)).mean()
        loss.backward()
        expect(logits, f["logits"], "logits")
        expect(loss, f["loss"], "loss")
        expect(w1.grad, f["gradW1"], "grad w1")
        expect(b1.grad, f["gradB1"], "grad b1")
        expect(w2.grad, f["gradW2"], "grad w2")
        expect(b2.grad, f["gradB2"], "grad b2")
    }

    @Test func seededDrawsMatchNumPy() {
        let f = Self.fixture["random"]!
        var generator = MT19937(seed: 42)
        let uniform = Tensor.uniform([2, 3], low: -1, high: 1, generator: &generator)
        let normal = Tensor.normal([3, 2], mean: 0.5, std: 2, generator: &generator)
        #expect(uniform.scalars == f["uniform"]!.scalars)
        #expect(normal.scalars == f["normal"]!.scalars)
    }
}
