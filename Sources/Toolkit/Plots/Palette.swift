/// Up to 256 colours that an indexed image's pixels point into: a GIF's colour table.
public struct Palette: Equatable, Sendable {
    public let colors: [RGB]

    /// A palette of 1 to 256 colours (GIF's limit: an index is one byte).
    public init(_ colors: [RGB]) {
        guard (1...256).contains(colors.count) else {
            fatalError("Palette: \(colors.count) colours, but a palette holds 1 to 256")
        }
        self.colors = colors
    }

    /// The index of the palette colour closest to `color` (squared RGB distance; the
    /// first one on ties), so an RGB drawing can be stored as palette indices.
    public func nearestIndex(to color: RGB) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for (i, candidate) in colors.enumerated() {
            let distance = candidate.distanceSquared(to: color)
            if distance < bestDistance { (best, bestDistance) = (i, distance) }
        }
        return UInt8(best)
    }

    /// Each pixel of `raster` as the index of its nearest palette colour.
    public func indices(of raster: Raster) -> [UInt8] {
        var cache: [RGB: UInt8] = [:]
        return raster.pixels.map { color in
            if let index = cache[color] { return index }
            let index = nearestIndex(to: color)
            cache[color] = index
            return index
        }
    }

    /// The colours of `rasters` exactly when there are at most 256 of them (a plot
    /// drawn without anti-aliasing has a handful), otherwise the 216-colour `webSafe`
    /// cube. Colours are listed in order of first appearance, so the result is stable.
    public static func fitting(_ rasters: [Raster]) -> Palette {
        var seen = Set<RGB>(), colors: [RGB] = []
        for raster in rasters {
            for color in raster.pixels where seen.insert(color).inserted {
                colors.append(color)
                if colors.count > 256 { return webSafe }
            }
        }
        return Palette(colors.isEmpty ? [.white] : colors)
    }

    /// The 6×6×6 cube of levels 0, 51, …, 255: a fallback palette for any picture.
    public static let webSafe: Palette = {
        let levels: [UInt8] = [0, 51, 102, 153, 204, 255]
        return Palette(levels.flatMap { r in levels.flatMap { g in levels.map { b in RGB(r, g, b) } } })
    }()
}
