import Foundation
import TestSupport
import Testing
@testable import Tensor

/// Every page names only what exists (`scripts/check-docs.sh` runs this suite alone; CI
/// runs it with the rest). On `Docs/*.md` and `README.md`:
/// - files: paths under the project's folders, source files named alone
///   (`CharRnn.swift`) and the targets of links must be in the checkout;
/// - Swift symbols: a backticked `Type` or `Type.member` whose type is declared here must
///   have that member; a lone `Type` that is not declared here must be a module or folder
///   of the package, or one of the libraries' names the pages quote
///   (`DocsReferences.elsewhere`);
/// - commands: `lesson6 <command>` and `lesson6-bench <command>` where they are run (not
///   in a program's printed output), and each `--option` after them on the line, must be
///   in that program's `--help`;
/// - `swift test --filter A|B`: each of A and B must name a test target, suite or test.
@Suite struct DocsReferenceTests {
    @Test(arguments: DocsCode.pages)
    func namedFilesExist(page: String) throws {
        var inFence = false
        for reference in try DocsReferences.lines(of: page) {
            for path in DocsReferences.paths(in: reference.text) where !DocsReferences.exists(path) {
                Issue.record("\(page):\(reference.line): names the file `\(path)`, which is not in the checkout")
            }
            if reference.text.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            guard !inFence else { continue }
            let prose = reference.text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 0 }
                .map(\.element).joined(separator: " ")
            for target in DocsReferences.linkTargets(in: prose, onPage: page)
            where !FileManager.default.fileExists(atPath: DocsCode.root.appendingPathComponent(target).path) {
                Issue.record("\(page):\(reference.line): links to `\(target)`, which is not in the checkout")
            }
        }
    }

    @Test(arguments: DocsCode.pages)
    func namedSymbolsExist(page: String) throws {
        for span in try DocsReferences.inlineCode(of: page) {
            if let problem = DocsReferences.symbolProblem(span.text) {
                Issue.record("\(page):\(span.line): `\(span.text)`: \(problem)")
            }
        }
    }

    @Test(.enabled(if: lesson6Binary != nil && benchmarkBinary != nil, "lesson6 and lesson6-bench are not built"),
          arguments: DocsCode.pages)
    func namedCommandsAndOptionsExist(page: String) throws {
        for reference in try DocsReferences.lines(of: page) {
            for problem in try DocsReferences.commandProblems(in: reference.text) {
                Issue.record("\(page):\(reference.line): \(problem)")
            }
        }
    }

    @Test(arguments: DocsCode.pages)
    func testFiltersNameTests(page: String) throws {
        for reference in try DocsReferences.lines(of: page) {
            for name in DocsReferences.testFilterNames(in: reference.text)
            where !DocsReferences.testNames.contains(where: { $0.contains(name) }) {
                Issue.record("\(page):\(reference.line): `swift test --filter` names '\(name)', which no test matches")
            }
        }
    }

    /// The checker finds what is wrong: a missing file, member, command, option and test.
    @Test func theCheckerFailsOnWhatDoesNotExist() throws {
        #expect(DocsReferences.paths(in: "see `Sources/Lessons/CharRNN/CharRnn.swift` and `NoSuchFile.swift`")
                == ["Sources/Lessons/CharRNN/CharRnn.swift", "NoSuchFile.swift"])
        #expect(DocsReferences.exists("Sources/Tensor/NN/{RNN,GRU}.swift"))
        #expect(!DocsReferences.exists("Sources/Tensor/NN/{RNN,Nothing}.swift"))
        #expect(!DocsReferences.exists("NoSuchFile.swift"))
        #expect(DocsReferences.symbolProblem("CharRnn") == nil)
        #expect(DocsReferences.symbolProblem("Tensor.noSuchMember") != nil)
        #expect(DocsReferences.symbolProblem("NoSuchType") != nil)
        #expect(DocsReferences.symbolProblem("F.log_softmax(x)") == nil, "another library's name is not ours to check")
        if lesson6Binary != nil && benchmarkBinary != nil {
            #expect(try DocsReferences.commandProblems(in: "swift run -c release lesson6 chars --model rnn").isEmpty)
            #expect(try DocsReferences.commandProblems(in: "lesson6 chars --no-such-option 3").count == 1)
            #expect(try DocsReferences.commandProblems(in: "`lesson6 no-such-command`").count == 1)
            #expect(try DocsReferences.commandProblems(in: "lesson6-bench sgd --pytorch x.json --device cpu").isEmpty)
        }
        #expect(DocsReferences.testFilterNames(in: #"swift test --filter "SGDTests|Lesson6SGDExamples""#)
                == ["SGDTests", "Lesson6SGDExamples"])
        #expect(!DocsReferences.testNames.contains { $0.contains("NoSuchSuiteAnywhere") })
    }
}

