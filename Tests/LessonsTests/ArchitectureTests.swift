import Foundation
import Testing

/// The layers of the project, as the README's layout table draws them: each target
/// imports only the targets below it in this list (and the toolchain's modules).
/// `Package.swift` cannot enforce this alone: a target can import any module that a
/// dependency of it depends on.
private let allowedImports: [String: Set<String>] = [
    "Random": [],
    "Scalar": ["Random"],
    "TensorAVX512": [],
    "Tensor": ["Random", "Scalar", "TensorAVX512"],
    "TensorCUDA": ["Random", "Tensor"],
    "Toolkit": ["Random", "Tensor"],
    "Lessons": ["Random", "Scalar", "Tensor", "Toolkit"],
    "lesson6": ["Lessons", "Tensor", "TensorCUDA", "Toolkit"],
    "lesson6-bench": ["Lessons", "Random", "Tensor", "TensorCUDA", "Toolkit"],
]

/// The toolchain's modules, which any target may import.
private let systemModules: Set<String> = ["Foundation", "Dispatch", "Synchronization", "Glibc", "Darwin"]

private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The project's modules that `source` imports, by its `import` lines.
func importedModules(_ source: String) -> Set<String> {
    Set(source.split(separator: "\n").compactMap { line in
        let words = line.split(separator: " ")
        guard let index = words.firstIndex(of: "import"), words[..<index].allSatisfy({ $0.hasPrefix("@") }),
              index + 1 < words.count else { return nil }
        return String(words[index + 1])
    }).subtracting(systemModules)
}

@Suite struct ArchitectureTests {
    /// Every Swift file of every target imports only what its layer allows.
    @Test(arguments: allowedImports.keys.sorted()) func importsGoOneWay(target: String) throws {
        let folder = repository.appendingPathComponent(
            target == "lesson6-bench" ? "Benchmarks/lesson6-bench" : "Sources/\(target)")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no Swift files in \(folder.path)")
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let forbidden = importedModules(source).subtracting(allowedImports[target]!)
            #expect(forbidden.isEmpty, "\(target)/\(file) imports \(forbidden.sorted()), outside its layer")
        }
    }

    /// The reader of import lines finds what a file imports, attributes included, and
    /// nothing from comments or strings.
    @Test func importLinesAreRead() {
        let source = "import Foundation\n@testable import Lessons\nimport Tensor\n"
            + "// import Toolkit\nlet s = \"import X\"\n"
        #expect(importedModules(source) == ["Lessons", "Tensor"])
    }
}
