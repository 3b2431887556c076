import Foundation
import Lessons
import Random
import Tensor
import TestSupport
import Testing
import Toolkit

/// A new device needs only the `Backend` primitives: on `PrimitivesOnlyBackend`, which
/// has nothing else (every fast path runs its default, written in primitives), one
/// training step of each lesson model gives the CPU backend's loss and parameters.
@Suite struct PrimitivesOnlyLessonTests {
    /// Builds a learner with `make` on the CPU and on the primitives-only backend, takes
    /// one optimizer step on the first training batch of each, and compares.
    func expectSameStep(_ make: () throws -> Learner) throws {
        func step(on backend: any Backend) throws -> (loss: Float, parameters: [[Float]], backends: [String]) {
            try Device.using(backend) {
                let learner = try make()
                var batches = learner.data.train.batches()
                let first = batches.next()
                let batch = try #require(first)
                let loss = trainingStep(batch, optimizer: learner.optimizer, forward: learner.forward,
                                        loss: learner.loss)
                let parameters = learner.model.parameters
                return (loss, parameters.map(\.scalars), parameters.map(\.backend.name))
            }
        }
        let cpu = try step(on: Device.cpu), primitives = try step(on: PrimitivesOnlyBackend())
        #expect(cpu.backends.allSatisfy { $0 == "cpu" })
        #expect(primitives.backends.allSatisfy { $0 == "primitives-only" },
                "the model was built on the primitives-only backend")
        expectAllClose([primitives.loss], [cpu.loss], atol: 1e-5, rtol: 1e-4, "loss on primitives only against the CPU")
        #expect(cpu.parameters.count == primitives.parameters.count)
        for (index, (expected, actual)) in zip(cpu.parameters, primitives.parameters).enumerated() {
            expectAllClose(actual, expected, atol: 1e-5, rtol: 1e-4, "parameter \(index) after the step")
        }
    }

    @Test(arguments: CollabModelKind.allCases) func collab(kind: CollabModelKind) throws {
        var generator = MT19937(seed: 6)
        let users = (0..<300).map { _ in "u\(generator.interval(19))" }
        let items = (0..<300).map { _ in "i\(generator.interval(29))" }
        let ratings = (0..<300).map { _ in Float(1 + generator.interval(8)) / 2 }
        let cf = try CollabFilterDataset(users: users, items: items, ratings: ratings)
        try expectSameStep {
            var generator = MT19937(seed: 1)
            let model: any CollabFilterModel = switch kind {
            case .dotbias: EmbeddingDotBias(users: cf.users.count, items: cf.items.count, factors: 5,
                                            ratingRange: cf.ratingRange, generator: &generator)
            case .net: EmbeddingNet(users: cf.users.count, items: cf.items.count, factors: 5, hidden: 7,
                                    ratingRange: cf.ratingRange, generator: &generator)
            }
            let recipe = kind.recipe
            return CollabFilterLearner(dataset: cf, model: model, validation: validationIndices(count: cf.count),
                                       batchSize: 64,
                                       optimizer: { Adam($0, learningRate: recipe.learningRate,
                                                         weightDecay: recipe.weightDecay) },
                                       seed: 2, output: .silent).learner
        }
    }

    /// The lecture's `MixedInputModel`, with and without batch norm, dropout on.
    @Test(arguments: [false, true]) func tabular(batchNorm: Bool) throws {
        var generator = MT19937(seed: 7)
        let rows = (0..<200).map { _ in
            "\(["a", "b", "c"][generator.interval(2)]),\(generator.interval(5)),"
                + "\(generator.uniform(0, 1)),\(generator.uniform(1, 100))"
        }
        let table = try CSVTable(parsing: (["colour,size,weight,price"] + rows).joined(separator: "\n"))
        let data = try TabularData(table: table, categorical: ["colour", "size"], continuous: ["weight"],
                                   target: "price")
        var recipe = TabularRecipe()
        recipe.layerSizes = [20, 10]
        recipe.useBatchNorm = batchNorm
        recipe.batchSize = 32
        try expectSameStep { try TabularLearner(data: data, recipe: recipe, seed: 3, output: .silent).learner }
    }

    @Test(arguments: CharModelKind.allCases) func chars(kind: CharModelKind) throws {
        let corpus = CharCorpus(text: String(repeating: "the cat sat on the mat; a dog ate the hat. ", count: 40))
        let configuration = CharModelConfiguration(kind: kind, vocabularySize: corpus.vocabulary.count, factors: 4,
                                                   hidden: 6, layers: kind == .lstm ? 2 : nil, dropout: 0.5,
                                                   bptt: 8)
        try expectSameStep {
            try CharTraining(corpus: corpus, configuration: configuration, batchSize: 16, seed: 4,
                             output: .silent).learner
        }
    }

    /// The SGD lesson's autograd loop: one update of y = a·x + b.
    @Test func sgd() throws {
        func update(on backend: any Backend) -> (loss: Float, a: Float, b: Float) {
            Device.using(backend) {
                var generator = MT19937(seed: 42)
                let (x, y) = FakeData(count: 100, a: 3, b: 8, generator: &generator).tensors()
                let model = TensorRegression(a: 1, b: 1, learningRate: 1e-3)
                let loss = model.update(x, y)
                return (loss.item(), model.a.item(), model.b.item())
            }
        }
        let cpu = update(on: Device.cpu), primitives = update(on: PrimitivesOnlyBackend())
        expectAllClose([primitives.loss, primitives.a, primitives.b], [cpu.loss, cpu.a, cpu.b], atol: 1e-5, rtol: 1e-4,
                       "loss, a and b on primitives only against the CPU")
    }
}
