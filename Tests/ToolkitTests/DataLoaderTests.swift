import Foundation
import Tensor
import Testing
@testable import Toolkit

@Suite struct DataLoaderTests {
    /// 10 rows: row i has id i, value i/2 and the window [i, i+1, i+2].
    static let dataset = TensorDataset([
        "id": .indices(IndexTensor((0..<10).map { Int32($0) })),
        "value": .floats(Tensor((0..<10).map { Float($0) / 2 })),
        "window": .indices(IndexTensor((0..<10).flatMap { i in (i..<i + 3).map { Int32($0) } }, shape: [10, 3])),
    ])

    /// The ids of every batch of one epoch, batch by batch.
    static func ids(_ loader: DataLoader, epoch: Int) -> [[Int32]] {
        loader.batches(epoch: epoch).map { $0.indices("id").scalars }
    }

    @Test func everyRowOncePerEpochWithThePartialBatchKept() {
        let loader = DataLoader(Self.dataset, batchSize: 4, shuffle: true, seed: 7)
        #expect(loader.batchCount == 3)
        for epoch in 0..<3 {
            let batches = Self.ids(loader, epoch: epoch)
            #expect(batches.map(\.count) == [4, 4, 2])
            #expect(batches.flatMap { $0 }.sorted() == (0..<10).map { Int32($0) })
            #expect(batches.flatMap { $0 }.map(Int.init) == loader.order(epoch: epoch))
        }
    }

    @Test func columnsStayAlignedAndKeepTheirRowShape() {
        for batch in DataLoader(Self.dataset, batchSize: 4, shuffle: true, seed: 3).batches(epoch: 1) {
            let ids = batch.indices("id").scalars
            #expect(batch.tensor("value").shape == [batch.count])
            #expect(batch.tensor("value").scalars == ids.map { Float($0) / 2 })
            #expect(batch.indices("window").shape == [batch.count, 3])
            #expect(batch.indices("window").scalars == ids.flatMap { [$0, $0 + 1, $0 + 2] })
        }
    }

    @Test func sameSeedSameOrderNewEpochNewOrder() {
        let a = DataLoader(Self.dataset, batchSize: 4, shuffle: true, seed: 42)
        let b = DataLoader(Self.dataset, batchSize: 4, shuffle: true, seed: 42)
        let c = DataLoader(Self.dataset, batchSize: 4, shuffle: true, seed: 43)
        #expect(Self.ids(a, epoch: 0) == Self.ids(b, epoch: 0))
        #expect(Self.ids(a, epoch: 5) == Self.ids(b, epoch: 5))
        #expect(a.order(epoch: 0) != a.order(epoch: 1))
        #expect(a.order(epoch: 1) != a.order(epoch: 2))
        #expect(a.order(epoch: 0) != c.order(epoch: 0))
        #expect(a.order(epoch: 0) != Array(0..<10))
    }

    @Test func unshuffledServesRowsInOrder() {
        let loader = DataLoader(Self.dataset, batchSize: 3)
        #expect(Self.ids(loader, epoch: 4) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
    }

    @Test func splitKeepsRowOrderAsFastai() {
        let (train, valid) = Self.dataset.split(validation: [7, 2, 5])
        #expect(DataLoader(valid, batchSize: 10).batches().map { $0.indices("id").scalars } == [[2, 5, 7]])
        #expect(DataLoader(train, batchSize: 10).batches().map { $0.indices("id").scalars } == [[0, 1, 3, 4, 6, 8, 9]])
        #expect(DataLoader(train, batchSize: 10).batches().map { $0.tensor("value").scalars }
                == [[0, 0.5, 1.5, 2, 3, 4, 4.5]])
    }

    @Test func modelDataShufflesTrainingOnlyAndDoublesTheValidationBatch() {
        let data = ModelData(Self.dataset, validation: [0, 1, 2], batchSize: 2, seed: 1)
        #expect(data.train.shuffle && !data.valid.shuffle)
        #expect(data.train.batchSize == 2 && data.valid.batchSize == 4)
        #expect(data.train.dataset.count == 7 && data.valid.dataset.count == 3)
    }
}
