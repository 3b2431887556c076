import Toolkit

/// A small GIF reader for the tests: it parses what `AnimatedGIF` writes back into
/// its parts, independently of the encoder, so a round trip checks the bytes.
public struct DecodedGIF {
    public struct Frame {
        public var left = 0, top = 0, width = 0, height = 0
        /// Hundredths of a second, from the graphic control extension.
        public var delay = 0
        public var disposal = 0
        public var localPalette: [RGB]?
        public var minimumCodeSize = 0
        public var indices: [UInt8] = []
        /// How many clear codes the LZW stream held (the first one included).
        public var clearCodes = 0
    }

    public var version = ""
    public var width = 0, height = 0
    public var globalPalette: [RGB]?
    public var loopCount: Int?
    public var frames: [Frame] = []

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ bytes: [UInt8]) throws {
        var reader = Reader(bytes: bytes)
        version = String(decoding: try reader.take(6), as: UTF8.self)
        guard version == "GIF89a" else { throw Failure(description: "header is '\(version)'") }
        width = try reader.uint16()
        height = try reader.uint16()
        let packed = try reader.byte()
        _ = try reader.take(2)
        if packed & 0x80 != 0 { globalPalette = try reader.palette(bits: Int(packed & 7) + 1) }
        var pending = Frame()
        while true {
            switch try reader.byte() {
            case 0x21:
                let label = try reader.byte()
                let blocks = try reader.subBlocks()
                if label == 0xF9 {
                    guard blocks.count == 1, blocks[0].count == 4 else {
                        throw Failure(description: "bad control block")
                    }
                    pending.disposal = Int(blocks[0][0] >> 2 & 7)
                    pending.delay = Int(blocks[0][1]) | Int(blocks[0][2]) << 8
                } else if label == 0xFF, blocks.first.map({ String(decoding: $0, as: UTF8.self) }) == "NETSCAPE2.0" {
                    guard blocks.count == 2, blocks[1].count == 3, blocks[1][0] == 1 else {
                        throw Failure(description: "bad NETSCAPE2.0 block")
                    }
                    loopCount = Int(blocks[1][1]) | Int(blocks[1][2]) << 8
                }
            case 0x2C:
                var frame = pending
                frame.left = try reader.uint16()
                frame.top = try reader.uint16()
                frame.width = try reader.uint16()
                frame.height = try reader.uint16()
                let packed = try reader.byte()
                if packed & 0x80 != 0 { frame.localPalette = try reader.palette(bits: Int(packed & 7) + 1) }
                frame.minimumCodeSize = Int(try reader.byte())
                let data = try reader.subBlocks().flatMap { $0 }
                (frame.indices, frame.clearCodes) = try DecodedGIF.lzwDecode(
                    data, minimumCodeSize: frame.minimumCodeSize)
                guard frame.indices.count == frame.width * frame.height else {
                    throw Failure(description: "frame \(frames.count): \(frame.indices.count) pixels decoded, "
                                  + "expected \(frame.width * frame.height)")
                }
                frames.append(frame)
                pending = Frame()
            case 0x3B:
                guard reader.position == bytes.count else { throw Failure(description: "bytes after the trailer") }
                return
            case let other:
                throw Failure(description: "unexpected block 0x\(String(other, radix: 16)) at \(reader.position - 1)")
            }
        }
    }

    /// Textbook GIF LZW decoding: a table of strings, codes read least-significant bit
    /// first, the width growing when the table fills it, and the KwKwK case (a code
    /// that is about to be defined).
    public static func lzwDecode(_ data: [UInt8], minimumCodeSize: Int) throws -> ([UInt8], Int) {
        let clear = 1 << minimumCodeSize, end = clear + 1
        let initial = (0..<clear).map { [UInt8($0)] } + [[], []]
        var table = initial, width = minimumCodeSize + 1
        var previous: [UInt8]?
        var output: [UInt8] = [], clears = 0
        var bit = 0
        while true {
            guard bit + width <= data.count * 8 else {
                throw Failure(description: "LZW data ended without an end code")
            }
            var code = 0
            for i in 0..<width where data[(bit + i) / 8] >> ((bit + i) % 8) & 1 != 0 { code |= 1 << i }
            bit += width
            if code == clear {
                (table, width, previous) = (initial, minimumCodeSize + 1, nil)
                clears += 1
                continue
            }
            if code == end { return (output, clears) }
            let entry: [UInt8]
            if code < table.count {
                entry = table[code]
            } else if code == table.count, let previous {
                entry = previous + [previous[0]]
            } else {
                throw Failure(description: "LZW code \(code) with a table of \(table.count)")
            }
            output += entry
            if let previous, table.count < 4096 { table.append(previous + [entry[0]]) }
            if table.count == 1 << width && width < 12 { width += 1 }
            previous = entry
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw Failure(description: "file ends at \(position)") }
            position += 1
            return bytes[position - 1]
        }

        mutating func take(_ count: Int) throws -> [UInt8] {
            guard position + count <= bytes.count else { throw Failure(description: "file ends at \(position)") }
            position += count
            return Array(bytes[position - count..<position])
        }

        mutating func uint16() throws -> Int { Int(try byte()) | Int(try byte()) << 8 }

        mutating func palette(bits: Int) throws -> [RGB] {
            let raw = try take(3 << bits)
            return stride(from: 0, to: raw.count, by: 3).map { RGB(raw[$0], raw[$0 + 1], raw[$0 + 2]) }
        }

        mutating func subBlocks() throws -> [[UInt8]] {
            var blocks: [[UInt8]] = []
            while true {
                let count = Int(try byte())
                if count == 0 { return blocks }
                blocks.append(try take(count))
            }
        }
    }
}
