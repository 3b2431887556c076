import Foundation
import TestSupport
import Testing
@testable import Tensor

/// `GRU` and `LSTM`, one and two layers, against PyTorch
/// (scripts/golden/recurrent_golden.py): parameters, inputs and initial states come
/// from the fixture; outputs, final states and every gradient must match to a
/// relative error of 1e-5.
extension GoldenTests {
    static let recurrent: [String: [String: Entry]] = goldenFixture("recurrent_golden.json")

    /// The weights of `layers` layers as the fixture names them.
    static func recurrentWeights(_ f: [String: Entry], layers: Int, gates: Int) -> [RecurrentWeights] {
        (0..<layers).map { l in
            RecurrentWeights(weightIH: f["weight_ih_l\(l)"]!.tensor, weightHH: f["weight_hh_l\(l)"]!.tensor,
                             biasIH: f["bias_ih_l\(l)"]!.tensor, biasHH: f["bias_hh_l\(l)"]!.tensor,
                             gates: gates, layer: "golden")
        }
    }

    /// Σ w·outputs, as the script's loss.
    static func weightedSum(_ outputs: [Tensor], _ f: [String: Entry]) -> Tensor {
        let terms = outputs.enumerated().map { ($0.element * f["w\($0.offset)"]!.tensor.detached()).sum() }
        return terms.dropFirst().reduce(terms[0], +)
    }

    func expectParameterGradients(_ module: any Module, _ f: [String: Entry],
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, parameter) in module.namedParameters {
            expect(parameter.grad, f["grad_" + name], "grad \(name)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [1, 2]) func gru(layers: Int) {
        let f = Self.recurrent["gru\(layers)"]!
        let gru = GRU(layers: Self.recurrentWeights(f, layers: layers, gates: 3))
        let (x, h0) = (f["x"]!.tensor, f["h0"]!.tensor)
        let (output, hidden) = gru(x, initialState: h0)
        Self.weightedSum([output, hidden], f).backward()
        expect(output, f["out"], "output")
        expect(hidden, f["final0"], "h_n")
        expect(x.grad, f["grad_x"], "grad x")
        expect(h0.grad, f["grad_h0"], "grad h0")
        expectParameterGradients(gru, f)
    }

    @Test(arguments: [1, 2]) func lstm(layers: Int) {
        let f = Self.recurrent["lstm\(layers)"]!
        let lstm = LSTM(layers: Self.recurrentWeights(f, layers: layers, gates: 4))
        let (x, h0, c0) = (f["x"]!.tensor, f["h0"]!.tensor, f["c0"]!.tensor)
        let (output, state) = lstm(x, initialState: LSTM.State(hidden: h0, cell: c0))
        Self.weightedSum([output, state.hidden, state.cell], f).backward()
        expect(output, f["out"], "output")
        expect(state.hidden, f["final0"], "h_n")
        expect(state.cell, f["final1"], "c_n")
        expect(x.grad, f["grad_x"], "grad x")
        expect(h0.grad, f["grad_h0"], "grad h0")
        expect(c0.grad, f["grad_c0"], "grad c0")
        expectParameterGradients(lstm, f)
    }
}
