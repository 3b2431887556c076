import Toolkit

/// The subcommands of `lesson6`, in the order `--help` lists them.
public var commands: [any Command.Type] {
    [ScalarLesson.self, SGDLesson.self, CollabLesson.self, CollabInterpretLesson.self, CollabRecommendCommand.self,
     CollabSimilarCommand.self, TabularLesson.self, TabularPredictCommand.self, CharsLesson.self, GenerateCommand.self,
     LRFindCommand.self]
}

/// Runs `lesson6` with `words` (the arguments after the program name) and returns the
/// exit status: 0 on success, 1 when the lesson failed, 2 for a bad command line.
public func runLesson6(_ words: [String]) -> Int32 {
    runCommand(program: "lesson6", commands: commands, words)
}
