import Foundation
import Lessons
import Random
import Tensor
import Testing
import Toolkit

/// The Swift examples of `Docs/Lesson6-RNN.md`, verbatim (`DocsCodeTests` checks that
/// they are), run on the Nietzsche corpus where they read it, and the numbers in their
/// comments checked.
@Suite struct Lesson6RNNExamples {
    /// "Setup", "Three char model", "Our first RNN" and "Multi-output model": the
    /// corpus, then the windows each model trains on.
    @Test(.enabled(if: sharedNietzsche != nil, "Nietzsche not found (scripts/download-data.sh, or set LESSON6_DATA)"))
    func corpusAndWindows() throws {
        let directory = sharedNietzsche!
        let corpus = try CharCorpus(contentsOf: directory.path(of: .nietzsche))  // --data, LESSON6_DATA, ./data
        let length = corpus.count                      // len(text): 600893
        let vocabSize = corpus.vocabulary.count        // 85: "\0" and the 84 distinct characters
        let chars = corpus.vocabulary.characters       // chars, "\0" first
        let indexOfP = corpus.vocabulary.index(of: "P") // char_indices['P']: 40
        let idx = corpus.indices                       // idx[:10]: [40, 42, 29, 30, 25, 27, 29, 1, 1, 1]
        let start = corpus.vocabulary.text(idx.prefix(70))
        // "PREFACE\n\n\nSUPPOSING that Truth is a woman--what then? Is there not gro"
        #expect(length == 600_893)
        #expect(vocabSize == 85)
        #expect(chars.first == "\0" && chars.count == 85)
        #expect(indexOfP == 40)
        #expect(idx.prefix(10) == [40, 42, 29, 30, 25, 27, 29, 1, 1, 1])
        #expect(start == "PREFACE\n\n\nSUPPOSING that Truth is a woman--what then? Is there not gro")

        do {
            let (inputs, targets) = CharWindows.everyThird(idx)   // [200295, 3]: x1, x2, x3 side by side; y: [200295]
            #expect(inputs.shape == [200_295, 3] && targets.shape == [200_295])
        }
        do {
            let (xs, y) = CharWindows.overlapping(idx, steps: 8)       // [600884, 8] and [600884]
            let valIdx = validationIndices(count: idx.count - 8 - 1)   // get_cv_idxs: 120176 rows
            let md = ModelData(TensorDataset(["x": .indices(xs), "y": .indices(y)]),
                               validation: valIdx, batchSize: 512, seed: 0)   // seed: the training rows' shuffle
            #expect(xs.shape == [600_884, 8] && y.shape == [600_884])
            #expect(valIdx.count == 120_176)
            #expect(md.train.dataset.count == 480_708 && md.valid.dataset.count == 120_176)
        }
        do {
            let (xs, ys) = CharWindows.nonOverlapping(idx, steps: 8)   // [75111, 8] each
            #expect(xs.shape == [75_111, 8] && ys.shape == [75_111, 8])
        }
    }

