/// An n-dimensional array of Float32 that remembers how it was computed, so that
/// `backward()` can send gradients back through it: `Value` (Sources/Scalar) grown
/// from one number to many, as PyTorch's `torch.Tensor`.
///
/// A tensor is a `Layout` (shape, strides, offset) over a `Storage` owned by a
/// `Backend`. Views (`transposed()`, `reshaped(_:)`, `sliced(axis:_:)`, `expanded(to:)`,
/// …) share the storage; operations make new storages through the backend. Like
/// `Value`, each result of a differentiable operation records its `inputs` and one
/// backward rule; unlike `Value`, the rule maps a whole gradient tensor at once
/// (see Docs/Tensor.md for every rule).
///
/// Tensors are reference types, as in PyTorch: `let w = Tensor.zeros([3])` names
/// one parameter whose `grad` the optimizer reads after `loss.backward()`.
public final class Tensor {
    /// The floats, on `backend`. A `var` only so that backward can tell whether a
    /// gradient's storage is shared (`isKnownUniquelyReferenced`); never reassigned.
    public private(set) var storage: Storage
    /// Shape, strides and offset into `storage`.
    public let layout: Layout
    /// Whether backward computes a gradient for this tensor. Set it on leaves
    /// (parameters); results of operations on such tensors require grad too.
    public var requiresGrad: Bool {
        didSet {
            if backwardRule != nil && !requiresGrad {
                fatalError("requiresGrad: cannot be turned off on the result of '\(operation)'; use detached()")
            }
        }
    }
    /// d(output of `backward()`)/d(self), accumulated across backward calls; kept on
    /// leaves that require grad (as PyTorch, intermediate results keep none).
    public var grad: Tensor?
    /// The operation that made this tensor (`add`, `matmul`, …); empty for leaves.
    public let operation: String
    /// The inputs of `operation`, recorded when a gradient may flow back to them.
    public private(set) var inputs: [Tensor]
    /// Maps the gradient of this tensor to the gradients of its inputs.
    let backwardRule: BackwardRule?
    /// The gradient gathered so far during one `backward()` pass.
    var pendingGradient: Tensor?

    /// Given the gradient of the output, the gradients of the inputs (nil for inputs
    /// that need none), each of its input's shape. Rules receive the inputs and the
    /// output rather than capturing them, so that nothing but `inputs` links a graph
    /// (see `deinit`); a rule may capture shapes, scalars and tensors without history.
    public typealias BackwardRule = (_ gradient: Tensor, _ inputs: [Tensor], _ output: Tensor) -> [Tensor?]

    init(storage: Storage, layout: Layout, requiresGrad: Bool = false, operation: String = "",
         inputs: [Tensor] = [], backwardRule: BackwardRule? = nil) {
        self.storage = storage
        self.layout = layout
        self.requiresGrad = requiresGrad
        self.operation = operation
        self.inputs = inputs
        self.backwardRule = backwardRule
    }

    /// The result of an operation: recorded with its inputs and backward rule when
    /// grad mode is on and some input requires grad, a plain tensor otherwise.
    ///
    /// Every differentiable operation ends here; so can one written outside this
    /// module from backend primitives (PyTorch's `autograd.Function`).
    public static func result(_ storage: Storage, _ layout: Layout, _ operation: String, _ inputs: [Tensor],
                       _ rule: @escaping BackwardRule) -> Tensor {
        guard inputs.contains(where: { $0.requiresGrad }), GradMode.isEnabled else {
            return Tensor(storage: storage, layout: layout)
        }
        return Tensor(storage: storage, layout: layout, requiresGrad: true, operation: operation,
                      inputs: inputs, backwardRule: rule)
    }

    /// The result of an operation that made a new contiguous storage of `shape`.
    public static func result(_ storage: Storage, shape: [Int], _ operation: String, _ inputs: [Tensor],
                       _ rule: @escaping BackwardRule) -> Tensor {
        result(storage, Layout(contiguous: shape), operation, inputs, rule)
    }

    /// A long chain (an RNN unrolled over hundreds of steps, thousands of operations)
    /// would be freed recursively, one stack frame per node, and overflow the stack;
    /// unlink uniquely owned inputs iteratively instead (as `Value` does).
    deinit {
        guard !inputs.isEmpty else { return }
        var pending = inputs
        inputs = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.inputs)
                node.inputs = []
            }
        }
    }

    // MARK: Shape

    public var shape: [Int] { layout.shape }
    public var rank: Int { layout.rank }
    /// The number of elements.
    public var count: Int { layout.count }
    public var backend: any Backend { storage.backend }
    public var isContiguous: Bool { layout.isContiguous }

    /// `axis` counted from the end when negative (-1 is the last axis), checked.
    func normalize(axis: Int, _ operation: String, rank: Int? = nil) -> Int {
        let rank = rank ?? self.rank
        guard (-rank..<rank).contains(axis) else {
            fatalError("\(operation): axis \(axis) out of range for shape \(shape)")
        }
        return axis < 0 ? axis + rank : axis
    }

    /// Stops unless `other` lives on the same backend.
    func checkSameBackend(_ other: Tensor, _ operation: String) {
        guard other.storage.backend === storage.backend else {
            fatalError("\(operation): tensors on \(backend.name) and \(other.backend.name)")
        }
    }

    // MARK: Values

    /// The elements in row-major order, copied to the host.
    public var scalars: [Float] {
        let dense = isContiguous ? self : contiguousCopy()
        return backend.download(dense.storage, offset: dense.layout.offset, count: count)
    }

    /// The single element of a one-element tensor (`loss.item()`).
    public func item() -> Float {
        guard count == 1 else { fatalError("item: tensor of shape \(shape) has \(count) elements, not 1") }
        return backend.download(storage, offset: layout.offset, count: 1)[0]
    }

    /// The same elements without history: gradients stop here (PyTorch's `detach()`).
    /// Shares the storage.
    public func detached() -> Tensor {
        Tensor(storage: storage, layout: layout)
    }

    /// A contiguous copy without history.
    func contiguousCopy() -> Tensor {
        let copy = backend.allocate(count)
        backend.copy(storage, layout, to: copy, Layout(contiguous: shape))
        return Tensor(storage: copy, layout: Layout(contiguous: shape))
    }

    /// Whether this tensor is the only one using its storage, and is the whole of it.
    func ownsStorage() -> Bool {
        isKnownUniquelyReferenced(&storage) && layout.offset == 0 && isContiguous && count == storage.count
    }
}
