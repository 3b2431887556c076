import Random
import Tensor

extension BackendChecks {
    /// One training step of a small network through the tensor API, on both backends
    /// from the same seeded parameters and batch: embedding lookup and concatenation,
    /// three linear layers with relu and tanh, log-softmax cross-entropy, backward, and
    /// an Adam step on every parameter. Compared: the loss (1e-5 relative), every
    /// gradient (1e-4 of the tensor's largest magnitude) and every parameter after the
    /// step (1e-5 relative plus 1% of the learning rate: Adam's first step moves each
    /// weight by ±lr whatever the gradient's size, so a gradient within rounding of 0
    /// may legitimately move either way by less).
    static let trainingStep = BackendCheck(name: "training step") { backend in
        let learningRate: Float = 1e-2
        let gpu = TrainingStep(on: backend), cpu = TrainingStep(on: Device.cpu)
        let (gpuLoss, cpuLoss) = (gpu.lossAndGradients(), cpu.lossAndGradients())
        var results = [CheckResult("training step", "loss", gpu: [gpuLoss], cpu: [cpuLoss], relative: 1e-5)]
        for (name, (g, c)) in zip(TrainingStep.names, zip(gpu.parameters, cpu.parameters)) {
            let (gpuGrad, cpuGrad) = (g.grad!.scalars, c.grad!.scalars)
            let largest = cpuGrad.map(abs).max() ?? 0
            results.append(CheckResult("training step", "gradient of \(name) \(c.shape)", gpu: gpuGrad, cpu: cpuGrad,
                                       tolerance: "1e-4·max|grad|") { _ in 1e-4 * largest })
        }
        gpu.adamStep(learningRate: learningRate)
        cpu.adamStep(learningRate: learningRate)
        for (name, (g, c)) in zip(TrainingStep.names, zip(gpu.parameters, cpu.parameters)) {
            let cpuValues = c.scalars
            results.append(CheckResult("training step", "\(name) after Adam", gpu: g.scalars, cpu: cpuValues,
                                       tolerance: "1e-5·|p| + 0.01·lr") {
                1e-5 * abs(cpuValues[$0]) + 0.01 * learningRate
            })
        }
        return results
    }
}

/// The network and batch of the training-step check, built on one backend.
private struct TrainingStep {
    static let names = ["embedding", "w1", "b1", "w2", "b2", "w3", "b3"]
    let parameters: [Tensor]
    let tokens: IndexTensor, features: Tensor, targets: Tensor

    init(on backend: any Backend) {
        var generator = MT19937(seed: 60)
        func parameter(_ shape: [Int], scale: Float) -> Tensor {
            Tensor.normal(shape, std: scale, requiresGrad: true, generator: &generator, on: backend)
        }
        parameters = [parameter([30, 8], scale: 0.5), parameter([20, 32], scale: 0.3), parameter([32], scale: 0.1),
                      parameter([32, 16], scale: 0.2), parameter([16], scale: 0.1), parameter([16, 10], scale: 0.3),
                      parameter([10], scale: 0.1)]
        let batch = 64
        tokens = IndexTensor((0..<batch).map { _ in Int32(generator.interval(29)) })
        features = Tensor.normal([batch, 12], generator: &generator, on: backend)
        var oneHot = [Float](repeating: 0, count: batch * 10)
        for row in 0..<batch { oneHot[row * 10 + generator.interval(9)] = 1 }
        targets = Tensor(oneHot, shape: [batch, 10], on: backend)
    }

    /// Forward and backward; returns the mean cross-entropy.
    func lossAndGradients() -> Float {
        let p = parameters
        let x = Tensor.concat([p[0][tokens], features], axis: 1)
        let hidden = relu(x.matmul(p[1]) + p[2])
        let features2 = tanh(hidden.matmul(p[3]) + p[4])
        let logits = features2.matmul(p[5]) + p[6]
        let loss = -(logits.logSoftmax() * targets).sum() / Float(targets.shape[0])
        loss.backward()
        return loss.item()
    }

    /// Adam's first step on every parameter, through the backend primitive.
    func adamStep(learningRate: Float) {
        for parameter in parameters {
            let backend = parameter.backend
            // A fresh contiguous copy: the primitive takes whole, equal-sized storages.
            let gradient = Tensor(parameter.grad!.scalars, shape: parameter.shape, on: backend)
            let (m, v) = (Tensor.zeros(parameter.shape, on: backend), Tensor.zeros(parameter.shape, on: backend))
            backend.adamStep(parameter.storage, gradient: gradient.storage, firstMoment: m.storage,
                             secondMoment: v.storage,
                             hyperparameters: AdamHyperparameters(learningRate: learningRate, step: 1))
        }
    }
}
