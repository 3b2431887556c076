import Testing
@testable import Toolkit

@Test func badOptionValueIsNamed() throws {
    var arguments = Arguments(command: "scalar", summary: "", ["--steps", "x"])
    #expect(throws: Arguments.Failure.badValue(option: "--steps", value: "x", expected: "an integer")) {
        _ = try arguments.option("steps", default: 100, help: "")
    }
}

@Test func unknownOptionIsRejected() throws {
    var arguments = Arguments(command: "scalar", summary: "", ["--stepz", "3"])
    _ = try arguments.option("steps", default: 100, help: "")
    #expect(throws: Arguments.Failure.unknownOption("--stepz")) { try arguments.finish() }
}

@Test func unknownCommandExitsWithUsageStatus() {
    #expect(runCommand(program: "lesson6", commands: [], ["bogus"]) == 2)
}

@Test func helpNamesTheProgram() {
    let arguments = Arguments(program: "lesson6-bench", command: "matmul", summary: "", [])
    #expect(arguments.helpText.hasPrefix("usage: lesson6-bench matmul [options]"))
}
