/// A piece of a network that owns parameters and may contain other modules:
/// PyTorch's `nn.Module`, translated.
///
/// A module lists only what is its own — its `localParameters` (`"weight"`, `"bias"`),
/// its `localBuffers` (state that is saved but not trained, such as batch norm's running
/// statistics) and its `children` by name. Everything recursive is derived from those
/// three lists in the extension below, so names compose as PyTorch's do: a model whose
/// child `"linear1"` has a parameter `"weight"` lists `"linear1.weight"`.
///
/// The forward pass, `callAsFunction`, lives on the concrete types, since modules take
/// different inputs (a `Tensor`, an `IndexTensor`, a sequence with a hidden state);
/// `Layer` is the common case of one tensor in, one tensor out.
///
/// Modules are classes: a model is one object that the training loop, the optimizer
/// and the checkpoint code all refer to, as its parameters are reference-type tensors.
public protocol Module: AnyObject {
    /// Whether the module is training (dropout drops, batch norm uses batch statistics
    /// and updates its running ones) or evaluating. Set it for a whole model with
    /// `train()` and `eval()`.
    var isTraining: Bool { get set }
    /// This module's own trained tensors by name, not its children's.
    var localParameters: [(name: String, tensor: Tensor)] { get }
    /// This module's own untrained state by name (PyTorch's buffers), not its children's.
    var localBuffers: [(name: String, tensor: Tensor)] { get }
    /// The modules directly inside this one, by name, in a fixed order.
    var children: [(name: String, module: any Module)] { get }
}

extension Module {
    public var localParameters: [(name: String, tensor: Tensor)] { [] }
    public var localBuffers: [(name: String, tensor: Tensor)] { [] }
    public var children: [(name: String, module: any Module)] { [] }

    /// Every parameter of this module and its descendants, named by the path to it
    /// (`"rnn.weight_hh_l0"`), as PyTorch's `named_parameters()`: the keys of a
    /// checkpoint, and what an optimizer updates.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        localParameters + children.flatMap { child in
            child.module.namedParameters.map { (name: child.name + "." + $0.name, tensor: $0.tensor) }
        }
    }

    /// The parameters without their names (PyTorch's `parameters()`).
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// How many numbers training adjusts: the parameters' elements, summed
    /// (`sum(p.numel() for p in m.parameters())`).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Every buffer of this module and its descendants, named as `namedParameters`
    /// (PyTorch's `named_buffers()`): saved in checkpoints along with the parameters.
    public var namedBuffers: [(name: String, tensor: Tensor)] {
        localBuffers + children.flatMap { child in
            child.module.namedBuffers.map { (name: child.name + "." + $0.name, tensor: $0.tensor) }
        }
    }

    /// Puts this module and every descendant in training mode (`model.train()`), or
    /// in evaluation mode when `mode` is false.
    public func train(_ mode: Bool = true) {
        isTraining = mode
        for child in children { child.module.train(mode) }
    }

    /// Puts this module and every descendant in evaluation mode (`model.eval()`):
    /// dropout passes its input through, batch norm uses its running statistics.
    public func eval() {
        train(false)
    }

    /// Forgets the gradients of every parameter (`model.zero_grad()`).
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

/// A module that maps one tensor to one tensor, so that it can be chained in a
/// `Sequential`.
public protocol Layer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}
