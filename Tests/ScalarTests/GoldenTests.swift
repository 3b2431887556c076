import Foundation
import Testing
@testable import Scalar

/// Values computed once by PyTorch in float64 (scripts/golden/scalar_golden.py).
struct ScalarGolden: Decodable {
    struct Micrograd: Decodable { let a, b, g, a_grad, b_grad: Double }
    struct Transcendental: Decodable { let x, y, w, x_grad, y_grad: Double }
    let micrograd: Micrograd
    let transcendental: Transcendental

    static func load() throws -> ScalarGolden {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/scalar_golden.json")
        return try JSONDecoder().decode(ScalarGolden.self, from: Data(contentsOf: url))
    }
}

@Suite struct GoldenTests {
    @Test func micrographExpressionMatchesPyTorch() throws {
        let golden = try ScalarGolden.load().micrograd
        let a = Value(golden.a), b = Value(golden.b)
        var c = a + b
        var d = a * b + b.pow(3)
        c = c + c + 1
        c = c + 1 + c + (-a)
        d = d + d * 2 + (b + a).relu()
        d = d + 3 * d + (b - a).relu()
        let e = c - d
        let f = e.pow(2)
        var g = f / 2.0
        g = g + 10.0 / f
        g.backward()
        #expect(relativeError(g.data, golden.g) < 1e-12)
        #expect(relativeError(a.grad, golden.a_grad) < 1e-12)
        #expect(relativeError(b.grad, golden.b_grad) < 1e-12)
    }

    @Test func transcendentalExpressionMatchesPyTorch() throws {
        let golden = try ScalarGolden.load().transcendental
        let x = Value(golden.x), y = Value(golden.y)
        let u = tanh(x * y) + exp(x / 2)
        let v = log(x * x + y * y) * sigmoid(y - x)
        let w = u * v - (u / (1 + v * v)).pow(3) + 2 * x
        w.backward()
        #expect(relativeError(w.data, golden.w) < 1e-12)
        #expect(relativeError(x.grad, golden.x_grad) < 1e-12)
        #expect(relativeError(y.grad, golden.y_grad) < 1e-12)
    }
}
