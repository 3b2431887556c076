import Foundation
import Tensor
import Toolkit

/// `lesson6 chars`: lecture 6's character models on Nietzsche, and the sequel's
/// stateful GRU and LSTM (see Docs/Lesson6-RNN.md).
///
///     swift run -c release lesson6 chars --model rnn
///     swift run -c release lesson6 chars --model lstm --save lstm.safetensors
///     swift run -c release lesson6 chars --model loop --limit 50000 --schedule 1e-2:1
public enum CharsLesson: Command {
    public static let name = "chars"
    public static let summary = "train the character models (char3, loop, concat, rnn, seq, gru, lstm) on Nietzsche"

    public static func run(_ arguments: inout Arguments) throws {
        let kindName = try arguments.choice("model", CharModelKind.allCases.map(\.rawValue), default: "rnn",
                                            help: "the model")
        let kind = CharModelKind(rawValue: kindName)!
        let scheduleText: String? = try arguments.option(
            "schedule", help: "stages LR:EPOCHS or LR:CYCLES:cosine[:LENGTH[:MULT]], comma-separated "
                + "(default: the notebook's for the model)")
        let epochs: Int? = try arguments.option(
            "epochs", help: "train this many epochs at --lr instead of the schedule")
        let rate: Double? = try arguments.option(
            "lr", help: "the learning rate of --epochs (default: the schedule's first)")
        let options = try CharOptions(kind: kind, &arguments)
        let prompt: String = try arguments.option(
            "prompt", default: "for thos", help: "text to continue after training")
        let save: String? = try arguments.option("save", help: "write the trained model to this safetensors file")
        let metricsJSON = try arguments.metricsJSONPath()
        try arguments.finish()
        let stages = try schedule(kind: kind, text: scheduleText, epochs: epochs, rate: rate)

        let (training, description) = try options.training()
        print(description + "; schedule \(stages.map(\.description).joined(separator: ", ")); seed \(options.seed)")

        let start = monotonicSeconds()
        let history = try training.learner.fit(stages, metricsJSON: metricsJSON)
        let seconds = monotonicSeconds() - start
        print(String(format: "validation loss %.4f after %d epochs, %.1f s (%.1f s an epoch)",
                     history.epochs.last!.validLoss, history.epochs.count, seconds,
                     seconds / Double(history.epochs.count)))
        if let save {
            try training.save(to: save)
            print("wrote \(save)")
        }
        let generator = CharGenerator(model: training.model, vocabulary: training.corpus.vocabulary)
        do {
            let sample = try generator.getNextN(prompt, 40)
            print("get_next_n(\(String(reflecting: prompt)), 40): \(String(reflecting: sample))")
        } catch {
            print("no sample: \(error)")
        }
    }

    /// The stages to train: `--schedule`, or `--epochs` at `--lr`, or the notebook's.
    static func schedule(kind: CharModelKind, text: String?, epochs: Int?, rate: Double?) throws -> [TrainingStage] {
        if let text {
            guard epochs == nil, rate == nil else {
                throw Arguments.Failure.badValue(option: "--schedule", value: text,
                                                 expected: "used without --epochs and --lr")
            }
            return try TrainingStage.parse(text, option: "--schedule")
        }
        if let rate, !(rate > 0) {
            throw Arguments.Failure.badValue(option: "--lr", value: "\(rate)", expected: "a positive number")
        }
        guard let epochs else {
            if rate != nil {
                throw Arguments.Failure.badValue(option: "--lr", value: "\(rate!)", expected: "used with --epochs")
            }
            return kind.lectureSchedule
        }
        guard epochs >= 1 else {
            throw Arguments.Failure.badValue(option: "--epochs", value: "\(epochs)", expected: "a positive integer")
        }
        return [.constant(rate.map(Float.init) ?? kind.lectureSchedule.firstLearningRate, epochs: epochs)]
    }
}