/// What `DocsReferenceTests` reads off the pages and the checkout.
enum DocsReferences {
    struct Reference {
        let line: Int
        let text: String
    }

    /// The patterns, compiled once (they run on every line of every page).
    private enum Pattern {
        nonisolated(unsafe) static let pathToken = try! Regex(#"[A-Za-z0-9_.{},/+-]+"#)
        nonisolated(unsafe) static let link = try! Regex(#"\]\(([^)#\s]+)(?:#[^)]*)?\)"#)
        nonisolated(unsafe) static let fileName =
            try! Regex(#"[A-Za-z0-9_./-]+\.(swift|md|py|sh|json|txt|csv|ipynb|svg|gif)"#)
        nonisolated(unsafe) static let symbol =
            try! Regex(#"^([A-Z][A-Za-z0-9]*)(?:\.([a-z][A-Za-z0-9]*))?(?:\(.*\))?$"#)
        nonisolated(unsafe) static let command = try! Regex(
            #"(?:^|[^A-Za-z0-9_/.-])(lesson6|lesson6-bench)\s+([a-z][a-z0-9-]*)(?=\s*$|\s*`|\s+[-\[<#])([^`|;#&]*)"#)
        nonisolated(unsafe) static let option = try! Regex(#"(?:^|[^A-Za-z0-9-])(--[a-z][a-z0-9-]*)"#)
        nonisolated(unsafe) static let testFilter =
            try! Regex(#"swift test[^`]*?--filter\s+("[^"]+"|'[^']+'|[^\s`]+)"#)
    }

    // MARK: Reading a page

    /// Every line of a page, from 1, with a code block's lines ending in `\` joined to
    /// the next (a command written over several lines).
    static func lines(of page: String) throws -> [Reference] {
        let text = try String(contentsOf: DocsCode.root.appendingPathComponent(page), encoding: .utf8)
        var result: [Reference] = []
        var pending: Reference?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let joined = pending.map { Reference(line: $0.line, text: $0.text + " " + line) }
                ?? Reference(line: index + 1, text: line)
            if line.hasSuffix("\\") {
                pending = Reference(line: joined.line, text: String(joined.text.dropLast()))
            } else {
                result.append(joined)
                pending = nil
            }
        }
        return result
    }

    /// The page's inline code spans (`…`) outside fenced blocks, with their lines.
    static func inlineCode(of page: String) throws -> [Reference] {
        var inFence = false
        var spans: [Reference] = []
        for reference in try lines(of: page) {
            if reference.text.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                continue
            }
            guard !inFence else { continue }
            let pieces = reference.text.components(separatedBy: "`")
            for index in stride(from: 1, to: pieces.count - 1, by: 2) where !pieces[index].isEmpty {
                spans.append(Reference(line: reference.line, text: pieces[index]))
            }
        }
        return spans
    }

    // MARK: Files

    /// The project's top folders: a path that starts with one is checked.
    static let folders = ["Sources/", "Tests/", "Docs/", "scripts/", "Benchmarks/", "Fuzz/", ".ci/"]

    /// Paths under the project's folders, and source files named alone or by their last
    /// folders (`CharRnn.swift`, `Analysis/PCA.swift`), in a line of text.
    static func paths(in text: String) -> [String] {
        return text.matches(of: Pattern.pathToken).map { String(text[$0.range]) }.compactMap { word in
            let path = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:"))
            if folders.contains(where: { path.hasPrefix($0) }) { return path }
            let isSource = [".swift", ".sh", ".py"].contains { path.hasSuffix($0) }
            return isSource && !path.hasPrefix("/") && !path.hasPrefix(".") ? path : nil
        }
    }

    /// The targets of a line's Markdown links to files of the checkout (not to the web, nor
    /// to a heading of the same page), relative to the root.
    static func linkTargets(in text: String, onPage page: String) -> [String] {
        let folder = (page as NSString).deletingLastPathComponent
        return text.matches(of: Pattern.link).map { String($0.output[1].substring!) }
            .filter { !$0.contains("://") && !$0.hasPrefix("mailto:") }
            .map { ((folder as NSString).appendingPathComponent($0) as NSString).standardizingPath }
    }

    /// Whether every file the path stands for is in the checkout: a path from the root,
    /// else the end of some file's path; `{A,B}` stands for each of A and B.
    static func exists(_ path: String) -> Bool {
        if let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
            let choices = path[path.index(after: open)..<close].split(separator: ",")
            return choices.allSatisfy { exists(String(path[..<open]) + $0 + path[path.index(after: close)...]) }
        }
        if folders.contains(where: { path.hasPrefix($0) }) {
            return FileManager.default.fileExists(atPath: DocsCode.root.appendingPathComponent(path).path)
        }
        return checkoutFiles.contains { $0 == path || $0.hasSuffix("/" + path) }
    }

    /// Every file of the checkout's folders, relative to the root.
    static let checkoutFiles: [String] = folders.flatMap { folder -> [String] in
        let base = DocsCode.root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return paths.map { folder + $0 }
    }

    // MARK: Swift symbols

    /// The Swift of the checkout: Sources, Tests and Benchmarks.
    static let swiftSource: String = checkoutFiles.filter { $0.hasSuffix(".swift") }.compactMap {
        try? String(contentsOf: DocsCode.root.appendingPathComponent($0), encoding: .utf8)
    }.joined(separator: "\n")

    /// Type names declared in the checkout's Swift.
    static let declaredTypes: Set<String> = names(after: #"(?:class|struct|enum|protocol|actor|typealias)\s+"#)

    /// Member names declared in the checkout's Swift: functions, properties, enum cases.
    static let declaredMembers: Set<String> = names(after: #"(?:func|var|let|case)\s+"#)
        .union(names(after: #"case\s+[A-Za-z_][A-Za-z0-9_]*(?:\([^)]*\))?\s*,\s*"#)).union(["init"])

    private static func names(after prefix: String) -> Set<String> {
        let regex = try! Regex(prefix + #"([A-Za-z_][A-Za-z0-9_]*)"#)
        return Set(swiftSource.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) })
    }

    /// Names of other libraries and systems that pages quote alone, in backticks: PyTorch
    /// and fastai (the notebooks' code), scikit-learn and Surprise (baselines), NumPy,
    /// Linux, CUDA and the toolchain.
    static let elsewhere: Set<String> = [
        "BaselineOnly", "ColumnarModelData", "CosAnneal", "KNeighborsRegressor", "PassthruDataset", "StandardScaler",
        "TensorDataset", "Variable", "VmHWM", "Float", "Double", "Int32", "Dispatch", "Foundation", "XCTest",
        "SIMD16", "SIMD8", "Mutex", "NSLock",
    ]

    /// The package's modules (its targets) and the checkout's folder names, which pages
    /// name in backticks as they name types.
    static let packageNames: Set<String> = {
        let manifest = (try? String(contentsOf: DocsCode.root.appendingPathComponent("Package.swift"), encoding: .utf8))
            ?? ""
        let targets = manifest.matches(of: try! Regex(#"name:\s*"([A-Za-z0-9_]+)""#)).map {
            String($0.output[1].substring!)
        }
        let folders = checkoutFiles.flatMap { $0.split(separator: "/").dropLast() }.map(String.init)
        return Set(targets + folders)
    }()

    /// Why a backticked span names a symbol that does not exist, or nil: `Type.member`
    /// whose type is declared here but not the member, or a lone `Type` declared nowhere
    /// here and not one of `elsewhere`. Anything else (code, another library's
    /// `module.function`) is not a symbol of ours and passes.
    static func symbolProblem(_ span: String) -> String? {
        // A file (`CharRnn.swift`: `paths(in:)` checks it), or a name in capitals (an
        // environment variable, an acronym).
        if span.wholeMatch(of: Pattern.fileName) != nil
            || span.allSatisfy({ !$0.isLowercase }) {
            return nil
        }
        guard let match = span.wholeMatch(of: Pattern.symbol),
              let type = match.output[1].substring.map(String.init) else { return nil }
        if let member = match.output[2].substring.map(String.init) {
            guard declaredTypes.contains(type) else { return nil }
            return declaredMembers.contains(member) ? nil : "\(type) is declared here, but no member '\(member)' is"
        }
        if declaredTypes.contains(type) || elsewhere.contains(type) || packageNames.contains(type) { return nil }
        return "no type '\(type)' is declared in Sources/, Tests/ or Benchmarks/, nor is it a module or folder of "
            + "the package, nor a name the pages quote from another library (DocsReferences.elsewhere)"
    }

    // MARK: Commands

    /// Problems with the `lesson6` and `lesson6-bench` commands on a line: an unknown
    /// command, or an option its `--help` does not list. A command is a program's name,
    /// a word, then the end of the line or of the code span, an option, `[`, `<` or a
    /// comment: `lesson6 tensor engine (cpu)`, a line a program printed, is not one.
    static func commandProblems(in text: String) throws -> [String] {
        var problems: [String] = []
        for match in text.matches(of: Pattern.command) {
            let program = String(match.output[1].substring!), name = String(match.output[2].substring!)
            guard let options = try options(of: program)[name] else {
                problems.append("`\(program) \(name)`: \(program) has no command '\(name)'")
                continue
            }
            let rest = String(match.output[3].substring!)
            for option in rest.matches(of: Pattern.option).map({ String($0.output[1].substring!) })
            where !options.contains(option) {
                problems.append("`\(program) \(name) \(option)`: not an option of '\(program) \(name)'")
            }
        }
        return problems
    }

    /// Each command of `program` with the options its `--help` lists (and `--device`,
    /// `--help`, which every command takes).
    static func options(of program: String) throws -> [String: Set<String>] {
        if let known = helpCache.withLock({ $0[program] }) { return known }
        let run = program == "lesson6" ? runLesson6Process : runBenchmark
        let commandLine = try #require(try run(["--help"], [:])).output.components(separatedBy: "\n")
        let commands = commandLine.compactMap { line -> String? in
            guard line.hasPrefix("  "), let first = line.split(separator: " ").first else { return nil }
            return first.first!.isLowercase ? String(first) : nil
        }
        var result: [String: Set<String>] = [:]
        for name in commands {
            let help = try #require(try run([name, "--help"], [:])).output
            let listed = help.matches(of: try! Regex(#"(?m)^\s+(--[a-z][a-z0-9-]*)"#)).map {
                String($0.output[1].substring!)
            }
            result[name] = Set(listed + ["--device", "--help"])
        }
        helpCache.withLock { $0[program] = result }
        return result
    }

    private static let helpCache = Locked<[String: [String: Set<String>]]>([:])

    // MARK: Test filters

    /// The names in `swift test --filter NAMES` on a line: NAMES split at `|`.
    static func testFilterNames(in text: String) -> [String] {
        return text.matches(of: Pattern.testFilter).flatMap { match in
            String(match.output[1].substring!).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                .split(separator: "|").map(String.init)
        }
    }

    /// Test targets, suites and test functions: what a filter can match.
    static let testNames: [String] = {
        let tests = checkoutFiles.filter { $0.hasPrefix("Tests/") && $0.hasSuffix(".swift") }
        let targets = Set(tests.map { $0.split(separator: "/")[1] }.map(String.init))
        let declared = names(after: #"(?:struct|class|enum|extension|func)\s+"#)
        return Array(targets) + Array(declared)
    }()
}
