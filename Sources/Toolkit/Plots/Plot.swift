import Foundation

/// A chart in the manner of matplotlib's pyplot: axes with ticks and titles, then
/// lines, scatters and straight lines in data coordinates, and a legend.
///
/// ```swift
/// var plot = Plot(x: Axis("learning rate", scale: .log), y: Axis("loss"))
/// plot.plot(learningRates, losses, label: "loss")
/// try writeAtomically(plot.svg(), to: "lr_find.svg")
/// ```
///
/// The same plot draws on any `Canvas`: `svg()` for a browser, `raster()` for a GIF
/// frame (see `PlotAnimation`).
public struct Plot: Sendable {
    /// How a mark looks: its colour, its line width or point radius, and its legend
    /// entry (none when `label` is nil).
    public struct Style: Sendable {
        public var color: RGB
        public var size: Double
        public var label: String?
    }

    /// Something drawn in data coordinates.
    public enum Mark: Sendable {
        /// A line through the points in order; it breaks at points the axes cannot show.
        case line(x: [Double], y: [Double], style: Style)
        /// Dots, each optionally with a text label beside it (`plt.annotate`).
        case points(x: [Double], y: [Double], labels: [String]?, style: Style)
        /// `y = slope·x + intercept` across the whole plot (`plt.axline`).
        case straightLine(slope: Double, intercept: Double, style: Style)
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    /// Size in pixels (SVG user units).
    public var width: Double
    public var height: Double
    /// Text size in pixels; titles are 1.2 times larger, point labels 0.85 times.
    public var fontSize: Double = 12
    public var background: RGB = .white
    public private(set) var marks: [Mark] = []

