import Testing
import Tensor

/// Misuse stops the program with a message naming the operation and the shapes.
/// Exit tests run each body in a child process (bodies may capture nothing) and
/// hand back its standard error, where `fatalError` writes the message.
@Suite struct ShapeErrorTests {
    func expectMessage(_ result: ExitTest.Result?, _ message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains(message), "stderr was: \(stderr)", sourceLocation: sourceLocation)
    }

    @Test func broadcastMismatch() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 4]) + Tensor.zeros([5])
        }, "add: [3, 4] and [5]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) * Tensor.zeros([3, 2])
        }, "multiply: [2, 3] and [3, 2]")
    }

    @Test func matmulMismatch() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([64, 50]).matmul(Tensor.zeros([40, 10]))
        }, "matmul: [64, 50] × [40, 10]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3, 4]).matmul(Tensor.zeros([3, 4, 5]))
        }, "matmul: [2, 3, 4] × [3, 4, 5]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([64, 50]).matmul(Tensor.zeros([40, 10]).preparedForMatmul())
        }, "matmul: [64, 50] × prepared [40, 10]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3]).preparedForMatmul()
        }, "preparedForMatmul: a matrix is 2-D, got shape [3]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3], requiresGrad: true).matmul(Tensor.zeros([3, 4]).preparedForMatmul())
        }, "matmul: a product by a prepared matrix is not recorded, and [2, 3] requires grad")
    }

    @Test func structuralMismatches() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped([4, 2])
        }, "reshaped: cannot reshape [2, 3] to [4, 2]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.concat([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])])
        }, "concat: [2, 3] and [2, 4] along axis 0")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1, 2, 3, 4, 5], shape: [2, 3])
        }, "Tensor: 5 scalars for shape [2, 3]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).sum(axis: 2)
        }, "sum: axis 2 out of range for shape [2, 3]")
    }

    @Test func lookupAndBackwardMisuse() async {
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([5, 2])[IndexTensor([1, 7])]
        }, "embedding lookup: index 7 out of range for a table of shape [5, 2]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2], requiresGrad: true).exp().backward()
        }, "backward: a gradient is needed for a tensor of shape [2]")
        expectMessage(await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1, 2], requiresGrad: true).addInPlace(Tensor([1, 1]))
        }, "addInPlace: tensor of shape [2] requires grad; update it inside withoutGrad { }")
    }
}
