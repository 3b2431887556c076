/// `+ − × ÷` with NumPy broadcasting, and with a scalar on either side.
///
/// Broadcasting lines shapes up from the right; a size-1 (or missing) axis repeats
/// (`[3, 1] + [1, 4]` is `[3, 4]`). Operands are read through stride-0 views, never
/// copied, and backward sums each gradient back to its operand's own shape.
extension Tensor {
    /// `op` elementwise over the broadcast shape of `a` and `b`, recorded with `rule`.
    static func broadcasting(_ op: BinaryOp, _ name: String, _ a: Tensor, _ b: Tensor,
                             _ rule: @escaping BackwardRule) -> Tensor {
        let (storage, shape) = broadcastKernel(op, name, a, b)
        return result(storage, shape: shape, name, [a, b], rule)
    }

    /// `op` elementwise over the broadcast shape, not recorded (masks, backward rules).
    func elementwise(_ op: BinaryOp, _ other: Tensor, _ name: String) -> Tensor {
        let (storage, shape) = Tensor.broadcastKernel(op, name, self, other)
        return Tensor(storage: storage, layout: Layout(contiguous: shape))
    }

    private static func broadcastKernel(_ op: BinaryOp, _ name: String, _ a: Tensor, _ b: Tensor) -> (Storage, [Int]) {
        a.checkSameBackend(b, name)
        guard let shape = Layout.broadcastShape(a.shape, b.shape),
              let aLayout = a.layout.broadcast(to: shape), let bLayout = b.layout.broadcast(to: shape) else {
            fatalError("\(name): \(a.shape) and \(b.shape)")
        }
        return (a.backend.binary(op, a.storage, aLayout, b.storage, bLayout), shape)
    }

    /// `op` applied to every element, recorded with `rule`.
    func unary(_ op: UnaryOp, _ name: String, _ rule: @escaping BackwardRule) -> Tensor {
        Tensor.result(backend.unary(op, storage, layout), shape: shape, name, [self], rule)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(.add, "add", a, b) { g, inputs, _ in
            [inputs[0].requiresGrad ? g.sum(toShape: inputs[0].shape) : nil,
             inputs[1].requiresGrad ? g.sum(toShape: inputs[1].shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(.subtract, "subtract", a, b) { g, inputs, _ in
            [inputs[0].requiresGrad ? g.sum(toShape: inputs[0].shape) : nil,
             inputs[1].requiresGrad ? -g.sum(toShape: inputs[1].shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(.multiply, "multiply", a, b) { g, inputs, _ in
            let (a, b) = (inputs[0], inputs[1])
            return [a.requiresGrad ? g.timesSummed(b, to: a.shape) : nil,
                    b.requiresGrad ? g.timesSummed(a, to: b.shape) : nil]
        }
    }

    /// (self · other) summed to `target` (a product's backward): for a one-element factor
    /// (the line fit's `a` in `a * x`) one `Backend.dot` pass, without the products' tensor.
    private func timesSummed(_ other: Tensor, to target: [Int]) -> Tensor {
        guard target.allSatisfy({ $0 == 1 }), let otherLayout = other.layout.broadcast(to: shape) else {
            return (self * other).sum(toShape: target)
        }
        let sum = backend.dot(storage, layout, other.storage, otherLayout)
        return Tensor(storage: sum, layout: Layout(contiguous: target))
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        broadcasting(.divide, "divide", a, b) { g, inputs, output in
            let (a, b) = (inputs[0], inputs[1])
            // d(a/b)/db = −a/b² = −output/b.
            return [a.requiresGrad ? (g / b).sum(toShape: a.shape) : nil,
                    b.requiresGrad ? -(g * output / b).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor {
        a.unary(.affine(scale: -1, shift: 0), "negate") { g, _, _ in [-g] }
    }

    // MARK: With a scalar

    public static func + (a: Tensor, b: Float) -> Tensor {
        a.unary(.affine(scale: 1, shift: b), "add") { g, _, _ in [g] }
    }

    public static func + (a: Float, b: Tensor) -> Tensor { b + a }

    public static func - (a: Tensor, b: Float) -> Tensor { a + -b }

    public static func - (a: Float, b: Tensor) -> Tensor {
        b.unary(.affine(scale: -1, shift: a), "subtract") { g, _, _ in [-g] }
    }

    public static func * (a: Tensor, b: Float) -> Tensor {
        a.unary(.affine(scale: b, shift: 0), "multiply") { g, _, _ in [g * b] }
    }

    public static func * (a: Float, b: Tensor) -> Tensor { b * a }

    public static func / (a: Tensor, b: Float) -> Tensor { a * (1 / b) }

    public static func / (a: Float, b: Tensor) -> Tensor { b.pow(-1) * a }
}
