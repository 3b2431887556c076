import TestSupport
import Testing

/// The comparison helpers every numeric test uses must be able to fail: on NaN, on an
/// infinity, on a count mismatch, and on an element just outside its tolerance.
struct ClosenessTests {
    @Test func isCloseIsNumpysRule() {
        #expect(isClose(1.000_009, 1, atol: 0, rtol: 1e-5))
        #expect(!isClose(1.000_011, 1, atol: 0, rtol: 1e-5))
        #expect(isClose(1e-9, 0, atol: 1e-8, rtol: 1e-5))
        #expect(!isClose(2e-8, 0, atol: 1e-8, rtol: 1e-5))
        // The tolerance scales with the expected value, not the actual one (numpy's asymmetry).
        #expect(isClose(110, 100, atol: 0, rtol: 0.1))
        #expect(!isClose(100, 110, atol: 0, rtol: 0.05))
    }

    @Test func nanAndInfinitiesFail() {
        #expect(!isClose(.nan, 0, atol: 1, rtol: 1))
        #expect(!isClose(0, .nan, atol: 1, rtol: 1))
        #expect(!isClose(.nan, .nan, atol: 1, rtol: 1))
        #expect(!isClose(.infinity, 1e30, atol: 1, rtol: 1))
        #expect(!isClose(.infinity, -.infinity, atol: 1, rtol: 1))
        #expect(isClose(-.infinity, -.infinity, atol: 0, rtol: 0))
    }

    @Test func firstMismatchNamesTheElement() throws {
        #expect(firstMismatch([1, 2, 3] as [Float], [1, 2, 3] as [Double], atol: 0, rtol: 0) == nil)
        let nan = try #require(firstMismatch([1, .nan, 3] as [Float], [1, 2, 3] as [Float], atol: 1, rtol: 1))
        #expect(nan.hasPrefix("element 1: nan"), "\(nan)")
        let count = try #require(firstMismatch([1, 2] as [Float], [1, 2, 3] as [Float], atol: 1, rtol: 1))
        #expect(count == "2 values, expected 3")
    }

    @Test func largestDifferenceKeepsNaN() {
        #expect(largestDifference([1, 2.5] as [Float], [1, 2] as [Float]) == 0.5)
        // Swift.max(0.5, .nan) is 0.5: a NaN after the first element would vanish.
        #expect(largestDifference([1, 2.5, .nan] as [Float], [1, 2, 3] as [Float]) == .infinity)
        #expect(largestDifference([.infinity] as [Float], [.infinity] as [Float]) == .infinity)
        #expect(largestDifference([1] as [Float], [1, 2] as [Float]) == .infinity)
    }
}
