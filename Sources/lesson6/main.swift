import Foundation
import Lessons

exit(runLesson6(Array(CommandLine.arguments.dropFirst())))
