import Foundation
import Random
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// Whether `python3` with Pillow (`pip install pillow`) is on the PATH; the test that
/// reads our GIFs with Pillow is skipped without it.
let pillowAvailable: Bool = (try? runPython("import PIL", arguments: []))?.status == 0

func runPython(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// Pillow opens the GIF and reports, as JSON, the frame count, size, loop count and
/// each frame's duration; it writes every frame's RGB pixels, one after another, to
/// the second path.
let pillowScript = """
import json, sys
from PIL import Image, ImageSequence
image = Image.open(sys.argv[1])
durations, pixels = [], bytearray()
for frame in ImageSequence.Iterator(image):
    durations.append(frame.info.get("duration"))
    pixels += frame.convert("RGB").tobytes()
open(sys.argv[2], "wb").write(pixels)
print(json.dumps({"frames": image.n_frames, "size": list(image.size), "loop": image.info.get("loop"),
                  "durations": durations}))
"""

/// What `pillowScript` prints.
struct PillowReport: Decodable {
    let frames: Int
    let size: [Int]
    let loop: Int?
    let durations: [Int?]
}

@Test(.enabled(if: pillowAvailable, "needs python3 with Pillow (pip install pillow)"))
func pillowReadsOurGIF() throws {
    var generator = MT19937(seed: 11)
    let (width, height) = (160, 120)
    let global = Palette((0..<6).map { (i: Int) -> RGB in RGB(UInt8(i * 40), 200, UInt8(255 - i * 40)) })
    let local = Palette((0..<256).map { (i: Int) -> RGB in RGB(UInt8(i), UInt8(i * 7 % 256), UInt8(i * 13 % 256)) })
    var gif = AnimatedGIF(width: width, height: height, palette: global)
    var expected: [RGB] = []
    // A drawn frame, a frame of random global colours, and a frame of random colours
    // from a 256-colour local palette (big enough for several LZW table resets).
    var drawing = Raster(width: width, height: height, background: global.colors[0])
    drawing.line(from: CanvasPoint(x: 3, y: 100), to: CanvasPoint(x: 150, y: 10), color: global.colors[3], width: 3)
    drawing.circle(center: CanvasPoint(x: 80, y: 60), radius: 12, color: global.colors[5])
    gif.append(GIFFrame(raster: drawing, palette: global, delay: 4))
    expected += drawing.pixels
    let random = (0..<width * height).map { _ in UInt8(generator.interval(5)) }
    gif.append(GIFFrame(indices: random, width: width, height: height, delay: 30))
    expected += random.map { global.colors[Int($0)] }
    let colorful = (0..<width * height).map { _ in UInt8(generator.interval(255)) }
    gif.append(GIFFrame(indices: colorful, width: width, height: height, delay: 100, palette: local))
    expected += colorful.map { local.colors[Int($0)] }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson6-pillow-\(getpid())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let gifPath = directory.appendingPathComponent("test.gif").path
    let pixelsPath = directory.appendingPathComponent("pixels.rgb").path
    try gif.write(to: gifPath)
    let (status, output) = try runPython(pillowScript, arguments: [gifPath, pixelsPath])
    try #require(status == 0, "Pillow failed: \(output)")

    let report = try JSONDecoder().decode(PillowReport.self, from: Data(output.utf8))
    #expect(report.frames == 3)
    #expect(report.size == [width, height])
    #expect(report.loop == 0)
    #expect(report.durations == [40, 300, 1000])
    let pixels = try #require(FileManager.default.contents(atPath: pixelsPath))
    #expect(pixels == Data(expected.flatMap { [$0.red, $0.green, $0.blue] }))
}

/// The SGD lesson's animation (`lesson6 sgd`) opens in Pillow: 20 frames of 500×400,
/// 100 ms each, looping.
@Test(.enabled(if: pillowAvailable, "needs python3 with Pillow (pip install pillow)"))
func pillowReadsTheSGDAnimation() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson6-sgd-pillow-\(getpid())")
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(runLesson6(["sgd", "--steps", "20", "--points", "100", "--output", directory.path]) == 0)
    let gifPath = directory.appendingPathComponent("sgd.gif").path
    let (status, output) = try runPython(pillowScript,
                                         arguments: [gifPath, directory.appendingPathComponent("pixels.rgb").path])
    try #require(status == 0, "Pillow failed: \(output)")
    let report = try JSONDecoder().decode(PillowReport.self, from: Data(output.utf8))
    #expect(report.frames == 20)
    #expect(report.size == [500, 400])
    #expect(report.loop == 0)
    #expect(report.durations == Array(repeating: 100, count: 20))
}
