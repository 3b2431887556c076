/// An RGB image in memory, drawn on with plain integer algorithms (Bresenham lines,
/// filled discs, a bitmap font) and no anti-aliasing, so a frame has only the few
/// colours it was drawn with and fits a GIF palette exactly.
///
/// Pixel (x, y) covers the square [x, x+1) × [y, y+1); y grows downwards.
public struct Raster: Canvas, Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major: pixel (x, y) is `pixels[y * width + x]`.
    public var pixels: [RGB]

    public init(width: Int, height: Int, background: RGB = .white) {
        guard width > 0, height > 0, width <= 65535, height <= 65535 else {
            fatalError("Raster: size \(width)×\(height) must be 1…65535 on each side")
        }
        self.width = width
        self.height = height
        pixels = Array(repeating: background, count: width * height)
    }

    public subscript(x: Int, y: Int) -> RGB {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height,
                         "Raster: pixel (\(x), \(y)) outside \(width)×\(height)")
            return pixels[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height,
                         "Raster: pixel (\(x), \(y)) outside \(width)×\(height)")
            pixels[y * width + x] = newValue
        }
    }

    /// Sets a pixel if it is inside the image; drawing past the edge is not an error.
    mutating func set(_ x: Int, _ y: Int, _ color: RGB) {
        if x >= 0 && x < width && y >= 0 && y < height { pixels[y * width + x] = color }
    }

    var bounds: CanvasRect { CanvasRect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    public var size: (width: Double, height: Double) { (Double(width), Double(height)) }

    /// Every pixel whose centre lies in `rect`.
    public mutating func fill(_ rect: CanvasRect, color: RGB) {
        let x0 = max(0, Int((rect.x - 0.5).rounded(.up))), x1 = min(width - 1, Int((rect.maxX - 0.5).rounded(.down)))
        let y0 = max(0, Int((rect.y - 0.5).rounded(.up))), y1 = min(height - 1, Int((rect.maxY - 0.5).rounded(.down)))
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 { pixels[y * width + x] = color }
        }
    }

    /// Bresenham's line between the pixels holding `a` and `b`, clipped to the image
    /// first; wider than 1.5 pixels, each step stamps a disc of that diameter.
    public mutating func line(from a: CanvasPoint, to b: CanvasPoint, color: RGB, width lineWidth: Double) {
        let margin = lineWidth
        let area = CanvasRect(x: -margin, y: -margin, width: Double(width) + 2 * margin,
                              height: Double(height) + 2 * margin)
        guard let (a, b) = area.clip(a, b) else { return }
        var x = Int(a.x.rounded(.down)), y = Int(a.y.rounded(.down))
        let x1 = Int(b.x.rounded(.down)), y1 = Int(b.y.rounded(.down))
        let dx = abs(x1 - x), dy = -abs(y1 - y)
        let stepX = x < x1 ? 1 : -1, stepY = y < y1 ? 1 : -1
        var error = dx + dy
        while true {
            if lineWidth > 1.5 {
                circle(center: CanvasPoint(x: Double(x) + 0.5, y: Double(y) + 0.5), radius: lineWidth / 2, color: color)
            } else {
                set(x, y, color)
            }
            if x == x1 && y == y1 { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x += stepX }
            if twice <= dx { error += dx; y += stepY }
        }
    }

    public mutating func polyline(_ points: [CanvasPoint], color: RGB, width lineWidth: Double) {
        for (a, b) in zip(points, points.dropFirst()) { line(from: a, to: b, color: color, width: lineWidth) }
    }

    /// Every pixel whose centre is within `radius` of `center`; at least the pixel
    /// holding `center`, so a tiny point still shows.
    public mutating func circle(center: CanvasPoint, radius: Double, color: RGB) {
        guard center.x.isFinite, center.y.isFinite else { return }
        set(Int(center.x.rounded(.down)), Int(center.y.rounded(.down)), color)
        let x0 = max(0, Int((center.x - radius).rounded(.down)))
        let x1 = min(width - 1, Int((center.x + radius).rounded(.up)))
        let y0 = max(0, Int((center.y - radius).rounded(.down)))
        let y1 = min(height - 1, Int((center.y + radius).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let u = Double(x) + 0.5 - center.x, v = Double(y) + 0.5 - center.y
                if u * u + v * v <= radius * radius { pixels[y * width + x] = color }
            }
        }
    }

    /// `BitmapFont` glyphs, scaled by a whole number: 1 up to size 23, 2 up to 35, ….
    public mutating func text(_ text: String, at point: CanvasPoint, size: Double, anchor: TextAnchor, color: RGB,
                              vertical: Bool) {
        let scale = Raster.fontScale(size)
        let length = Int(textWidth(text, size: size))
        let start = switch anchor {
        case .start: 0
        case .middle: -length / 2
        case .end: -length
        }
        let top = -BitmapFont.glyphHeight * scale / 2
        let originX = Int(point.x.rounded()), originY = Int(point.y.rounded())
        for (i, character) in text.enumerated() {
            for (row, bits) in BitmapFont.rows(of: character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> column) != 0 {
                    // (along, across): the pixel's offset along the text and down across it.
                    let along = start + (i * BitmapFont.advance + column) * scale
                    let across = top + row * scale
                    for u in 0..<scale {
                        for v in 0..<scale {
                            if vertical {
                                set(originX + across + v, originY - along - u - 1, color)
                            } else {
                                set(originX + along + u, originY + across + v, color)
                            }
                        }
                    }
                }
            }
        }
    }

    public func textWidth(_ text: String, size: Double) -> Double {
        Double(max(0, text.count * BitmapFont.advance - 1) * Raster.fontScale(size))
    }

    static func fontScale(_ size: Double) -> Int { max(1, Int((size / 12).rounded(.down))) }
}
