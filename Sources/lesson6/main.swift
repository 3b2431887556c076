// The `lesson6` command: each lesson of the lecture as a subcommand (`Lessons`' `commands`),
// on the CPU or, with `--device cuda`, on the CUDA backend.
import Foundation
import Lessons
import TensorCUDA
import Toolkit

do {
    exit(runLesson6(try selectDevice(Array(CommandLine.arguments.dropFirst()))))
} catch {
    printError("\(error)")
    exit(2)
}
