import Random
import Testing
import Tensor

/// Misused layers and losses stop with a message naming the layer and the shapes.
extension ShapeErrorTests {
    @Test func layerInputMismatches() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            _ = Linear(inputs: 3, outputs: 2, generator: &generator)(Tensor.zeros([4, 5]))
        }, "Linear: input [4, 5] for a layer of 3 inputs")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            _ = RNN(inputs: 42, hidden: 8, generator: &generator)(Tensor.zeros([512, 42]))
        }, "RNN: input [512, 42] is not [sequence > 0, batch, 42]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            _ = RNN(inputs: 3, hidden: 8, generator: &generator)(Tensor.zeros([5, 2, 3]),
                                                                initialState: Tensor.zeros([2, 8]))
        }, "RNN: initial state [2, 8] for input [5, 2, 3]; expected [1, 2, 8]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm1d(features: 3)(Tensor.zeros([1, 3]))
        }, "BatchNorm1d: a batch of [1, 3] has one value per feature")
    }

    @Test func lossTargetMismatches() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(Tensor.zeros([2, 4]), IndexTensor([1, 4]))
        }, "nllLoss: target 4 at row 1 is not a class of 0..<4")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = nllLoss(Tensor.zeros([2, 4]), IndexTensor([1, 2, 3]))
        }, "nllLoss: log-probabilities [2, 4] and targets [3] are not [N, C] and [N]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = mseLoss(Tensor.zeros([4, 1]), Tensor.zeros([4]))
        }, "mseLoss: input [4, 1] and target [4] differ")
    }
}
