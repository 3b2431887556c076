import Foundation

/// The operations of `Value`, each a forward value plus its local derivative(s).
///
/// These are the only places that know calculus; `backward()` only multiplies and adds.
extension Value {
    public static func + (a: Value, b: Value) -> Value {
        Value(a.data + b.data, op: "+", children: [a, b], localGradients: [1, 1])
    }

    public static func * (a: Value, b: Value) -> Value {
        Value(a.data * b.data, op: "*", children: [a, b], localGradients: [b.data, a.data])
    }

    public static prefix func - (a: Value) -> Value {
        Value(-a.data, op: "neg", children: [a], localGradients: [-1])
    }

    public static func - (a: Value, b: Value) -> Value {
        Value(a.data - b.data, op: "-", children: [a, b], localGradients: [1, -1])
    }

    public static func / (a: Value, b: Value) -> Value {
        Value(a.data / b.data, op: "/", children: [a, b],
              localGradients: [1 / b.data, -a.data / (b.data * b.data)])
    }

    /// `a` raised to a constant power: d/da aⁿ = n·aⁿ⁻¹.
    public func pow(_ exponent: Double) -> Value {
        Value(Foundation.pow(data, exponent), op: "^\(Value.format(exponent))", children: [self],
              localGradients: [exponent * Foundation.pow(data, exponent - 1)])
    }

    public func exp() -> Value {
        let e = Foundation.exp(data)
        return Value(e, op: "exp", children: [self], localGradients: [e])
    }

    /// Natural logarithm. Stops with a message for a non-positive input, whose
    /// logarithm (and gradient) is not a real number.
    public func log() -> Value {
        guard data > 0 else {
            fatalError("Value.log: input must be positive, got \(data)")
        }
        return Value(Foundation.log(data), op: "log", children: [self], localGradients: [1 / data])
    }

    public func tanh() -> Value {
        let t = Foundation.tanh(data)
        return Value(t, op: "tanh", children: [self], localGradients: [1 - t * t])
    }

    public func relu() -> Value {
        Value(max(0, data), op: "relu", children: [self], localGradients: [data > 0 ? 1 : 0])
    }

    public func sigmoid() -> Value {
        let s = 1 / (1 + Foundation.exp(-data))
        return Value(s, op: "sigmoid", children: [self], localGradients: [s * (1 - s)])
    }

    /// A number in an expression, shown without a trailing ".0" when whole.
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Numbers mix with values on either side: `2 * a`, `a + 1`, `1 - a`, `a / 2`.
extension Value {
    public static func + (a: Value, b: Double) -> Value { a + Value(b) }
    public static func + (a: Double, b: Value) -> Value { Value(a) + b }
    public static func - (a: Value, b: Double) -> Value { a - Value(b) }
    public static func - (a: Double, b: Value) -> Value { Value(a) - b }
    public static func * (a: Value, b: Double) -> Value { a * Value(b) }
    public static func * (a: Double, b: Value) -> Value { Value(a) * b }
    public static func / (a: Value, b: Double) -> Value { a / Value(b) }
    public static func / (a: Double, b: Value) -> Value { Value(a) / b }
}

/// Lets `Value(2)` be written `2` where a `Value` is expected.
extension Value: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public convenience init(floatLiteral value: Double) { self.init(value) }
    public convenience init(integerLiteral value: Int) { self.init(Double(value)) }
}
