import Foundation

/// An SVG document built element by element: the vector `Canvas` for charts that
/// open in any browser. Every attribute value and text is XML-escaped on the way in,
/// so a movie title like `Monsters, Inc. & <friends>` cannot break the file.
public struct SVGCanvas: Canvas {
    public let width: Double
    public let height: Double
    private var lines: [String] = []
    private var depth = 1

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public var size: (width: Double, height: Double) { (width, height) }

    /// The whole document, ready to write with `writeAtomically`.
    public var document: String {
        precondition(depth == 1, "SVGCanvas.document: a group is still open")
        let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
            + "width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" "
            + "viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">"
        return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", open] + lines + ["</svg>"])
            .joined(separator: "\n") + "\n"
    }

    /// Writes `<name attributes…>text</name>`, or `<name …/>` without text.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        let opening = "<\(name)\(attributeList(attributes))"
        lines.append(indent + (text.map { "\(opening)>\(escapeXML($0))</\(name)>" } ?? "\(opening)/>"))
    }

    /// Wraps what `content` draws in `<g attributes…>`; `content` may add animation
    /// elements (`<animate>`, `<set>`) for the group with `element`.
    public mutating func group(_ attributes: KeyValuePairs<String, String>, content: (inout SVGCanvas) -> Void) {
        lines.append(indent + "<g\(attributeList(attributes))>")
        depth += 1
        content(&self)
        depth -= 1
        lines.append(indent + "</g>")
    }

    public mutating func fill(_ rect: CanvasRect, color: RGB) {
        element("rect", ["x": svgNumber(rect.x), "y": svgNumber(rect.y), "width": svgNumber(rect.width),
                         "height": svgNumber(rect.height), "fill": color.hex])
    }

    public mutating func line(from a: CanvasPoint, to b: CanvasPoint, color: RGB, width: Double) {
        element("line", ["x1": svgNumber(a.x), "y1": svgNumber(a.y), "x2": svgNumber(b.x), "y2": svgNumber(b.y),
                         "stroke": color.hex, "stroke-width": svgNumber(width)])
    }

    public mutating func polyline(_ points: [CanvasPoint], color: RGB, width: Double) {
        element("polyline", ["points": points.map { "\(svgNumber($0.x)),\(svgNumber($0.y))" }.joined(separator: " "),
                             "fill": "none", "stroke": color.hex, "stroke-width": svgNumber(width),
                             "stroke-linejoin": "round"])
    }

    public mutating func circle(center: CanvasPoint, radius: Double, color: RGB) {
        element("circle", ["cx": svgNumber(center.x), "cy": svgNumber(center.y), "r": svgNumber(radius),
                           "fill": color.hex])
    }

    /// The baseline sits 0.35 em below `point`, which centres digits and capitals on it.
    public mutating func text(_ text: String, at point: CanvasPoint, size: Double, anchor: TextAnchor, color: RGB,
                              vertical: Bool) {
        let anchorName = switch anchor {
        case .start: "start"
        case .middle: "middle"
        case .end: "end"
        }
        let x = svgNumber(point.x), y = svgNumber(point.y)
        let baseline = vertical ? svgNumber(point.x + 0.35 * size) : svgNumber(point.y + 0.35 * size)
        if vertical {
            element("text", ["x": baseline, "y": y, "font-size": svgNumber(size), "fill": color.hex,
                             "text-anchor": anchorName, "transform": "rotate(-90 \(baseline) \(y))"], text: text)
        } else {
            element("text", ["x": x, "y": baseline, "font-size": svgNumber(size), "fill": color.hex,
                             "text-anchor": anchorName], text: text)
        }
    }

    /// An estimate: 0.6 em per character, about right for digits in a sans-serif face.
    public func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * 0.6 * size }

    private var indent: String { String(repeating: "  ", count: depth) }

    private func attributeList(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escapeXML($0.value))\"" }.joined()
    }
}

/// `text` with the five characters XML gives meaning to replaced by entities, and
/// control characters (which XML 1.0 forbids even escaped) by U+FFFD.
public func escapeXML(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&apos;"
        case _ where character.isASCII && character.asciiValue! < 0x20
                     && !["\t", "\n", "\r", "\r\n"].contains(character):
            escaped += "\u{FFFD}"
        default: escaped.append(character)
        }
    }
    return escaped
}

/// A coordinate for SVG: at most two decimals, no trailing zeros, no `-0`.
func svgNumber(_ value: Double) -> String {
    precondition(value.isFinite, "SVGCanvas: coordinate \(value) is not finite")
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
}
