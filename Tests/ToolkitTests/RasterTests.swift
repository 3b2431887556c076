import Testing
@testable import Toolkit

private func count(_ color: RGB, in raster: Raster) -> Int { raster.pixels.filter { $0 == color }.count }

@Test func bresenhamLinesHitBothEndsAndOnePixelPerColumn() {
    var raster = Raster(width: 20, height: 10)
    raster.line(from: CanvasPoint(x: 1.5, y: 2.5), to: CanvasPoint(x: 15.5, y: 8.5), color: .black, width: 1)
    #expect(raster[1, 2] == .black && raster[15, 8] == .black)
    #expect(count(.black, in: raster) == 15)
    for x in 1...15 { #expect((0..<10).filter { raster[x, $0] == .black }.count == 1) }
}

@Test func linesAreClippedBeforeTheyAreWalked() {
    var raster = Raster(width: 30, height: 30)
    // A fitted line with a huge slope: clipping makes it 30 steps, not 10¹² of them.
    raster.line(from: CanvasPoint(x: 10, y: -1e12), to: CanvasPoint(x: 10.000001, y: 1e12), color: .black, width: 1)
    #expect(count(.black, in: raster) == 30)
    raster.line(from: CanvasPoint(x: -50, y: -50), to: CanvasPoint(x: -10, y: 100), color: .black, width: 1)
    #expect(count(.black, in: raster) == 30)
}

@Test func thickLinesAndDiscs() {
    var raster = Raster(width: 20, height: 20)
    raster.circle(center: CanvasPoint(x: 10.5, y: 10.5), radius: 3, color: .black)
    // Pixel centres within 3 of a pixel centre: the 29 points with i² + j² ≤ 9.
    #expect(count(.black, in: raster) == 29)
    raster.circle(center: CanvasPoint(x: 2.2, y: 2.7), radius: 0.1, color: RGB.tab10[0])
    #expect(raster[2, 2] == RGB.tab10[0])
    var thick = Raster(width: 20, height: 20)
    thick.line(from: CanvasPoint(x: 2.5, y: 10.5), to: CanvasPoint(x: 17.5, y: 10.5), color: .black, width: 3)
    #expect((0..<20).filter { thick[10, $0] == .black } == [9, 10, 11])
}

@Test func fillCoversPixelCentresInside() {
    var raster = Raster(width: 10, height: 10)
    raster.fill(CanvasRect(x: 2, y: 3, width: 4, height: 2), color: .black)
    #expect(count(.black, in: raster) == 8)
    #expect(raster[2, 3] == .black && raster[5, 4] == .black && raster[6, 4] == .white)
}

@Test func bitmapTextDrawsGlyphs() {
    var raster = Raster(width: 30, height: 20)
    raster.text("I", at: CanvasPoint(x: 5, y: 10), size: 12, anchor: .start, color: .black, vertical: false)
    // "I": a 3-pixel bar top and bottom and a 5-pixel stem between them.
    #expect(count(.black, in: raster) == 11)
    #expect((0..<20).filter { raster[7, $0] == .black }.count == 7)
    #expect(raster.textWidth("abc", size: 12) == 17 && raster.textWidth("abc", size: 24) == 34)
    var vertical = Raster(width: 20, height: 30)
    vertical.text("I", at: CanvasPoint(x: 10, y: 5), size: 12, anchor: .end, color: .black, vertical: true)
    // Turned a quarter: the stem is now a row.
    #expect((0..<20).filter { vertical[$0, 7] == .black }.count == 7)
    #expect(BitmapFont.rows(of: "é") == BitmapFont.box)
}

@Test func clippingSegmentsAndPaths() throws {
    let box = CanvasRect(x: 0, y: 0, width: 10, height: 10)
    let (a, b) = try #require(box.clip(CanvasPoint(x: -5, y: 5), CanvasPoint(x: 15, y: 5)))
    #expect(a == CanvasPoint(x: 0, y: 5) && b == CanvasPoint(x: 10, y: 5))
    #expect(box.clip(CanvasPoint(x: -5, y: -5), CanvasPoint(x: -1, y: 20)) == nil)
    #expect(box.clip(CanvasPoint(x: .nan, y: 1), CanvasPoint(x: 2, y: 2)) == nil)
    let path = [CanvasPoint(x: 1, y: 1), CanvasPoint(x: 2, y: 2), CanvasPoint(x: 20, y: 2), CanvasPoint(x: 3, y: 3),
                CanvasPoint(x: .nan, y: 0), CanvasPoint(x: 4, y: 4), CanvasPoint(x: 5, y: 5)]
    #expect(box.clip(path: path).map(\.count) == [3, 2, 2])
}
