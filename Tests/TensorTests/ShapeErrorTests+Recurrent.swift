import Random
import Testing
import Tensor

/// Misused `GRU` and `LSTM` layers stop with a message naming the layer and the shapes.
extension ShapeErrorTests {
    @Test func recurrentLayerMismatches() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            _ = GRU(inputs: 42, hidden: 8, generator: &generator)(Tensor.zeros([8, 512, 41]))
        }, "GRU: input [8, 512, 41] is not [sequence > 0, batch, 42]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            _ = GRU(inputs: 3, hidden: 8, layers: 2, generator: &generator)(Tensor.zeros([5, 2, 3]),
                                                                           initialState: Tensor.zeros([1, 2, 8]))
        }, "GRU: initial state [1, 2, 8] for input [5, 2, 3]; expected [2, 2, 8]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            let state = LSTM.State(hidden: Tensor.zeros([1, 2, 8]), cell: Tensor.zeros([1, 3, 8]))
            _ = LSTM(inputs: 3, hidden: 8, generator: &generator)(Tensor.zeros([5, 2, 3]), initialState: state)
        }, "LSTM: initial cell state [1, 3, 8] for input [5, 2, 3]; expected [1, 2, 8]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = MT19937(seed: 1)
            let gru = RecurrentWeights(inputs: 3, hidden: 4, gates: 3, generator: &generator)
            _ = LSTM(layers: [gru])
        }, "LSTM: layers [[12, 3]] do not stack as [4·hidden, inputs] then [4·hidden, hidden]")
    }
}
