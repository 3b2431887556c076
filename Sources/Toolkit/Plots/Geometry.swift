/// A position on a canvas, in pixels from the top-left corner (y grows downwards, as
/// in SVG and in image rows).
public struct CanvasPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle on a canvas: a plot area, a legend box, a clip region.
public struct CanvasRect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// This rectangle shrunk by `amount` on every side: a thick line clipped to it
    /// stays inside this one.
    public func inset(by amount: Double) -> CanvasRect {
        CanvasRect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }

    public func contains(_ p: CanvasPoint) -> Bool {
        p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY
    }

    /// The pieces of the path through `points` that lie inside this rectangle: the
    /// path breaks at each non-finite point (a loss that blew up) and where it leaves.
    public func clip(path points: [CanvasPoint]) -> [[CanvasPoint]] {
        var runs: [[CanvasPoint]] = [], run: [CanvasPoint] = []
        for (a, b) in zip(points, points.dropFirst()) {
            guard let (start, end) = clip(a, b) else { continue }
            if run.last != start {
                if run.count > 1 { runs.append(run) }
                run = [start]
            }
            run.append(end)
        }
        if run.count > 1 { runs.append(run) }
        return runs
    }

    /// The part of the segment `a`–`b` inside this rectangle, or nil if none
    /// (Liang–Barsky clipping). Both renderers clip with it, so a fitted line with a
    /// huge slope costs no more to draw than one that stays inside the plot.
    public func clip(_ a: CanvasPoint, _ b: CanvasPoint) -> (CanvasPoint, CanvasPoint)? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, leave = 1.0
        // Each edge as (p, q): the segment is inside that edge where t·p ≤ q.
        for (p, q) in [(-dx, a.x - x), (dx, maxX - a.x), (-dy, a.y - y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else if p < 0 {
                enter = max(enter, q / p)
            } else {
                leave = min(leave, q / p)
            }
        }
        guard enter <= leave else { return nil }
        return (CanvasPoint(x: a.x + enter * dx, y: a.y + enter * dy),
                CanvasPoint(x: a.x + leave * dx, y: a.y + leave * dy))
    }
}
