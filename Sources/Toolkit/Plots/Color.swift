/// A colour as 8-bit red, green and blue: what a GIF palette entry holds and what
/// SVG writes as `#rrggbb`.
public struct RGB: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `0xRRGGBB`, as colours are written in CSS and matplotlib.
    public init(hex: UInt32) {
        self.init(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, for SVG attributes.
    public var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Squared distance in RGB space: how a palette picks the nearest colour.
    func distanceSquared(to other: RGB) -> Int {
        let r = Int(red) - Int(other.red), g = Int(green) - Int(other.green), b = Int(blue) - Int(other.blue)
        return r * r + g * g + b * b
    }

    public static let white = RGB(hex: 0xFFFFFF)
    public static let black = RGB(hex: 0x000000)
    /// Axis lines, tick marks and text.
    public static let darkGray = RGB(hex: 0x333333)
    /// Grid lines.
    public static let lightGray = RGB(hex: 0xDDDDDD)

    /// Matplotlib's default colour cycle (`tab10`), so the plots look like the notebook's.
    public static let tab10: [RGB] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { RGB(hex: $0) }
}
