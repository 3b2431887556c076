/// GIF's flavour of Lempel–Ziv–Welch compression: pixels (palette indices) in,
/// variable-width codes packed least-significant bit first out.
///
/// The code table starts with one code per index, then the *clear* code
/// (`1 << minimumCodeSize`) and the *end* code (one more). Each time the input
/// extends a known string by one index, the longer string gets the next free code.
/// Codes start `minimumCodeSize + 1` bits wide and grow a bit whenever the table
/// outgrows the width, up to 12 bits; when all 4096 codes are taken the encoder sends
/// a clear code and starts a fresh table, exactly as the decoder will.
public enum LZW {
    static let maximumCodeWidth = 12
    static let tableSize = 1 << maximumCodeWidth

    /// The compressed bytes of `indices`, each of which must be below
    /// `1 << minimumCodeSize` (2…8 bits, GIF's range).
    public static func encode(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        guard (2...8).contains(minimumCodeSize) else {
            fatalError("LZW.encode: minimum code size \(minimumCodeSize) is outside GIF's 2…8")
        }
        let clear = 1 << minimumCodeSize, end = clear + 1
        if let bad = indices.first(where: { Int($0) >= clear }) {
            fatalError("LZW.encode: index \(bad) needs more than \(minimumCodeSize) bits")
        }
        var writer = BitWriter()
        // The table maps (code of a string, next index) to the code of the longer string.
        var table: [Int: Int] = [:]
        var width = minimumCodeSize + 1, next = end + 1
        writer.write(clear, width: width)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(end, width: width)
            return writer.finish()
        }
        for index in indices.dropFirst() {
            let key = prefix << 8 | Int(index)
            if let code = table[key] {
                prefix = code
                continue
            }
            writer.write(prefix, width: width)
            table[key] = next
            next += 1
            if next > 1 << width && width < maximumCodeWidth { width += 1 }
            if next == tableSize {
                writer.write(clear, width: width)
                table.removeAll(keepingCapacity: true)
                width = minimumCodeSize + 1
                next = end + 1
            }
            prefix = Int(index)
        }
        writer.write(prefix, width: width)
        writer.write(end, width: width)
        return writer.finish()
    }
}

/// Packs codes of any width into bytes, least-significant bit first (GIF's order).
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer = 0
    private var count = 0

    mutating func write(_ code: Int, width: Int) {
        buffer |= code << count
        count += width
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    /// The bytes written, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        count = 0
        return bytes
    }
}
