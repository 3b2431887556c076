import Foundation
import Lessons
import Tensor
import TensorCUDA
import Toolkit

/// `lesson6-bench <command>`: how fast the pieces of the lessons run.
let benchmarks: [any Command.Type] = [
    MatmulBenchmark.self, SGDBench.self, CollabBenchmark.self, TabularBench.self, CharsBench.self,
    CUDACheckCommand.self, GPUMatmulBenchmark.self, EpochsBenchmark.self, ThreadsBench.self,
]

do {
    let (backend, words) = try selectDevice(Array(CommandLine.arguments.dropFirst()))
    exit(Device.using(backend) { runCommand(program: "lesson6-bench", commands: benchmarks, words) })
} catch {
    printError("\(error)")
    exit(2)
}
