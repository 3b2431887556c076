/// One product `lesson6-bench matmul` times: `C[m×n] = op(A)·op(B)` with op(A) m×k and
/// op(B) k×n, either read transposed in place (as `Tensor.matmul` passes transposed views).
struct MatmulShape: Codable {
    let label: String
    let m: Int, k: Int, n: Int
    let transposeA: Bool, transposeB: Bool

    /// 2·m·n·k: a multiply and an add per term.
    var operations: Double { 2 * Double(m * n * k) }
}

extension MatmulShape {
    /// Square products from 128 to 2048, then every product the lessons' training runs at
    /// their default sizes, forward and both backward, as `Tensor.matmul` was seen to call
    /// them in an epoch of each: `x·Wᵀ` a layer's forward (W read transposed), `g·W` the
    /// gradient of its input, `gᵀ·x` its weight's gradient (g read transposed; `hᵀ·g` for
    /// a one-row W, whose transpose is contiguous). Batches of 512 windows of 8
    /// characters for `CharRnn` (vocabulary 85), 64 streams of 8 for the GRU (256 units,
    /// 3 gates) and the 2-layer LSTM (512 units, 4 gates; vocabulary 58), 64 ratings for
    /// `EmbeddingNet`, 128 rows for the tabular model.
    static let all: [MatmulShape] = [128, 256, 512, 1024, 2048].map {
        MatmulShape(label: "\($0)³", m: $0, k: $0, n: $0, transposeA: false, transposeB: false)
    } + lessons(
        ("CharRnn input x·Wᵀ", 4096, 42, 256, "B"), ("CharRnn recurrence h·Wᵀ", 512, 256, 256, "B"),
        ("CharRnn output h·Wᵀ", 512, 256, 85, "B"), ("CharRnn output g·W", 512, 85, 256, ""),
        ("CharRnn recurrence g·W", 512, 256, 256, ""), ("CharRnn input g·W", 4096, 256, 42, ""),
        ("CharRnn output gᵀ·h", 85, 512, 256, "A"), ("CharRnn recurrence gᵀ·h", 256, 4096, 256, "A"),
        ("CharRnn input gᵀ·x", 256, 4096, 42, "A"),
        ("GRU input x·Wᵀ", 512, 42, 768, "B"), ("GRU recurrence h·Wᵀ", 64, 256, 768, "B"),
        ("GRU output h·Wᵀ", 512, 256, 58, "B"), ("GRU output g·W", 512, 58, 256, ""),
        ("GRU recurrence g·W", 64, 768, 256, ""), ("GRU input g·W", 512, 768, 42, ""),
        ("GRU output gᵀ·h", 58, 512, 256, "A"), ("GRU recurrence gᵀ·h", 768, 512, 256, "A"),
        ("GRU input gᵀ·x", 768, 512, 42, "A"),
        ("LSTM layer 1 x·Wᵀ", 512, 42, 2048, "B"), ("LSTM layer 2 x·Wᵀ", 512, 512, 2048, "B"),
        ("LSTM recurrence h·Wᵀ", 64, 512, 2048, "B"), ("LSTM output h·Wᵀ", 512, 512, 58, "B"),
        ("LSTM output g·W", 512, 58, 512, ""), ("LSTM recurrence g·W", 64, 2048, 512, ""),
        ("LSTM layer 2 g·W", 512, 2048, 512, ""), ("LSTM layer 1 g·W", 512, 2048, 42, ""),
        ("LSTM output gᵀ·h", 58, 512, 512, "A"), ("LSTM recurrence gᵀ·h", 2048, 512, 512, "A"),
        ("LSTM layer 2 gᵀ·x", 2048, 512, 512, "A"), ("LSTM layer 1 gᵀ·x", 2048, 512, 42, "A"),
        ("EmbeddingNet lin1 x·Wᵀ", 64, 100, 10, "B"), ("EmbeddingNet lin2 h·Wᵀ", 64, 10, 1, ""),
        ("EmbeddingNet lin2 g·W", 64, 1, 10, ""), ("EmbeddingNet lin1 g·W", 64, 10, 100, ""),
        ("EmbeddingNet lin2 hᵀ·g", 10, 64, 1, "A"), ("EmbeddingNet lin1 gᵀ·x", 10, 64, 100, "A"),
        ("tabular layer 1 x·Wᵀ", 128, 40, 1000, "B"), ("tabular layer 2 h·Wᵀ", 128, 1000, 500, "B"),
        ("tabular output h·Wᵀ", 128, 500, 1, ""), ("tabular output g·W", 128, 1, 500, ""),
        ("tabular layer 2 g·W", 128, 500, 1000, ""), ("tabular layer 1 g·W", 128, 1000, 40, ""),
        ("tabular output hᵀ·g", 500, 128, 1, "A"), ("tabular layer 2 gᵀ·h", 500, 128, 1000, "A"),
        ("tabular layer 1 gᵀ·x", 1000, 128, 40, "A"))

    /// Products labelled with their sizes; `transposed` names the operands read
    /// transposed ("A", "B" or ""). A one-column or one-row W (an output layer of one
    /// unit) is contiguous either way, so `Tensor.matmul` passes it untransposed.
    private static func lessons(_ products: (String, Int, Int, Int, String)...) -> [MatmulShape] {
        products.map { name, m, k, n, transposed in
            MatmulShape(label: "\(name) \(m)×\(k)·\(k)×\(n)", m: m, k: k, n: n,
                        transposeA: transposed.contains("A"), transposeB: transposed.contains("B"))
        }
    }
}
