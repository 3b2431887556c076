import Foundation
import Tensor
import Testing

/// One tensor of a golden fixture, as the scripts in `scripts/golden` write it: its
/// shape and its elements in row-major order.
public struct GoldenTensor: Decodable, Sendable {
    public let shape: [Int]
    public let data: [Float]

    public var tensor: Tensor { Tensor(data, shape: shape) }
}

/// Decodes the fixture `Fixtures/name` beside the test file that asks for it.
public func goldenFixture<T: Decodable>(_ name: String, as type: T.Type = T.self, testFile: String = #filePath) -> T {
    let url = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    do {
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    } catch {
        fatalError("cannot read the golden fixture \(url.path): \(error)")
    }
}

/// Copies PyTorch's parameters into `module` by their `state_dict()` names; the names
/// and every shape must be the same on both sides.
public func loadGoldenParameters(_ parameters: [String: GoldenTensor], into module: any Module,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    let named = module.namedParameters
    #expect(Set(named.map(\.name)) == Set(parameters.keys), sourceLocation: sourceLocation)
    withoutGrad {
        for (name, tensor) in named {
            guard let golden = parameters[name], golden.shape == tensor.shape else {
                Issue.record("\(name): \(tensor.shape) here, \(parameters[name]?.shape ?? []) in the fixture",
                             sourceLocation: sourceLocation)
                continue
            }
            tensor.copy(from: golden.tensor)
        }
    }
}
