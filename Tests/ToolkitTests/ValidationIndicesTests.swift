import Foundation
import Testing
@testable import Toolkit

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// `np.random.seed(42); np.random.permutation(100004)[:int(0.2 * 100004)]`, from scripts/golden/cv_idxs.py.
@Test func movieLensValidationIndicesMatchNumPy() throws {
    let text = try String(contentsOf: fixtures.appendingPathComponent("cv_idxs_100004_0.2_42.txt"), encoding: .utf8)
    let expected = text.split(separator: "\n").map { Int($0)! }
    #expect(expected.count == 20_000)
    #expect(validationIndices(count: 100_004, fraction: 0.2, seed: 42) == expected)
    #expect(validationIndices(count: 100_004) == expected)
}

/// Small cases from scripts/golden/cv_idxs.py, one a line: `count fraction seed: indices…`.
@Test func smallValidationIndicesMatchNumPy() throws {
    let text = try String(contentsOf: fixtures.appendingPathComponent("cv_idxs_small.txt"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 6)
    for line in lines {
        let parts = line.split(separator: ":", omittingEmptySubsequences: false)
        let setting = parts[0].split(separator: " ")
        let (count, fraction, seed) = (Int(setting[0])!, Double(setting[1])!, UInt32(setting[2])!)
        let expected = parts[1].split(separator: " ").map { Int($0)! }
        #expect(validationIndices(count: count, fraction: fraction, seed: seed) == expected, "\(line)")
    }
    #expect(validationIndices(count: 100, fraction: 0.29, seed: 7).count == 28)  // int(28.999999999999996)
}
