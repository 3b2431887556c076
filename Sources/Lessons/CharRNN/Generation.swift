import Foundation
import Random
import Tensor

/// Writing text with a trained character model: the lecture's
///
/// ```python
/// def get_next(inp):
///     idxs = T(np.array([char_indices[c] for c in inp]))
///     p = m(*VV(idxs))
///     i = np.argmax(to_np(p))
///     return chars[i]
///
/// def get_next_n(inp, n):
///     res = inp
///     for i in range(n):
///         c = get_next(inp)
///         res += c
///         inp = inp[1:]+c
///     return res
/// ```
///
/// Greedy choice soon loops ("for those the same the same the same…"): the most
/// likely continuation of a phrase leads back to the phrase. Sampling each character
/// from the model's distribution, sharpened or flattened by a temperature T
/// (p ∝ exp(log p / T): T < 1 more conservative, T > 1 more adventurous), as the
/// sequel does with `torch.multinomial`, writes text that wanders instead.
///
/// A windowed model reads the last `window` characters of the text so far (the
/// lecture's `inp = inp[1:]+c`). A prompt shorter than its window is read whole by the
/// loops, which start from a state of zeros however many characters they are given, so
/// a short prompt reads as the first steps of a window until the text is `window` long.
/// `Char3Model` takes exactly three characters, so a shorter prompt is padded on the
/// left with "\0", the character the lecture inserts at index 0 of the vocabulary for
/// padding. `shortPromptNote` says which happens. A stateful model reads the prompt
/// once, however long, and then each new character, carrying its state along.
public struct CharGenerator {
    public let model: any CharModel
    public let vocabulary: Vocabulary

    public init(model: any CharModel, vocabulary: Vocabulary) {
        self.model = model
        self.vocabulary = vocabulary
    }

    /// `get_next(inp)`: the most likely character after `input`.
    public func getNext(_ input: String) throws -> Unicode.Scalar {
        try getNextN(input, 1).unicodeScalars.last!
    }

    /// `get_next_n(inp, n)`: `input` followed by `count` characters, each the most
    /// likely one (`temperature` nil) or drawn with `temperature` from `generator`.
    public func getNextN(_ input: String, _ count: Int, temperature: Double? = nil,
                         generator: inout MT19937) throws -> String {
        var text = try vocabulary.indices(of: input, what: "prompt")
        guard !text.isEmpty else { throw GenerationError("the prompt is empty") }
        if let temperature, !(temperature > 0 && temperature.isFinite) {
            throw GenerationError("temperature \(temperature) is not a positive number")
        }
        let stateful = model as? StatefulCharModel
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        stateful?.reset()
        withoutGrad {
            var unread = stateful == nil ? [] : text
            for _ in 0..<count {
                let read = stateful == nil ? windowToRead(text) : unread
                let logProbabilities = model(IndexTensor(read, shape: [read.count, 1])).scalars
                let last = Array(logProbabilities.suffix(vocabulary.count))
                let next = temperature.map { sample(last, temperature: $0, generator: &generator) }
                    ?? Int32(last.indices.max { last[$0] < last[$1] }!)
                text.append(next)
                unread = [next]
            }
        }
        return vocabulary.text(text)
    }

    /// The last `window` characters of `text`, padded on the left with index 0 ("\0")
    /// for a model that reads whole windows only.
    private func windowToRead(_ text: [Int32]) -> [Int32] {
        let window = model.window!
        let padding = model.needsWholeWindow ? max(0, window - text.count) : 0
        return [Int32](repeating: 0, count: padding) + text.suffix(window)
    }

    /// What happens to `prompt` when it is shorter than the model's window; nil when it
    /// is not (or the model has no window).
    public func shortPromptNote(_ prompt: String) -> String? {
        let length = prompt.unicodeScalars.count
        guard let window = model.window, length < window else { return nil }
        let handling = model.needsWholeWindow
            ? "padded on the left with \"\\0\" (the vocabulary's padding character)"
            : "read whole until the text is \(window) long"
        return "\(type(of: model)) reads \(window) characters at a time; the prompt's \(length) are \(handling)"
    }

    /// `getNextN` greedily.
    public func getNextN(_ input: String, _ count: Int) throws -> String {
        var unused = MT19937(seed: 0)
        return try getNextN(input, count, generator: &unused)
    }

    /// Index i drawn with probability ∝ exp(logProbabilities[i] / temperature).
    private func sample(_ logProbabilities: [Float], temperature: Double, generator: inout MT19937) -> Int32 {
        let scaled = logProbabilities.map { Double($0) / temperature }
        let largest = scaled.max()!
        let weights = scaled.map { exp($0 - largest) }
        var remaining = generator.nextDouble() * weights.reduce(0, +)
        for (i, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return Int32(i) }
        }
        return Int32(weights.lastIndex { $0 > 0 }!)
    }
}

/// A generation request that cannot be met, and why.
public struct GenerationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
