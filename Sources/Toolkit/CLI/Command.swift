import Foundation

/// One subcommand of a program: a `lesson6` lesson (a lecture section you can run) or a
/// `lesson6-bench` benchmark.
public protocol Command {
    /// The word after `lesson6` (`scalar`, `sgd`, `collab`, …).
    static var name: String { get }
    /// One line for `lesson6 --help`.
    static var summary: String { get }
    /// Reads its options from `arguments` (then `arguments.finish()`), and runs.
    static func run(_ arguments: inout Arguments) throws
}

/// Runs the one of `commands` that `words` names (the first word; the rest are its
/// options) and returns the exit status: 0 on success, 1 when the command failed, 2 for
/// a bad command line. Shared by `lesson6` and `lesson6-bench`.
public func runCommand(program: String, commands: [any Command.Type], _ words: [String]) -> Int32 {
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    let overview = (["usage: \(program) <command> [options]", "", "commands:"]
        + commands.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))\($0.summary)" }
        + ["", "Run '\(program) <command> --help' for a command's options.",
           "Every command also takes --device cpu|cuda (default cpu)."]).joined(separator: "\n")
    guard let first = words.first, !["--help", "-h", "help"].contains(first) else {
        print(overview)
        return words.isEmpty ? 2 : 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        printError("unknown command '\(first)'\n\n\(overview)")
        return 2
    }
    var arguments = Arguments(program: program, command: command.name, summary: command.summary,
                              Array(words.dropFirst()))
    do {
        try command.run(&arguments)
        return 0
    } catch Arguments.Failure.help(let text) {
        print(text)
        return 0
    } catch let failure as Arguments.Failure {
        printError("\(command.name): \(failure)")
        return 2
    } catch {
        printError("\(command.name): \(error)")
        return 1
    }
}

/// Writes `error: message` to standard error.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}
