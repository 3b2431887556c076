import Random
import Testing
@testable import Toolkit

/// `Double(csvField:)`/`Float(csvField:)` take Clinger's fast path for short numbers; both
/// paths must give what the C library's correctly rounded `strtod`/`strtof` give (and nil
/// where those overflow to infinity).
@Test func decimalConversionMatchesTheCLibrary() {
    var generator = MT19937(seed: 2017)
    for _ in 0..<20_000 {
        let digits = (0..<(1 + generator.interval(21))).map { _ in String(generator.interval(9)) }.joined()
        let point = generator.interval(digits.count)
        let sign = ["", "-", "+"][generator.interval(2)]
        let exponent = generator.interval(3) == 0 ? "e\(generator.interval(80) - 40)" : ""
        let text = sign + digits.prefix(point) + "." + digits.dropFirst(point) + exponent
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { Double(csvField: $0) }
                == Double(text).flatMap { $0.isFinite ? $0 : nil }, "\(text)")
        #expect(bytes.withUnsafeBufferPointer { Float(csvField: $0) }
                == Float(text).flatMap { $0.isFinite ? $0 : nil }, "\(text)")
    }
    for text in ["9007199254740993", "1e22", "1e23", "4.35", "0.1", "-0", "123456789012345678901234567890"] {
        #expect(Array(text.utf8).withUnsafeBufferPointer { Double(csvField: $0) } == Double(text), "\(text)")
    }
}
