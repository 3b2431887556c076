import Foundation

/// One picture of an animated GIF: a palette index per pixel, how long it stays on
/// screen, and optionally its own palette.
public struct GIFFrame: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major palette indices, `width * height` of them.
    public var indices: [UInt8]
    /// How long the frame shows, in hundredths of a second (GIF's unit).
    public var delay: Int
    /// The frame's own (local) colour table; nil uses the GIF's global palette.
    public var palette: Palette?

    public init(indices: [UInt8], width: Int, height: Int, delay: Int, palette: Palette? = nil) {
        guard indices.count == width * height else {
            fatalError("GIFFrame: \(indices.count) indices for a \(width)×\(height) frame")
        }
        guard (0...65535).contains(delay) else { fatalError("GIFFrame: delay \(delay) is outside 0…65535") }
        self.width = width
        self.height = height
        self.indices = indices
        self.delay = delay
        self.palette = palette
    }

    /// `raster` with each pixel replaced by its nearest colour in `palette`. With
    /// `local`, the palette travels with this frame; otherwise the GIF's global
    /// palette must be the same one.
    public init(raster: Raster, palette: Palette, delay: Int, local: Bool = false) {
        self.init(indices: palette.indices(of: raster), width: raster.width, height: raster.height, delay: delay,
                  palette: local ? palette : nil)
    }
}

/// A GIF89a animation, written byte by byte: header, logical screen, optional global
/// colour table, the NETSCAPE2.0 looping extension, then per frame a graphic control
/// extension (the delay), an image descriptor, an optional local colour table and
/// the LZW-compressed pixels in sub-blocks of at most 255 bytes.
///
/// The SGD lesson uses it to animate `y = a·x + b` being fitted to a scatter of
/// points, as the lecture's matplotlib animation does.
public struct AnimatedGIF: Sendable {
    public let width: Int
    public let height: Int
    /// The global colour table, used by frames that bring none of their own.
    public let palette: Palette?
    /// How many times to play: 0 loops forever, nil writes no looping extension
    /// (viewers play once).
    public let loopCount: Int?
    public private(set) var frames: [GIFFrame] = []

    public init(width: Int, height: Int, palette: Palette?, loopCount: Int? = 0) {
        guard (1...65535).contains(width), (1...65535).contains(height) else {
            fatalError("AnimatedGIF: size \(width)×\(height) must be 1…65535 on each side")
        }
        if let loopCount, !(0...65535).contains(loopCount) {
            fatalError("AnimatedGIF: loop count \(loopCount) is outside 0…65535")
        }
        self.width = width
        self.height = height
        self.palette = palette
        self.loopCount = loopCount
    }

    /// An animation of `rasters`, each shown for `delay` hundredths of a second, with
    /// one global palette that fits them all (`Palette.fitting`).
    public init(rasters: [Raster], delay: Int, loopCount: Int? = 0) {
        guard let first = rasters.first else { fatalError("AnimatedGIF: no frames") }
        let palette = Palette.fitting(rasters)
        self.init(width: first.width, height: first.height, palette: palette, loopCount: loopCount)
        for raster in rasters { append(GIFFrame(raster: raster, palette: palette, delay: delay)) }
    }

    /// Adds a frame covering the whole screen; its indices must exist in its palette.
    public mutating func append(_ frame: GIFFrame) {
        guard frame.width == width, frame.height == height else {
            fatalError("AnimatedGIF.append: frame \(frames.count) is \(frame.width)×\(frame.height), "
                       + "the screen \(width)×\(height)")
        }
        guard let colors = (frame.palette ?? palette)?.colors.count else {
            fatalError("AnimatedGIF.append: frame \(frames.count) has no palette and the GIF has no global one")
        }
        if let bad = frame.indices.first(where: { Int($0) >= colors }) {
            fatalError("AnimatedGIF.append: frame \(frames.count) uses index \(bad) of a \(colors)-colour palette")
        }
        frames.append(frame)
    }

    /// The file's bytes.
    public func encoded() -> Data {
        var bytes = Array("GIF89a".utf8)
        bytes += littleEndian(width) + littleEndian(height)
        if let palette {
            // Global table present, 8 bits per primary, unsorted, size 2^(n+1).
            bytes += [0x80 | 0x70 | UInt8(tableBits(palette) - 1), 0, 0]
            bytes += colorTable(palette)
        } else {
            bytes += [0x70, 0, 0]
        }
        if let loopCount {
            bytes += [0x21, 0xFF, 11] + Array("NETSCAPE2.0".utf8) + [3, 1] + littleEndian(loopCount) + [0]
        }
        for frame in frames {
            // Graphic control extension: disposal 1 (leave the frame in place), the delay,
            // no transparent colour.
            bytes += [0x21, 0xF9, 4, 1 << 2] + littleEndian(frame.delay) + [0, 0]
            bytes += [0x2C] + littleEndian(0) + littleEndian(0) + littleEndian(width) + littleEndian(height)
            if let local = frame.palette {
                bytes += [0x80 | UInt8(tableBits(local) - 1)] + colorTable(local)
            } else {
                bytes += [0]
            }
            // `append` made sure every frame has a palette, its own or the global one.
            let minimumCodeSize = max(2, tableBits((frame.palette ?? palette)!))
            bytes.append(UInt8(minimumCodeSize))
            let compressed = LZW.encode(frame.indices, minimumCodeSize: minimumCodeSize)
            for start in stride(from: 0, to: compressed.count, by: 255) {
                let block = compressed[start..<min(start + 255, compressed.count)]
                bytes.append(UInt8(block.count))
                bytes += block
            }
            bytes.append(0)
        }
        bytes.append(0x3B)
        return Data(bytes)
    }

    /// Writes the GIF to `path` atomically.
    public func write(to path: String) throws {
        try writeAtomically(encoded(), to: path)
    }

    /// Bits per index for `palette`: the colour table holds 2^bits entries (1…8).
    private func tableBits(_ palette: Palette) -> Int {
        var bits = 1
        while 1 << bits < palette.colors.count { bits += 1 }
        return bits
    }

    /// The palette's colours, padded with black to the table's power-of-two size.
    private func colorTable(_ palette: Palette) -> [UInt8] {
        let padded = palette.colors + Array(repeating: .black, count: (1 << tableBits(palette)) - palette.colors.count)
        return padded.flatMap { [$0.red, $0.green, $0.blue] }
    }

    private func littleEndian(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
}