    public init(title: String = "", x: Axis = Axis(), y: Axis = Axis(), width: Double = 640, height: Double = 480) {
        guard width >= 100, height >= 100 else { fatalError("Plot: size \(width)×\(height) is below 100×100") }
        self.title = title
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A line through (`x[i]`, `y[i]`), like `plt.plot(x, y, label=…)`.
    public mutating func plot(_ x: [Double], _ y: [Double], label: String? = nil, color: RGB? = nil,
                              width: Double = 2) {
        guard x.count == y.count else { fatalError("Plot.plot: \(x.count) x values but \(y.count) y values") }
        marks.append(.line(x: x, y: y, style: style(color, width, label)))
    }

    /// A line through `y` against 0, 1, 2, … (a loss per iteration), like `plt.plot(y)`.
    public mutating func plot(_ y: [Double], label: String? = nil, color: RGB? = nil, width: Double = 2) {
        plot(y.indices.map(Double.init), y, label: label, color: color, width: width)
    }

    /// Dots at (`x[i]`, `y[i]`), like `plt.scatter`; `labels` writes `labels[i]`
    /// beside dot `i` (the lecture's PCA plot of movie titles).
    public mutating func scatter(_ x: [Double], _ y: [Double], labels: [String]? = nil, label: String? = nil,
                                 color: RGB? = nil, radius: Double = 3) {
        guard x.count == y.count, labels.map({ $0.count == x.count }) ?? true else {
            fatalError("Plot.scatter: \(x.count) x values, \(y.count) y values, \(labels?.count ?? x.count) labels")
        }
        marks.append(.points(x: x, y: y, labels: labels, style: style(color, radius, label)))
    }

    /// The straight line `y = slope·x + intercept` across the plot (a curve on a log
    /// axis), like `plt.axline`: the model the SGD lesson fits.
    public mutating func straightLine(slope: Double, intercept: Double, label: String? = nil, color: RGB? = nil,
                                      width: Double = 2) {
        marks.append(.straightLine(slope: slope, intercept: intercept, style: style(color, width, label)))
    }

    /// A style whose colour, unless given, is the next in matplotlib's cycle.
    private func style(_ color: RGB?, _ size: Double, _ label: String?) -> Style {
        Style(color: color ?? RGB.tab10[marks.count % RGB.tab10.count], size: size, label: label)
    }

    /// The plot as an SVG document.
    public func svg() -> String {
        var canvas = SVGCanvas(width: width, height: height)
        draw(on: &canvas)
        return canvas.document
    }

    /// The plot as pixels, text in `BitmapFont`.
    public func raster() -> Raster {
        var canvas = Raster(width: Int(width.rounded()), height: Int(height.rounded()), background: background)
        draw(on: &canvas)
        return canvas
    }

    /// Draws everything: background, axes, marks, legend.
    public func draw<C: Canvas>(on canvas: inout C) {
        let layout = layout(on: canvas, including: [])
        drawAxes(on: &canvas, layout)
        draw(marks, on: &canvas, layout)
        drawLegend(for: marks, on: &canvas, layout)
    }

    // MARK: Layout

    /// Where the data goes on a canvas: the plot area and the ranges of both axes.
    struct Layout {
        let area: CanvasRect
        let xDomain: ClosedRange<Double>
        let yDomain: ClosedRange<Double>
        let x: Axis
        let y: Axis

        /// The canvas position of a data point; non-finite where an axis cannot show it,
        /// which breaks a line there.
        func point(_ u: Double, _ v: Double) -> CanvasPoint {
            guard x.shows(u), y.shows(v) else { return CanvasPoint(x: .nan, y: .nan) }
            return CanvasPoint(x: area.x + x.fraction(u, in: xDomain) * area.width,
                               y: area.maxY - y.fraction(v, in: yDomain) * area.height)
        }
    }

    static let tickLength = 5.0, tickGap = 4.0

    /// The plot area left after room for titles and tick labels, with axis ranges
    /// that cover `marks` and `extra` (an animation's frames share one layout).
    func layout<C: Canvas>(on canvas: C, including extra: [Mark]) -> Layout {
        var xs: [Double] = [], ys: [Double] = []
        for mark in marks + extra {
            switch mark {
            case .line(let u, let v, _), .points(let u, let v, _, _):
                // A point counts only when both axes can show it.
                for (a, b) in zip(u, v) where x.shows(a) && y.shows(b) {
                    xs.append(a)
                    ys.append(b)
                }
            case .straightLine:
                break
            }
        }
        let xDomain = x.domain(for: xs), yDomain = y.domain(for: ys)
        let f = fontSize
        let yLabelWidth = y.ticks(in: yDomain).major.map { canvas.textWidth($0.label, size: f) }.max() ?? 0
        let lastXLabel = x.ticks(in: xDomain).major.last.map { canvas.textWidth($0.label, size: f) } ?? 0
        let left = f * 0.5 + (y.title.isEmpty ? 0 : f * 1.6) + yLabelWidth + Plot.tickLength + Plot.tickGap
        let right = max(f, lastXLabel / 2 + f * 0.5)
        let top = title.isEmpty ? f : f * 2.5
        let bottom = Plot.tickLength + Plot.tickGap + f + (x.title.isEmpty ? 0 : f * 1.6) + f * 0.5
        let area = CanvasRect(x: left, y: top, width: canvas.size.width - left - right,
                              height: canvas.size.height - top - bottom)
        return Layout(area: area, xDomain: xDomain, yDomain: yDomain, x: x, y: y)
    }

    // MARK: Drawing

    /// Background, grid, the box around the plot area, ticks and their labels, titles.
    func drawAxes<C: Canvas>(on canvas: inout C, _ layout: Layout) {
        let area = layout.area, f = fontSize
        canvas.fill(CanvasRect(x: 0, y: 0, width: canvas.size.width, height: canvas.size.height), color: background)
        let xTicks = x.ticks(in: layout.xDomain), yTicks = y.ticks(in: layout.yDomain)
        let xPositions = xTicks.major.map { area.x + x.fraction($0.value, in: layout.xDomain) * area.width }
        let yPositions = yTicks.major.map { area.maxY - y.fraction($0.value, in: layout.yDomain) * area.height }
        for position in xPositions {
            canvas.line(from: CanvasPoint(x: position, y: area.y), to: CanvasPoint(x: position, y: area.maxY),
                        color: .lightGray, width: 1)
        }
        for position in yPositions {
            canvas.line(from: CanvasPoint(x: area.x, y: position), to: CanvasPoint(x: area.maxX, y: position),
                        color: .lightGray, width: 1)
        }
        canvas.stroke(area, color: .darkGray, width: 1)
        for (tick, position) in zip(xTicks.major, xPositions) {
            canvas.line(from: CanvasPoint(x: position, y: area.maxY),
                        to: CanvasPoint(x: position, y: area.maxY + Plot.tickLength), color: .darkGray, width: 1)
            canvas.text(tick.label, at: CanvasPoint(x: position, y: area.maxY + Plot.tickLength + Plot.tickGap + f / 2),
                        size: f, anchor: .middle, color: .darkGray, vertical: false)
        }
        for (tick, position) in zip(yTicks.major, yPositions) {
            canvas.line(from: CanvasPoint(x: area.x - Plot.tickLength, y: position),
                        to: CanvasPoint(x: area.x, y: position), color: .darkGray, width: 1)
            canvas.text(tick.label, at: CanvasPoint(x: area.x - Plot.tickLength - Plot.tickGap, y: position),
                        size: f, anchor: .end, color: .darkGray, vertical: false)
        }
        for value in xTicks.minor {
            let position = area.x + x.fraction(value, in: layout.xDomain) * area.width
            canvas.line(from: CanvasPoint(x: position, y: area.maxY),
                        to: CanvasPoint(x: position, y: area.maxY + Plot.tickLength * 0.6), color: .darkGray, width: 1)
        }
        for value in yTicks.minor {
            let position = area.maxY - y.fraction(value, in: layout.yDomain) * area.height
            canvas.line(from: CanvasPoint(x: area.x - Plot.tickLength * 0.6, y: position),
                        to: CanvasPoint(x: area.x, y: position), color: .darkGray, width: 1)
        }
        if !x.title.isEmpty {
            canvas.text(x.title, at: CanvasPoint(x: area.x + area.width / 2, y: canvas.size.height - f),
                        size: f, anchor: .middle, color: .darkGray, vertical: false)
        }
        if !y.title.isEmpty {
            canvas.text(y.title, at: CanvasPoint(x: f, y: area.y + area.height / 2),
                        size: f, anchor: .middle, color: .darkGray, vertical: true)
        }
        if !title.isEmpty {
            canvas.text(title, at: CanvasPoint(x: canvas.size.width / 2, y: f * 1.25),
                        size: f * 1.2, anchor: .middle, color: .black, vertical: false)
        }
    }

    /// `marks`, clipped to the plot area.
    func draw<C: Canvas>(_ marks: [Mark], on canvas: inout C, _ layout: Layout) {
        let area = layout.area
        for mark in marks {
            switch mark {
            case .line(let u, let v, let style):
                let path = zip(u, v).map { layout.point($0, $1) }
                for run in area.inset(by: style.size / 2).clip(path: path) {
                    canvas.polyline(run, color: style.color, width: style.size)
                }
            case .points(let u, let v, let labels, let style):
                for (i, (a, b)) in zip(u, v).enumerated() {
                    let p = layout.point(a, b)
                    guard area.contains(p) else { continue }
                    canvas.circle(center: p, radius: style.size, color: style.color)
                    if let labels {
                        // Up and to the right of the dot, or to the left where it would leave the plot.
                        let size = fontSize * 0.85, offset = style.size + 2
                        let fits = p.x + offset + canvas.textWidth(labels[i], size: size) <= area.maxX
                        canvas.text(labels[i], at: CanvasPoint(x: fits ? p.x + offset : p.x - offset, y: p.y - offset),
                                    size: size, anchor: fits ? .start : .end, color: .darkGray, vertical: false)
                    }
                }
            case .straightLine(let slope, let intercept, let style):
                for run in area.inset(by: style.size / 2).clip(path: straightLinePath(slope, intercept, layout)) {
                    canvas.polyline(run, color: style.color, width: style.size)
                }
            }
        }
    }

    /// Canvas points along `y = slope·x + intercept` over the x range: its two ends on a
    /// linear x axis, 64 points spaced evenly in log x on a log one.
    private func straightLinePath(_ slope: Double, _ intercept: Double, _ layout: Layout) -> [CanvasPoint] {
        let low = layout.xDomain.lowerBound, high = layout.xDomain.upperBound
        let xs = switch x.scale {
        case .linear: [low, high]
        case .log: (0...63).map { low * pow(high / low, Double($0) / 63) }
        }
        return xs.map { layout.point($0, slope * $0 + intercept) }
    }

    /// A box in the plot area's top-right corner naming each labelled mark.
    func drawLegend<C: Canvas>(for marks: [Mark], on canvas: inout C, _ layout: Layout) {
        let entries: [(style: Style, isPoints: Bool)] = marks.compactMap { mark in
            switch mark {
            case .line(_, _, let style), .straightLine(_, _, let style): style.label == nil ? nil : (style, false)
            case .points(_, _, _, let style): style.label == nil ? nil : (style, true)
            }
        }
        guard !entries.isEmpty else { return }
        let f = fontSize, rowHeight = f * 1.5, swatch = f * 2
        let textWidth = entries.map { canvas.textWidth($0.style.label!, size: f) }.max()!
        let box = CanvasRect(x: layout.area.maxX - f * 0.5 - (swatch + textWidth + f * 1.5), y: layout.area.y + f * 0.5,
                             width: swatch + textWidth + f * 1.5, height: rowHeight * Double(entries.count) + f * 0.5)
        canvas.fill(box, color: background)
        canvas.stroke(box, color: .lightGray, width: 1)
        for (i, entry) in entries.enumerated() {
            let middle = box.y + f * 0.25 + rowHeight * (Double(i) + 0.5)
            let start = box.x + f * 0.5
            if entry.isPoints {
                canvas.circle(center: CanvasPoint(x: start + swatch / 2, y: middle), radius: entry.style.size,
                              color: entry.style.color)
            } else {
                canvas.line(from: CanvasPoint(x: start, y: middle), to: CanvasPoint(x: start + swatch, y: middle),
                            color: entry.style.color, width: entry.style.size)
            }
            canvas.text(entry.style.label!, at: CanvasPoint(x: start + swatch + f * 0.5, y: middle), size: f,
                        anchor: .start, color: .darkGray, vertical: false)
        }
    }

    /// A line of text in the plot area's top-left corner (an animation frame's caption).
    func drawCaption<C: Canvas>(_ caption: String, on canvas: inout C, _ layout: Layout) {
        guard !caption.isEmpty else { return }
        canvas.text(caption, at: CanvasPoint(x: layout.area.x + fontSize * 0.6, y: layout.area.y + fontSize),
                    size: fontSize, anchor: .start, color: .black, vertical: false)
    }
}
