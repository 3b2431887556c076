import Testing
@testable import Tensor

/// Three steps of each optimizer against `torch.optim` (scripts/golden/optim_golden.py):
/// parameters and every state tensor after each step, relative error ≤ 1e-5.
@Suite struct OptimizerGoldenTests {
    /// PyTorch's parameter order, which the state names ("exp_avg.2") refer to.
    static let names = ["a", "b", "c"]

    /// Replays `golden` on `makeOptimizer`'s optimizer: the fixture's gradients in,
    /// each step's parameters and state compared.
    func replay(_ golden: OptimFixture.OptimizerCase, _ makeOptimizer: ([Tensor]) -> any Optimizer) {
        let parameters = Self.names.map { Tensor(golden.initial[$0]!, shape: golden.shapes[$0]!, requiresGrad: true) }
        let optimizer = makeOptimizer(parameters)
        for (step, (gradients, expected)) in zip(golden.gradients, golden.steps).enumerated() {
            for (name, parameter) in zip(Self.names, parameters) {
                parameter.grad = gradients[name]!.map { Tensor($0, shape: parameter.shape) }
            }
            optimizer.step()
            let state = optimizer.stateDict()
            for (i, (name, parameter)) in zip(Self.names, parameters).enumerated() {
                let after = expected[name]!
                expectRelativeError(parameter.scalars, after.param.map(Double.init), "step \(step + 1) \(name)")
                let keys = Set(state.keys.filter { $0.hasSuffix(".\(i)") })
                #expect(keys == Set(after.state.keys.map { "\($0).\(i)" }), "step \(step + 1) \(name) state names")
                for (key, values) in after.state {
                    guard let tensor = state["\(key).\(i)"] else { continue }
                    expectRelativeError(tensor.scalars, values.map(Double.init), "step \(step + 1) \(key).\(i)")
                }
            }
        }
    }

    @Test func adamWithL2WeightDecay() {
        let golden = OptimFixture.shared.adam, h = golden.hyperparameters
        replay(golden) {
            Adam($0, learningRate: h.lr, beta1: h.beta1!, beta2: h.beta2!, epsilon: h.eps!, weightDecay: h.weightDecay)
        }
    }

    @Test func adamW() {
        let golden = OptimFixture.shared.adamw, h = golden.hyperparameters
        replay(golden) {
            AdamW($0, learningRate: h.lr, beta1: h.beta1!, beta2: h.beta2!, epsilon: h.eps!, weightDecay: h.weightDecay)
        }
    }

    @Test func adamWithDecoupledFlagIsAdamW() {
        let golden = OptimFixture.shared.adamw, h = golden.hyperparameters
        replay(golden) {
            Adam($0, learningRate: h.lr, beta1: h.beta1!, beta2: h.beta2!, epsilon: h.eps!, weightDecay: h.weightDecay,
                 decoupledWeightDecay: true)
        }
    }

    @Test(arguments: ["sgd", "sgdNesterov"])
    func sgdWithMomentumAndWeightDecay(_ name: String) {
        let golden = name == "sgd" ? OptimFixture.shared.sgd : OptimFixture.shared.sgdNesterov
        let h = golden.hyperparameters
        replay(golden) {
            SGD($0, learningRate: h.lr, momentum: h.momentum!, weightDecay: h.weightDecay, nesterov: h.nesterov!)
        }
    }
}
