import Foundation
import Testing
@testable import Scalar

/// Central finite difference of `f` at `x`.
func numericalDerivative(_ f: (Double) -> Double, at x: Double, h: Double = 1e-6) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(a), abs(b), 1e-12)
}

@Suite struct GradientChecks {
    /// The op under test, by name (test arguments must be Sendable; `Value` is not).
    static func unary(_ name: String, _ v: Value) -> Value {
        switch name {
        case "neg": -v
        case "pow 2.5": v.pow(2.5)
        case "pow -1": v.pow(-1)
        case "exp": v.exp()
        case "log": v.log()
        case "tanh": v.tanh()
        case "relu": v.relu()
        case "sigmoid": v.sigmoid()
        default: fatalError("no op \(name)")
        }
    }

    static func binary(_ name: String, _ a: Value, _ b: Value) -> Value {
        switch name {
        case "+": a + b
        case "-": a - b
        case "*": a * b
        case "/": a / b
        default: fatalError("no op \(name)")
        }
    }

    /// Each unary op's gradient against a central finite difference of its forward value.
    @Test(arguments: [
        ("neg", 0.8), ("pow 2.5", 1.7), ("pow -1", -0.6), ("exp", 0.3), ("log", 2.2),
        ("tanh", -0.4), ("relu", 1.1), ("relu", -1.1), ("sigmoid", 0.9),
    ])
    func unary(name: String, x: Double) {
        let input = Value(x)
        Self.unary(name, input).backward()
        let numerical = numericalDerivative({ Self.unary(name, Value($0)).data }, at: x)
        #expect(relativeError(input.grad, numerical) < 1e-6, "\(name): \(input.grad) vs \(numerical)")
    }

    /// Each binary op's two partial derivatives.
    @Test(arguments: ["+", "-", "*", "/"])
    func binary(name: String) {
        let (x, y) = (1.3, -0.7)
        let a = Value(x), b = Value(y)
        Self.binary(name, a, b).backward()
        let da = numericalDerivative({ Self.binary(name, Value($0), Value(y)).data }, at: x)
        let db = numericalDerivative({ Self.binary(name, Value(x), Value($0)).data }, at: y)
        #expect(relativeError(a.grad, da) < 1e-6, "\(name) ∂a: \(a.grad) vs \(da)")
        #expect(relativeError(b.grad, db) < 1e-6, "\(name) ∂b: \(b.grad) vs \(db)")
    }

    @Test func numbersMixOnEitherSide() {
        let a = Value(3)
        let left: Value = 2 * a + 1 - a / 4
        let right: Value = (1 - a) * 5 + 6 / a
        let y = left + right
        y.backward()
        let expectedData: Double = 6 + 1 - 0.75 - 10 + 2
        let expectedGrad: Double = 2 - 0.25 - 5 - 6.0 / 9
        #expect(y.data == expectedData)
        #expect(relativeError(a.grad, expectedGrad) < 1e-12)
    }
}

@Suite struct Accumulation {
    @Test func nodeUsedTwiceGetsBothContributions() {
        let a = Value(3)
        let b = a + a
        b.backward()
        #expect(a.grad == 2)

        let c = Value(-2)
        let d = c * c
        d.backward()
        #expect(c.grad == -4)
    }

    @Test func zeroThenBackwardAgainGivesTheSameGradients() {
        let a = Value(1.5), b = Value(-0.5)
        let y = (a * b + a).tanh() * a
        y.backward()
        let first = (a.grad, b.grad)
        y.backward()
        #expect(a.grad == 2 * first.0)
        y.zeroGrad()
        y.backward()
        #expect(a.grad == first.0)
        #expect(b.grad == first.1)
    }

    /// Both the iterative topological sort and the iterative release of the graph:
    /// recursive versions overflow the stack long before 200,000 nodes.
    @Test func chainOf200000Nodes() {
        let x = Value(1)
        var y = x
        for _ in 0..<200_000 { y = y * 1.0000001 }
        y.backward()
        #expect(relativeError(x.grad, pow(1.0000001, 200_000)) < 1e-9)
    }
}

@Test func logOfNonPositiveStopsWithAMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
        _ = Value(-1).log()
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("Value.log: input must be positive, got -1.0"))
}
