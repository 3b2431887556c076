import Toolkit

/// A categorical column's categories, numbered from 1 so that 0 stands for a value
/// that is missing or was never seen in training: fastai 0.7's `train_cats` and
/// `apply_cats`, whose pandas category codes (−1 for NaN) it shifts by one
/// (`proc_df`: `df[n] = col.cat.codes + 1`).
///
/// The lecture's Rossmann model looks each index up in an embedding of `cardinality`
/// rows, one more than the categories, with row 0 for the unknown: a test-set store
/// opened after the training data ends gets row 0, not a crash.
///
///     let hour = CategoricalColumn(name: "hr", trainingValues: ["0", "1", "2", …])
///     hour.index(of: "1")     // 2
///     hour.index(of: nil)     // 0, missing
///     hour.index(of: "25")    // 0, unseen in training
public struct CategoricalColumn: Sendable, Equatable {
    public let name: String
    /// The training values, in order of first appearance (see `CategoryMap`), as the
    /// lecture's `proc_col` numbers ids; pandas' categories would be sorted, which only
    /// changes which row of the embedding a category gets.
    public let categories: [String]
    private let indices: [String: Int]

    /// The categories of `trainingValues`, missing ones (nil) left out.
    public init(name: String, trainingValues: some Sequence<String?>) {
        let map = CategoryMap(trainingValues.compactMap { $0 })
        self.name = name
        categories = map.categories
        indices = Dictionary(uniqueKeysWithValues: map.categories.enumerated().map { ($1, $0 + 1) })
    }

    /// Embedding rows: the categories plus the reserved row 0 (fastai's `c` in
    /// `cat_sz`).
    public var cardinality: Int { categories.count + 1 }

    /// The lecture's rule of thumb for the embedding's width: half the rows, at most
    /// 50 (`emb_szs = [(c, min(50, (c+1)//2)) for _,c in cat_sz]`).
    public var embeddingDimensions: Int { min(50, (cardinality + 1) / 2) }

    /// The index of `value`: its category's number from 1, or 0 when it is missing or
    /// not among the training categories.
    public func index(of value: String?) -> Int {
        value.flatMap { indices[$0] } ?? 0
    }

    /// The value index `index` stands for; nil for 0, the unknown.
    public subscript(index: Int) -> String? {
        index == 0 ? nil : categories[index - 1]
    }
}

extension CategoricalColumn: Codable {
    private enum CodingKeys: String, CodingKey { case name, categories }

    /// A column as `encode(to:)` wrote it: its name and categories, which must be distinct.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let categories = try container.decode([String].self, forKey: .categories)
        self.init(name: try container.decode(String.self, forKey: .name), trainingValues: categories)
        guard self.categories == categories else {
            throw DecodingError.dataCorruptedError(forKey: .categories, in: container,
                                                   debugDescription: "the categories of '\(name)' repeat a value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(categories, forKey: .categories)
    }
}
