import Testing
@testable import Toolkit

@Test func linearTicksUseNiceSteps() {
    #expect(Ticks.linear(0...1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.linear(-0.05...1.05) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.linear(0.3...0.7) == [0.3, 0.4, 0.5, 0.6, 0.7])
    #expect(Ticks.linear(7.8...11.3) == [8, 8.5, 9, 9.5, 10, 10.5, 11])
    #expect(Ticks.linear(-130...270) == [-100, 0, 100, 200])
    #expect(Ticks.niceStep(0...300) == 50)
}

@Test func linearLabelsHaveTheStepsDecimals() {
    #expect(Ticks.label(0.4, step: 0.2) == "0.4")
    #expect(Ticks.label(10.5, step: 0.5) == "10.5")
    #expect(Ticks.label(11, step: 0.5) == "11.0")
    #expect(Ticks.label(-100, step: 100) == "-100")
    #expect(Ticks.label(0, step: 0.05) == "0")
    #expect(Ticks.label(2e7, step: 5e6) == "2e+07")
}

@Test func logTicksAreDecades() {
    #expect(Ticks.decades(1e-5...1) == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
    #expect(Ticks.decades(2e-6...0.5) == [1e-5, 1e-4, 1e-3, 1e-2, 1e-1])
    #expect(Ticks.decades(1e-12...1e6).count <= 8)
    #expect(Ticks.decades(1e-12...1e6) == [1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3, 1e6])
    #expect(Ticks.logLabel(1e-5) == "1e-5" && Ticks.logLabel(0.001) == "0.001" && Ticks.logLabel(1) == "1")
    #expect(Ticks.logLabel(1000) == "1000" && Ticks.logLabel(1e4) == "1e4" && Ticks.logLabel(0.05) == "0.05")
}

@Test func narrowLogRangeFallsBackToOneTwoFive() {
    let ticks = Ticks.logarithmic(0.015...0.3)
    #expect(ticks.major == [0.02, 0.05, 0.1, 0.2])
    #expect(ticks.minor == [0.03, 0.04, 0.06, 0.07, 0.08, 0.09, 0.3])
}

@Test func axisDomainsCoverTheDataWithAMargin() {
    #expect(Axis().domain(for: [0, 10]) == -0.5...10.5)
    #expect(Axis().domain(for: [3, 3]) == 2.7...3.3)
    #expect(Axis().domain(for: [.nan, .infinity]) == 0...1)
    #expect(Axis(limits: 0...2).domain(for: [5]) == 0...2)
    let log = Axis(scale: .log).domain(for: [-1, 0, 1e-4, 1])
    #expect(log.lowerBound < 1e-4 && log.lowerBound > 5e-5 && log.upperBound > 1 && log.upperBound < 2)
    #expect(abs(Axis(scale: .log).fraction(1e-2, in: 1e-4...1) - 0.5) < 1e-12)
}
