import Random
import Toolkit

/// `lesson6 generate`: text from a character model saved by `lesson6 chars --save`,
/// greedy (the lecture's `get_next_n`) or sampled with a temperature.
///
///     swift run -c release lesson6 generate --load rnn.safetensors --prompt "for thos" --count 400
///     swift run -c release lesson6 generate --load lstm.safetensors --temperature 0.8 --seed 1
public enum GenerateCommand: Command {
    public static let name = "generate"
    public static let summary = "write text with a saved character model (greedy, or sampled with --temperature)"

    public static func run(_ arguments: inout Arguments) throws {
        let path: String? = try arguments.option("load", help: "the model, saved by `lesson6 chars --save`")
        let prompt: String = try arguments.option("prompt", default: "for thos", help: "the text to continue")
        let count: Int = try arguments.option("count", default: 400, help: "characters to write")
        let temperature: Double? = try arguments.option(
            "temperature", help: "sample with this temperature (1: the model's probabilities); greedy without")
        let seed: Int = try arguments.option("seed", default: 0, help: "random seed of the sampling")
        try arguments.finish()
        guard let path else { throw Arguments.Failure.missingValue(option: "--load") }
        guard count >= 0 else {
            throw Arguments.Failure.badValue(option: "--count", value: "\(count)", expected: "a whole number ≥ 0")
        }
        guard (0...Int(UInt32.max)).contains(seed) else {
            throw Arguments.Failure.badValue(option: "--seed", value: "\(seed)", expected: "an integer in 0..<2³²")
        }
        let (model, _, vocabulary) = try loadCharModel(path)
        var generator = MT19937(seed: UInt32(seed))
        let writer = CharGenerator(model: model, vocabulary: vocabulary)
        let text = try writer.getNextN(prompt, count, temperature: temperature, generator: &generator)
        if let note = writer.shortPromptNote(prompt) { print("(\(note))") }
        print(text)
    }
}
