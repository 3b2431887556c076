import Foundation
import Testing

/// Code shown in the docs is code that compiles: every ```swift block of `Docs/*.md` and
/// `README.md` must stand, line for line, in a Swift file under `Sources/` or `Tests/`,
/// either as an excerpt of the library or as an example that a test file (named on its
/// page, under `Tests/*/DocsExamples/`) compiles and runs. Leading indentation may differ
/// by the same amount on every line, and trailing spaces do not count.
@Suite struct DocsCodeTests {
    @Test func thePagesAreFound() {
        #expect(DocsCode.pages.contains("Docs/Lesson6-RNN.md"), "pages found: \(DocsCode.pages)")
        #expect(DocsCode.swiftFiles.count > 100, "Swift files found: \(DocsCode.swiftFiles.count)")
    }

    @Test(arguments: DocsCode.pages)
    func everySwiftBlockIsInTheCode(page: String) throws {
        let markdown = try String(contentsOf: DocsCode.root.appendingPathComponent(page), encoding: .utf8)
        for block in DocsCode.swiftBlocks(in: markdown) {
            guard let missing = DocsCode.firstMissingLine(of: block.lines, in: DocsCode.swiftFiles) else { continue }
            Issue.record("""
                \(page):\(block.fence): this swift block is not in any .swift file under Sources/ or Tests/: \
                its line \(missing + 1) (page line \(block.fence + 1 + missing)) does not follow the lines before \
                it anywhere: `\(block.lines[missing])`. Make the block an excerpt of the source, or copy it into \
                the examples test file its page names.
                """)
        }
    }

    @Test func blocksAreReadFromTheFencesOnly() {
        let markdown = "text\n```swift\n\n    let a = 1  \n\n    let b = a\n```\n```python\nc = 2\n```\n"
        #expect(DocsCode.swiftBlocks(in: markdown) == [DocsCode.Block(fence: 2, lines: ["let a = 1", "", "let b = a"])])
    }

    /// A real source excerpt is found, whatever its indentation and trailing spaces;
    /// changed in one line, the matcher names that line; a made-up line is found nowhere.
    @Test func theMatcherFindsExcerptsAndNamesTheFirstLineThatDiffers() throws {
        let path = DocsCode.root.appendingPathComponent("Sources/Random/MT19937.swift")
        let source = try String(contentsOf: path, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(source.firstIndex { $0.hasPrefix("    ") && $0.count > 20 })
        let excerpt = DocsCode.dedented(source[start..<start + 5].map { "  " + $0 + "   " })
        #expect(DocsCode.firstMissingLine(of: excerpt, in: DocsCode.swiftFiles) == nil)

        let unique = "let notInAnySource = \"\(UUID().uuidString)\""
        var changed = excerpt
        changed[2] = unique
        #expect(DocsCode.firstMissingLine(of: changed, in: DocsCode.swiftFiles) == 2)
        #expect(DocsCode.firstMissingLine(of: [unique], in: DocsCode.swiftFiles) == 0)
    }
}

/// Reads the docs' Swift blocks and the project's Swift files, and finds the one in the other.
enum DocsCode {
    /// A ```swift block: the line number of its opening fence (from 1) and its lines,
    /// trailing spaces and the indentation common to its non-blank lines removed.
    struct Block: Equatable {
        let fence: Int
        let lines: [String]
    }

    /// The checkout, three folders above this file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Docs/*.md` and `README.md`, relative to the root.
    static let pages: [String] = {
        let folder = root.appendingPathComponent("Docs").path
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return docs.filter { $0.hasSuffix(".md") }.sorted().map { "Docs/" + $0 } + ["README.md"]
    }()

    /// The lines of every `.swift` file under `Sources/` and `Tests/`, trailing spaces removed.
    static let swiftFiles: [[String]] = ["Sources", "Tests"].flatMap { folder -> [[String]] in
        let base = root.appendingPathComponent(folder)
        let paths = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".swift") }.sorted().compactMap { path in
            (try? String(contentsOf: base.appendingPathComponent(path), encoding: .utf8))?
                .components(separatedBy: "\n").map(trimmingTrailingSpaces)
        }
    }

    static func swiftBlocks(in markdown: String) -> [Block] {
        var blocks: [Block] = []
        var open: (fence: Int, lines: [String])?
        for (index, line) in markdown.components(separatedBy: "\n").enumerated() {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if let block = open {
                if fence.hasPrefix("```") {
                    blocks.append(Block(fence: block.fence, lines: dedented(block.lines)))
                    open = nil
                } else {
                    open?.lines.append(line)
                }
            } else if fence == "```swift" {
                open = (index + 1, [])
            }
        }
        return blocks
    }

    /// nil when `block` (dedented) stands in one of `files`, its lines consecutive and
    /// each indented by the same extra amount; else the index of its first line that
    /// no file has after the lines before it.
    static func firstMissingLine(of block: [String], in files: [[String]]) -> Int? {
        guard let first = block.first else { return nil }
        var longest = 0
        for file in files {
            for (start, line) in file.enumerated() where line.hasSuffix(first) {
                let indent = line.dropLast(first.count)
                guard indent.allSatisfy({ $0 == " " }) else { continue }
                var matched = 0
                while matched < block.count, start + matched < file.count,
                      file[start + matched] == (block[matched].isEmpty ? "" : indent + block[matched]) {
                    matched += 1
                }
                if matched == block.count { return nil }
                longest = max(longest, matched)
            }
        }
        return longest
    }

    /// The lines without trailing spaces and blank lines at either end, less the
    /// leading spaces all non-blank ones share.
    static func dedented(_ lines: [String]) -> [String] {
        var trimmed = lines.map(trimmingTrailingSpaces)
        while trimmed.first == "" { trimmed.removeFirst() }
        while trimmed.last == "" { trimmed.removeLast() }
        let indent = trimmed.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return trimmed.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
