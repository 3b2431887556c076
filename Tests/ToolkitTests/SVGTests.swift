import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Random
import TestSupport
import Testing
@testable import Toolkit

/// A learning-rate finder's curve: losses over learning rates from 1e-5 to 1.
private func learningRatePlot() -> Plot {
    let rates = (0...50).map { (i: Int) -> Double in pow(10.0, -5 + Double(i) / 10) }
    var plot = Plot(title: "lr_find", x: Axis("learning rate", scale: .log), y: Axis("loss"))
    plot.plot(rates, rates.map { 2 - 0.1 * log10($0) + $0 * $0 }, label: "loss")
    plot.plot(rates, rates.map { 1.5 + $0 }, label: "smoothed")
    return plot
}

@Test func lineChartIsWellFormedSVG() throws {
    let root = try parse(learningRatePlot().svg())
    #expect(root.name == "svg")
    #expect(attribute("width", of: root) == "640" && attribute("height", of: root) == "480")
    // One polyline per series in its colour; the frame and the legend box are the other two.
    let polylines = elements("polyline", in: root)
    #expect(polylines.count == 4)
    #expect(polylines.filter { attribute("stroke", of: $0) == RGB.tab10[0].hex }.count == 1)
    #expect(polylines.filter { attribute("stroke", of: $0) == RGB.tab10[1].hex }.count == 1)
    let texts = elements("text", in: root).compactMap(\.stringValue)
    for title in ["lr_find", "learning rate", "loss", "smoothed"] { #expect(texts.contains(title)) }
}

@Test func logAxisTicksSitAtDecadesEvenlySpaced() throws {
    let root = try parse(learningRatePlot().svg())
    let labels = ["1e-5", "1e-4", "0.001", "0.01", "0.1", "1"]
    let texts = elements("text", in: root)
    let positions = try labels.map { label in
        let text = try #require(texts.first { $0.stringValue == label }, "no tick label \(label)")
        return try #require(Double(attribute("x", of: text) ?? ""))
    }
    let gaps = zip(positions, positions.dropFirst()).map { $1 - $0 }
    #expect(gaps.allSatisfy { $0 > 0 && abs($0 - gaps[0]) < 0.02 }, "decade gaps \(gaps)")
    // Minor ticks: 2…9 times each of the five full decades below 1, 2 and 3 above it.
    let ticks = Axis(scale: .log).ticks(in: 1e-5...3.5)
    #expect(ticks.major.map(\.value) == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
    #expect(ticks.minor.count == 5 * 8 + 2)
}

@Test func scatterLabelsAreEscaped() throws {
    let titles = ["Monsters, Inc. & <Friends>", "\"Quoted\" 'film'", "Amélie", "bell\u{7}", "Toy Story (1995)"]
    var plot = Plot(title: "PCA <movies>", x: Axis("component 1"), y: Axis("component 2"))
    plot.scatter([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], labels: titles)
    let svg = plot.svg()
    #expect(svg.contains("Monsters, Inc. &amp; &lt;Friends&gt;"))
    #expect(svg.contains("&quot;Quoted&quot; &apos;film&apos;"))
    #expect(!svg.contains("\u{7}"))
    let root = try parse(svg)
    let texts = elements("text", in: root).compactMap(\.stringValue)
    for title in titles.prefix(3) + ["Toy Story (1995)", "PCA <movies>", "bell\u{FFFD}"] {
        #expect(texts.contains(title), "missing \(title)")
    }
    #expect(elements("circle", in: root).count == 5)
}

@Test func fiftyLabelledMoviesGiveFiftyDotsAndFiftyLabels() throws {
    var generator = MT19937(seed: 5)
    let x = (0..<50).map { _ in generator.standardNormal() }, y = (0..<50).map { _ in generator.standardNormal() }
    let titles = (0..<50).map { "Movie \($0)" }
    var plot = Plot(x: Axis("PC1"), y: Axis("PC2"), width: 800, height: 800)
    plot.scatter(x, y, labels: titles)
    let root = try parse(plot.svg())
    #expect(elements("circle", in: root).count == 50)
    #expect(Set(elements("text", in: root).compactMap(\.stringValue)).isSuperset(of: titles))
}

@Test func lineBreaksWhereTheLossIsNotFinite() throws {
    var plot = Plot(y: Axis("loss"))
    plot.plot([1, 2, 3, .nan, 5, 6, .infinity, 8, 9], color: .black)
    let root = try parse(plot.svg())
    let series = elements("polyline", in: root).filter { attribute("stroke", of: $0) == RGB.black.hex }
    // Three runs: 1–3, 5–6 and 8–9; the y axis ignores NaN and ∞ when choosing its range.
    #expect(series.count == 3)
    #expect(series.map { attribute("points", of: $0)!.split(separator: " ").count } == [3, 2, 2])
}

@Test func logAxisSkipsNonPositiveValues() throws {
    var plot = Plot(x: Axis("lr", scale: .log))
    plot.plot([0, 0.001, 0.01, 0.1], [5, 4, 3, 2], color: .black)
    let root = try parse(plot.svg())
    let series = elements("polyline", in: root).filter { attribute("stroke", of: $0) == RGB.black.hex }
    #expect(series.map { attribute("points", of: $0)!.split(separator: " ").count } == [3])
}

/// The SGD lesson's animation: 50 points, 20 frames of a fitted line.
private func sgdAnimation() -> PlotAnimation {
    var generator = MT19937(seed: 42)
    let x = (0..<50).map { _ in generator.uniform(0, 1) }
    let y = x.map { 3 * $0 + 8 + 0.3 * generator.standardNormal() }
    var plot = Plot(title: "SGD", x: Axis("x"), y: Axis("y"), width: 480, height: 360)
    plot.scatter(x, y, label: "data")
    var animation = PlotAnimation(plot: plot, delay: 20)
    for frame in 0..<20 {
        let a = 1 + 0.1 * Double(frame), b = 9 - 0.05 * Double(frame)
        animation.addFrame(caption: "step \(30 * (frame + 1))") {
            $0.straightLine(slope: a, intercept: b, label: "fit")
        }
    }
    return animation
}

@Test func svgAnimationShowsOneFrameGroupAtATime() throws {
    let root = try parse(sgdAnimation().svg())
    let groups = elements("g", in: root)
    #expect(groups.count == 20)
    #expect(groups.map { attribute("visibility", of: $0) } == Array(repeating: "hidden", count: 19) + ["visible"])
    let animations = groups.map { elements("animate", in: $0) }
    #expect(animations.allSatisfy { $0.count == 1 })
    let first = animations[0][0], middle = animations[5][0], last = animations[19][0]
    #expect(attribute("values", of: first) == "visible;hidden" && attribute("keyTimes", of: first) == "0;0.05")
    #expect(attribute("values", of: middle) == "hidden;visible;hidden"
            && attribute("keyTimes", of: middle) == "0;0.25;0.3")
    #expect(attribute("values", of: last) == "hidden;visible" && attribute("keyTimes", of: last) == "0;0.95")
    #expect(attribute("dur", of: first) == "4.0s" && attribute("repeatCount", of: first) == "indefinite")
    // The 50 points are drawn once, outside the frame groups, plus one legend dot per frame.
    #expect(elements("circle", in: root).count == 50 + 20)
    #expect(groups.map { elements("text", in: $0).compactMap(\.stringValue).last }
            == (1...20).map { "step \(30 * $0)" })
}

@Test func gifAnimationHasOneFramePerStep() throws {
    let gif = sgdAnimation().gif()
    let decoded = try DecodedGIF([UInt8](gif.encoded()))
    #expect(decoded.frames.count == 20)
    #expect(decoded.width == 480 && decoded.height == 360)
    #expect(decoded.frames.allSatisfy { $0.delay == 20 })
    #expect(decoded.loopCount == 0)
    // Without anti-aliasing the frames use only the colours they were drawn with.
    #expect(try #require(decoded.globalPalette).count <= 16)
    #expect(Set(decoded.frames.map(\.indices)).count == 20)
}

@Test func svgNumbersAreShort() {
    #expect(svgNumber(3) == "3" && svgNumber(-0.001) == "0" && svgNumber(2.5) == "2.5" && svgNumber(1.005) == "1")
    #expect(svgNumber(-12.345) == "-12.35" || svgNumber(-12.345) == "-12.34")
}
