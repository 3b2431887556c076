import Tensor

extension CUDABackend {
    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters h: AdamHyperparameters, weightDecay: WeightDecay) {
        let (l2, shrink): (Float, Float) = switch weightDecay {
        case .l2(let lambda): (lambda, 1)
        case .decoupled(let lambda): (0, 1 - h.learningRate * lambda)
        }
        device.launch(CUDAKernels.adamStep, elements: parameter.count,
                      [.pointer(storage(parameter).pointer), .pointer(storage(gradient).pointer),
                       .pointer(storage(firstMoment).pointer), .pointer(storage(secondMoment).pointer),
                       .count(parameter.count), .float(Float(1 - h.beta1)), .float(Float(h.beta2)),
                       .float(Float(1 - h.beta2)), .float(h.stepSize), .float(h.rootSecondCorrection),
                       .float(h.epsilon), .float(l2), .float(shrink)])
    }

    public func sgdStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                        hyperparameters h: SGDHyperparameters) {
        guard h.momentum == 0 || momentumBuffer != nil else {
            fatalError("cuda: sgdStep with momentum \(h.momentum) and no momentum buffer")
        }
        device.launch(CUDAKernels.sgdStep, elements: parameter.count,
                      [.pointer(storage(parameter).pointer), .pointer(storage(gradient).pointer),
                       .pointer(momentumBuffer.map { storage($0).pointer } ?? 0), .count(parameter.count),
                       .float(h.learningRate), .float(h.momentum), .float(h.weightDecay), .bool(h.nesterov)])
    }
}