    /// The notes' `t = m(*V(xs))` cells: the first training batch through an untrained
    /// `Char3Model` and `CharRnn`, and the shapes on the way through the RNN.
    @Test(.enabled(if: sharedNietzsche != nil, "Nietzsche not found (scripts/download-data.sh, or set LESSON6_DATA)"))
    func oneBatchThroughTheModels() throws {
        let corpus = try CharCorpus(contentsOf: sharedNietzsche!.path(of: .nietzsche))
        let vocabSize = corpus.vocabulary.count
        var generator = MT19937(seed: 0)

        let m3 = Char3Model(vocabularySize: vocabSize, factors: 42, hidden: 256, generator: &generator)
        let md3 = try CharTask(kind: .char3, corpus: corpus, model: m3, batchSize: 512, bptt: 3, seed: 0)
        var it = md3.data.train.batches()          // it = iter(md.trn_dl)
        let t3 = md3.forward(it.next()!)           // *xs,yt = next(it); t = m(*V(xs)): [512, 85]

        let m = CharRnn(vocabularySize: vocabSize, factors: 42, hidden: 256, generator: &generator)
        let md = try CharTask(kind: .rnn, corpus: corpus, model: m, batchSize: 512, bptt: 8, seed: 0)
        var batches = md.data.train.batches()
        let batch = batches.next()!
        let xs = CharWindows.timeMajor(batch.indices("x"))   // torch.stack(xs): [8, 512]
        let e = m.e(xs)                                      // t = m.e(V(torch.stack(xs))): [8, 512, 42]
        let ht = Tensor.zeros([1, 512, 256])                 // ht = V(torch.zeros(1, 512, n_hidden))
        let (outp, hn) = m.rnn(e, initialState: ht)          // outp, hn = m.rnn(t, ht): [8, 512, 256], [1, 512, 256]
        let t = md.forward(batch)                            // t = m(*V(xs)); t.size(): [512, 85]

        #expect(t3.shape == [512, 85] && t.shape == [512, 85])
        #expect(xs.shape == [8, 512] && e.shape == [8, 512, 42])
        #expect(outp.shape == [8, 512, 256] && hn.shape == [1, 512, 256])
        // Untrained, every character is about as likely as any other: log-probabilities
        // near ln(1/85) = −4.44, as in the notes' printed t (seed 0: Char3Model's from
        // −5.08 to −3.90, mean −4.454; CharRnn's from −5.15 to −3.81, mean −4.456).
        let uniform = Foundation.log(1 / Float(vocabSize))
        for (name, logits) in [("Char3Model", t3), ("CharRnn", t)] {
            let values = logits.scalars, mean = values.reduce(0, +) / Float(values.count)
            #expect(values.allSatisfy { abs($0 - uniform) < 1 } && abs(mean - uniform) < 0.05,
                    "\(name): \(values.min()!) … \(values.max()!), mean \(mean)")
        }
    }

    /// "Stateful models": the lowercased text as 64 streams, read 8 characters at a time.
    @Test(.enabled(if: sharedNietzsche != nil, "Nietzsche not found (scripts/download-data.sh, or set LESSON6_DATA)"))
    func streams() throws {
        let directory = sharedNietzsche!
        let corpus = try CharCorpus(contentsOf: directory.path(of: .nietzsche), lowercase: true)  // --case lower
        let split = Int(0.8 * Double(corpus.count))
        let train = CharStreams(Array(corpus.indices[..<split]), batchSize: 64, bptt: 8)  // first 80%: 938 batches
        let valid = CharStreams(Array(corpus.indices[split...]), batchSize: 64, bptt: 8)  // last 20%: 234 batches
        let (x, y) = train.batch(0)     // x: rows 0..<8 of the [length, 64] streams, y: rows 1..<9
        #expect(corpus.vocabulary.count == 58)
        #expect(train.count == 938 && valid.count == 234)
        #expect(x.shape == [8, 64] && y.shape == [8, 64])
        #expect(Array(x.scalars[64...]) == Array(y.scalars[..<(7 * 64)]), "y is x a character later")
    }

    /// `get_next_n` with an untrained `CharRnn` on a small text: the comments give what
    /// the page's trained models write.
    @Test func generatingText() throws {
        let corpus = CharCorpus(text: "for those who think of the sense of the same thing")
        var generator = MT19937(seed: 0)
        let model = CharRnn(vocabularySize: corpus.vocabulary.count, factors: 4, hidden: 8, generator: &generator)
        let text = try CharGenerator(model: model, vocabulary: corpus.vocabulary).getNextN("for thos", 40)
        // seed 0: "for those of the sense of the sense of the sense"
        // seed 1: "for those are the same the same the same the sam"
        #expect(text.hasPrefix("for thos") && text.unicodeScalars.count == 48, "\(text)")
    }

    /// The sequel's LSTM recipe. It trains for an hour on the corpus, so the test runs it
    /// on a text too short for its 64 streams, and it stops at the data with the reason.
    @Test func lstmRecipeNeedsEnoughText() throws {
        func recipe(_ corpus: CharCorpus) throws {
            var generator = MT19937(seed: 0)
            let model = CharSeqStatefulLSTM(vocabularySize: corpus.vocabulary.count, factors: 42, hidden: 512,
                                            layers: 2, dropout: 0.5, generator: &generator)
            let task = try CharTask(kind: .lstm, corpus: corpus, model: model, batchSize: 64, bptt: 8, seed: 0)
            let learner = Learner(model: model, data: task.data, optimizer: Adam(model.parameters, weightDecay: 1e-5),
                                  forward: task.forward, loss: task.loss)
            try learner.fit(1e-2, 2)                                   // fit(m, md, 2, lo.opt, F.nll_loss)
            try learner.fit(1e-2, 4, cycleLength: 1, cycleMult: 2)     // CosAnneal, cycle_mult=2: 1+2+4+8 epochs
        }
        let error = #expect(throws: CorpusError.self) { try recipe(CharCorpus(text: "for those who think")) }
        #expect(error?.problem.contains("too few for 64 streams") == true, "\(String(describing: error))")
    }
}
