import Foundation

/// A plot whose marks change frame by frame over a still background: the SGD
/// lesson's line `y = a·x + b` settling onto its scatter of points.
///
/// ```swift
/// var animation = PlotAnimation(plot: scatterPlot, delay: 20)
/// for frame in 0..<20 {
///     // … 30 SGD updates of a and b …
///     animation.addFrame(caption: "step \(30 * (frame + 1))") { $0.straightLine(slope: a, intercept: b) }
/// }
/// try animation.gif().write(to: "sgd.gif")
/// try writeAtomically(animation.svg(), to: "sgd.svg")
/// ```
///
/// All frames share one layout, so the axes stay put. The GIF draws each frame in
/// full; the SVG draws the background once and shows one frame group at a time with
/// SMIL `<animate>` on `visibility`, looping forever.
public struct PlotAnimation: Sendable {
    /// What one frame adds to the background.
    public struct Frame: Sendable {
        public var marks: [Plot.Mark]
        public var caption: String
    }

    /// The axes and the marks that stay still.
    public let plot: Plot
    /// How long each frame shows, in hundredths of a second.
    public let delay: Int
    public private(set) var frames: [Frame] = []

    public init(plot: Plot, delay: Int = 10) {
        guard delay > 0 else { fatalError("PlotAnimation: delay \(delay) must be positive") }
        self.plot = plot
        self.delay = delay
    }

    /// Adds a frame: `draw` gets the still plot and adds this frame's marks to it
    /// (colours continue the still plot's cycle); `caption` goes top left.
    public mutating func addFrame(caption: String = "", _ draw: (inout Plot) -> Void) {
        var frame = plot
        draw(&frame)
        frames.append(Frame(marks: Array(frame.marks.dropFirst(plot.marks.count)), caption: caption))
    }

    /// The animation as a looping GIF, one full raster per frame.
    public func gif() -> AnimatedGIF {
        guard !frames.isEmpty else { fatalError("PlotAnimation.gif: no frames") }
        var still = Raster(width: Int(plot.width.rounded()), height: Int(plot.height.rounded()),
                           background: plot.background)
        let layout = plot.layout(on: still, including: frames.flatMap(\.marks))
        plot.drawAxes(on: &still, layout)
        plot.draw(plot.marks, on: &still, layout)
        let rasters = frames.map { frame in
            var raster = still
            drawMoving(frame, on: &raster, layout)
            return raster
        }
        return AnimatedGIF(rasters: rasters, delay: delay)
    }

    /// The animation as an SVG document with SMIL animation. Viewers that do not
    /// animate (image converters) show the last frame.
    public func svg() -> String {
        guard !frames.isEmpty else { fatalError("PlotAnimation.svg: no frames") }
        var canvas = SVGCanvas(width: plot.width, height: plot.height)
        let layout = plot.layout(on: canvas, including: frames.flatMap(\.marks))
        plot.drawAxes(on: &canvas, layout)
        plot.draw(plot.marks, on: &canvas, layout)
        let count = frames.count, duration = Double(count * delay) / 100
        for (i, frame) in frames.enumerated() {
            canvas.group(["visibility": i == count - 1 ? "visible" : "hidden"]) { group in
                let (values, times) = visibilitySteps(frame: i, of: count)
                group.element("animate", ["attributeName": "visibility", "values": values, "keyTimes": times,
                                          "dur": "\(duration)s", "calcMode": "discrete", "repeatCount": "indefinite"])
                drawMoving(frame, on: &group, layout)
            }
        }
        return canvas.document
    }

    /// A frame's marks, then the legend of still and moving marks, then its caption.
    private func drawMoving<C: Canvas>(_ frame: Frame, on canvas: inout C, _ layout: Plot.Layout) {
        plot.draw(frame.marks, on: &canvas, layout)
        plot.drawLegend(for: plot.marks + frame.marks, on: &canvas, layout)
        plot.drawCaption(frame.caption, on: &canvas, layout)
    }

    /// `values` and `keyTimes` for a discrete animation that makes frame `i` of
    /// `count` visible during [i/count, (i+1)/count) of each loop and hidden otherwise.
    func visibilitySteps(frame i: Int, of count: Int) -> (values: String, keyTimes: String) {
        var steps: [(time: Double, value: String)] = [(0, i == 0 ? "visible" : "hidden")]
        if i > 0 { steps.append((Double(i) / Double(count), "visible")) }
        if i < count - 1 { steps.append((Double(i + 1) / Double(count), "hidden")) }
        return (steps.map(\.value).joined(separator: ";"),
                steps.map { String(format: "%.6g", $0.time) }.joined(separator: ";"))
    }
}
