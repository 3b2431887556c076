import Foundation
import Random
import TestSupport
import Testing
@testable import Toolkit

/// `count` random indices below `limit`, drawn with the project's seeded generator.
private func randomIndices(_ count: Int, below limit: Int, seed: UInt32) -> [UInt8] {
    var generator = MT19937(seed: seed)
    return (0..<count).map { _ in UInt8(generator.interval(limit - 1)) }
}

/// An LZW input, named so the test log shows the name rather than every pixel.
struct LZWCase: CustomTestStringConvertible, Sendable {
    let name: String
    let indices: [UInt8]
    let minimumCodeSize: Int
    var testDescription: String { name }
}

@Test(arguments: [
    LZWCase(name: "empty", indices: [], minimumCodeSize: 2),
    LZWCase(name: "one pixel", indices: [3], minimumCodeSize: 2),
    LZWCase(name: "all zeros (KwKwK codes)", indices: Array(repeating: 0, count: 5000), minimumCodeSize: 2),
    LZWCase(name: "stripes", indices: (0..<4000).map { UInt8($0 / 7 % 4) }, minimumCodeSize: 2),
    LZWCase(name: "random 3-bit", indices: randomIndices(3000, below: 8, seed: 1), minimumCodeSize: 3),
    LZWCase(name: "random 8-bit", indices: randomIndices(40_000, below: 256, seed: 2), minimumCodeSize: 8),
])
func lzwRoundTrips(_ input: LZWCase) throws {
    let compressed = LZW.encode(input.indices, minimumCodeSize: input.minimumCodeSize)
    let (decoded, clears) = try DecodedGIF.lzwDecode(compressed, minimumCodeSize: input.minimumCodeSize)
    #expect(decoded == input.indices)
    #expect(clears >= 1)
}

@Test func lzwResetsTheCodeTableWhenFull() throws {
    let indices = randomIndices(40_000, below: 256, seed: 3)
    let (decoded, clears) = try DecodedGIF.lzwDecode(LZW.encode(indices, minimumCodeSize: 8), minimumCodeSize: 8)
    #expect(decoded == indices)
    // Random bytes add about one code per pixel; 3838 new codes fill the table, so
    // 40 000 pixels need at least ten resets after the opening clear code.
    #expect(clears > 10)
}

@Test func lzwCompressesRepetition() {
    #expect(LZW.encode(Array(repeating: 1, count: 10_000), minimumCodeSize: 2).count < 200)
}

@Test func gifWithGlobalPaletteParsesBack() throws {
    let palette = Palette([.white, .black, RGB(255, 0, 0), RGB(0, 0, 255), RGB(0, 128, 0)])
    var gif = AnimatedGIF(width: 7, height: 5, palette: palette)
    let first = randomIndices(35, below: 5, seed: 4), second = randomIndices(35, below: 5, seed: 5)
    gif.append(GIFFrame(indices: first, width: 7, height: 5, delay: 7))
    gif.append(GIFFrame(indices: second, width: 7, height: 5, delay: 250))
    let decoded = try DecodedGIF([UInt8](gif.encoded()))
    #expect(decoded.version == "GIF89a")
    #expect(decoded.width == 7 && decoded.height == 5)
    // Five colours pad to a table of eight; the padding is black.
    #expect(decoded.globalPalette == palette.colors + Array(repeating: .black, count: 3))
    #expect(decoded.loopCount == 0)
    #expect(decoded.frames.map(\.delay) == [7, 250])
    #expect(decoded.frames.map(\.indices) == [first, second])
    for frame in decoded.frames {
        #expect(frame.left == 0 && frame.top == 0 && frame.width == 7 && frame.height == 5)
        #expect(frame.localPalette == nil)
        #expect(frame.minimumCodeSize == 3)
    }
}

@Test func gifWithLocalPalettesParsesBack() throws {
    let small = Palette([RGB(1, 2, 3), RGB(4, 5, 6), RGB(7, 8, 9)])
    let full = Palette((0..<256).map { RGB(UInt8($0), UInt8(255 - $0), 9) })
    var gif = AnimatedGIF(width: 300, height: 200, palette: nil, loopCount: 3)
    let pixels = [randomIndices(60_000, below: 3, seed: 6), randomIndices(60_000, below: 256, seed: 7)]
    gif.append(GIFFrame(indices: pixels[0], width: 300, height: 200, delay: 10, palette: small))
    gif.append(GIFFrame(indices: pixels[1], width: 300, height: 200, delay: 20, palette: full))
    let decoded = try DecodedGIF([UInt8](gif.encoded()))
    #expect(decoded.globalPalette == nil)
    #expect(decoded.loopCount == 3)
    #expect(decoded.frames.map(\.localPalette) == [small.colors + [.black], full.colors])
    #expect(decoded.frames.map(\.minimumCodeSize) == [2, 8])
    #expect(decoded.frames.map(\.indices) == pixels)
    #expect(decoded.frames[1].clearCodes > 10)
}

@Test func gifWithoutLoopCountHasNoNetscapeBlock() throws {
    var gif = AnimatedGIF(width: 2, height: 1, palette: Palette([.black]), loopCount: nil)
    gif.append(GIFFrame(indices: [0, 0], width: 2, height: 1, delay: 0))
    let bytes = [UInt8](gif.encoded())
    #expect(try DecodedGIF(bytes).loopCount == nil)
    #expect(!String(decoding: bytes, as: UTF8.self).contains("NETSCAPE"))
}

@Test func rastersAreQuantisedToTheNearestPaletteColour() throws {
    var raster = Raster(width: 4, height: 2, background: RGB(250, 250, 250))
    raster[1, 0] = RGB(200, 10, 10)
    raster[2, 1] = RGB(20, 20, 30)
    let palette = Palette([.white, .black, RGB(255, 0, 0)])
    #expect(palette.indices(of: raster) == [0, 2, 0, 0, 0, 0, 1, 0])
    var gif = AnimatedGIF(width: 4, height: 2, palette: palette)
    gif.append(GIFFrame(raster: raster, palette: palette, delay: 5))
    #expect(try DecodedGIF([UInt8](gif.encoded())).frames[0].indices == [0, 2, 0, 0, 0, 0, 1, 0])
}

@Test func rasterAnimationGetsAnExactPalette() throws {
    var first = Raster(width: 20, height: 10), second = Raster(width: 20, height: 10)
    first.line(from: CanvasPoint(x: 0, y: 0), to: CanvasPoint(x: 19, y: 9), color: .black, width: 1)
    second.circle(center: CanvasPoint(x: 10, y: 5), radius: 3, color: RGB.tab10[0])
    let gif = AnimatedGIF(rasters: [first, second], delay: 20)
    // Colours in order of first appearance: the line starts at pixel (0, 0).
    #expect(gif.palette?.colors == [.black, .white, RGB.tab10[0]])
    let decoded = try DecodedGIF([UInt8](gif.encoded()))
    let colors = decoded.globalPalette!
    #expect(decoded.frames.count == 2)
    #expect(decoded.frames[0].indices.map { colors[Int($0)] } == first.pixels)
    #expect(decoded.frames[1].indices.map { colors[Int($0)] } == second.pixels)
}

@Test func gifWritesAtomically() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lesson6-\(getpid())-atomic.gif").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var gif = AnimatedGIF(width: 1, height: 1, palette: Palette([.white]))
    gif.append(GIFFrame(indices: [0], width: 1, height: 1, delay: 1))
    try gif.write(to: path)
    #expect(FileManager.default.contents(atPath: path) == gif.encoded())
}
