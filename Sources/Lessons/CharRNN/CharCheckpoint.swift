import Foundation
import Random
import Tensor
import Toolkit

// A character model's checkpoint: `saveCheckpoint`'s safetensors file, with the model's
// configuration and vocabulary in its metadata, so that `lesson6 generate --load FILE`
// can rebuild the model and read and write its characters:
//
//     "architecture": "rnn", "factors": "42", "hidden": "256", "layers": "1",
//     "dropout": "0.5", "bptt": "8", "vocabulary": "\u0000\n !\"'()…" (a JSON string), "epoch": "6"
//
// (A file without "bptt" was written before it was recorded, always with the lecture's 8.)

/// Saves `model` (and `optimizer`'s state, when given) with what rebuilds it.
public func saveCharModel(_ model: any CharModel, configuration: CharModelConfiguration, vocabulary: Vocabulary,
                          optimizer: (any Optimizer)? = nil, epochs: Int, to path: String) throws {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: vocabulary.characters)
    let vocabularyJSON = String(decoding: try JSONEncoder().encode(String(text)), as: UTF8.self)
    let metadata = configuration.metadata.merging(["vocabulary": vocabularyJSON, "epoch": String(epochs)]) { $1 }
    try saveCheckpoint(model, optimizer: optimizer, metadata: metadata, to: path)
}

/// Rebuilds the model saved at `path` by `saveCharModel` and loads its parameters.
public func loadCharModel(_ path: String) throws
    -> (model: any CharModel, configuration: CharModelConfiguration, vocabulary: Vocabulary) {
    let file = try SafeTensors(contentsOf: path)
    func entry(_ key: String, expected: String) throws -> String {
        guard let value = file.metadata[key] else {
            throw CheckpointError(file: path, .badMetadata(
                key: key, value: "", expected: "\(expected) (is this a `lesson6 chars --save` file?)"))
        }
        return value
    }
    func number<T: LosslessStringConvertible & Comparable>(_ key: String, atLeast least: T,
                                                           absent: T? = nil) throws -> T {
        if let absent, file.metadata[key] == nil { return absent }
        let text = try entry(key, expected: "a number ≥ \(least)")
        guard let value = T(text), value >= least else {
            throw CheckpointError(file: path, .badMetadata(key: key, value: text, expected: "a number ≥ \(least)"))
        }
        return value
    }
    let architecture = try entry("architecture", expected: "a character model's name")
    guard let kind = CharModelKind(rawValue: architecture) else {
        throw CheckpointError(file: path, .badMetadata(
            key: "architecture", value: architecture,
            expected: "one of \(CharModelKind.allCases.map(\.rawValue).joined(separator: ", "))"))
    }
    let vocabularyJSON = try entry("vocabulary", expected: "the characters as a JSON string")
    guard let characters = try? JSONDecoder().decode(String.self, from: Data(vocabularyJSON.utf8)),
          Set(characters.unicodeScalars).count == characters.unicodeScalars.count,
          characters.unicodeScalars.count >= 2 else {
        throw CheckpointError(file: path, .badMetadata(key: "vocabulary", value: vocabularyJSON,
                                                       expected: "a JSON string of two or more distinct characters"))
    }
    let vocabulary = Vocabulary(characters: Array(characters.unicodeScalars))
    let configuration = CharModelConfiguration(
        kind: kind, vocabularySize: vocabulary.count, factors: try number("factors", atLeast: 1),
        hidden: try number("hidden", atLeast: 1), layers: try number("layers", atLeast: 1),
        dropout: try number("dropout", atLeast: Float(0)), bptt: try number("bptt", atLeast: 1, absent: 8))
    // The sizes must be those of the tensors the file holds, before a model of them is
    // built: a damaged "hidden" of 10⁹ would otherwise ask for gigabytes.
    let sizes = [("factors", "e.weight", configuration.factors), ("hidden", "l_out.weight", configuration.hidden)]
    for (key, tensor, size) in sizes where file.tensors[tensor]?.shape != [vocabulary.count, size] {
        throw CheckpointError(file: path, .badMetadata(
            key: key, value: String(size),
            expected: "the width of \(tensor), \(file.tensors[tensor].map { "\($0.shape)" } ?? "absent")"))
    }
    guard configuration.layers <= file.tensors.count else {
        throw CheckpointError(file: path, .badMetadata(key: "layers", value: String(configuration.layers),
                                                       expected: "no more layers than the file has tensors"))
    }
    var generator = MT19937(seed: 0)
    let model = configuration.makeModel(generator: &generator)
    try loadCheckpoint(file, from: path, into: model)
    return (model, configuration, vocabulary)
}
