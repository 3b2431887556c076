// The `lesson6` command: each lesson of the lecture as a subcommand (`Lessons`' `commands`),
// on the CPU or, with `--device cuda`, on the CUDA backend.
import Foundation
import Lessons
import Tensor
import TensorCUDA
import Toolkit

do {
    let (backend, words) = try selectDevice(Array(CommandLine.arguments.dropFirst()))
    exit(Device.using(backend) { runLesson6(words) })
} catch {
    printError("\(error)")
    exit(2)
}
