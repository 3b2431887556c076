/// A type a CSV column can be read as: `table.column("rating", as: Double.self)`.
///
/// Conversions are strict, so that a bad file stops with its line and column instead of
/// training on a wrong value: numbers are plain decimals (`3`, `-0.5`, `1e-3`; spaces
/// or tabs around them allowed, as pandas allows); `nan`, `inf`, hexadecimal and empty
/// fields are not numbers. Text is kept exactly as written, spaces included.
public protocol CSVField: Sendable {
    /// What a field must look like, for error messages: "a number", "an integer".
    static var expected: String { get }
    /// The value the field's bytes (quotes removed) spell, or nil when they spell none.
    init?(csvField bytes: UnsafeBufferPointer<UInt8>)
}

extension String: CSVField {
    public static var expected: String { "UTF-8 text" }

    public init?(csvField bytes: UnsafeBufferPointer<UInt8>) {
        self.init(validating: bytes, as: UTF8.self)
    }
}

extension Int: CSVField {
    public static var expected: String { "an integer" }

    public init?(csvField bytes: UnsafeBufferPointer<UInt8>) {
        let text = bytes.trimmingBlanks
        guard let first = text.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        let digits = negative || first == UInt8(ascii: "+") ? text.dropFirst() : text[...]
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit)
                                             : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        self = value
    }
}

extension Double: CSVField {
    public static var expected: String { "a number" }

    public init?(csvField bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = DecimalText(bytes)?.value(as: Double.self) else { return nil }
        self = value
    }
}

extension Float: CSVField {
    public static var expected: String { "a number in Float's range" }

    /// Rounds the decimal text straight to `Float` (not through `Double`, which could round twice).
    public init?(csvField bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = DecimalText(bytes)?.value(as: Float.self) else { return nil }
        self = value
    }
}

/// A column that may have gaps: an empty field (or one of only spaces) is a missing
/// value, `nil`, as pandas reads it as NaN; anything else must convert to `Wrapped`.
///
///     let temperatures = try table.column("temp", as: Float?.self)   // [0.24, nil, 0.22, …]
extension Optional: CSVField where Wrapped: CSVField {
    public static var expected: String { "\(Wrapped.expected), or empty for a missing value" }

    public init?(csvField bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.trimmingBlanks.isEmpty {
            self = .none
            return
        }
        guard let value = Wrapped(csvField: bytes) else { return nil }
        self = .some(value)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without the spaces and tabs around them.
    fileprivate var trimmingBlanks: Slice<Self> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[0..<0]
        }
        return self[first...last]
    }
}

/// A plain decimal number, `[+-]digits[.digits][(e|E)[+-]digits]` with digits on at least one
/// side of the point, taken apart as `±significand × 10^exponent`.
private struct DecimalText {
    let text: Slice<UnsafeBufferPointer<UInt8>>
    let negative: Bool
    /// The digits as one integer; nil when it would not fit in 64 bits.
    let significand: UInt64?
    let exponent: Int

    /// Nil unless the trimmed bytes are a plain decimal number.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = bytes.trimmingBlanks
        var i = text.startIndex
        /// Steps over `a` (or `b`) when it comes next.
        func skip(_ a: Unicode.Scalar, or b: Unicode.Scalar? = nil) -> Bool {
            guard i < text.endIndex, text[i] == UInt8(ascii: a) || b.map({ text[i] == UInt8(ascii: $0) }) == true else {
                return false
            }
            i += 1
            return true
        }
        /// Reads digits, folding them into `value` while it fits; returns how many it read.
        func digits(into value: inout UInt64?) -> Int {
            let start = i
            while i < text.endIndex, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
                if let before = value {
                    let (times10, overflow) = before.multipliedReportingOverflow(by: 10)
                    let (sum, carry) = times10.addingReportingOverflow(UInt64(text[i] - UInt8(ascii: "0")))
                    value = overflow || carry ? nil : sum
                }
                i += 1
            }
            return i - start
        }
        let negative = i < text.endIndex && text[i] == UInt8(ascii: "-")
        _ = skip("+", or: "-")
        var significand: UInt64? = 0
        var count = digits(into: &significand)
        var exponent = 0
        if skip(".") {
            let fraction = digits(into: &significand)
            count += fraction
            exponent -= fraction
        }
        guard count > 0 else { return nil }
        if skip("e", or: "E") {
            let negativeExponent = i < text.endIndex && text[i] == UInt8(ascii: "-")
            _ = skip("+", or: "-")
            var power: UInt64? = 0
            guard digits(into: &power) > 0 else { return nil }
            let magnitude = Int(min(power ?? .max, 1 << 32))
            exponent += negativeExponent ? -magnitude : magnitude
        }
        guard i == text.endIndex else { return nil }
        self.text = text
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// The value rounded to `F`, or nil when it overflows to infinity.
    ///
    /// Clinger's fast path: when the significand and 10^|exponent| are both exact in `F`,
    /// one multiplication or division rounds correctly (`3.5` is 35 / 10). 10^k is exact
    /// while 5^k fits in the significand: k ≤ 22 for `Double`, k ≤ 10 for `Float`. Other
    /// numbers go to the C library's correctly rounded `strtod`/`strtof`.
    func value<F: BinaryFloatingPoint & LosslessStringConvertible>(as type: F.Type) -> F? {
        let largestExactPower = F.significandBitCount >= Double.significandBitCount ? 22 : 10
        if let significand, significand >> (F.significandBitCount + 1) == 0, abs(exponent) <= largestExactPower {
            var power: F = 1
            for _ in 0..<abs(exponent) { power *= 10 }
            let magnitude = exponent < 0 ? F(significand) / power : F(significand) * power
            return negative ? -magnitude : magnitude
        }
        guard let value = F(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
