/// A scalar that remembers how it was computed, so that `backward()` can send
/// gradients back through the computation (micrograd's `Value`, in Swift).
///
/// Lecture: "what `fit` does" — the gradient of the loss with respect to every
/// parameter, computed by the chain rule from the output back to the inputs.
///
/// Every operation records its inputs (`children`) and the local derivative of its
/// output with respect to each input (`localGradients`). `backward()` visits nodes
/// from the output back, adding `localGradient * out.grad` into each child's `grad`.
/// Because gradients are *added*, a node used twice (`a + a`, `b * b`) gets both
/// contributions; for the same reason, call `zeroGrad()` before a second backward.
public final class Value {
    /// The number this node holds.
    public var data: Double
    /// d(output of the last `backward()`) / d(this node), accumulated.
    public var grad: Double = 0
    /// A name shown in the Graphviz export (`a`, `w1`, …); empty for intermediates.
    public var label: String
    /// The operation that made this node (`+`, `*`, `tanh`, …); empty for leaves.
    public let op: String
    /// The inputs of `op`.
    public private(set) var children: [Value]
    /// ∂self/∂children[i], evaluated at the forward values.
    let localGradients: [Double]

    /// A leaf: a number with no history (an input or a parameter).
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.label = label
        self.op = ""
        self.children = []
        self.localGradients = []
    }

    /// The result of `op` applied to `children`, with its local derivatives.
    init(_ data: Double, op: String, children: [Value], localGradients: [Double]) {
        self.data = data
        self.label = ""
        self.op = op
        self.children = children
        self.localGradients = localGradients
    }

    /// A long chain (200,000 nodes) would be freed recursively, one stack frame per
    /// node, and overflow the stack; unlink uniquely owned children iteratively instead.
    deinit {
        var pending = children
        children = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.children)
                node.children = []
            }
        }
    }

    /// Every node this one depends on, itself included, each after all of its inputs.
    public func topologicalOrder() -> [Value] {
        Scalar.topologicalOrder(from: self, inputs: \.children)
    }

    /// Adds d(self)/d(leaf) into the `grad` of every leaf (input or parameter) this
    /// node depends on. As in PyTorch, leaves' gradients add up across calls —
    /// call `zeroGrad()` (or `ScalarModule.zeroGrad()`) first to start over — while
    /// intermediate nodes are recomputed from zero each time.
    public func backward() {
        let order = topologicalOrder()
        for node in order where !node.children.isEmpty { node.grad = 0 }
        grad += 1
        for node in order.reversed() {
            for (child, local) in zip(node.children, node.localGradients) {
                child.grad += local * node.grad
            }
        }
    }

    /// Sets `grad` to zero on this node and every node it depends on, so that a
    /// second `backward()` computes fresh gradients instead of adding to the old ones.
    public func zeroGrad() {
        for node in topologicalOrder() { node.grad = 0 }
    }
}

extension Value: CustomStringConvertible {
    public var description: String { "Value(data: \(data), grad: \(grad))" }
}
