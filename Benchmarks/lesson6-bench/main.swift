import Foundation
import Lessons

/// `lesson6-bench <command>`: how fast the pieces of the lessons run.
let benchmarks: [any Command.Type] = [MatmulBenchmark.self, CollabBenchmark.self]

exit(runCommand(program: "lesson6-bench", commands: benchmarks, Array(CommandLine.arguments.dropFirst())))
