/// Integer positions for lookups: user and movie ids for embeddings, character ids
/// for the RNN, class labels. Held on the host (a batch of indices is small); a
/// backend receives them with each lookup.
public struct IndexTensor: Equatable, Sendable, ExpressibleByArrayLiteral {
    public let shape: [Int]
    public let scalars: [Int32]

    /// `scalars` in row-major order; `shape` defaults to `[scalars.count]`.
    public init(_ scalars: [Int32], shape: [Int]? = nil) {
        let shape = shape ?? [scalars.count]
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
            fatalError("IndexTensor: \(scalars.count) indices for shape \(shape)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    public init(_ scalars: [Int], shape: [Int]? = nil) {
        self.init(scalars.map {
            guard let index = Int32(exactly: $0) else { fatalError("IndexTensor: index \($0) does not fit in Int32") }
            return index
        }, shape: shape)
    }

    public init(arrayLiteral elements: Int32...) {
        self.init(elements)
    }

    public var count: Int { scalars.count }
}

extension IndexTensor: CustomStringConvertible {
    public var description: String { "IndexTensor(\(scalars), shape: \(shape))" }
}
