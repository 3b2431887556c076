import Foundation
import Lessons
import TensorCUDA

do {
    exit(runLesson6(try selectDevice(Array(CommandLine.arguments.dropFirst()))))
} catch {
    printError("\(error)")
    exit(2)
}
