import Random
import Tensor
import Toolkit

/// The character models of the lesson and its sequel, by the name `lesson6 chars
/// --model` takes.
public enum CharModelKind: String, CaseIterable, Sendable {
    /// `Char3Model`: three characters predict the fourth.
    case char3
    /// `CharLoopModel`: the same as a loop over 8 characters.
    case loop
    /// `CharLoopConcatModel`: h and the input concatenated, not added.
    case concat
    /// `CharRnn`: `nn.RNN`, the output of the last step.
    case rnn
    /// `CharSeqRnn`: a prediction after every step, on non-overlapping windows.
    case seq
    /// `CharSeqStatefulGRU`: a GRU whose state lives on from batch to batch.
    case gru
    /// `CharSeqStatefulLSTM`: a stateful multi-layer LSTM.
    case lstm

    /// The model's Swift (and lecture) name.
    public var typeName: String {
        switch self {
        case .char3: "Char3Model"
        case .loop: "CharLoopModel"
        case .concat: "CharLoopConcatModel"
        case .rnn: "CharRnn"
        case .seq: "CharSeqRnn"
        case .gru: "CharSeqStatefulGRU"
        case .lstm: "CharSeqStatefulLSTM"
        }
    }

    /// Whether it trains on contiguous streams with its state carried over.
    public var isStateful: Bool { self == .gru || self == .lstm }

    /// The notebooks' training schedule: lecture 6 for the first five, lesson 7 for the
    /// stateful ones (the LSTM's: 2 epochs at 1e-2, then SGDR cycles of 1, 2, 4 and 8
    /// epochs, restarting at 1e-2).
    public var lectureSchedule: [TrainingStage] {
        switch self {
        case .char3, .loop: [.constant(1e-2, epochs: 1), .constant(1e-3, epochs: 1)]
        case .concat: [.constant(1e-3, epochs: 1), .constant(1e-4, epochs: 1)]
        case .rnn: [.constant(1e-3, epochs: 4), .constant(1e-4, epochs: 2)]
        case .seq: [.constant(1e-3, epochs: 4), .constant(1e-4, epochs: 1)]
        case .gru: [.constant(1e-3, epochs: 6), .constant(1e-4, epochs: 3)]
        case .lstm: [.constant(1e-2, epochs: 2), .cosine(1e-2, cycles: 4, cycleLength: 1, cycleMultiplier: 2)]
        }
    }
}

/// Everything that decides a character model's shape, so that `generate` can build
/// the model a checkpoint was saved from.
public struct CharModelConfiguration: Equatable, Sendable {
    public var kind: CharModelKind
    public var vocabularySize: Int
    /// `n_fac`: the size of a character's embedding.
    public var factors: Int
    /// `n_hidden`.
    public var hidden: Int
    /// Recurrent layers (the LSTM's `nl`); 1 for every other model.
    public var layers: Int
    /// Dropout between recurrent layers while training.
    public var dropout: Float
    /// The length of the windowed models' windows (`cs`), or of a stateful batch.
    public var bptt: Int

    public init(kind: CharModelKind, vocabularySize: Int, factors: Int = 42, hidden: Int? = nil,
                layers: Int? = nil, dropout: Float = 0.5, bptt: Int = 8) {
        self.kind = kind
        self.vocabularySize = vocabularySize
        self.factors = factors
        self.hidden = hidden ?? (kind == .lstm ? 512 : 256)
        self.layers = layers ?? (kind == .lstm ? 2 : 1)
        self.dropout = dropout
        self.bptt = bptt
    }

    /// A new model, initialised from `generator` as PyTorch initialises its layers.
    public func makeModel(generator: inout MT19937) -> any CharModel {
        let (v, f, h, w) = (vocabularySize, factors, hidden, bptt)
        return switch kind {
        case .char3: Char3Model(vocabularySize: v, factors: f, hidden: h, generator: &generator)
        case .loop: CharLoopModel(vocabularySize: v, factors: f, hidden: h, window: w, generator: &generator)
        case .concat: CharLoopConcatModel(vocabularySize: v, factors: f, hidden: h, window: w, generator: &generator)
        case .rnn: CharRnn(vocabularySize: v, factors: f, hidden: h, window: w, generator: &generator)
        case .seq: CharSeqRnn(vocabularySize: v, factors: f, hidden: h, window: w, generator: &generator)
        case .gru: CharSeqStatefulGRU(vocabularySize: v, factors: f, hidden: h, generator: &generator)
        case .lstm: CharSeqStatefulLSTM(vocabularySize: v, factors: f, hidden: h, layers: layers,
                                        dropout: dropout, generator: &generator)
        }
    }

    /// The configuration as checkpoint metadata.
    var metadata: [String: String] {
        ["architecture": kind.rawValue, "factors": String(factors), "hidden": String(hidden),
         "layers": String(layers), "dropout": String(dropout), "bptt": String(bptt)]
    }
}
