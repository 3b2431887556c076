/// Where text sits horizontally relative to the point it is drawn at.
public enum TextAnchor: Sendable {
    case start, middle, end
}

/// Something a plot can be drawn on: an SVG document (`SVGCanvas`) or a pixel image
/// (`Raster`, for GIF frames). `Plot` draws through this protocol only, so one plot
/// description gives both a browser chart and an animation frame.
public protocol Canvas {
    /// Width and height in pixels.
    var size: (width: Double, height: Double) { get }
    mutating func fill(_ rect: CanvasRect, color: RGB)
    mutating func line(from a: CanvasPoint, to b: CanvasPoint, color: RGB, width: Double)
    /// A connected line through `points` (already clipped by the caller).
    mutating func polyline(_ points: [CanvasPoint], color: RGB, width: Double)
    mutating func circle(center: CanvasPoint, radius: Double, color: RGB)
    /// Text centred vertically on `point`; `vertical` turns it a quarter turn
    /// anticlockwise (a y-axis title), reading bottom to top.
    mutating func text(_ text: String, at point: CanvasPoint, size: Double, anchor: TextAnchor, color: RGB,
                       vertical: Bool)
    /// About how wide `text` is at `size`, for laying out margins and legends.
    func textWidth(_ text: String, size: Double) -> Double
}

extension Canvas {
    /// The four sides of `rect` as lines.
    public mutating func stroke(_ rect: CanvasRect, color: RGB, width: Double) {
        let corners = [CanvasPoint(x: rect.x, y: rect.y), CanvasPoint(x: rect.maxX, y: rect.y),
                       CanvasPoint(x: rect.maxX, y: rect.maxY), CanvasPoint(x: rect.x, y: rect.maxY)]
        polyline(corners + [corners[0]], color: color, width: width)
    }
}
