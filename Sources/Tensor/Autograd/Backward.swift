import Scalar

/// Reverse-mode differentiation over the recorded graph, as `Value.backward()` but
/// with one gradient tensor per node.
extension Tensor {
    /// Every node this one depends on that requires grad, itself included, each
    /// after all of its inputs (iteratively, so an RNN unrolled over many steps
    /// cannot overflow the stack).
    public func topologicalOrder() -> [Tensor] {
        Scalar.topologicalOrder(from: self) { $0.inputs.lazy.filter(\.requiresGrad) }
    }

    /// Accumulates d(self)/d(leaf) into `grad` of every leaf that requires grad.
    ///
    /// - Parameter gradient: d(loss)/d(self), of this tensor's shape; may be omitted
    ///   for a one-element tensor (a loss), where it is 1.
    ///
    /// Gradients add up across calls and across uses of a tensor: call `zeroGrad()`
    /// (or let the optimizer do it) before the next pass. The backward computation
    /// itself is not recorded.
    public func backward(_ gradient: Tensor? = nil) {
        guard requiresGrad else {
            fatalError("backward: tensor of shape \(shape) does not require grad (no input has requiresGrad)")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                fatalError("backward: gradient of shape \(gradient.shape) for a tensor of shape \(shape)")
            }
            checkSameBackend(gradient, "backward")
            seed = gradient.detached()
        } else {
            guard count == 1 else {
                fatalError("backward: a gradient is needed for a tensor of shape \(shape); "
                           + "only one-element tensors imply 1")
            }
            seed = Tensor.full(shape, 1, on: backend)
        }
        let order = topologicalOrder()
        withoutGrad {
            pendingGradient = seed
            for node in order.reversed() {
                guard var gradient = node.pendingGradient else { continue }
                node.pendingGradient = nil
                guard let rule = node.backwardRule else {
                    node.accumulateGrad(&gradient)
                    continue
                }
                let gradients = rule(gradient, node.inputs, node)
                for (input, inputGradient) in zip(node.inputs, gradients) where input.requiresGrad {
                    guard let inputGradient else { continue }
                    guard inputGradient.shape == input.shape else {
                        fatalError("backward of \(node.operation): gradient of shape \(inputGradient.shape) "
                                   + "for an input of shape \(input.shape)")
                    }
                    if let earlier = input.pendingGradient {
                        input.pendingGradient = earlier + inputGradient
                    } else {
                        input.pendingGradient = inputGradient
                    }
                }
            }
        }
    }

    /// Adds a leaf's incoming gradient to `grad`. The first gradient is adopted when
    /// nothing else shares it, copied otherwise, so `grad` always owns its storage
    /// and later gradients are added to it in place.
    private func accumulateGrad(_ gradient: inout Tensor) {
        if let grad {
            backend.axpy(1, gradient.storage, gradient.layout, grad.storage, grad.layout)
        } else if isKnownUniquelyReferenced(&gradient) && gradient.ownsStorage() {
            grad = gradient
        } else {
            grad = gradient.contiguousCopy()
        }
    }

    /// Forgets the accumulated gradient (PyTorch's `zero_grad(set_to_none=True)`):
    /// the next backward starts from zero.
    public func zeroGrad() {
        grad = nil
    }
}
